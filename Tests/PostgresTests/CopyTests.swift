import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct CopyTests {
    static let rowCount = 100_000

    /// Row i's body: every character COPY's text format escapes, multi-byte UTF-8, a literal
    /// backslash-N that is not NULL, and now and then a real NULL.
    static func body(_ i: Int) -> String? {
        switch i % 7 {
        case 0: return "row \(i)"
        case 1: return "tab\there \(i)"
        case 2: return "line\nbreak \\ back \(i)\r"
        case 3: return "ü € 🧾 e\u{301} \"q\" 'a' \(i)"
        case 4: return "\\N is not null \(i)"
        case 5: return ""
        default: return nil
        }
    }

    /// COPY text format: backslash, tab, newline and carriage return escaped, NULL as `\N`.
    static func escaped(_ s: String?) -> String {
        guard let s else { return "\\N" }
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func line(_ i: Int) -> String { "\(i)\t\(escaped(body(i)))\n" }

    @Test func hundredThousandRowsInAndOut() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (id int PRIMARY KEY, body text)")
        var sent = FNV1a()
        var bodyBytes = 0
        var nulls = 0
        let copied = try conn.copyIn("COPY t (id, body) FROM STDIN") { writer in
            for i in 0..<Self.rowCount {
                let line = Self.line(i)
                sent.add(line.utf8)
                bodyBytes += Self.body(i)?.utf8.count ?? 0
                nulls += Self.body(i) == nil ? 1 : 0
                if i.isMultiple(of: 2) { try writer.write(line) } else { try writer.write(bytes: Array(line.utf8)) }
            }
        }
        #expect(copied == Self.rowCount)
        let summary = try #require(try conn.query("""
            SELECT count(*) AS n, coalesce(sum(octet_length(body)), 0) AS bytes, count(*) - count(body) AS nulls FROM t
            """).first)
        #expect(try summary.require("n", as: Int.self) == Self.rowCount)
        #expect(try summary.require("bytes", as: Int.self) == bodyBytes)
        #expect(try summary.require("nulls", as: Int.self) == nulls)
        for id in [0, 1, 2, 3, 4, 5, 6, 65_537, Self.rowCount - 1] {
            let row = try #require(try conn.query("SELECT body FROM t WHERE id = \(id)").first)
            #expect(bytes(try row.decode("body", as: String.self)) == bytes(Self.body(id)), "row \(id)")
        }

        var received = FNV1a()
        var chunks = 0
        let out = try conn.copyOut("COPY (SELECT id, body FROM t ORDER BY id) TO STDOUT") { row in
            received.add(row)
            chunks += 1
        }
        #expect(out == Self.rowCount)
        #expect(chunks == Self.rowCount)
        // The server escapes exactly as we did, so what comes out is byte for byte what went in.
        #expect(received.value == sent.value)
    }

    @Test func copyInAbortedByTheBodyInsertsNothing() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (id int PRIMARY KEY, body text)")
        let thrown = #expect(throws: BodyError.self) {
            _ = try conn.copyIn("COPY t (id, body) FROM STDIN") { writer in
                // Enough to have sent several chunks before giving up.
                for i in 0..<20_000 { try writer.write(Self.line(i)) }
                throw BodyError(tag: "abort")
            }
        }
        #expect(thrown == BodyError(tag: "abort"))
        #expect(try conn.query("SELECT count(*) AS n FROM t").first?.require("n", as: Int.self) == 0)
        // The same connection copies again.
        let copied = try conn.copyIn("COPY t (id, body) FROM STDIN") { try $0.write(Self.line(1)) }
        #expect(copied == 1)
    }

    @Test func copyInOfBadDataIsTheServersErrorAndInsertsNothing() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (id int PRIMARY KEY, body text)")
        let error = try #require(postgresError {
            _ = try conn.copyIn("COPY t (id, body) FROM STDIN") { writer in
                for i in 0..<1_000 { try writer.write(Self.line(i)) }
                try writer.write("not-a-number\tx\n")
            }
        })
        #expect(error.kind == .server && error.sqlState == "22P02")
        #expect(try conn.query("SELECT count(*) AS n FROM t").first?.require("n", as: Int.self) == 0)
    }

    @Test func copyInTakesNoBinds() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (id int)")
        let into = postgresError { _ = try conn.copyIn("COPY t FROM STDIN WHERE id > \(5)") { _ in } }
        #expect(into?.kind == .usage)
        #expect(try conn.query("SELECT 1 AS one").first?.require("one", as: Int.self) == 1)
    }

    @Test func copyOutTakesBoundValuesVerbatim() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (id int, body text, at date)")
        let needle = "'); DROP TABLE t; -- ' \\ \" 🧾"
        try conn.run("""
            INSERT INTO t VALUES (1, \(needle), '2026-01-02'), (2, \(needle), '2026-03-04'),
                                 (3, \("other"), '2026-01-02'), (4, \(needle + " "), '2026-01-02')
            """)
        var lines: [String] = []
        let rows = try conn.copyOut("""
            COPY (SELECT id FROM t WHERE body = \(needle) AND at < \("2026-02-01")::date ORDER BY id) TO STDOUT
            """) { lines.append(String(decoding: $0, as: UTF8.self)) }
        #expect(rows == 1)
        #expect(lines == ["1\n"])
        #expect(try conn.query("SELECT count(*) AS n FROM t").first?.require("n", as: Int.self) == 4)
        let null = postgresError { try conn.copyOut("COPY (SELECT \(nil as String?)) TO STDOUT") { _ in } }
        #expect(null?.kind == .usage)
    }

    /// The bound values live as long as the COPY's transaction: nothing is left on the session,
    /// where a transaction pooler would hand it to the next client of that server connection.
    @Test func copyOutLeavesNoSettingOnTheSession() throws {
        let (_, conn) = try emptyDatabase()
        try conn.copyOut("COPY (SELECT \("first value")::text) TO STDOUT") { _ in }
        _ = try conn.withTransaction { conn in
            try conn.copyOut("COPY (SELECT \("second value")::text) TO STDOUT") { _ in }
        }
        let left = try conn.query("SELECT coalesce(current_setting('factcheck.copy_bind_1', true), '') AS v").first
        #expect(try left?.require("v", as: String.self) == "")
    }

    /// Outside a transaction, through PgBouncer in transaction pooling (three server connections
    /// for the database): twelve clients at once each read their own value back.
    @Test func copyOutThroughATransactionPoolerReadsItsOwnValues() throws {
        let name = try TestDatabase.emptyDatabase()
        let pooled = try TestDatabase.poolerConninfo(database: name)
        let seen = Tally()
        DispatchQueue.concurrentPerform(iterations: 12) { client in
            do {
                let conn = try Connection(pooled)
                for round in 0..<20 {
                    let value = "client \(client) round \(round)"
                    var out = ""
                    try conn.copyOut("COPY (SELECT \(value)::text) TO STDOUT") {
                        out += String(decoding: $0, as: UTF8.self)
                    }
                    if out == "\(value)\n" { seen.add() } else { seen.note(out) }
                }
            } catch { seen.note("\(error)") }
        }
        #expect(seen.value == 12 * 20, "\(seen.notes.prefix(3))")
    }

    @Test func copyOutStoppedByTheBodyRethrowsAndLeavesTheConnectionUsable() throws {
        let (_, conn) = try emptyDatabase()
        var seen = 0
        let thrown = #expect(throws: BodyError.self) {
            try conn.copyOut("COPY (SELECT g, repeat('x', 100) FROM generate_series(1, 2000000) g) TO STDOUT") { _ in
                seen += 1
                if seen == 10 { throw BodyError(tag: "enough") }
            }
        }
        #expect(thrown == BodyError(tag: "enough"))
        #expect(seen == 10)
        #expect(try conn.query("SELECT 1 AS one").first?.require("one", as: Int.self) == 1)
    }
}

final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var value = 0
    private(set) var notes: [String] = []
    func add() { lock.withLock { value += 1 } }
    func note(_ text: String) { lock.withLock { notes.append(text) } }
}
