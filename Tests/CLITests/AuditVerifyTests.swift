import Foundation
import Postgres
import TestSupport
import Testing

/// `audit verify` on an honest log, on logs tampered with behind the guard, and the guard itself.
@Suite struct AuditVerifyTests {
    /// A desk with two claims that went some way through the workflow; returns the desk and
    /// C-1's events in order (at least five).
    static func history() throws -> (Desk, [Event]) {
        let desk = try Desk.cloned("audit-history") { try buildHistory() }
        let events = try desk.events().filter { $0.stream == "claim:1" }
        #expect(events.map(\.action) == ["claim.logged", "claim.assigned", "claim.state_changed", "source.added",
                                         "verdict.proposed", "verdict.returned"])
        return (desk, events)
    }

    static func buildHistory() throws -> Desk {
        let desk = try Desk.make()
        let claim = try desk.logClaim("The talks lasted eleven hours.")
        try desk.ok(["claim", "assign", claim, Desk.reviewer], as: Desk.editor)
        try desk.toReview(claim)
        try desk.ok(["verdict", "return", claim, "--reason", "cite the transcript"], as: Desk.secondReviewer)
        let other = try desk.logClaim("Exports doubled since 2020.")
        try desk.ok(["claim", "assign", other, Desk.secondReviewer], as: Desk.editor)
        return desk
    }

    nonisolated(unsafe) static let digest = /digest[^:]*: ([0-9a-f]{64})/

    @Test func honestLogVerifiesWithADigest() throws {
        let (desk, _) = try Self.history()
        let out = try desk.ok(["audit", "verify"], as: Desk.editor)
        #expect(out.stdout.contains("verifies"))
        let digest = try #require(firstCapture(out.stdout, Self.digest), "\(out)")
        #expect(out.stderr.isEmpty)

        let json = try desk.ok(["audit", "verify", "--format", "json"], as: Desk.editor)
        let result = try #require(try parseJSON(json.stdout) as? [String: Any])
        #expect(result["digest"] as? String == digest)
        #expect(isNull(result["first_problem"]))
        let conn = try desk.connection()
        defer { conn.close() }
        let count: Int = try conn.query("SELECT count(*) AS n FROM audit_events").first!.require("n")
        #expect((result["events"] as? NSNumber)?.intValue == count)

        // A new event moves the digest; verify still passes.
        try desk.ok(["claim", "edit", "C-2", "--priority", "urgent"], as: Desk.editor)
        let again = try desk.ok(["audit", "verify"], as: Desk.editor)
        let next = try #require(firstCapture(again.stdout, Self.digest))
        #expect(next != digest)
    }

    enum Tampering: String, CaseIterable, Sendable {
        /// UPDATE one event's after.
        case alterAfter
        /// DELETE an event in the middle of a claim's stream.
        case deleteMiddle
        /// Swap the contents (before, after, action) of two events of one claim.
        case swapTwo
        /// Swap the positions (seq) of two events of one claim.
        case swapOrder
        /// DELETE the claim's newest event.
        case deleteNewest
        /// DELETE every event of the claim.
        case deleteStream
        /// Alter an event and give it a hash that matches its new contents.
        case alterAndRehash
        /// Alter an event and re-chain every later event of the claim: only the head knows.
        case rewriteChainTail
    }

    /// Runs `sql` with the audit triggers off (the chaining trigger too), then on again.
    static func behindTheGuard(_ desk: Desk, _ statements: SQL...) throws {
        let conn = try desk.connection()
        defer { conn.close() }
        try conn.execute("ALTER TABLE audit_events DISABLE TRIGGER USER")
        defer { _ = try? conn.execute("ALTER TABLE audit_events ENABLE TRIGGER USER") }
        for sql in statements {
            let touched = try conn.run(sql)
            #expect(touched > 0, "the tampering touched no row: \(sql)")
        }
    }

    /// Recomputes hash and prev_hash of every event of claim:1 from `seq` on, as an attacker
    /// who knows the hash function would.
    static func rechain(_ desk: Desk, from seq: Int64, through last: Int64 = .max) throws {
        let conn = try desk.connection()
        defer { conn.close() }
        try conn.execute("ALTER TABLE audit_events DISABLE TRIGGER USER")
        defer { _ = try? conn.execute("ALTER TABLE audit_events ENABLE TRIGGER USER") }
        let events = try conn.query("SELECT id, seq FROM audit_events WHERE stream = 'claim:1' ORDER BY seq")
            .map { (try $0.require("id", as: Int64.self), try $0.require("seq", as: Int64.self)) }
        for (id, eventSeq) in events where (seq...last).contains(eventSeq) {
            try conn.run("""
                UPDATE audit_events e SET prev_hash = p.hash,
                    hash = audit_event_hash(p.hash, e.stream, e.seq, e.occurred_at, e.actor, e.db_role, e.action,
                                            e.claim_id, e.object, e.before, e.after)
                FROM audit_events p WHERE e.id = \(id) AND p.stream = e.stream AND p.seq = e.seq - 1
                """)
        }
    }

    @Test(arguments: Tampering.allCases)
    func tamperingIsDetected(_ tampering: Tampering) throws {
        let (desk, events) = try Self.history()
        let middle = events[2], nextOfMiddle = events[3]
        let newest = try #require(events.last)
        switch tampering {
        case .alterAfter:
            try Self.behindTheGuard(desk, """
                UPDATE audit_events SET after = jsonb_set(after, '{assignee}', '"chen"') WHERE id = \(events[1].id)
                """)
        case .deleteMiddle:
            try Self.behindTheGuard(desk, "DELETE FROM audit_events WHERE id = \(middle.id)")
        case .swapTwo:
            let (a, b) = (events[1].id, events[2].id)
            try Self.behindTheGuard(desk, """
                UPDATE audit_events t SET before = s.before, after = s.after, action = s.action
                FROM audit_events s
                WHERE (t.id = \(a) AND s.id = \(b)) OR (t.id = \(b) AND s.id = \(a))
                """)
        case .swapOrder:
            let (a, b) = (events[2], events[3])
            try Self.behindTheGuard(desk,
                                    "UPDATE audit_events SET seq = -1 WHERE id = \(a.id)",
                                    "UPDATE audit_events SET seq = \(a.seq) WHERE id = \(b.id)",
                                    "UPDATE audit_events SET seq = \(b.seq) WHERE id = \(a.id)")
        case .deleteNewest:
            try Self.behindTheGuard(desk, "DELETE FROM audit_events WHERE id = \(newest.id)")
        case .deleteStream:
            try Self.behindTheGuard(desk, "DELETE FROM audit_events WHERE stream = 'claim:1'")
        case .alterAndRehash:
            try Self.behindTheGuard(desk, """
                UPDATE audit_events SET after = jsonb_set(after, '{assignee}', '"chen"') WHERE id = \(events[1].id)
                """)
            try Self.rechain(desk, from: events[1].seq, through: events[1].seq)
        case .rewriteChainTail:
            try Self.behindTheGuard(desk, """
                UPDATE audit_events SET after = jsonb_set(after, '{assignee}', '"chen"') WHERE id = \(events[1].id)
                """)
            try Self.rechain(desk, from: events[1].seq)
        }

        let out = try desk.run(["audit", "verify"], as: Desk.editor)
        #expect(out.status == 1, "\(tampering): \(out)")
        #expect(out.stdout.contains("NOT verify") || out.stdout.contains("does not verify"), "\(out)")
        let error = out.stderr
        #expect(error.hasPrefix("error: "), "\(out)")
        func names(_ id: Int64) -> Bool { mentionsEvent(error, id) }
        switch tampering {
        case .alterAfter:
            #expect(names(events[1].id), "should name event \(events[1].id): \(error)")
            #expect(error.contains("altered"), "\(error)")
        case .deleteMiddle:
            #expect(error.contains("claim:1"), "\(error)")
            #expect(names(nextOfMiddle.id) || error.contains("#\(middle.seq)") || error.contains("\(middle.seq)…"),
                    "should name the gap at #\(middle.seq): \(error)")
            #expect(error.contains("missing") || error.contains("removed"), "\(error)")
        case .swapTwo:
            #expect(names(events[1].id) || names(events[2].id), "should name a swapped event: \(error)")
        case .swapOrder:
            #expect(names(events[2].id) || names(events[3].id), "should name a moved event: \(error)")
        case .deleteNewest, .deleteStream:
            #expect(error.contains("claim:1"), "\(error)")
            #expect(error.contains("newest") && error.contains("removed"), "\(error)")
        case .alterAndRehash:
            // The altered event matches its own hash, so the break shows at the next event.
            #expect(names(events[2].id), "should name event \(events[2].id), which no longer follows: \(error)")
        case .rewriteChainTail:
            // Every event matches its own hash and follows the one before: only the head disagrees.
            #expect(error.contains("claim:1") && error.contains("head"), "\(error)")
        }

        // The JSON form reports the same problem.
        let json = try desk.run(["audit", "verify", "--format", "json"], as: Desk.editor)
        #expect(json.status == 1)
        let result = try #require(try parseJSON(json.stdout) as? [String: Any], "\(json)")
        let problem = try #require(result["first_problem"] as? [String: Any])
        #expect(problem["stream"] as? String == "claim:1")

        // Tampering in one stream does not implicate the other claim's stream.
        #expect(!error.contains("claim:2"))
    }

    enum Rewrite: String, CaseIterable, Sendable {
        case updateEvent, deleteEvent, truncateEvents, deleteHead, truncateHeads, rewindHead
        var sql: SQL {
            switch self {
            case .updateEvent: "UPDATE audit_events SET actor = 'someone' WHERE seq = 1"
            case .deleteEvent: "DELETE FROM audit_events WHERE seq = 1"
            case .truncateEvents: "TRUNCATE audit_events"
            case .deleteHead: "DELETE FROM audit_heads"
            case .truncateHeads: "TRUNCATE audit_heads"
            case .rewindHead: "UPDATE audit_heads SET seq = seq - 1"
            }
        }
    }

    /// Without disabling anything, even the superuser cannot rewrite history.
    @Test(arguments: Rewrite.allCases)
    func theDatabaseRefusesRewrites(_ rewrite: Rewrite) throws {
        let desk = try Desk.make()
        let conn = try desk.connection()
        defer { conn.close() }
        let superuser: Bool = try conn.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").first!.require("rolsuper")
        #expect(superuser)
        let before = try desk.snapshot()
        do {
            try conn.run(rewrite.sql)
            Issue.record("\(rewrite) was accepted")
        } catch {
            #expect(error.sqlState == "42501", "\(rewrite): \(error)")
        }
        #expect(try desk.snapshot() == before)
        #expect(try desk.ok(["audit", "verify"], as: Desk.admin).stdout.contains("verifies"))
    }
}

/// Whether `text` says "event N" for exactly this N (not event N0).
func mentionsEvent(_ text: String, _ id: Int64) -> Bool {
    text.matches(of: /event (\d+)/).contains { Int64($0.1) == id }
}
