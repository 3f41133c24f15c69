import Foundation
import Postgres
import TestSupport
import Testing

/// Scripts/bench's load driver: its writers really run the workflow, each on its own claims,
/// and leave an audit log that verifies.
@Suite struct WorkflowLoadTests {
    static var driver: String {
        URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("WorkflowLoad").path
    }

    @Test func writersCycleTheirClaimsThroughProposeReturnAssign() throws {
        let desk = try Desk.make(extraReviewers: ["dana"])
        for n in 1...4 {
            let claim = try desk.logClaim("Load \(n): the talks lasted \(n) hours.")
            try desk.ok(["claim", "start", claim], as: Desk.reviewer)
        }
        let run = try desk.cli.run(["--writers", "2", "--claims-per-writer", "2", "--seconds", "1"], binary: Self.driver)
        #expect(run.status == 0, "\(run)")
        let figures = Dictionary(uniqueKeysWithValues: run.stdout.split(separator: " ").compactMap { pair -> (String, Double)? in
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let value = Double(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
            return (String(parts[0]), value)
        })
        let transitions = try #require(figures["transitions"], "\(run)")
        #expect(transitions >= 6, "every writer goes round at least once: \(run)")
        #expect(transitions.truncatingRemainder(dividingBy: 3) == 0, "a cycle is three transitions: \(run)")
        #expect(figures["retried"] == 0, "writers on different claims never meet: \(run)")
        #expect((figures["tps"] ?? 0) > 0, "\(run)")

        // What the writers did is in the store and its audit log, as if the CLI had done it.
        let conn = try desk.connection()
        defer { conn.close() }
        let counts = try conn.query("""
            SELECT (SELECT count(*) FROM audit_events WHERE action = 'verdict.proposed') AS proposed,
                   (SELECT count(*) FROM audit_events WHERE action = 'verdict.returned') AS returned,
                   (SELECT count(*) FROM audit_events WHERE action = 'claim.assigned' AND actor = 'ed') AS assigned,
                   (SELECT count(*) FROM verdicts WHERE status = 'returned') AS verdicts,
                   (SELECT count(*) FROM claims WHERE state = 'researching') AS researching
            """).first!
        let cycles = Int(transitions) / 3
        #expect(try counts.require("proposed") as Int == cycles)
        #expect(try counts.require("returned") as Int == cycles)
        #expect(try counts.require("assigned") as Int == cycles)
        #expect(try counts.require("verdicts") as Int == cycles)
        #expect(try counts.require("researching") as Int == 4)
        let verify = try desk.run(["audit", "verify"], as: Desk.admin)
        #expect(verify.status == 0, "\(verify)")
    }

    @Test func tooFewClaimsInResearchIsAClearRefusal() throws {
        let desk = try Desk.make(extraReviewers: ["dana"])
        let run = try desk.cli.run(["--writers", "2", "--claims-per-writer", "1", "--seconds", "1"], binary: Self.driver)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("needs 2 claims in research, found 0"), "\(run)")
    }
}
