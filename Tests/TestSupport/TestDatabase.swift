import FactCheckStore
import Foundation
import Postgres

/// Databases for tests: each test gets its own, copied from a template migrated once per
/// test process, on the throwaway cluster that `Scripts/test` starts.
public enum TestDatabase {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "FACTCHECK_TEST_DATABASE_URL is not set: run the tests with Scripts/test, which starts a throwaway PostgreSQL"
        }
    }

    /// A superuser conninfo on the test cluster. Tests fail, never skip, without one.
    public static func adminConninfo() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["FACTCHECK_TEST_DATABASE_URL"], !url.isEmpty else {
            throw Missing()
        }
        return url
    }

    /// The conninfo of database `name` on the test cluster, as the tests reach it: through the
    /// PgBouncer of `Scripts/test` when `FACTCHECK_TEST_THROUGH_POOLER=1`, else directly.
    public static func conninfo(database name: String) throws -> String {
        throughPooler ? try poolerConninfo(database: name) : try directConninfo(database: name)
    }

    /// The conninfo of database `name` on the test cluster itself, never through the pooler.
    public static func directConninfo(database name: String) throws -> String {
        try adminConninfo() + " dbname=\(name)"
    }

    /// Whether this test process reaches its databases through the PgBouncer (the second pass
    /// of `Scripts/test`).
    public static var throughPooler: Bool {
        ProcessInfo.processInfo.environment["FACTCHECK_TEST_THROUGH_POOLER"] == "1"
    }

    /// Database `name` through the PgBouncer (`pool_mode=transaction`) that `Scripts/test` starts.
    public static func poolerConninfo(database name: String) throws -> String {
        try setting("FACTCHECK_TEST_POOLER_URL", "the PgBouncer") + " dbname=\(name)"
    }

    /// Database `name` on the streaming replica that `Scripts/test` starts beside the cluster.
    public static func replicaConninfo(database name: String) throws -> String {
        try setting("FACTCHECK_TEST_REPLICA_URL", "the streaming replica") + " dbname=\(name)"
    }

    /// The replica's conninfo as a superuser, without a database.
    public static func replicaAdminConninfo() throws -> String {
        try setting("FACTCHECK_TEST_REPLICA_URL", "the streaming replica")
    }

    /// Returns once the replica has replayed everything the primary had written when called
    /// (its insert position: with synchronous_commit=off a commit may not be written out yet).
    public static func waitForReplica() throws {
        let primary = try Connection(try adminConninfo())
        defer { primary.close() }
        let lsn: String = try primary.query("SELECT pg_current_wal_insert_lsn()::text AS lsn").first!.require("lsn")
        let replica = try Connection(try replicaAdminConninfo())
        defer { replica.close() }
        for _ in 0..<3_000 {
            let done: Bool = try replica.query("SELECT pg_last_wal_replay_lsn() >= \(lsn)::pg_lsn AS done").first!.require("done")
            if done { return }
            usleep(10_000)
        }
        throw NotStarted(variable: "FACTCHECK_TEST_REPLICA_URL", what: "a replica that replays (it stopped short of \(lsn))")
    }

    private static func setting(_ name: String, _ what: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw NotStarted(variable: name, what: what)
        }
        return value
    }

    public struct NotStarted: Error, CustomStringConvertible {
        let variable: String
        let what: String
        public var description: String {
            "\(variable) is not set: run the tests with Scripts/test, which starts \(what) beside the throwaway PostgreSQL"
        }
    }

    private static let counter = Counter()
    private static let templateName: Result<String, Error> = Result {
        let name = "fc_template_\(getpid())"
        let admin = try Connection(try adminConninfo())
        try admin.executeScript("DROP DATABASE IF EXISTS \(name)")
        try admin.executeScript("CREATE DATABASE \(name)")
        do {
            // Directly: migrating needs a session of its own, which a transaction pooler does not keep.
            let store = try Store(location: DatabaseLocation(conninfo: try directConninfo(database: name), origin: .option))
            _ = try store.migrator.migrate(appliedBy: "tests")
            store.connection.close()
        }
        return name
    }

    /// A new, migrated, empty database; returns its conninfo.
    public static func migrated() throws -> String {
        try conninfo(database: try migratedDatabase())
    }

    /// A new, migrated, empty database; returns its name.
    public static func migratedDatabase() throws -> String {
        try copy(template: try templateName.get())
    }

    /// A new database with no schema at all.
    public static func empty() throws -> String {
        try conninfo(database: try emptyDatabase())
    }

    /// A new database with no schema at all, reached directly even in the pooled pass: for
    /// tests of the migrator, which needs a session of its own.
    public static func emptyDirect() throws -> String {
        try directConninfo(database: try emptyDatabase())
    }

    /// How many of `count` clients can wait on a row lock that one more session holds: all of
    /// them on the server itself; behind the pooler only as many as it has server connections
    /// for the database besides the holder's (`FACTCHECK_TEST_POOL_SIZE`). The others queue in
    /// PgBouncer for a connection and join the race when the lock is let go.
    public static func lockWaitersPossible(_ count: Int) -> Int {
        guard throughPooler else { return count }
        let pool = Int(ProcessInfo.processInfo.environment["FACTCHECK_TEST_POOL_SIZE"] ?? "") ?? 3
        return min(count, pool - 1)
    }

    /// A new database with no schema at all; returns its name.
    public static func emptyDatabase() throws -> String {
        try copy(template: "template0")
    }

    private static func copy(template: String) throws -> String {
        let name = "fc_test_\(getpid())_\(counter.next())"
        let admin = try Connection(try adminConninfo())
        // A template cannot be copied while another session is connected to it; retry briefly.
        for attempt in 1...50 {
            var failure: Error?
            do {
                try admin.executeScript("CREATE DATABASE \(name) TEMPLATE \(template)")
            } catch {
                failure = error
            }
            guard let failure else { return name }
            guard (failure as? PostgresError)?.sqlState == "55006", attempt < 50 else { throw failure }
            usleep(100_000)
        }
        throw Missing()
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value
    }
}
