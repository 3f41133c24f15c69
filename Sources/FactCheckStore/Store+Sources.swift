import FactCheckCore
import Foundation
import Postgres

/// Evidence as the reviewer attaches it; validated by the domain.
public struct NewSource: Sendable {
    public var url: String
    public var title: String?
    public var publisher: String?
    public var kind: SourceKind
    public var stance: Stance
    public var accessedOn: CalendarDate?
    public var archivedURL: String?
    public var note: String?
    public init(url: String, title: String? = nil, publisher: String? = nil, kind: SourceKind = .other,
                stance: Stance = .context, accessedOn: CalendarDate? = nil, archivedURL: String? = nil,
                note: String? = nil) {
        self.url = url; self.title = title; self.publisher = publisher; self.kind = kind; self.stance = stance
        self.accessedOn = accessedOn; self.archivedURL = archivedURL; self.note = note
    }
}

extension Store {
    public func addSource(to number: ClaimNumber, _ source: NewSource, by actor: Actor) throws -> SourceRecord {
        try Permissions.check(actor, .addSource)
        var added: Int64 = 0
        _ = try mutateClaim(number) { conn, current in
            try Workflow.checkSourcesEditable(current.state)
            let updated = try self.updateClaim(conn, current)
            added = try conn.query("""
                INSERT INTO sources (desk_id, claim_id, url, title, publisher, kind, stance, accessed_on, archived_url,
                                     note, added_by)
                VALUES (\(actor.desk), \(number.value), \(source.url), \(source.title), \(source.publisher), \(source.kind.rawValue),
                        \(source.stance.rawValue), \(source.accessedOn?.description)::date, \(source.archivedURL),
                        \(source.note), \(actor.handle))
                RETURNING id
                """).first!.require("id")
            try self.audit(conn, actor: actor, action: "source.added", stream: "claim:\(number.value)",
                           claim: number.value, object: SourceNumber(added).description,
                           after: AuditPayload([
                            "url": .text(source.url), "title": .text(source.title), "publisher": .text(source.publisher),
                            "kind": .text(source.kind.rawValue), "stance": .text(source.stance.rawValue),
                            "accessed_on": .text(source.accessedOn?.description), "archived_url": .text(source.archivedURL),
                            "note": .text(source.note),
                           ]))
            return updated
        }
        return try sourceRecord(added)
    }

    public func sources(of number: ClaimNumber, by actor: Actor) throws -> [SourceRecord] {
        try read(by: actor) { conn in
            _ = try claimState(number, conn)
            return try conn.query("\(Store.sourceSelect) WHERE s.claim_id = \(number.value) ORDER BY s.id")
                .map(SourceRecord.init(row:))
        }
    }

    public func retractSource(_ number: SourceNumber, reason: String, by actor: Actor) throws -> SourceRecord {
        try Permissions.check(actor, .retractSource)
        let found = try sourceRecord(number.value)
        guard !found.retracted else { throw StoreError.conflict("\(number) is already retracted") }
        let claim = ClaimNumber(try ClaimNumber(parsing: found.claimId).value)
        _ = try mutateClaim(claim) { conn, current in
            try Workflow.checkSourcesEditable(current.state)
            let updated = try self.updateClaim(conn, current)
            let touched = try conn.run("""
                UPDATE sources SET retracted_at = now(), retracted_by = \(actor.handle), retraction_reason = \(reason)
                WHERE id = \(number.value) AND retracted_at IS NULL
                """)
            guard touched == 1 else { throw StoreError.concurrentChange(number.description) }
            try self.audit(conn, actor: actor, action: "source.retracted", stream: "claim:\(claim.value)",
                           claim: claim.value, object: number.description,
                           before: AuditPayload(["retracted": .text("false")]),
                           after: AuditPayload(["retracted": .text("true"), "reason": .text(reason)]))
            return updated
        }
        return try sourceRecord(number.value)
    }

    func sourceRecord(_ id: Int64) throws -> SourceRecord {
        try read { conn in
            guard let row = try conn.query("\(Store.sourceSelect) WHERE s.id = \(id)").first else {
                throw StoreError.notFound("no source \(SourceNumber(id))")
            }
            return try SourceRecord(row: row)
        }
    }

    static let sourceSelect: SQL = """
        SELECT s.id, s.claim_id, s.url, s.title, s.publisher, s.kind, s.stance, s.accessed_on::text AS accessed_on,
               s.archived_url, s.note, s.added_by, s.added_at, s.retracted_at, s.retracted_by, s.retraction_reason
        FROM sources s
        """
}

extension SourceRecord {
    init(row: Row) throws {
        let id: Int64 = try row.require("id")
        let retractedAt: Date? = try row.decode("retracted_at")
        self.init(id: SourceNumber(id).description, number: id,
                  claimId: ClaimNumber(try row.require("claim_id")).description, url: try row.require("url"),
                  title: try row.decode("title"), publisher: try row.decode("publisher"),
                  kind: SourceKind(rawValue: try row.require("kind")) ?? .other,
                  stance: Stance(rawValue: try row.require("stance")) ?? .context,
                  accessedOn: try row.decode("accessed_on"), archivedUrl: try row.decode("archived_url"),
                  note: try row.decode("note"), addedBy: try row.require("added_by"), addedAt: try row.require("added_at"),
                  retracted: retractedAt != nil, retractedBy: try row.decode("retracted_by"), retractedAt: retractedAt,
                  retractionReason: try row.decode("retraction_reason"))
    }
}
