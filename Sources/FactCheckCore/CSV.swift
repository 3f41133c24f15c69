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
        // Texts that already start with apostrophes before a trigger get one more too, so
        // that `restored` takes exactly one off and every text round-trips.
        guard let trigger = text.unicodeScalars.first(where: { $0 != "'" }), formulaTriggers.contains(trigger) else {
            return text
        }
        return "'" + text
    }

    /// Undoes `neutralized`: what an import does with a cell an export wrote.
    public static func restored(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard scalars.first == "'", let trigger = scalars.first(where: { $0 != "'" }),
              formulaTriggers.contains(trigger) else { return cell }
        return String(scalars.dropFirst())
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
