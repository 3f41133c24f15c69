import Foundation

/// A value that can be sent as a text-format bind parameter.
public protocol PostgresEncodable: Sendable {
    var postgresText: String { get }
}

/// A value that can be read from a text-format result column.
public protocol PostgresDecodable {
    init(postgresText text: String) throws(PostgresError)
}

extension String: PostgresEncodable, PostgresDecodable {
    public var postgresText: String { self }
    public init(postgresText text: String) { self = text }
}

extension Substring: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int: PostgresEncodable, PostgresDecodable {
    public var postgresText: String { String(self) }
    public init(postgresText text: String) throws(PostgresError) {
        guard let v = Int(text) else { throw .decoding(type: "Int", text: text) }
        self = v
    }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    public var postgresText: String { String(self) }
    public init(postgresText text: String) throws(PostgresError) {
        guard let v = Int64(text) else { throw .decoding(type: "Int64", text: text) }
        self = v
    }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    public var postgresText: String { String(self) }
    public init(postgresText text: String) throws(PostgresError) {
        guard let v = Int32(text) else { throw .decoding(type: "Int32", text: text) }
        self = v
    }
}

extension Double: PostgresEncodable, PostgresDecodable {
    public var postgresText: String { String(self) }
    public init(postgresText text: String) throws(PostgresError) {
        guard let v = Double(text) else { throw .decoding(type: "Double", text: text) }
        self = v
    }
}

extension Bool: PostgresEncodable, PostgresDecodable {
    public var postgresText: String { self ? "t" : "f" }
    public init(postgresText text: String) throws(PostgresError) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw .decoding(type: "Bool", text: text)
        }
    }
}

extension Decimal: PostgresEncodable, PostgresDecodable {
    public var postgresText: String { "\(self)" }
    public init(postgresText text: String) throws(PostgresError) {
        guard let v = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw .decoding(type: "Decimal", text: text)
        }
        self = v
    }
}

/// `timestamptz`. Sessions run with `TimeZone=UTC` and ISO date style, so the text form is
/// `2026-11-27 20:42:46.123456+00`.
extension Date: PostgresEncodable, PostgresDecodable {
    public var postgresText: String {
        let micros = (timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = Int64((micros / 1_000_000).rounded(.down))
        let fraction = Int64(micros) - seconds * 1_000_000
        return "\(Timestamp.civil(fromEpochSeconds: seconds)).\(String(format: "%06lld", fraction))+00"
    }

    public init(postgresText text: String) throws(PostgresError) {
        guard let date = Timestamp.parse(text) else { throw .decoding(type: "Date", text: text) }
        self = date
    }
}

enum Timestamp {
    static func civil(fromEpochSeconds s: Int64) -> String {
        let days = s >= 0 ? s / 86400 : (s - 86399) / 86400
        let secs = s - days * 86400
        let (y, m, d) = civilDate(fromDays: days)
        return String(format: "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", y, m, d, secs / 3600, (secs % 3600) / 60, secs % 60)
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func civilDate(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM]`.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var v: Int64 = 0
            for i in range {
                guard i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 else { return nil }
                v = v * 10 + Int64(bytes[i] - 48)
            }
            return v
        }
        guard let y = number(0..<4), let mo = number(5..<7), let d = number(8..<10),
              let h = number(11..<13), let mi = number(14..<16), let s = number(17..<19) else { return nil }
        var i = 19
        var micros: Int64 = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                if digits < 6 { micros = micros * 10 + Int64(bytes[i] - 48); digits += 1 }
                i += 1
            }
            while digits < 6 { micros *= 10; digits += 1 }
        }
        var offset: Int64 = 0
        if i < bytes.count {
            let sign: Int64 = bytes[i] == UInt8(ascii: "-") ? -1 : 1
            guard bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-"),
                  let oh = number(i + 1..<i + 3) else { return nil }
            var om: Int64 = 0
            if i + 3 < bytes.count, bytes[i + 3] == UInt8(ascii: ":"), let m = number(i + 4..<i + 6) { om = m }
            offset = sign * (oh * 3600 + om * 60)
        }
        let seconds = days(year: y, month: mo, day: d) * 86400 + h * 3600 + mi * 60 + s - offset
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }
}

/// A PostgreSQL `text[]`, sent and read in the array literal syntax.
public struct TextArray: PostgresEncodable, PostgresDecodable, Equatable, Sendable {
    public var elements: [String]
    public init(_ elements: [String]) { self.elements = elements }

    public var postgresText: String {
        "{" + elements.map { element in
            var quoted = "\""
            for ch in element.unicodeScalars {
                if ch == "\"" || ch == "\\" { quoted.append("\\") }
                quoted.unicodeScalars.append(ch)
            }
            return quoted + "\""
        }.joined(separator: ",") + "}"
    }

    public init(postgresText text: String) throws(PostgresError) {
        var result: [String] = []
        let scalars = Array(text.unicodeScalars)
        guard scalars.first == "{", scalars.last == "}" else { throw .decoding(type: "text[]", text: text) }
        var i = 1
        let end = scalars.count - 1
        while i < end {
            var element = String.UnicodeScalarView()
            if scalars[i] == "\"" {
                i += 1
                while i < end, scalars[i] != "\"" {
                    if scalars[i] == "\\" { i += 1 }
                    if i < end { element.append(scalars[i]) }
                    i += 1
                }
                i += 1 // closing quote
                result.append(String(element))
            } else {
                while i < end, scalars[i] != "," { element.append(scalars[i]); i += 1 }
                let s = String(element)
                result.append(s)
                if s == "NULL" { result.removeLast(); result.append("") }
            }
            if i < end, scalars[i] == "," { i += 1 }
        }
        elements = result
    }
}

extension Array: PostgresEncodable where Element == String {
    public var postgresText: String { TextArray(self).postgresText }
}
