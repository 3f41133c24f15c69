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

    /// The conninfo of database `name` on the test cluster.
    public static func conninfo(database name: String) throws -> String {
        try adminConninfo() + " dbname=\(name)"
    }

    private static let counter = Counter()
    private static let templateName: Result<String, Error> = Result {
        let name = "fc_template_\(getpid())"
        let admin = try Connection(try adminConninfo())
        try admin.executeScript("DROP DATABASE IF EXISTS \(name)")
        try admin.executeScript("CREATE DATABASE \(name)")
        do {
            let store = try Store(location: DatabaseLocation(conninfo: try conninfo(database: name), origin: .option))
            _ = try store.migrator.migrate(appliedBy: "tests")
            store.connection.close()
        }
        return name
    }

    /// A new, migrated, empty database; returns its conninfo.
    public static func migrated() throws -> String {
        let template = try templateName.get()
        return try copy(template: template)
    }

    /// A new database with no schema at all.
    public static func empty() throws -> String {
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
            guard let failure else { return try conninfo(database: name) }
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
