import Foundation

/// RFC 4180 CSV as a spreadsheet opens it safely.
public enum CSV {
    /// Characters that make a spreadsheet read a text cell as a formula (OWASP's list).
    static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// A text cell that a spreadsheet would run as a formula gets a leading apostrophe, which
    /// spreadsheets show as text and do not display. Numbers and dates are never passed here.
    public static func neutralized(_ text: String) -> String {
        guard let first = text.first, formulaTriggers.contains(first) else { return text }
        return "'" + text
    }

    /// One field, quoted when it holds a comma, a quote, or a line break.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
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
