import Foundation
import Postgres
import TestSupport
import Testing

/// A newsroom desk on a fresh, migrated database, built through the binary as a desk would:
/// admin `maria` (the first user, added without `--as`), editors `ed` and `eve`, reviewers
/// `ben` and `chen`, and any extra reviewers asked for.
struct Desk: Sendable {
    let url: String
    let cli: CLI

    static let admin = "maria"
    static let editor = "ed"
    static let reviewer = "ben"
    static let secondReviewer = "chen"
    static let otherEditor = "eve"

    /// A migrated database with no users at all.
    static func empty() throws -> Desk {
        let url = try TestDatabase.migrated()
        return Desk(url: url, cli: CLI(databaseURL: url))
    }

    /// A fresh desk of its own. It is built through the binary once per test process and then
    /// copied as a database template, which is much cheaper than six process launches a test.
    static func make(extraReviewers: [String] = []) throws -> Desk {
        try cloned("desk+" + extraReviewers.joined(separator: "+")) {
            let desk = try empty()
            try desk.ok(["user", "add", admin, "--name", "María Ortiz", "--role", "admin"])
            try desk.ok(["user", "add", editor, "--name", "Ed Eames", "--role", "editor"], as: admin)
            try desk.ok(["user", "add", reviewer, "--name", "Ben Okafor", "--role", "reviewer"], as: admin)
            try desk.ok(["user", "add", secondReviewer, "--name", "Chen Li", "--role", "reviewer"], as: admin)
            try desk.ok(["user", "add", otherEditor, "--name", "Eve Adams", "--role", "editor"], as: admin)
            for handle in extraReviewers {
                try desk.ok(["user", "add", handle, "--name", handle.capitalized, "--role", "reviewer"], as: admin)
            }
            return desk
        }
    }

    /// A copy of the desk that `build` makes; `build` runs once per `key` and test process, and
    /// every call gets its own database copied from that one.
    static func cloned(_ key: String, build: () throws -> Desk) throws -> Desk {
        let template = try DeskTemplates.database(key, build: build)
        let url = try DeskTemplates.copy(template)
        return Desk(url: url, cli: CLI(databaseURL: url))
    }

    /// The database name in this desk's conninfo.
    var databaseName: String? {
        url.split(separator: " ").last { $0.hasPrefix("dbname=") }.map { String($0.dropFirst("dbname=".count)) }
    }

    // MARK: Running the binary

    func run(_ arguments: [String], as user: String? = nil) throws -> CLI.Outcome {
        try cli.run(arguments, as: user)
    }

    /// Runs a command that must succeed; a failure stops the test with the command's output.
    @discardableResult
    func ok(_ arguments: [String], as user: String? = nil) throws -> CLI.Outcome {
        let outcome = try cli.run(arguments, as: user)
        guard outcome.status == 0 else { throw CommandFailed(arguments: arguments, user: user, outcome: outcome) }
        return outcome
    }

    /// Logs an article (as the editor) and returns its `A-n`.
    @discardableResult
    func logArticle(url: String = "https://news.example.org/summit", title: String = "Summit ends") throws -> String {
        let out = try ok(["article", "add", "--url", url, "--title", title, "--outlet", "The Daily"], as: Desk.editor)
        let id = firstCapture(out.stdout, /logged (A-\d+)/)
        return try #require(id, "\(out)")
    }

    /// Logs a claim (as the editor by default) and returns its `C-n`, read from "logged C-n: …".
    func logClaim(_ text: String, claimant: String = "Foreign Minister Lena Hart", extra: [String] = [],
                  as user: String = Desk.editor) throws -> String {
        let out = try ok(["claim", "add", text, "--claimant", claimant] + extra, as: user)
        let id = firstCapture(out.stdout, #/logged (C-\d+): /#)
        return try #require(id, "\(out)")
    }

    /// Takes a logged claim to in_review: `proposer` starts it, adds a source and proposes.
    func toReview(_ claim: String, proposer: String = Desk.reviewer, rating: String = "false") throws {
        try ok(["claim", "start", claim], as: proposer)
        try ok(["source", "add", claim, "--url", "https://gov.example.org/transcript/\(claim)",
                "--kind", "transcript", "--stance", "refutes"], as: proposer)
        try ok(["verdict", "propose", claim, "--rating", rating, "--conclusion", "The transcript says six hours."],
               as: proposer)
    }

    // MARK: Reading back

    /// `claim show C-n --format json`, parsed.
    func detail(_ claim: String) throws -> [String: Any] {
        let out = try ok(["claim", "show", claim, "--format", "json"], as: Desk.editor)
        return try #require(try parseJSON(out.stdout) as? [String: Any], "claim show JSON is not an object: \(out)")
    }

    /// The claim object of `claim show --format json`.
    func claim(_ claim: String) throws -> [String: Any] {
        try #require(try detail(claim)["claim"] as? [String: Any], "claim show JSON has no \"claim\" object")
    }

    func connection() throws -> Connection { try Connection(url) }

    /// Everything a refused command must leave as it was: the audit log, its chain heads and
    /// every workflow table, as one JSON text.
    func snapshot() throws -> Snapshot {
        let conn = try connection()
        defer { conn.close() }
        let row = try #require(try conn.query("""
            SELECT (SELECT count(*) FROM audit_events) AS events,
                   json_build_object(
                     'heads', (SELECT json_agg(h ORDER BY stream) FROM audit_heads h),
                     'users', (SELECT json_agg(u ORDER BY handle) FROM users u),
                     'articles', (SELECT json_agg(a ORDER BY id) FROM articles a),
                     'claims', (SELECT json_agg(c ORDER BY id) FROM claims c),
                     'appearances', (SELECT json_agg(p ORDER BY id) FROM appearances p),
                     'sources', (SELECT json_agg(s ORDER BY id) FROM sources s),
                     'verdicts', (SELECT json_agg(v ORDER BY id) FROM verdicts v),
                     'labels', (SELECT json_agg(l ORDER BY label) FROM rating_labels l),
                     'settings', (SELECT json_agg(s ORDER BY key) FROM settings s))::text AS tables
            """).first)
        return Snapshot(events: try row.require("events"), tables: try row.require("tables"))
    }

    /// Audit events with an id above `after`, oldest first.
    func events(after: Int64 = 0) throws -> [Event] {
        let conn = try connection()
        defer { conn.close() }
        return try conn.query("""
            SELECT id, stream, seq, actor, db_role, action, claim_id, object, before::text AS before, after::text AS after
            FROM audit_events WHERE id > \(after) ORDER BY id
            """).map(Event.init(row:))
    }

    func lastEventId() throws -> Int64 {
        let conn = try connection()
        defer { conn.close() }
        return try conn.query("SELECT coalesce(max(id), 0) AS id FROM audit_events").first!.require("id")
    }

    /// The claim's number without the `C-`.
    static func number(_ claim: String) -> Int64 { Int64(claim.dropFirst(2))! }
}

/// Desks built once per test process, kept as template databases.
enum DeskTemplates {
    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var database: Result<String, any Error>?
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var entries: [String: Entry] = [:]
    nonisolated(unsafe) private static var copies = 0

    /// The template database for `key`, built by `build` on first use (later callers wait for it).
    static func database(_ key: String, build: () throws -> Desk) throws -> String {
        let entry = lock.withLock {
            if let entry = entries[key] { return entry }
            let entry = Entry()
            entries[key] = entry
            return entry
        }
        return try entry.lock.withLock {
            if let database = entry.database { return try database.get() }
            let result = Result<String, any Error> {
                let desk = try build()
                return try #require(desk.databaseName, "no dbname in \(desk.url)")
            }
            entry.database = result
            return try result.get()
        }
    }

    /// Copies `template` into a new database and returns its conninfo. Sessions of processes
    /// that just exited may linger a moment; the template is never in use otherwise, so they
    /// are ended.
    static func copy(_ template: String) throws -> String {
        let name = lock.withLock {
            copies += 1
            return "fc_desk_\(getpid())_\(copies)"
        }
        let admin = try Connection(try TestDatabase.adminConninfo())
        defer { admin.close() }
        for attempt in 1... {
            do {
                try admin.executeScript("CREATE DATABASE \(name) TEMPLATE \(template)")
                return try TestDatabase.conninfo(database: name)
            } catch let error as PostgresError where error.sqlState == "55006" && attempt < 100 {
                try admin.query("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = \(template) AND pid <> pg_backend_pid()
                    """)
                usleep(50_000)
            }
        }
        fatalError("unreachable")
    }
}

struct Snapshot: Equatable {
    let events: Int64
    let tables: String
}

/// One row of `audit_events`, with before/after parsed.
struct Event: CustomStringConvertible {
    let id: Int64
    let stream: String
    let seq: Int64
    let actor: String
    let dbRole: String
    let action: String
    let claimId: Int64?
    let object: String?
    let before: [String: Any]?
    let after: [String: Any]?

    init(row: Row) throws {
        id = try row.require("id")
        stream = try row.require("stream")
        seq = try row.require("seq")
        actor = try row.require("actor")
        dbRole = try row.require("db_role")
        action = try row.require("action")
        claimId = try row.decode("claim_id")
        object = try row.decode("object")
        before = try row.decode("before", as: String.self).flatMap { try parseJSON($0) as? [String: Any] }
        after = try row.decode("after", as: String.self).flatMap { try parseJSON($0) as? [String: Any] }
    }

    var description: String { "#\(id) \(stream)/\(seq) \(actor) \(action) \(object ?? "-")" }
}

struct CommandFailed: Error, CustomStringConvertible {
    let arguments: [String]
    let user: String?
    let outcome: CLI.Outcome
    var description: String {
        "factcheck \(arguments.joined(separator: " "))\(user.map { " --as \($0)" } ?? "") failed: \(outcome)"
    }
}

// MARK: Parsing what the binary prints

/// The first capture of `regex` in `text`.
func firstCapture(_ text: String, _ regex: Regex<(Substring, Substring)>) -> String? {
    text.firstMatch(of: regex).map { String($0.1) }
}

func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// A JSON object written either as an object or as a string holding one (how `audit log`
/// prints before/after today).
func jsonObject(_ value: Any?) -> [String: Any]? {
    if let object = value as? [String: Any] { return object }
    if let text = value as? String { return (try? parseJSON(text)) as? [String: Any] }
    return nil
}

/// True for JSON null (NSNull) and for an absent key.
func isNull(_ value: Any?) -> Bool { value == nil || value is NSNull }

/// RFC 4180: records of fields; quoted fields may hold commas, doubled quotes and line breaks.
func parseCSV(_ text: String) throws -> [[String]] {
    struct Malformed: Error, CustomStringConvertible { let description: String }
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var afterQuote = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append("\"") } else {
                    quoted = false; afterQuote = true
                }
            } else {
                field.unicodeScalars.append(c)
            }
            continue
        }
        switch c {
        case "\"":
            guard field.isEmpty, !afterQuote else { throw Malformed(description: "stray quote in \(field)") }
            quoted = true
        case ",":
            record.append(field); field = ""; afterQuote = false
        case "\r":
            guard chars.first == "\n" else { throw Malformed(description: "bare CR after \(field)") }
        case "\n":
            record.append(field); records.append(record); record = []; field = ""; afterQuote = false
        default:
            guard !afterQuote else { throw Malformed(description: "text after a closing quote in \(field)") }
            field.unicodeScalars.append(c)
        }
    }
    guard !quoted else { throw Malformed(description: "unterminated quoted field") }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}

/// CSV records as dictionaries keyed by the header row.
func csvRows(_ text: String) throws -> (header: [String], rows: [[String: String]]) {
    let records = try parseCSV(text)
    let header = try #require(records.first, "CSV without a header row: \(text)")
    for record in records.dropFirst() {
        #expect(record.count == header.count, "CSV record \(record) has \(record.count) fields, header has \(header.count)")
    }
    let rows = records.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
    return (header, rows)
}

// MARK: What every refusal looks like

/// What a finished command left: `CLI.Outcome`, or a `RaceOutcome` of processes run together.
protocol CommandOutcome: CustomStringConvertible {
    var status: Int32 { get }
    var stdout: String { get }
    var stderr: String { get }
}

extension CLI.Outcome: CommandOutcome {}

struct RaceOutcome: CommandOutcome, Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// stderr is one `error: …` line, optionally followed by one `hint: …` line; no stack trace,
/// no Swift runtime noise; and stdout is empty.
func expectErrorShape(_ outcome: some CommandOutcome, sourceLocation: SourceLocation = #_sourceLocation) {
    let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let content = lines.last == "" ? Array(lines.dropLast()) : lines
    #expect((1...2).contains(content.count), "stderr should be 1–2 lines: \(outcome)", sourceLocation: sourceLocation)
    #expect(content.first?.hasPrefix("error: ") == true, "stderr must start with 'error: ': \(outcome)",
            sourceLocation: sourceLocation)
    if content.count == 2 {
        #expect(content[1].hasPrefix("hint: "), "second stderr line must be 'hint: …': \(outcome)",
                sourceLocation: sourceLocation)
    }
    for noise in ["Fatal error", "Stack dump", "Backtrace", "Thread ", "Swift/", ".swift:", "password"] {
        #expect(!outcome.stderr.contains(noise), "stderr contains \(noise): \(outcome)", sourceLocation: sourceLocation)
    }
    #expect(outcome.stdout.isEmpty, "a refusal prints nothing on stdout: \(outcome)", sourceLocation: sourceLocation)
}

// MARK: Processes started together

/// A `factcheck` process started without waiting, so that two can run at the same moment.
final class Launched: @unchecked Sendable {
    let process = Process()
    private let out = Pipe()
    private let err = Pipe()

    /// Configured like `CLI.run`: the test database, no inherited PG*, DATABASE_URL or FACTCHECK_USER.
    init(_ arguments: [String], as user: String, databaseURL: String) {
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments + ["--as", user]
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PG") || key == "DATABASE_URL" || key == "FACTCHECK_USER" {
            env.removeValue(forKey: key)
        }
        env["FACTCHECK_DATABASE_URL"] = databaseURL
        process.environment = env
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
    }

    func start() throws { try process.run() }

    /// Waits for the exit. Outputs are a line or two, far below a pipe's buffer.
    func finish() -> RaceOutcome {
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RaceOutcome(status: process.terminationStatus,
                           stdout: String(decoding: stdout, as: UTF8.self),
                           stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// Starts every command back to back, then waits for all of them.
func together(_ commands: [(arguments: [String], user: String)], databaseURL: String) throws -> [RaceOutcome] {
    let processes = commands.map { Launched($0.arguments, as: $0.user, databaseURL: databaseURL) }
    for process in processes { try process.start() }
    return processes.map { $0.finish() }
}
