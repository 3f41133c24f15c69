import Foundation
import Postgres
import TestSupport
import Testing

/// `factcheck db migrate | status`, and how every command meets the database, run as a user would.
@Suite struct DatabaseCommandTests {
    /// The migration files in the repository's `Migrations/` folder, in order.
    static let migrationFiles: [String] = {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Migrations")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".sql") }.sorted()
    }()

    static func count(_ sql: SQL, in conninfo: String) throws -> Int {
        let conn = try Connection(conninfo)
        defer { conn.close() }
        return try #require(try conn.query(sql).first?.require("n"))
    }

    static func historyRows(_ conninfo: String) throws -> Int {
        try count("SELECT count(*) AS n FROM factcheck_migrations", in: conninfo)
    }

    /// stderr is one `error:` line, perhaps followed by one `hint:` line, and nothing else.
    static func expectOneErrorLine(_ outcome: CLI.Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let meaningful = lines.last == "" ? Array(lines.dropLast()) : lines
        #expect((1...2).contains(meaningful.count), "\(outcome)", sourceLocation: sourceLocation)
        #expect(meaningful.first?.hasPrefix("error: ") == true, "\(outcome)", sourceLocation: sourceLocation)
        if meaningful.count == 2 {
            #expect(meaningful[1].hasPrefix("hint: "), "\(outcome)", sourceLocation: sourceLocation)
        }
        for trace in ["Fatal error", "Stack dump", "Current stack trace", "Backtrace", "PostgresError(", "StoreError."] {
            #expect(!outcome.stderr.contains(trace), "\(outcome)", sourceLocation: sourceLocation)
        }
    }

    /// The files' version numbers (`V0012__…` is 12), in order. Numbers are handed out to
    /// branches ahead of time, so a branch may hold V0012 without V0010.
    static var migrationVersions: [Int] { migrationFiles.compactMap { Int($0.dropFirst().prefix(4)) } }

    @Test func migrationFilesAreFound() {
        #expect(Self.migrationFiles.count >= 2)
        #expect(Self.migrationFiles.first == "V0001__workflow_schema.sql")
    }

    // MARK: migrate and status

    @Test func migrateAppliesEveryFileThenIsUpToDate() throws {
        let url = try TestDatabase.empty()
        let cli = CLI(databaseURL: url)

        let first = try cli.run(["db", "migrate"])
        #expect(first.status == 0, "\(first)")
        let applied = first.stdout.split(separator: "\n").filter { $0.hasPrefix("applied ") }
            .map { String($0.dropFirst("applied ".count)) }
        #expect(applied == Self.migrationFiles, "\(first)")
        #expect(first.stderr.isEmpty, "\(first)")
        #expect(try Self.historyRows(url) == Self.migrationFiles.count)

        let second = try cli.run(["db", "migrate"])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.contains("up to date"), "\(second)")
        #expect(!second.stdout.contains("applied "), "\(second)")
        #expect(second.stderr.isEmpty, "server notices stay off stderr: \(second)")
        #expect(try Self.historyRows(url) == Self.migrationFiles.count)

        let status = try cli.run(["db", "status"])
        #expect(status.status == 0, "\(status)")
        #expect(status.stdout.contains("up to date"), "\(status)")
        #expect(!status.stdout.contains("NOT up to date"), "\(status)")
        for file in Self.migrationFiles {
            let version = String(file.prefix(5))  // V0001
            #expect(status.stdout.split(separator: "\n").contains { $0.hasPrefix(version) && $0.contains("applied") },
                    "\(file): \(status)")
        }

        let json = try cli.run(["db", "status", "--format", "json"])
        #expect(json.status == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any],
                                  "\(json)")
        #expect(object["up_to_date"] as? Bool == true, "\(json)")
        let migrations = try #require(object["migrations"] as? [[String: Any]], "\(json)")
        #expect(migrations.count == Self.migrationFiles.count)
        #expect(migrations.allSatisfy { $0["state"] as? String == "applied" }, "\(json)")
        #expect(migrations.compactMap { $0["version"] as? Int } == Self.migrationVersions)
    }

    @Test func statusOfAnEmptyDatabaseListsEverythingPending() throws {
        let cli = CLI(databaseURL: try TestDatabase.empty())
        let status = try cli.run(["db", "status"])
        #expect(status.status == 1, "\(status)")
        #expect(status.stdout.contains("NOT up to date"), "\(status)")
        #expect(status.stdout.contains("pending"), "\(status)")
        let json = try cli.run(["db", "status", "--format", "json"])
        #expect(json.status == 1, "\(json)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["up_to_date"] as? Bool == false, "\(json)")
    }

    @Test(arguments: 1...5)
    func twoMigratesAtOnceApplyEachFileOnce(round: Int) throws {
        let url = try TestDatabase.empty()
        let cli = CLI(databaseURL: url)
        let outcomes = Outcomes()
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for _ in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                start.wait()
                outcomes.append(Result { try cli.run(["db", "migrate"]) })
                group.leave()
            }
        }
        start.signal()
        start.signal()
        group.wait()
        let results = try outcomes.all.map { try $0.get() }
        #expect(results.count == 2)
        for outcome in results {
            #expect(outcome.status == 0, "round \(round): \(outcome)")
            #expect(outcome.stderr.isEmpty, "round \(round): \(outcome)")
        }
        // Between them each file was applied exactly once.
        let applied = results.flatMap { $0.stdout.split(separator: "\n").filter { $0.hasPrefix("applied ") } }
        #expect(applied.count == Self.migrationFiles.count, "round \(round): \(results)")
        #expect(try Self.historyRows(url) == Self.migrationFiles.count)
        #expect(try Self.count("SELECT count(DISTINCT version) AS n FROM factcheck_migrations", in: url)
                == Self.migrationFiles.count)
    }

    @Test func editedMigrationIsNamedAndRefused() throws {
        let url = try TestDatabase.empty()
        let cli = CLI(databaseURL: url)
        #expect(try cli.run(["db", "migrate"]).status == 0)
        let admin = try Connection(url)
        try admin.run("UPDATE factcheck_migrations SET checksum = \("x") WHERE version = \(1)")

        let migrate = try cli.run(["db", "migrate"])
        #expect(migrate.status == 1, "\(migrate)")
        #expect(migrate.stderr.contains("V0001__workflow_schema.sql"), "\(migrate)")
        Self.expectOneErrorLine(migrate)

        let status = try cli.run(["db", "status"])
        #expect(status.status == 1, "\(status)")
        let line = status.stdout.split(separator: "\n").first { $0.hasPrefix("V0001") }
        #expect(line?.contains("mismatched") == true, "\(status)")
        #expect(status.stdout.split(separator: "\n").contains { $0.hasPrefix("V0002") && $0.contains("applied") },
                "\(status)")

        let json = try cli.run(["db", "status", "--format", "json"])
        #expect(json.status == 1, "\(json)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let first = (object?["migrations"] as? [[String: Any]])?.first
        #expect(first?["state"] as? String == "mismatched", "\(json)")
        #expect(object?["up_to_date"] as? Bool == false, "\(json)")
    }

    @Test func copiedBinaryMigratesFromAnotherDirectory() throws {
        let url = try TestDatabase.empty()
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("factcheck-copy-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("factcheck").path
        try CLI.copyExecutable(CLI.binary, to: binary)

        let outcome = try CLI(databaseURL: url).run(["db", "migrate"], binary: binary, directory: folder.path)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(try Self.historyRows(url) == Self.migrationFiles.count)
        #expect(try Self.count("""
            SELECT count(*) AS n FROM pg_tables
            WHERE schemaname = 'public' AND tablename IN ('users', 'claims', 'sources', 'verdicts', 'audit_events')
            """, in: url) == 5)
    }

    // MARK: Unreachable databases

    static let password = "s3cretpw"

    struct Unreachable: Sendable, CustomTestStringConvertible {
        let name: String
        let option: String?
        let factcheckVariable: String?
        let databaseVariable: String?
        var testDescription: String { name }
    }

    static let unreachable = [
        Unreachable(name: "URL option", option: "postgresql://fc:\(password)@127.0.0.1:1/x?connect_timeout=2",
                    factcheckVariable: nil, databaseVariable: nil),
        Unreachable(name: "keyword option", option: "host=127.0.0.1 port=1 password=\(password) connect_timeout=2",
                    factcheckVariable: nil, databaseVariable: nil),
        Unreachable(name: "URL query password", option: "postgresql://127.0.0.1:1/x?password=\(password)&connect_timeout=2",
                    factcheckVariable: nil, databaseVariable: nil),
        Unreachable(name: "FACTCHECK_DATABASE_URL", option: nil,
                    factcheckVariable: "postgresql://fc:\(password)@127.0.0.1:1/x?connect_timeout=2", databaseVariable: nil),
        Unreachable(name: "FACTCHECK_DATABASE_URL keywords", option: nil,
                    factcheckVariable: "host=127.0.0.1 port=1 password=\(password) connect_timeout=2", databaseVariable: nil),
        Unreachable(name: "DATABASE_URL", option: nil, factcheckVariable: nil,
                    databaseVariable: "postgresql://fc:\(password)@127.0.0.1:1/x?connect_timeout=2"),
        Unreachable(name: "DATABASE_URL keywords", option: nil, factcheckVariable: nil,
                    databaseVariable: "host=127.0.0.1 port=1 password=\(password) connect_timeout=2"),
    ]

    @Test(arguments: unreachable)
    func unreachableDatabaseExits69WithOneLineAndNoPassword(_ target: Unreachable) throws {
        let cli = CLI(databaseURL: target.factcheckVariable,
                      environment: target.databaseVariable.map { ["DATABASE_URL": $0] } ?? [:])
        for command in [["db", "status"], ["db", "migrate"], ["claim", "list", "--as", "ana"]] {
            let outcome = try cli.run(command + (target.option.map { ["--database-url", $0] } ?? []))
            #expect(outcome.status == 69, "\(command): \(outcome)")
            #expect(!outcome.stderr.contains(Self.password), "\(command): \(outcome)")
            #expect(!outcome.stdout.contains(Self.password), "\(command): \(outcome)")
            #expect(outcome.stderr.contains("127.0.0.1"), "names where it tried: \(outcome)")
            Self.expectOneErrorLine(outcome)
        }
    }

    @Test func malformedURLDoesNotEchoThePassword() throws {
        let outcome = try CLI(databaseURL: nil).run(["db", "status", "--database-url", "postgresql://fc:\(Self.password)@[::1/x"])
        #expect(outcome.status != 0, "\(outcome)")
        #expect(!outcome.stderr.contains(Self.password), "\(outcome)")
        Self.expectOneErrorLine(outcome)
    }

    @Test func optionBeatsFactcheckVariableBeatsDatabaseVariable() throws {
        let good = try TestDatabase.migrated()
        let bad = "host=127.0.0.1 port=1 connect_timeout=2"
        let byOption = try CLI(databaseURL: bad, environment: ["DATABASE_URL": bad])
            .run(["db", "status", "--database-url", good])
        #expect(byOption.status == 0, "\(byOption)")
        let byFactcheckVariable = try CLI(databaseURL: good, environment: ["DATABASE_URL": bad]).run(["db", "status"])
        #expect(byFactcheckVariable.status == 0, "\(byFactcheckVariable)")
        let byDatabaseVariable = try CLI(databaseURL: nil, environment: ["DATABASE_URL": good]).run(["db", "status"])
        #expect(byDatabaseVariable.status == 0, "\(byDatabaseVariable)")
        let wrongOne = try CLI(databaseURL: bad, environment: ["DATABASE_URL": good]).run(["db", "status"])
        #expect(wrongOne.status == 69, "\(wrongOne)")
    }

    // MARK: Schema behind or ahead of the binary

    /// The error names the database it looked at and where that came from: after the demo, a
    /// plain command reaches the default database, not the demo's, and must say so.
    @Test func workflowCommandOnAnUnmigratedDatabaseSaysRunMigrate() throws {
        let url = try TestDatabase.empty()
        let name = try #require(url.components(separatedBy: "dbname=").last?.split(separator: " ").first.map(String.init))
        let cli = CLI(databaseURL: url)
        let outcome = try cli.run(["claim", "list", "--as", "x"])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.hasPrefix("error: the schema of database \(name) (from FACTCHECK_DATABASE_URL: "), "\(outcome)")
        #expect(outcome.stderr.contains("behind"), "\(outcome)")
        #expect(outcome.stderr.contains("factcheck db migrate"), "\(outcome)")
        #expect(outcome.stderr.contains("FACTCHECK_DATABASE_URL"), "\(outcome)")
        Self.expectOneErrorLine(outcome)
    }

    @Test func workflowCommandOnAPartlyMigratedDatabaseSaysRunMigrate() throws {
        let url = try TestDatabase.migrated()
        let admin = try Connection(url)
        let last = try #require(Self.migrationFiles.last)
        try admin.run("DELETE FROM factcheck_migrations WHERE version = \(try #require(Self.migrationVersions.last))")
        let outcome = try CLI(databaseURL: url).run(["claim", "list", "--as", "x"])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("behind"), "\(outcome)")
        #expect(outcome.stderr.contains(last), "names the pending file: \(outcome)")
        #expect(outcome.stderr.contains("factcheck db migrate"), "\(outcome)")
        Self.expectOneErrorLine(outcome)
    }

    @Test func workflowCommandOnANewerDatabaseRefuses() throws {
        let url = try TestDatabase.migrated()
        let admin = try Connection(url)
        try admin.run("""
            INSERT INTO factcheck_migrations (version, name, checksum, applied_by, execution_ms)
            VALUES (\(9999), \("from_the_future"), \("abc"), \("tests"), \(0))
            """)
        let outcome = try CLI(databaseURL: url).run(["claim", "list", "--as", "x"])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("newer"), "\(outcome)")
        #expect(outcome.stderr.contains("9999"), "\(outcome)")
        Self.expectOneErrorLine(outcome)

        let status = try CLI(databaseURL: url).run(["db", "status"])
        #expect(status.status == 1, "\(status)")
        #expect(status.stdout.split(separator: "\n").contains { $0.hasPrefix("V9999") && $0.contains("unknown") },
                "\(status)")
    }

    // MARK: Help

    @Test(arguments: [["db", "migrate"], ["db", "status"]])
    func helpHasAnExample(command: [String]) throws {
        let outcome = try CLI(databaseURL: nil).run(command + ["--help"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.contains("Example"), "\(outcome)")
        #expect(outcome.stdout.contains("--database-url"), "\(outcome)")
    }
}

/// Results collected from several threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<CLI.Outcome, Error>] = []
    func append(_ result: Result<CLI.Outcome, Error>) {
        lock.lock(); defer { lock.unlock() }
        results.append(result)
    }
    var all: [Result<CLI.Outcome, Error>] {
        lock.lock(); defer { lock.unlock() }
        return results
    }
}
