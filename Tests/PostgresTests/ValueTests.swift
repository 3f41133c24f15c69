import Foundation
import Postgres
import TestSupport
import Testing

/// Every value goes in as a bound parameter, is stored in a typed column, and must come back
/// exactly; where it matters, the server is asked what it saw.
@Suite struct ValueTests {
    static let megabyte: String = {
        // Mixed one- to four-byte characters, a little over 1 MiB of UTF-8.
        var s = ""
        var i = 0
        while s.utf8.count < 1 << 20 {
            s += "line \(i): ü € 🧾 \\ ' \" \t\n"
            i += 1
        }
        return s
    }()

    /// A text value with a short name for the test report (the 1 MB one would flood it).
    struct Text: Sendable, CustomTestStringConvertible {
        let name: String
        let value: String
        var testDescription: String { name }
    }

    static let texts: [Text] = [
        Text(name: "empty", value: ""),
        Text(name: "plain", value: "plain"),
        Text(name: "emoji", value: "emoji 🧾 👩🏽‍⚖️ 🏳️‍🌈 family 👨‍👩‍👧"),
        Text(name: "right-to-left", value: "rtl שלום עולם and مرحبا \u{200F}mark\u{200E}"),
        Text(name: "combining marks", value: "combining e\u{301} vs \u{E9}, a\u{30A}\u{301}, z\u{336}\u{35B}\u{33E}"),
        Text(name: "quotes", value: "quotes ' '' \" \"\" `back` ’curly’"),
        Text(name: "backslashes", value: #"backslashes \ \\ \n \t \x41 \u0041 E'\\'"#),
        Text(name: "injection", value: "'); DROP TABLE values_under_test; --"),
        Text(name: "injection or", value: "' OR '1'='1"),
        Text(name: "placeholders", value: "$1 $2 ? %s :name"),
        Text(name: "whitespace", value: "  leading and trailing whitespace \t\r\n"),
        Text(name: "NULL word", value: "NULL"),
        Text(name: "control characters", value: "control \u{1}\u{7}\u{1B}[31m\u{7F}"),
        Text(name: "edge code points", value: "edges \u{FFFD} \u{FFFE} \u{10FFFF}"),
        Text(name: "1 MB", value: megabyte),
    ]

    @Test(arguments: texts)
    func textRoundTripsExactly(_ text: Text) throws {
        let text = text.value
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE values_under_test (id int, v text)")
        try conn.run("INSERT INTO values_under_test VALUES (1, \(text))")
        let row = try #require(try conn.query(
            "SELECT v, octet_length(v) AS bytes, length(v) AS chars FROM values_under_test WHERE v = \(text)").first)
        let back: String? = try row.decode("v")
        #expect(bytes(back) == bytes(text), "\(text.prefix(80))")
        // The server stored the same characters, not bytes reinterpreted in another encoding.
        #expect(try row.require("bytes", as: Int.self) == text.utf8.count)
        #expect(try row.require("chars", as: Int.self) == text.unicodeScalars.count)
        // Injection strings are values: the table is still there, with exactly one row.
        #expect(try conn.query("SELECT count(*) AS n FROM values_under_test").first?.require("n", as: Int.self) == 1)
    }

    @Test func nullIsNotTheEmptyString() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (id int, v text)")
        try conn.run("INSERT INTO t VALUES (1, \(nil as String?)), (2, \("")), (3, \("NULL"))")
        let rows = Array(try conn.query("SELECT id, v, v IS NULL AS isnull FROM t ORDER BY id"))
        #expect(rows.count == 3)
        #expect(try rows[0].decode("v", as: String.self) == nil)
        #expect(rows[0]["v"] == nil)
        #expect(try rows[0].require("isnull", as: Bool.self))
        #expect(try rows[1].decode("v", as: String.self) == "")
        #expect(try !rows[1].require("isnull", as: Bool.self))
        #expect(try rows[2].decode("v", as: String.self) == "NULL")
        let substring = "xxsubstringxx".dropFirst(2).dropLast(2)
        #expect(try conn.query("SELECT \(substring)::text AS s").first?.require("s", as: String.self) == "substring")
    }

    @Test func nulCharacterIsRefusedNotTruncated() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (v text)")
        // PostgreSQL text cannot hold U+0000; storing "before" alone would be silent data loss.
        let error = try #require(postgresError { try conn.run("INSERT INTO t VALUES (\("before\u{0}after"))") })
        #expect(error.kind == .usage)
        #expect(try conn.query("SELECT count(*) AS n FROM t").first?.require("n", as: Int.self) == 0)
    }

    @Test func integersRoundTrip() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (i bigint, i8 bigint, i4 integer)")
        let ints: [Int] = [0, 1, -1, 42, Int(Int32.max) + 1, Int.max, Int.min]
        for value in ints {
            let row = try #require(try conn.query("SELECT \(value)::bigint AS v, \(value)::bigint = \(String(value))::bigint AS same").first)
            #expect(try row.require("v", as: Int.self) == value)
            #expect(try row.require("same", as: Bool.self))
        }
        let int64s: [Int64] = [0, -1, Int64.max, Int64.min, 1_795_812_166_123_456]
        for value in int64s {
            try conn.run("INSERT INTO t (i8) VALUES (\(value))")
            let row = try #require(try conn.query("SELECT i8 FROM t WHERE i8 = \(value)").first)
            #expect(try row.require("i8", as: Int64.self) == value)
        }
        let int32s: [Int32] = [0, -1, Int32.max, Int32.min]
        for value in int32s {
            #expect(try conn.query("SELECT \(value)::integer AS v").first?.require("v", as: Int32.self) == value)
        }
        // Out of range for integer: the server says so, nothing is truncated.
        let error = try #require(postgresError { try conn.run("INSERT INTO t (i4) VALUES (\(Int.max))") })
        #expect(error.sqlState == "22003")
    }

    @Test func booleansRoundTrip() throws {
        let (_, conn) = try emptyDatabase()
        for value in [true, false] {
            let row = try #require(try conn.query("SELECT \(value)::boolean AS v, \(value)::boolean::text AS t").first)
            #expect(try row.require("v", as: Bool.self) == value)
            #expect(try row.require("t", as: String.self) == (value ? "true" : "false"))
        }
        #expect(try conn.query("SELECT \(nil as Bool?)::boolean AS v").first?.decode("v", as: Bool.self) == nil)
    }

    @Test func doublesRoundTrip() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (id serial, d double precision)")
        let values: [Double] = [0, -0.0, 1, -1.5, 0.1, 1.0 / 3.0, .pi, 1e-300, 123_456_789.123_456_78,
                                .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                .infinity, -.infinity]
        for value in values {
            let row = try #require(try conn.query("INSERT INTO t (d) VALUES (\(value)) RETURNING d").first)
            let back = try row.require("d", as: Double.self)
            #expect(back.bitPattern == value.bitPattern, "\(value) came back as \(back)")
        }
        let nan = try #require(try conn.query("SELECT \(Double.nan)::float8 AS d").first?.require("d", as: Double.self))
        #expect(nan.isNaN)
    }

    @Test func decimalsRoundTrip() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (n numeric)")
        let texts = ["0", "1", "-1", "0.1", "12345678901234567890.123456789", "-0.000001",
                     "99999999999999999999999999999999999999", "3.14159265358979323846264338327950288"]
        for text in texts {
            let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
            let row = try #require(try conn.query(
                "INSERT INTO t VALUES (\(value)) RETURNING n, n = \(text)::numeric AS same").first)
            #expect(try row.require("n", as: Decimal.self) == value, "\(text)")
            #expect(try row.require("same", as: Bool.self), "\(text) stored as \(row["n"] ?? "NULL")")
        }
    }

    struct Instant: Sendable, CustomTestStringConvertible {
        let text: String
        let micros: Int64
        var date: Date { Date(timeIntervalSince1970: Double(micros) / 1_000_000) }
        var testDescription: String { text }
    }

    static let instants = [
        Instant(text: "1970-01-01 00:00:00+00", micros: 0),
        Instant(text: "1970-01-01 00:00:00.000001+00", micros: 1),
        Instant(text: "1969-12-31 23:59:59.999999+00", micros: -1),
        Instant(text: "2026-11-27 20:42:46.123456+00", micros: 1_795_812_166_123_456),
        Instant(text: "2024-02-29 23:59:59.5+00", micros: 1_709_251_199_500_000),
        Instant(text: "1900-03-01 12:00:00.000999+00", micros: -2_203_848_000_000_000 + 999),
        // Far from 1970 a Date (a Double) holds whole seconds exactly, not microseconds.
        Instant(text: "0001-01-01 00:00:00+00", micros: -62_135_596_800_000_000),
        Instant(text: "9999-12-31 23:59:59+00", micros: 253_402_300_799_000_000),
    ]

    @Test(arguments: instants)
    func timestampsRoundTripToTheMicrosecond(instant: Instant) throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (ts timestamptz)")
        let row = try #require(try conn.query("""
            INSERT INTO t VALUES (\(instant.date))
            RETURNING ts, ts = \(instant.text)::timestamptz AS same,
                      (extract(epoch FROM ts) * 1000000)::bigint AS micros
            """).first)
        #expect(try row.require("same", as: Bool.self), "server stored \(row["ts"] ?? "NULL")")
        #expect(try row.require("micros", as: Int64.self) == instant.micros)
        let back = try row.require("ts", as: Date.self)
        #expect(Int64((back.timeIntervalSince1970 * 1_000_000).rounded()) == instant.micros)
    }

    @Test func timestampsWithOffsetsAreRead() throws {
        let (_, conn) = try emptyDatabase()
        // The session is UTC whatever the server's default, so `now()` reads back as sent.
        let row = try #require(try conn.query("""
            SELECT extract(timezone FROM now())::int AS offset_seconds, to_char(now(), 'TZ') AS zone,
                   '2026-01-01 12:00:00+05:30'::timestamptz AS ts
            """).first)
        #expect(try row.require("offset_seconds", as: Int.self) == 0)
        #expect(try row.require("zone", as: String.self) == "UTC")
        #expect(try row.require("ts", as: Date.self) == Date(timeIntervalSince1970: 1_767_249_000))
        #expect(try Date(postgresText: "2026-01-01 12:00:00-03:30") == Date(timeIntervalSince1970: 1_767_281_400))
    }

    static let arrays: [[String]] = [
        [],
        [""],
        ["", ""],
        ["plain", "two words", "  padded  "],
        ["NULL", "null", "Null"],
        [#"quote " inside"#, #"back\slash"#, #"\""#, #"\\"#],
        ["comma, inside", "{braces}", "}", "{", "{}", "{\"a\",\"b\"}"],
        ["emoji 🧾", "rtl שלום", "e\u{301}", "tab\tnewline\ncr\r"],
        ["'); DROP TABLE t; --"],
    ]

    @Test(arguments: arrays)
    func textArraysRoundTrip(elements: [String]) throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (a text[])")
        let row = try #require(try conn.query("""
            INSERT INTO t VALUES (\(elements)) RETURNING a, cardinality(a) AS n, array_to_json(a)::text AS json
            """).first)
        let back = try row.require("a", as: TextArray.self)
        #expect(back.elements.map { Array($0.utf8) } == elements.map { Array($0.utf8) })
        #expect(try row.require("n", as: Int.self) == elements.count)
        // The server's own view of the elements, independent of our array parser.
        let json = try #require(try row.require("json", as: String.self).data(using: .utf8))
        let serverElements = try JSONSerialization.jsonObject(with: json) as? [String]
        #expect(serverElements?.map { Array($0.utf8) } == elements.map { Array($0.utf8) })
        // The same through the TextArray type.
        let again = try #require(try conn.query("SELECT \(TextArray(elements))::text[] AS a").first)
        #expect(try again.require("a", as: TextArray.self) == TextArray(elements))
    }

    // MARK: Decoding errors

    @Test func requiringANullColumnIsADecodingError() throws {
        let (_, conn) = try emptyDatabase()
        let row = try #require(try conn.query("SELECT NULL::text AS n, NULL::int AS i").first)
        let error = try #require(postgresError { _ = try row.require("n", as: String.self) })
        #expect(error.kind == .decoding)
        #expect(postgresError { _ = try row.require("i", as: Int.self) }?.kind == .decoding)
        #expect(try row.decode("n", as: String.self) == nil)
    }

    @Test func missingColumnIsAUsageError() throws {
        let (_, conn) = try emptyDatabase()
        let row = try #require(try conn.query("SELECT 1 AS present").first)
        #expect(postgresError { _ = try row.require("absent", as: Int.self) }?.kind == .usage)
        #expect(postgresError { _ = try row.decode("absent", as: Int.self) }?.kind == .usage)
        #expect(row["absent"] == nil)
        #expect(row["present"] == "1")
        #expect(row[0] == "1")
    }

    @Test func unreadableValueIsADecodingErrorThatDoesNotQuoteIt() throws {
        let (_, conn) = try emptyDatabase()
        let secret = "not-a-number-private"
        let row = try #require(try conn.query("SELECT \(secret)::text AS v").first)
        for error in [
            postgresError { _ = try row.require("v", as: Int.self) },
            postgresError { _ = try row.require("v", as: Int64.self) },
            postgresError { _ = try row.require("v", as: Double.self) },
            postgresError { _ = try row.require("v", as: Bool.self) },
            postgresError { _ = try row.require("v", as: Decimal.self) },
            postgresError { _ = try row.require("v", as: Date.self) },
            postgresError { _ = try row.require("v", as: TextArray.self) },
        ] {
            let error = try #require(error)
            #expect(error.kind == .decoding)
            #expect(!printed(error).contains(secret), "\(printed(error))")
        }
    }

    /// A server whose defaults are not ours (set on the database, reported at connect) is SET
    /// to them; with the usual defaults nothing is sent, so a pooler sees no session SET.
    @Test func theSessionsTextFormsAreOursWhateverTheServersDefaults() throws {
        let admin = try Connection(try TestDatabase.adminConninfo())
        let name = "fc_settings_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try admin.executeScript("CREATE DATABASE \(name) TEMPLATE template0")
        defer { try? admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        try admin.executeScript("ALTER DATABASE \(name) SET TimeZone = 'Asia/Kolkata'")
        try admin.executeScript("ALTER DATABASE \(name) SET DateStyle = 'SQL, DMY'")
        try admin.executeScript("ALTER DATABASE \(name) SET IntervalStyle = 'sql_standard'")
        let conn = try Connection(try TestDatabase.conninfo(database: name))
        defer { conn.close() }
        let row = try #require(try conn.query("""
            SELECT current_setting('TimeZone') AS tz, '2026-03-04'::date::text AS day,
                   '2026-03-04 05:06:07+00'::timestamptz::text AS ts, interval '1 day 2 hours'::text AS span
            """).first)
        #expect(try row.require("tz", as: String.self) == "UTC")
        #expect(try row.require("day", as: String.self) == "2026-03-04")
        #expect(try row.require("ts", as: String.self) == "2026-03-04 05:06:07+00")
        #expect(try row.require("span", as: String.self) == "1 day 02:00:00")

        let reported = ["TimeZone": "Etc/UTC", "DateStyle": "ISO, MDY", "IntervalStyle": "postgres"]
        #expect(Connection.sessionSettings(reported: { reported[$0] }, serverVersion: 150_000) == nil)
        #expect(Connection.sessionSettings(reported: { reported[$0] }, serverVersion: 110_000) == "SET extra_float_digits = 3")
    }

    // MARK: Encoding of the session

    @Test func textIsUTF8EvenInANonUTF8Database() throws {
        let admin = try Connection(try TestDatabase.adminConninfo())
        let name = "fc_latin1_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try admin.executeScript("CREATE DATABASE \(name) ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
        defer { try? admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        let conn = try Connection(try TestDatabase.conninfo(database: name))
        defer { conn.close() }
        let text = "café naïve"
        let row = try #require(try conn.query("SELECT length(\(text)) AS chars, chr(233) AS e, \(text) AS v").first)
        // 10 characters, not the 12 bytes read as Latin-1; the server's é arrives as é.
        #expect(try row.require("chars", as: Int.self) == text.count)
        #expect(try row.require("e", as: String.self) == "\u{E9}")
        #expect(try row.require("v", as: String.self) == text)
    }
}
