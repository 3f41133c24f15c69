import Foundation

/// RFC 4180 CSV as a spreadsheet opens it safely.
public enum CSV {
    /// Characters that make a spreadsheet read a text cell as a formula (OWASP's list).
    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// A text cell that a spreadsheet would run as a formula gets a leading apostrophe, which
    /// spreadsheets show as text and do not display. Numbers and dates are never passed here.
    public static func neutralized(_ text: String) -> String {
        // The first code point decides, as in a spreadsheet: "=" followed by a combining mark
        // is one Swift Character but still a formula to Excel.
        guard let first = text.unicodeScalars.first, formulaTriggers.contains(first) else { return text }
        return "'" + text
    }

    /// One field, quoted when it holds a comma, a quote, or a line break.
    public static func field(_ text: String) -> String {
        // Bytes, not Characters: a quote followed by a combining mark is one Character but
        // still a quote to a CSV reader.
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out.unicodeScalars.append("\"") }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }

    public enum Cell: Sendable {
        /// Free text from people: neutralised.
        case text(String?)
        /// A value the system made (ids, states, numbers, dates): written as is.
        case plain(String?)
    }

    /// One record, ending in CRLF as RFC 4180 says.
    public static func record(_ cells: [Cell]) -> String {
        cells.map { cell in
            switch cell {
            case .text(let v): return field(neutralized(v ?? ""))
            case .plain(let v): return field(v ?? "")
            }
        }.joined(separator: ",") + "\r\n"
    }
}
