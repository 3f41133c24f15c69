import Foundation
import Postgres
import TestSupport
import Testing

/// The binary behind PgBouncer in transaction pooling (Scripts/test starts it): `db migrate`
/// needs the server itself and says so in one line; with `FACTCHECK_DIRECT_URL` it migrates
/// there while everything else goes through the pooler.
@Suite struct PoolerCLITests {
    @Test func migrateThroughThePoolerIsRefusedAndTheDirectURLIsUsed() throws {
        let name = try TestDatabase.emptyDatabase()
        let pooled = try TestDatabase.poolerConninfo(database: name)
        let direct = try TestDatabase.directConninfo(database: name)

        let refused = try CLI(databaseURL: pooled).run(["db", "migrate"])
        #expect(refused.status == 64, "\(refused)")
        let lines = refused.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(refused)")
        #expect(lines.first?.hasPrefix("error: db migrate needs a direct connection to PostgreSQL, and host=127.0.0.1") == true, "\(refused)")
        #expect(lines.last?.hasPrefix("hint: set FACTCHECK_DIRECT_URL") == true, "\(refused)")
        let check = try Connection(direct)
        #expect(try check.query("SELECT to_regclass('factcheck_migrations') IS NULL AS none").first!.require("none", as: Bool.self))

        // The setting says "transaction pooler" even of a direct URL: migrate believes it.
        let told = try CLI(databaseURL: direct, environment: ["FACTCHECK_POOLER": "transaction"]).run(["db", "migrate"])
        #expect(told.status == 64, "\(told)")

        let cli = CLI(databaseURL: pooled, environment: ["FACTCHECK_DIRECT_URL": direct])
        let migrated = try cli.run(["db", "migrate"])
        #expect(migrated.status == 0, "\(migrated)")
        #expect(migrated.stdout.contains("schema is up to date"))

        // Everyday work through the pooler, on the schema migrated directly.
        for (arguments, user) in [
            (["user", "add", "maria", "--name", "María Ortiz", "--role", "admin"], nil),
            (["user", "add", "ben", "--name", "Ben Okafor", "--role", "reviewer"], "maria"),
            (["claim", "add", "Exports doubled in a year.", "--claimant", "Hart"], "maria"),
            (["claim", "assign", "C-1", "ben", "--note", "yours"], "maria"),
            (["claim", "start", "C-1"], "ben"),
            (["db", "status"], "maria"),
        ] as [([String], String?)] {
            let out = try cli.run(arguments, as: user)
            #expect(out.status == 0, "\(arguments): \(out)")
        }
        let verified = try cli.run(["audit", "verify"], as: "maria")
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.stdout.contains("verifies"), "\(verified)")
    }
}
