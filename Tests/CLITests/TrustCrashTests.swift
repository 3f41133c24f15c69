import Foundation
import Postgres
import TestSupport
import Testing

/// `kill -9` of the CLI in the middle of a large import, a large export and a migration:
/// the database stays consistent and running the same command again completes.
@Suite struct TrustCrashTests {
    /// Starts the binary without waiting for it.
    func launch(_ arguments: [String], database: String, as user: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments + (user.map { ["--as", $0] } ?? [])
        var env = ProcessInfo.processInfo.environment
        env["FACTCHECK_DATABASE_URL"] = database
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until the server runs a statement starting with `prefix`, at most 30 s.
    func waitForStatement(_ prefix: String, database: String) throws -> Bool {
        let conn = try Connection(database)
        for _ in 0..<600 {
            let rows = try conn.query("""
                SELECT 1 FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE \(prefix + "%")
                """)
            if rows.count > 0 { return true }
            usleep(50_000)
        }
        return false
    }

    func kill9(_ process: Process) {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func count(_ table: String, _ database: String) throws -> Int {
        let conn = try Connection(database)
        switch table {
        case "claims": return try conn.query("SELECT count(*) AS n FROM claims").first!.require("n")
        case "audit_events": return try conn.query("SELECT count(*) AS n FROM audit_events").first!.require("n")
        default: return try conn.query("SELECT count(*) AS n FROM factcheck_migrations").first!.require("n")
        }
    }

    func bigFile(rows: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString).csv").path
        var text = "claim,claimant,tags,priority\n"
        text.reserveCapacity(rows * 90)
        for n in 1...rows {
            text += "\"Imported claim \(n): exports rose by \(n % 97) percent, \"\"officially\"\"\",Minister \(n % 50),\"trade, figures\",normal\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aKilledImportLeavesNoneOfItsRowsAndARerunCompletes() throws {
        let desk = try Desk.make()
        let file = try bigFile(rows: 20_000)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let before = try count("audit_events", desk.url)
        // Hold the claims table so the import, its rows already copied in, must wait: the
        // kill then lands mid-transaction every time, not by luck of timing.
        let blocker = try Connection(desk.url)
        try blocker.executeScript("BEGIN; LOCK TABLE claims IN ACCESS EXCLUSIVE MODE")
        let process = try launch(["import", "claims", file], database: desk.url, as: "ed")
        #expect(try waitForStatement("CREATE TEMP TABLE import_first", database: desk.url))
        kill9(process)
        try blocker.executeScript("ROLLBACK")
        #expect(try count("claims", desk.url) == 0)
        #expect(try count("audit_events", desk.url) == before)
        let rerun = try desk.run(["import", "claims", file], as: "ed")
        #expect(rerun.status == 0, "\(rerun)")
        #expect(try count("claims", desk.url) == 20_000)
        #expect(try desk.run(["audit", "verify"], as: "ed").status == 0)
    }

    @Test func aKilledExportLeavesNoFileThatLooksWholeAndARerunCompletes() throws {
        let desk = try Desk.make()
        let file = try bigFile(rows: 20_000)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try desk.ok(["import", "claims", file], as: "ed")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: out + ".partial") }
        let blocker = try Connection(desk.url)
        try blocker.executeScript("BEGIN; LOCK TABLE claims IN ACCESS EXCLUSIVE MODE")
        let process = try launch(["export", "claims", "--out", out], database: desk.url, as: "ed")
        #expect(try waitForStatement("COPY (", database: desk.url))
        kill9(process)
        try blocker.executeScript("ROLLBACK")
        #expect(!FileManager.default.fileExists(atPath: out), "a killed export left a complete-looking file")
        let rerun = try desk.run(["export", "claims", "--out", out], as: "ed")
        #expect(rerun.status == 0, "\(rerun)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count
        #expect(lines == 20_001)
    }

    @Test(arguments: [0, 5, 10, 20, 40, 80])
    func aKilledMigrationLeavesAConsistentHistoryAndARerunCompletes(delayMilliseconds: Int) throws {
        let database = try TestDatabase.empty()
        let process = try launch(["db", "migrate"], database: database)
        usleep(useconds_t(delayMilliseconds * 1000))
        kill9(process)
        // Every recorded migration is really there (its objects exist) and none is half there.
        let conn = try Connection(database)
        let history = try conn.query("SELECT to_regclass('factcheck_migrations') IS NOT NULL AS present").first!
        if try history.require("present", as: Bool.self) {
            let versions: [Int] = try conn.query("SELECT version FROM factcheck_migrations ORDER BY version").map { try $0.require("version") }
            let tables = try conn.query("""
                SELECT to_regclass('claims') IS NOT NULL AS v1, to_regclass('audit_events') IS NOT NULL AS v2,
                       to_regproc('csv_text') IS NOT NULL AS v3
                """).first!
            #expect(try tables.require("v1", as: Bool.self) == versions.contains(1))
            #expect(try tables.require("v2", as: Bool.self) == versions.contains(2))
            #expect(try tables.require("v3", as: Bool.self) == versions.contains(3))
        }
        let rerun = try CLI(databaseURL: database).run(["db", "migrate"])
        #expect(rerun.status == 0, "\(rerun)")
        let status = try CLI(databaseURL: database).run(["db", "status"])
        #expect(status.status == 0, "\(status)")
    }

    /// The server ends the CLI's session while it works (as a restart or an outage would):
    /// exit 69 and one clear line; once the server is back, the same command works.
    @Test func aLostServerGivesExit69AndTheSameCommandThenWorks() throws {
        let desk = try Desk.make()
        let file = try bigFile(rows: 20_000)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try desk.ok(["import", "claims", file], as: "ed")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("outage-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["export", "claims", "--out", out, "--as", "ed"]
        var env = ProcessInfo.processInfo.environment
        env["FACTCHECK_DATABASE_URL"] = desk.url
        process.environment = env
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        // The export waits on a lock, so the server can be taken from it mid-command.
        let blocker = try Connection(desk.url)
        try blocker.executeScript("BEGIN; LOCK TABLE claims IN ACCESS EXCLUSIVE MODE")
        try process.run()
        #expect(try waitForStatement("COPY (", database: desk.url))
        let admin = try Connection(desk.url)
        try admin.query("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'COPY (%'
            """)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try blocker.executeScript("ROLLBACK")
        #expect(process.terminationStatus == 69, "\(message)")
        #expect(message.hasPrefix("error: "), "\(message)")
        #expect(!message.contains("Fatal error") && !message.contains("Stack"), "\(message)")
        let rerun = try desk.run(["export", "claims", "--out", out], as: "ed")
        #expect(rerun.status == 0, "\(rerun)")
    }
}
