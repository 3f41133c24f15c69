import Foundation
import Postgres
import TestSupport
import Testing

/// Eight processes at once issuing assign, start, propose, approve and return on the same few
/// claims. Nothing may be lost: every process exits 0, 1 or 75; each claim ends in the state
/// its audit history leads to; no claim has two approved verdicts; the log verifies.
@Suite struct TrustRaceTests {
    static let workers = 8
    static let movesPerWorker = 40
    static let reviewers = ["ben", "chen", "r1", "r2"]

    @Test func eightWritersOnFourClaimsLoseNothing() throws {
        let desk = try Desk.make(extraReviewers: ["r1", "r2"])
        var claims: [String] = []
        for n in 1...4 {
            let claim = try desk.logClaim("Race claim number \(n): the port handled \(n * 1000) ships.")
            // Each claim has one designated proposer, so that approvals and returns come from
            // the other reviewers and the four-eyes rule never muddies the exit codes.
            try desk.ok(["source", "add", claim, "--url", "https://data.example/\(n)", "--stance", "refutes"], as: "ben")
            claims.append(claim)
        }
        let proposer = Dictionary(uniqueKeysWithValues: claims.enumerated().map { ($1, Self.reviewers[$0]) })
        let targets = claims

        let statuses = Statuses()
        let group = DispatchGroup()
        for worker in 0..<Self.workers {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                var rng = SystemRandomNumberGenerator()
                for move in 0..<Self.movesPerWorker {
                    let claim = targets[(worker + move) % targets.count]
                    let owner = proposer[claim]!
                    let others = Self.reviewers.filter { $0 != owner }
                    let other = others.randomElement(using: &rng)!
                    let arguments: ([String], String)
                    switch Int.random(in: 0..<6, using: &rng) {
                    case 0: arguments = (["claim", "assign", claim, Self.reviewers.randomElement(using: &rng)!], "ed")
                    case 1: arguments = (["claim", "start", claim], owner)
                    case 2: arguments = (["verdict", "propose", claim, "--rating", "false", "--conclusion", "Port logs say otherwise."], owner)
                    case 3: arguments = (["verdict", "approve", claim], other)
                    case 4: arguments = (["verdict", "return", claim, "--reason", "check the harbour master's log"], other)
                    default: arguments = (["source", "add", claim, "--url", "https://data.example/w\(worker)/m\(move)"], other)
                    }
                    let outcome = (try? desk.run(arguments.0, as: arguments.1))
                    statuses.add(outcome?.status ?? -1, arguments.0, outcome?.stderr ?? "did not run")
                }
            }
        }
        group.wait()

        let all = statuses.all
        #expect(all.count == Self.workers * Self.movesPerWorker)
        for (status, arguments, stderr) in all where ![0, 1, 75].contains(status) {
            Issue.record("\(arguments.joined(separator: " ")) exited \(status): \(stderr)")
        }
        #expect(all.contains { $0.0 == 0 }, "no move succeeded at all")

        let conn = try Connection(desk.url)
        // No claim has two approved verdicts, or two pending ones.
        let doubled = try conn.query("""
            SELECT claim_id FROM verdicts WHERE status IN ('approved', 'proposed')
            GROUP BY claim_id, status HAVING count(*) > 1
            """)
        #expect(doubled.count == 0)
        // Each claim is in the state its history leads to, assigned as its history says.
        for row in try conn.query("SELECT id, state, coalesce(assignee, '') AS assignee FROM claims") {
            let id: Int64 = try row.require("id")
            let replayed = try conn.query("""
                SELECT (SELECT after->>'state' FROM audit_events WHERE claim_id = \(id) AND after ? 'state'
                        ORDER BY seq DESC LIMIT 1) AS state,
                       (SELECT coalesce(after->>'assignee', '') FROM audit_events
                        WHERE claim_id = \(id) AND action = 'claim.assigned' ORDER BY seq DESC LIMIT 1) AS assignee
                """).first!
            #expect(try replayed.decode("state", as: String.self) == row.require("state", as: String.self), "C-\(id)")
            #expect(try (replayed.decode("assignee", as: String.self) ?? "") == row.require("assignee", as: String.self), "C-\(id)")
            // A claim in review has its pending verdict; one approved has its approved verdict.
            let state: String = try row.require("state")
            let pending: Int = try conn.query(
                "SELECT count(*) AS n FROM verdicts WHERE claim_id = \(id) AND status = 'proposed'").first!.require("n")
            #expect(pending == (state == "in_review" ? 1 : 0), "C-\(id) is \(state) with \(pending) pending verdicts")
        }
        let verify = try desk.run(["audit", "verify"], as: "maria")
        #expect(verify.status == 0, "\(verify)")
    }
}

final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(Int32, [String], String)] = []
    func add(_ status: Int32, _ arguments: [String], _ stderr: String) {
        lock.lock(); defer { lock.unlock() }
        items.append((status, arguments, stderr))
    }
    var all: [(Int32, [String], String)] {
        lock.lock(); defer { lock.unlock() }
        return items
    }
}
