import Foundation
import Postgres
import TestSupport
import Testing

/// `--read-url` / `FACTCHECK_READ_URL` against the streaming replica of Scripts/test: the same
/// bytes as the primary at the same audit event, said on stderr; writes there refused clearly.
@Suite struct ReplicaCLITests {
    /// A desk with a claim taken to in_review, replayed by the replica; its replica conninfo.
    func desk() throws -> (Desk, replica: String) {
        let desk = try Desk.make()
        let claim = try desk.logClaim("Unemployment fell to 4 percent in March.")
        try desk.toReview(claim)
        _ = try desk.logClaim("The bridge cost twice its budget.", extra: ["--tag", "roads"])
        try TestDatabase.waitForReplica()
        return (desk, try TestDatabase.replicaConninfo(database: try #require(desk.databaseName)))
    }

    static var asOf: Regex<(Substring, Substring)> { /as of audit event (\d+)/ }

    @Test(arguments: ["claims", "sources", "audit"])
    func anExportFromTheReplicaIsByteIdentical(_ what: String) throws {
        let (desk, replica) = try desk()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let primary = try desk.ok(["export", what, "--out", dir.file("primary.csv")], as: Desk.editor)
        let fromReplica = try desk.ok(["export", what, "--read-url", replica, "--out", dir.file("replica.csv")], as: Desk.editor)
        let byVariable = try CLI(databaseURL: desk.url, environment: ["FACTCHECK_READ_URL": replica])
            .run(["export", what, "--out", dir.file("variable.csv")], as: Desk.editor)
        #expect(byVariable.status == 0, "\(byVariable)")
        #expect(try dir.bytes("primary.csv") == dir.bytes("replica.csv"))
        #expect(try dir.bytes("primary.csv") == dir.bytes("variable.csv"))
        let seqPrimary = try #require(firstCapture(primary.stderr, Self.asOf), "\(primary)")
        #expect(firstCapture(fromReplica.stderr, Self.asOf) == seqPrimary, "\(fromReplica)")
        #expect(firstCapture(byVariable.stderr, Self.asOf) == seqPrimary, "\(byVariable)")
        #expect(fromReplica.stderr.contains("from --read-url (host="), "\(fromReplica)")
        #expect(byVariable.stderr.contains("from FACTCHECK_READ_URL (host="), "\(byVariable)")
        // To stdout, the data is all of stdout and the snapshot is named on stderr.
        let piped = try desk.ok(["export", what, "--read-url", replica], as: Desk.editor)
        #expect(Array(piped.stdout.utf8) == (try dir.bytes("primary.csv")))
        #expect(firstCapture(piped.stderr, Self.asOf) == seqPrimary, "\(piped)")
    }

    /// libpq picks the standby from a list of hosts with target_session_attrs=prefer-standby.
    @Test func preferStandbyFindsTheReplicaAndTheReportSaysItsSnapshot() throws {
        let (desk, replica) = try desk()
        func field(_ conninfo: String, _ key: String) -> String? {
            conninfo.split(separator: " ").last { $0.hasPrefix("\(key)=") }.map { String($0.dropFirst(key.count + 1)) }
        }
        let hosts = "host=\(field(desk.url, "host")!),\(field(replica, "host")!) port=\(field(desk.url, "port")!),\(field(replica, "port")!)"
        let list = "\(hosts) user=\(field(replica, "user")!) dbname=\(desk.databaseName!) target_session_attrs=prefer-standby"
        let fromPrimary = try desk.ok(["report", "--format", "json"], as: Desk.editor)
        let fromList = try desk.ok(["report", "--format", "json", "--read-url", list], as: Desk.editor)
        let p = try #require(try parseJSON(fromPrimary.stdout) as? [String: Any])
        let r = try #require(try parseJSON(fromList.stdout) as? [String: Any])
        let sequence = try #require(p["audit_sequence"] as? Int, "\(p.keys.sorted())")
        #expect(sequence > 0)
        #expect(r["audit_sequence"] as? Int == sequence)
        #expect(r["total_claims"] as? Int == p["total_claims"] as? Int)
        let table = try desk.ok(["report", "--read-url", list], as: Desk.editor)
        #expect(table.stdout.contains("audit event \(sequence)"), "\(table)")
        // The list's first host is the primary: had libpq taken it, this would have written.
        let write = try desk.run(["claim", "assign", "C-2", Desk.reviewer, "--database-url", list], as: Desk.editor)
        #expect(write.status == 69, "\(write)")
    }

    @Test func aWriteOnTheReplicaIsRefusedInOneLineAndWritesNothing() throws {
        let (desk, replica) = try desk()
        let before = try desk.snapshot()
        let out = try desk.run(["claim", "assign", "C-2", Desk.reviewer, "--database-url", replica], as: Desk.editor)
        #expect(out.status == 69, "\(out)")
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(out)")
        #expect(lines.first?.hasPrefix("error: the database at host=") == true, "\(out)")
        #expect(lines.first?.hasSuffix("is read-only (a standby): nothing was written; changes go to the primary") == true, "\(out)")
        #expect(lines.last?.hasPrefix("hint: ") == true)
        #expect(try desk.snapshot() == before)
    }
}
