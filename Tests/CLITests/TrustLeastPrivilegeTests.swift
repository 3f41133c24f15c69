import Foundation
import Postgres
import TestSupport
import Testing

/// The everyday role can run the workflow but cannot alter history, even with direct SQL.
@Suite struct TrustLeastPrivilegeTests {
    /// A login role in factcheck_app, and the desk's conninfo as that role.
    func deskAsAppRole() throws -> (Desk, String) {
        let desk = try Desk.make()
        let role = "fc_desk_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try Connection(desk.url)
        try admin.executeScript("CREATE ROLE \(role) LOGIN IN ROLE factcheck_app")
        return (desk, desk.url + " user=\(role)")
    }

    @Test func theAppRoleRunsTheWholeWorkflow() throws {
        let (_, appURL) = try deskAsAppRole()
        let cli = CLI(databaseURL: appURL)
        func ok(_ arguments: [String], as user: String) throws {
            let outcome = try cli.run(arguments, as: user)
            #expect(outcome.status == 0, "\(arguments.joined(separator: " ")): \(outcome)")
        }
        try ok(["claim", "add", "Exports rose by half.", "--claimant", "Hart"], as: "ed")
        try ok(["claim", "start", "C-1"], as: "ben")
        try ok(["source", "add", "C-1", "--url", "https://stats.example/exports", "--stance", "refutes"], as: "ben")
        try ok(["verdict", "propose", "C-1", "--rating", "false", "--conclusion", "They fell."], as: "ben")
        try ok(["verdict", "approve", "C-1"], as: "chen")
        try ok(["claim", "publish", "C-1"], as: "ed")
        try ok(["scale", "use", "politifact"], as: "maria")
        try ok(["export", "claims"], as: "ed")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lp-\(UUID().uuidString).csv").path
        try "claim,claimant\nImports fell too.,Hart\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try ok(["import", "claims", file], as: "ed")
        try ok(["audit", "verify"], as: "ed")
        let events = try Connection(appURL).query("SELECT DISTINCT db_role FROM audit_events WHERE action = 'claim.published'")
        #expect(events.first?["db_role"]?.hasPrefix("fc_desk_") == true, "the event names the real database role")
        // The import's events go in as a set, through the owner's function: still the real role.
        let imported = try Connection(appURL).query("SELECT db_role FROM audit_events WHERE action = 'claim.logged' ORDER BY id DESC LIMIT 1")
        #expect(imported.first?["db_role"]?.hasPrefix("fc_desk_") == true, "\(imported.first?["db_role"] ?? "none")")
    }

    @Test(arguments: [
        "UPDATE audit_events SET actor = 'nobody'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
        "ALTER TABLE audit_events DISABLE TRIGGER USER",
        "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only",
        "UPDATE audit_heads SET seq = 0",
        "DELETE FROM audit_heads",
        "INSERT INTO audit_heads (stream, seq, hash) VALUES ('claim:999', 5, 'x')",
        "INSERT INTO audit_events (stream, actor, action, db_role) VALUES ('scale', 'x', 'scale.changed', 'postgres')",
        // Chain fields are the database's to fill, even for a stream that does not exist yet.
        "INSERT INTO audit_events (stream, actor, action, seq, prev_hash, hash) VALUES ('claim:999', 'x', 'claim.logged', 1, repeat('0', 64), repeat('0', 64))",
        // The set-based path only starts streams: it cannot restart one that has events.
        "SELECT audit_append_first_events(ARRAY[ROW('user:maria', 'x', 'user.added', NULL, 'maria', NULL, NULL)::audit_event_input])",
        "DROP TRIGGER audit_events_append_only ON audit_events",
        "CREATE TABLE shadow (x int)",
        "ALTER FUNCTION audit_events_chain() SECURITY INVOKER",
        "CREATE OR REPLACE FUNCTION audit_event_hash(text, text, bigint, timestamptz, text, text, text, bigint, text, jsonb, jsonb) RETURNS text LANGUAGE sql AS 'SELECT 1::text'",
    ])
    func theAppRoleCannotAlterHistory(_ statement: String) throws {
        let (desk, appURL) = try deskAsAppRole()
        _ = try desk.logClaim("Exports rose by half.")
        let before = try desk.snapshot()
        let conn = try Connection(appURL)
        var refused = false
        do { try conn.executeScript(statement) } catch {
            refused = true
        }
        if statement.hasPrefix("INSERT INTO audit_events") && !refused {
            // Allowed to append, but never as another role: the database stamps its own.
            let role: String = try conn.query("SELECT db_role FROM audit_events ORDER BY id DESC LIMIT 1").first!.require("db_role")
            #expect(role != "postgres")
        } else {
            #expect(refused, "\(statement) was allowed")
            #expect(try desk.snapshot() == before)
        }
        let verify = try desk.run(["audit", "verify"], as: "maria")
        #expect(verify.status == 0, "\(verify)")
    }

    /// `db migrate` as the everyday role: nothing to do on a current schema, so it succeeds;
    /// with a migration pending, one line naming the role, the database and the schema's
    /// owner to migrate as (exit 77), not a bare "permission denied", and nothing applied.
    @Test func migratingAsTheAppRoleNamesTheOwnerToMigrateAs() throws {
        let (desk, appURL) = try deskAsAppRole()
        let cli = CLI(databaseURL: appURL)
        let current = try cli.run(["db", "migrate"])
        #expect(current.status == 0 && current.stdout.contains("schema is up to date"), "\(current)")

        let admin = try Connection(desk.url)
        let newest: Int = try admin.query("SELECT max(version) AS v FROM factcheck_migrations").first!.require("v")
        try admin.run("DELETE FROM factcheck_migrations WHERE version = \(newest)")
        let owner: String = try admin.query("""
            SELECT tableowner::text AS owner FROM pg_tables WHERE tablename = 'factcheck_migrations'
            """).first!.require("owner")
        let database: String = try admin.query("SELECT current_database() AS d").first!.require("d")
        let role = try #require(appURL.split(separator: "=").last.map(String.init))

        let refused = try cli.run(["db", "migrate"])
        #expect(refused.status == 77, "\(refused)")
        expectErrorShape(refused)
        #expect(refused.stderr.hasPrefix("error: role \(role) may not change the schema of database \(database) "), "\(refused)")
        #expect(refused.stderr.contains("hint: run factcheck db migrate as the schema's owner (role \(owner))"), "\(refused)")
        #expect(!refused.stderr.contains("SQLSTATE"), "\(refused)")
        let applied: Int = try admin.query("SELECT count(*)::int AS n FROM factcheck_migrations WHERE version = \(newest)")
            .first!.require("n")
        #expect(applied == 0, "nothing was applied")
    }
}
