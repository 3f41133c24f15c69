import Foundation
import TestSupport
import Testing

/// A password in any connection string never appears in output: not in `db status`, not in
/// errors, not in `--help`.
@Suite struct TrustSecretTests {
    @Test func dbStatusShowsWhereItConnectedWithoutThePassword() throws {
        let url = try TestDatabase.migrated()
        // The test cluster trusts local connections, so a password is accepted and ignored.
        let withPassword = url + " password=hunter2-s3cret"
        let outcome = try CLI(databaseURL: withPassword).run(["db", "status"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.contains("password=***"), "\(outcome)")
        #expect(!outcome.stdout.contains("hunter2") && !outcome.stderr.contains("hunter2"), "\(outcome)")
        let json = try CLI(databaseURL: withPassword).run(["db", "status", "--format", "json"])
        #expect(!json.stdout.contains("hunter2"), "\(json)")
    }

    @Test(arguments: [["--help"], ["claim", "list", "--help"], ["db", "status", "--help"]])
    func helpNeverShowsTheConfiguredDatabase(_ arguments: [String]) throws {
        let cli = CLI(databaseURL: "postgresql://desk:hunter2-s3cret@localhost/factcheck")
        let outcome = try cli.run(arguments)
        #expect(outcome.status == 0)
        #expect(!outcome.stdout.contains("hunter2") && !outcome.stderr.contains("hunter2"))
    }
}
