import FactCheckCore
import Foundation
import Postgres

/// A note in a claim's discussion thread.
public struct NoteRecord: Sendable, Codable, Equatable {
    public let id: Int64
    public let claimId: String
    public let body: String
    public let addedBy: String
    public let addedAt: Date
}

/// What one person has to do now (the browser desk's "my work"), as of one moment.
public struct DeskWork: Sendable {
    /// The day (UTC) due dates are measured against.
    public let today: CalendarDate
    /// Open claims assigned to them, most urgent first (reviewers and admins).
    public let assigned: [ClaimRecord]
    /// Claims in review whose verdict someone else proposed, oldest first (reviewers and admins).
    public let awaitingApproval: [ClaimRecord]
    /// Approved claims, ready to publish, oldest first (editors and admins).
    public let toPublish: [ClaimRecord]
    /// Open claims nobody is assigned to, newest first (editors and admins).
    public let unassigned: [ClaimRecord]
    /// Open claims past their due date: those assigned to them, and on the whole desk; each
    /// counted up to `countCap + 1` only (a desk needs "more than a thousand", and the count
    /// stays a bounded index walk on a desk of millions).
    public let overdueMine: Int
    public let overdueDesk: Int
    /// How long each list may be: a list this long may have more behind it.
    public let limit: Int

    public static let countCap = 1000
}

extension ClaimRecord {
    /// Past its due date (before `today`) and neither published nor rejected.
    public func isOverdue(today: CalendarDate) -> Bool {
        guard let due = dueDate, !Workflow.closedStates.contains(state) else { return false }
        return due < today.description
    }
}

extension Store {
    // MARK: Notes

    /// Adds a note to a claim's thread: anyone on the desk may, in every state. Audited on the
    /// claim's stream; the claim's version does not move (a note makes no form stale).
    public func addNote(to number: ClaimNumber, body: String, by actor: Actor) throws -> NoteRecord {
        try Permissions.check(actor, .read)
        return try transaction { conn in
            try self.requireActiveActor(actor, conn)
            guard try conn.query("SELECT 1 FROM claims WHERE id = \(number.value) FOR KEY SHARE").count > 0 else {
                throw StoreError.notFound("no claim \(number)")
            }
            let note = try NoteRecord(row: try conn.query("""
                INSERT INTO claim_notes (desk_id, claim_id, body, added_by)
                VALUES (\(actor.desk), \(number.value), \(body), \(actor.handle))
                RETURNING id, claim_id, body, added_by, added_at
                """).first!)
            try self.audit(conn, actor: actor, action: "note.added", stream: "claim:\(number.value)",
                           claim: number.value, object: "N-\(note.id)", after: AuditPayload(["note": .text(body)]))
            return note
        }
    }

    public func notes(of number: ClaimNumber, by actor: Actor) throws -> [NoteRecord] {
        try read(by: actor) { conn in
            try conn.query("""
                SELECT id, claim_id, body, added_by, added_at FROM claim_notes
                WHERE claim_id = \(number.value) ORDER BY id
                """).map(NoteRecord.init(row:))
        }
    }

    /// The acting user as stored now: a session that outlived a deactivation cannot act.
    func requireActiveActor(_ actor: Actor, _ conn: Connection) throws {
        let active: Bool? = try conn.query("SELECT active FROM users WHERE handle = \(actor.handle)").first?.decode("active")
        guard active == true else {
            throw StoreError.refused(.notPermitted(handle: actor.handle, role: nil, action: .read), claim: nil)
        }
    }

    /// The claim a source belongs to (`C-n`).
    public func claimOfSource(_ number: SourceNumber, by actor: Actor) throws -> String {
        try Permissions.check(actor, .read)
        return try sourceRecord(number.value).claimId
    }

    // MARK: My work

    /// What `actor` has to do now, each list at most `limit` long: for reviewers their open
    /// claims and the proposals of others awaiting a second reviewer; for editors the approved
    /// claims to publish and the open ones nobody is assigned to; an admin sees all four.
    public func work(of actor: Actor, limit: Int = 50) throws -> DeskWork {
        try Permissions.check(actor, .read)
        let reviews = Permissions.allows(actor.role, .approve)
        let publishes = Permissions.allows(actor.role, .publish)
        let me = actor.handle
        return try read { conn in
            try conn.withTransaction(.repeatableRead) { conn in
                let today = CalendarDate(iso: try conn.query("SELECT current_date::text AS d").first!.require("d"))!
                let open: SQL = "c.state NOT IN ('published', 'rejected')"
                func list(_ condition: SQL, _ order: SQL) throws -> [ClaimRecord] {
                    try conn.query("\(Store.claimSelect) WHERE \(condition) ORDER BY \(order) LIMIT \(limit)")
                        .map(ClaimRecord.init(row:))
                }
                let urgency: SQL = """
                    (c.due_on IS NULL), c.due_on, array_position(ARRAY['urgent','high','normal','low'], c.priority), c.id
                    """
                let assigned = reviews ? try list("c.assignee = \(me) AND \(open)", urgency) : []
                let awaiting = reviews ? try list("""
                    c.state = 'in_review' AND EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id
                        AND v.status = 'proposed' AND lower(v.proposed_by) <> lower(\(me)))
                    """, "c.state_changed_at, c.id") : []
                let toPublish = publishes ? try list("c.state = 'approved'", "c.state_changed_at, c.id") : []
                let unassigned = publishes ? try list("c.assignee IS NULL AND \(open)", "c.id DESC") : []
                // Bounded counts, on V0015's partial indexes of open claims.
                func overdue(_ condition: SQL) throws -> Int {
                    try conn.query("""
                        SELECT count(*) AS n FROM (SELECT 1 FROM claims c WHERE \(condition) AND \(open) AND c.due_on < current_date
                                                   LIMIT \(DeskWork.countCap + 1)) overdue
                        """).first!.require("n")
                }
                return DeskWork(today: today, assigned: assigned, awaitingApproval: awaiting, toPublish: toPublish,
                                unassigned: unassigned, overdueMine: try overdue("c.assignee = \(me)"), overdueDesk: try overdue("true"),
                                limit: limit)
            }
        }
    }

    /// Today (UTC) as the database has it, for overdue marks on a list.
    public func today() throws -> CalendarDate {
        try read { conn in CalendarDate(iso: try conn.query("SELECT current_date::text AS d").first!.require("d"))! }
    }
}

extension NoteRecord {
    init(row: Row) throws {
        self.init(id: try row.require("id"), claimId: ClaimNumber(try row.require("claim_id")).description,
                  body: try row.require("body"), addedBy: try row.require("added_by"), addedAt: try row.require("added_at"))
    }
}
