import FactCheckCore
import Foundation
import Postgres

/// The filters of `audit log`.
public struct AuditFilter: Sendable {
    public var claim: ClaimNumber?
    public var actor: String?
    public var since: CalendarDate?
    public var limit: Int?
    /// Only events after this one (a live stream's `Last-Event-ID`).
    public var afterId: Int64?
    public init(claim: ClaimNumber? = nil, actor: String? = nil, since: CalendarDate? = nil, limit: Int? = nil,
                afterId: Int64? = nil) {
        self.claim = claim; self.actor = actor; self.since = since; self.limit = limit; self.afterId = afterId
    }
}

extension Store {
    public func auditEvents(_ filter: AuditFilter, by actor: Actor) throws -> [AuditEventRecord] {
        try read(by: actor) { conn in
            var parts: [SQL] = ["true"]
            if let claim = filter.claim { parts.append("e.claim_id = \(claim.value)") }
            if let actor = filter.actor { parts.append("e.actor = \(actor)") }
            if let since = filter.since { parts.append("e.occurred_at >= \(since.description)::date") }
            if let after = filter.afterId { parts.append("e.id > \(after)") }
            return try conn.query("""
                \(Store.auditSelect) WHERE \(SQL.joined(parts, separator: " AND "))
                ORDER BY e.id LIMIT \(filter.limit ?? 1_000_000)
                """).map(AuditEventRecord.init(row:))
        }
    }

    /// Recomputes every chain and compares its end with the stored heads. Reports the
    /// earliest event (by id) that was altered, removed or reordered.
    public func verifyAudit(by actor: Actor) throws -> AuditVerification {
        try read(by: actor) { conn in
            try conn.withTransaction(.repeatableRead) { conn in
                var problems: [AuditVerification.Problem] = []
                var heads: [String: (seq: Int64, hash: String)] = [:]
                for row in try conn.query("SELECT stream, seq, hash FROM audit_heads") {
                    heads[try row.require("stream")] = (try row.require("seq"), try row.require("hash"))
                }
                var events = 0
                var last: (stream: String, seq: Int64, hash: String, id: Int64)?
                var tails: [String: (seq: Int64, hash: String, id: Int64)] = [:]
                func finish(_ tail: (stream: String, seq: Int64, hash: String, id: Int64)) {
                    tails[tail.stream] = (tail.seq, tail.hash, tail.id)
                }
                // Keyset pages keep memory flat on a long log.
                var after: (String, Int64) = ("", 0)
                while true {
                    let page = try conn.query("""
                        SELECT id, stream, seq, prev_hash, hash,
                               audit_event_hash(prev_hash, stream, seq, occurred_at, actor, db_role, action,
                                                claim_id, object, before, after, channel, via) AS expected
                        FROM audit_events WHERE (stream, seq) > (\(after.0), \(after.1))
                        ORDER BY stream, seq LIMIT 10000
                        """)
                    if page.count == 0 { break }
                    for row in page {
                        events += 1
                        let id: Int64 = try row.require("id")
                        let stream: String = try row.require("stream")
                        let seq: Int64 = try row.require("seq")
                        let prev: String = try row.require("prev_hash")
                        let hash: String = try row.require("hash")
                        let expected: String = try row.require("expected")
                        if let previous = last, previous.stream != stream { finish(previous) }
                        let (expectedSeq, expectedPrev): (Int64, String) =
                            (last?.stream == stream) ? (last!.seq + 1, last!.hash) : (1, String(repeating: "0", count: 64))
                        if seq != expectedSeq {
                            problems.append(.init(eventId: id, stream: stream, seq: seq,
                                                  reason: "events \(expectedSeq)…\(seq - 1) of \(stream) are missing before event \(id)"))
                        } else if prev != expectedPrev {
                            problems.append(.init(eventId: id, stream: stream, seq: seq,
                                                  reason: "event \(id) does not follow the event before it in \(stream) (removed or reordered)"))
                        } else if hash != expected {
                            problems.append(.init(eventId: id, stream: stream, seq: seq,
                                                  reason: "event \(id) (\(stream) #\(seq)) was altered: its contents no longer match its hash"))
                        }
                        last = (stream, seq, hash, id)
                        after = (stream, seq)
                    }
                }
                if let last { finish(last) }
                for (stream, head) in heads {
                    let tail = tails[stream]
                    if tail == nil || tail!.seq < head.seq {
                        problems.append(.init(eventId: tail.map { $0.id }, stream: stream, seq: (tail?.seq ?? 0) + 1,
                                              reason: "the newest events of \(stream) were removed: the log ends at #\(tail?.seq ?? 0), its recorded head is #\(head.seq)"))
                    } else if tail!.seq > head.seq || tail!.hash != head.hash {
                        problems.append(.init(eventId: tail!.id, stream: stream, seq: tail!.seq,
                                              reason: "the end of \(stream) does not match its recorded head #\(head.seq)"))
                    }
                }
                for (stream, tail) in tails where heads[stream] == nil {
                    problems.append(.init(eventId: tail.id, stream: stream, seq: tail.seq,
                                          reason: "\(stream) has events but no recorded head"))
                }
                let sortedHeads = heads.sorted { $0.key < $1.key }
                    .map { AuditVerification.Head(stream: $0.key, seq: $0.value.seq, hash: $0.value.hash) }
                let digestInput = sortedHeads.map { "\($0.stream) \($0.seq) \($0.hash)" }.joined(separator: "\n")
                let digest: String = try conn.query(
                    "SELECT encode(sha256(convert_to(\(digestInput), 'UTF8')), 'hex') AS d").first!.require("d")
                let first = problems.min { ($0.eventId ?? Int64.max) < ($1.eventId ?? Int64.max) }
                return AuditVerification(events: events, streams: tails.count, heads: sortedHeads, digest: digest,
                                         firstProblem: first)
            }
        }
    }

    static let auditSelect: SQL = """
        SELECT e.id, e.stream, e.seq, e.occurred_at, e.actor, e.db_role, e.action, e.claim_id, e.object,
               e.before::text AS before, e.after::text AS after, e.hash, e.channel, e.via
        FROM audit_events e
        """
}

extension AuditEventRecord {
    init(row: Row) throws {
        let claim: Int64? = try row.decode("claim_id")
        self.init(id: try row.require("id"), stream: try row.require("stream"), seq: try row.require("seq"),
                  occurredAt: try row.require("occurred_at"), actor: try row.require("actor"),
                  dbRole: try row.require("db_role"), action: try row.require("action"),
                  claimId: claim.map { ClaimNumber($0).description }, object: try row.decode("object"),
                  before: try row.decode("before", as: String.self).map(JSONText.init),
                  after: try row.decode("after", as: String.self).map(JSONText.init), hash: try row.require("hash"),
                  channel: try row.require("channel"), via: try row.decode("via"))
    }
}
