import Foundation
import Postgres
import TestSupport
import Testing

// Helpers of the report tests (export and import): files on disk, Python's csv module as an
// independent reader, and counts straight from the database.

/// The columns of `export claims`, SPEC section 6, in order.
let specClaimColumns = [
    "claim_id", "state", "claim", "claimant", "said_on", "article_url", "article_title", "outlet",
    "first_appearance_url", "tags", "priority", "assignee", "due_date", "rating", "conclusion", "proposed_by",
    "approved_by", "approved_at", "published_at", "published_url", "sources", "created_by", "created_at",
    "updated_at",
]

/// A scratch directory, removed by `remove()`.
struct ScratchDirectory: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("factcheck-report-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: file(name), encoding: .utf8)
    }

    func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: file(name))))
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// One RFC 4180 field: quoted when it holds a delimiter, a quote or a line break.
func csvField(_ text: String, delimiter: Character = ",") -> String {
    let needsQuotes = text.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" }
        || text.contains(delimiter)
    guard needsQuotes else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// One record, CRLF-terminated as RFC 4180 says.
func csvRecord(_ fields: [String], delimiter: Character = ",") -> String {
    fields.map { csvField($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\r\n"
}

func csvFile(_ records: [[String]]) -> String { records.map { csvRecord($0) }.joined() }

/// Runs `python3 -c script args…`; the script's stdout, which must be JSON. Fails the test when
/// Python is missing or the script fails.
func python(_ script: String, _ arguments: [String], in directory: ScratchDirectory) throws -> Any {
    let output = directory.file("python-\(UUID().uuidString.prefix(8)).json")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, output] + arguments
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "python3 failed: \(String(decoding: errData, as: UTF8.self))")
    defer { try? FileManager.default.removeItem(atPath: output) }
    return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output)))
}

/// What Python's csv module reads from a file.
struct PythonCSV {
    let header: [String]
    let rows: Int
    /// The distinct numbers of fields per record (header included).
    let widths: Set<Int>
    /// The cells of one column, in file order.
    let column: [String]
}

/// Reads `file` with `csv.reader(open(path, newline='', encoding=…))`, Python's own parser,
/// and returns the cells of `column`.
func pythonCSV(_ file: String, column: String, encoding: String = "utf-8", delimiter: String = ",",
               in directory: ScratchDirectory) throws -> PythonCSV {
    let script = """
        import csv, json, sys
        out, path, column, encoding, delimiter = sys.argv[1:6]
        csv.field_size_limit(10**8)
        with open(path, newline='', encoding=encoding) as f:
            records = list(csv.reader(f, delimiter=delimiter, strict=True))
        header = records[0]
        index = header.index(column)
        json.dump({"header": header, "rows": len(records) - 1,
                   "widths": sorted({len(r) for r in records}),
                   "column": [r[index] if index < len(r) else None for r in records[1:]]},
                  open(out, "w", encoding="utf-8"), ensure_ascii=False)
        """
    let object = try #require(
        try python(script, [file, column, encoding, delimiter], in: directory) as? [String: Any])
    return PythonCSV(header: object["header"] as? [String] ?? [], rows: (object["rows"] as? NSNumber)?.intValue ?? -1,
                     widths: Set((object["widths"] as? [NSNumber] ?? []).map(\.intValue)),
                     column: (object["column"] as? [Any] ?? []).map { $0 as? String ?? "<missing>" })
}

/// The apostrophe `export` puts before a text cell a spreadsheet would run as a formula, taken off.
func undoNeutralisation(_ cell: String) -> String {
    guard cell.hasPrefix("'"), let next = cell.unicodeScalars.dropFirst().first,
          ["=", "+", "-", "@", "\t", "\r"].contains(next) else { return cell }
    return String(cell.dropFirst())
}

extension Desk {
    /// A migrated database whose only user is the admin `maria`: cheaper than `make()` where
    /// no other role is needed.
    static func adminOnly() throws -> Desk {
        let desk = try empty()
        try desk.ok(["user", "add", admin, "--name", "María Ortiz", "--role", "admin"])
        return desk
    }

    /// `SELECT count(*) FROM table`.
    func tally(_ table: String, where condition: String = "true") throws -> Int {
        let conn = try connection()
        defer { conn.close() }
        return try conn.query(SQL(stringLiteral: "SELECT count(*) AS n FROM \(table) WHERE \(condition)")).first!
            .require("n")
    }

    /// Claims as stored: (text, claimant, tags, priority, state), by id.
    func storedClaims() throws -> [StoredClaim] {
        let conn = try connection()
        defer { conn.close() }
        return try conn.query("""
            SELECT id, text, claimant, array_to_string(tags, '|') AS tags, priority, state FROM claims ORDER BY id
            """).map { row in
            StoredClaim(id: try row.require("id"), text: try row.require("text"), claimant: try row.require("claimant"),
                        tags: try row.require("tags"), priority: try row.require("priority"),
                        state: try row.require("state"))
        }
    }

    /// `import claims ARGS` as `user`.
    func importClaims(_ arguments: [String], as user: String = Desk.admin) throws -> CLI.Outcome {
        try run(["import", "claims"] + arguments, as: user)
    }
}

struct StoredClaim: Equatable, CustomStringConvertible {
    let id: Int64
    let text: String
    let claimant: String
    let tags: String
    let priority: String
    let state: String

    /// Everything but the id.
    var content: [String] { [text, claimant, tags, priority, state] }

    var description: String { "C-\(id) \(content.map { $0.debugDescription.prefix(80) })" }
}

/// The lines of stderr that report a bad row: `FILE: line N: reason`, as (N, reason).
func reportedRows(_ stderr: String) -> [(line: Int, reason: String)] {
    stderr.split(separator: "\n").compactMap { line in
        guard let match = line.firstMatch(of: /: line (\d+): (.*)$/) else { return nil }
        return (Int(match.1)!, String(match.2))
    }
}

extension Desk {
    /// The ratings `undatedArchive` cycles through, all on the newsroom scale's numeric part.
    static let undatedArchiveRatings = ["true", "mostly-true", "half-true", "misleading", "mostly-false", "false"]
    static let undatedArchiveSize = 5_000

    /// A desk (`make()`) that imported a published archive as old spreadsheets and public
    /// datasets have them: 5,000 published claims with rating, conclusion, proposer, approver
    /// and the review's url, but no approved_at or published_at; every other claim has no
    /// said_on either. Built once per test process, copied for each test.
    static func undatedArchive() throws -> Desk {
        try cloned("undated-archive") {
            let desk = try make()
            let dir = try ScratchDirectory()
            defer { dir.remove() }
            var records = [["claim", "claimant", "said_on", "state", "rating", "conclusion", "proposed_by", "approved_by",
                            "published_url"]]
            for i in 0..<undatedArchiveSize {
                records.append([
                    "Archived claim \(i): the county's budget rose by \(i) per cent in \(1990 + i % 30).",
                    "Councillor \(i % 97)", i % 2 == 0 ? "2015-03-\(String(format: "%02d", i % 28 + 1))" : "", "published",
                    undatedArchiveRatings[i % undatedArchiveRatings.count], "Checked against the county accounts, row \(i).",
                    reviewer, secondReviewer, "https://ledger.example/archive/\(i)",
                ])
            }
            let file = try dir.write("archive.csv", csvFile(records))
            let out = try desk.ok(["import", "claims", file], as: admin)
            try #require(out.stdout == "imported \(undatedArchiveSize) claims from \(file)\n", "\(out)")
            return desk
        }
    }
}
