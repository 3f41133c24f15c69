import Foundation
import Postgres
import TestSupport
import Testing

/// Two people acting on the same claim at once: exactly one wins, the other is told to retry
/// (exit 75) or, if it came second, refused by the workflow (exit 1); never a lost update.
@Suite struct ConcurrencyTests {
    static let rounds = 15

    /// Holds the claim's row lock while the processes start, and lets them go only once both
    /// wait on it, so that both have read the claim before either writes: a real race on
    /// every round, not one that two fast launches may happen to serialise.
    final class Gate {
        let conn: Connection

        convenience init(_ desk: Desk, claim: String) throws {
            try self.init(desk, locking: "SELECT id FROM claims WHERE id = \(Desk.number(claim)) FOR UPDATE")
        }

        /// Holds the row locks `query` takes (a `SELECT … FOR UPDATE`) until `open`.
        init(_ desk: Desk, locking query: SQL) throws {
            conn = try desk.connection()
            try conn.execute("BEGIN")
            try conn.query(query)
        }

        /// Waits until `count` other sessions wait for a lock, then releases the row.
        func open(whenWaiting wanted: Int) throws {
            let count = TestDatabase.lockWaitersPossible(wanted)
            let deadline = Date().addingTimeInterval(10)
            var waiting = 0
            while Date() < deadline {
                // Statistics views are a snapshot per transaction; this one stays open.
                try conn.query("SELECT pg_stat_clear_snapshot()")
                waiting = try conn.query("""
                    SELECT count(*) AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                    """).first!.require("n")
                if waiting >= count { break }
                usleep(5_000)
            }
            #expect(waiting >= count, "only \(waiting) of \(count) processes reached the gate's lock")
            try conn.execute("ROLLBACK")
            conn.close()
        }
    }

    /// The statuses of two racers, sorted.
    static func statuses(_ outcomes: [RaceOutcome]) -> [Int32] { outcomes.map(\.status).sorted() }

    /// Runs the racers at once. Gated: both are started while the claim's row is locked, and
    /// let go only once both wait on it, so they provably meet.
    static func race(_ racers: [([String], String)], on claim: String, of desk: Desk, gated: Bool) throws -> [RaceOutcome] {
        guard gated else { return try together(racers.map { (arguments: $0.0, user: $0.1) }, databaseURL: desk.url) }
        let gate = try Gate(desk, claim: claim)
        let processes = racers.map { Launched($0.0, as: $0.1, databaseURL: desk.url) }
        for p in processes { try p.start() }
        try gate.open(whenWaiting: racers.count)
        return processes.map { $0.finish() }
    }

    @Test(arguments: [true, false])
    func concurrentApprovalsHaveOneWinner(gated: Bool) throws {
        // C-1 … C-15, each proposed by ben; chen and dana race to approve.
        let desk = try Desk.cloned("approval-rounds") {
            let desk = try Desk.make(extraReviewers: ["dana"])
            for round in 1...Self.rounds {
                let claim = try desk.logClaim("Round \(round): the talks lasted \(round) hours.")
                try desk.toReview(claim, proposer: Desk.reviewer)
            }
            return desk
        }
        let conn = try desk.connection()
        defer { conn.close() }
        for round in 1...Self.rounds {
            let claim = "C-\(round)"
            let n = Desk.number(claim)
            let start: String? = try conn.query("SELECT state FROM claims WHERE id = \(n)").first?.decode("state")
            #expect(start == "in_review", "round \(round)")
            let racers = [(["verdict", "approve", claim], Desk.secondReviewer), (["verdict", "approve", claim], "dana")]

            let outcomes = try Self.race(racers, on: claim, of: desk, gated: gated)

            let codes = Self.statuses(outcomes)
            if gated {
                #expect(codes == [0, 75], "round \(round): \(outcomes)")
            } else {
                #expect(codes == [0, 75] || codes == [0, 1], "round \(round): \(outcomes)")
            }
            for loser in outcomes where loser.status != 0 {
                expectErrorShape(loser)
                if loser.status == 75 { #expect(loser.stderr.contains("retry"), "\(loser)") }
            }
            let winner = try #require(outcomes.firstIndex { $0.status == 0 }.map { racers[$0].1 }, "round \(round)")

            let row = try #require(try conn.query("""
                SELECT c.state,
                       (SELECT count(*) FROM verdicts v WHERE v.claim_id = c.id AND v.status = 'approved') AS approved,
                       (SELECT count(*) FROM verdicts v WHERE v.claim_id = c.id) AS verdicts,
                       (SELECT string_agg(v.decided_by, ',') FROM verdicts v WHERE v.claim_id = c.id AND v.status = 'approved') AS by,
                       (SELECT count(*) FROM audit_events e WHERE e.claim_id = c.id AND e.action = 'verdict.approved') AS events
                FROM claims c WHERE c.id = \(n)
                """).first)
            #expect(try row.require("state", as: String.self) == "approved", "round \(round)")
            #expect(try row.require("approved", as: Int.self) == 1, "round \(round)")
            #expect(try row.require("verdicts", as: Int.self) == 1, "round \(round)")
            #expect(try row.decode("by", as: String.self) == winner, "round \(round)")
            #expect(try row.require("events", as: Int.self) == 1, "round \(round)")
        }
        let verify = try desk.run(["audit", "verify"], as: Desk.admin)
        #expect(verify.status == 0, "\(verify)")
    }

    @Test(arguments: [true, false])
    func concurrentAssignmentsLoseNoUpdate(gated: Bool) throws {
        // C-1 … C-15, logged and unassigned; ed and eve race to assign them to chen and dana.
        let desk = try Desk.cloned("assignment-rounds") {
            let desk = try Desk.make(extraReviewers: ["dana"])
            for round in 1...Self.rounds {
                _ = try desk.logClaim("Round \(round): rents rose \(round) percent.")
            }
            return desk
        }
        let conn = try desk.connection()
        defer { conn.close() }
        for round in 1...Self.rounds {
            let claim = "C-\(round)"
            let n = Desk.number(claim)
            let racers = [(["claim", "assign", claim, Desk.secondReviewer], Desk.editor),
                          (["claim", "assign", claim, "dana"], Desk.otherEditor)]

            let outcomes = try Self.race(racers, on: claim, of: desk, gated: gated)

            let codes = Self.statuses(outcomes)
            if gated {
                #expect(codes == [0, 75], "round \(round): \(outcomes)")
            } else {
                #expect(codes == [0, 0] || codes == [0, 75], "round \(round): \(outcomes)")
            }
            for loser in outcomes where loser.status != 0 {
                expectErrorShape(loser)
                #expect(loser.stderr.contains("retry"), "\(loser)")
            }

            let assignee: String? = try conn.query("SELECT assignee FROM claims WHERE id = \(n)").first!.decode("assignee")
            let assigned = try desk.events().filter { $0.claimId == n && $0.action == "claim.assigned" }
            #expect(assigned.count == codes.filter { $0 == 0 }.count, "round \(round): one event per success")
            let newest = try #require(assigned.last, "round \(round): no claim.assigned event")
            #expect(assignee == newest.after?["assignee"] as? String, "round \(round): lost update")
            if codes == [0, 75] {
                let winner = try #require(outcomes.firstIndex { $0.status == 0 })
                #expect(assignee == racers[winner].0[3], "round \(round)")
            }
            if assigned.count == 2 {
                // The second writer saw the first one's value.
                #expect(isNull(assigned[0].before?["assignee"]))
                #expect(assigned[1].before?["assignee"] as? String == assigned[0].after?["assignee"] as? String)
            }
        }
        let verify = try desk.run(["audit", "verify"], as: Desk.admin)
        #expect(verify.status == 0, "\(verify)")
    }

    /// A writer in the middle of a change to one claim (holding its row and its audit chain's
    /// head) does not hold up a writer on another claim: no global lock.
    @Test func writersOnDifferentClaimsDoNotQueue() throws {
        let desk = try Desk.make()
        let first = try desk.logClaim("The talks lasted eleven hours.")
        let second = try desk.logClaim("Exports doubled since 2020.")
        let holder = try desk.connection()
        defer { holder.close() }
        try holder.execute("BEGIN")
        try holder.run("UPDATE claims SET assignee = 'ben', version = version + 1 WHERE id = \(Desk.number(first))")
        try holder.run("""
            INSERT INTO audit_events (stream, actor, action, claim_id, object, after)
            VALUES (\("claim:\(Desk.number(first))"), 'ed', 'claim.assigned', \(Desk.number(first)), \(first),
                    '{"assignee": "ben"}')
            """)

        let other = Launched(["claim", "assign", second, Desk.secondReviewer], as: Desk.editor, databaseURL: desk.url)
        try other.start()
        let deadline = Date().addingTimeInterval(15)
        while other.process.isRunning && Date() < deadline { usleep(10_000) }
        let finished = !other.process.isRunning
        if !finished { other.process.terminate() }
        let outcome = other.finish()
        try holder.execute("ROLLBACK")
        #expect(finished, "claim assign \(second) waited for the transaction on \(first)")
        #expect(outcome.status == 0, "\(outcome)")

        #expect(try desk.claim(second)["assignee"] as? String == Desk.secondReviewer)
        let verify = try desk.run(["audit", "verify"], as: Desk.admin)
        #expect(verify.status == 0, "\(verify)")
    }
}
