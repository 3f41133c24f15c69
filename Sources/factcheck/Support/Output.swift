import FactCheckCore
import DeskViews
import FactCheckStore
import Foundation

/// Writes lists and records in the three formats every list and show offers.
struct Output {
    let format: OutputFormat

    /// A list: the table's columns, and the same rows as JSON objects and CSV records.
    func list<T: Encodable>(_ items: [T], columns: [Column<T>]) throws {
        switch format {
        case .json:
            try json(items)
        case .csv:
            var out = CSV.record(columns.map { .plain($0.header) })
            for item in items { out += CSV.record(columns.map { $0.cell(item) }) }
            write(out)
        case .table:
            let rows = items.map { item in columns.map { $0.text(item) } }
            write(Table(headers: columns.map(\.tableHeader), rows: rows).rendered())
        }
    }

    /// The JSON both doors speak (`RecordJSON`).
    func json<T: Encodable>(_ value: T) throws {
        write(try RecordJSON.encode(value))
    }

    func write(_ text: String) {
        print(text, terminator: "")
    }
}

/// One column of a list: its header, its table text and its CSV cell. The header is the CSV's
/// (and the export's, where the export has the field: one name per field in every output); a
/// table may show a shorter one.
struct Column<T>: Sendable {
    let header: String
    let tableHeader: String
    let value: @Sendable (T) -> String?
    let isFreeText: Bool
    let width: Int?

    static func text(_ header: String, table: String? = nil, width: Int? = nil,
                     _ value: @escaping @Sendable (T) -> String?) -> Column {
        Column(header: header, tableHeader: table ?? header, value: value, isFreeText: true, width: width)
    }

    static func plain(_ header: String, table: String? = nil, _ value: @escaping @Sendable (T) -> String?) -> Column {
        Column(header: header, tableHeader: table ?? header, value: value, isFreeText: false, width: nil)
    }

    func text(_ item: T) -> String {
        let v = (value(item) ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
        guard let width, v.count > width else { return v }
        return String(v.prefix(width - 1)) + "…"
    }

    func cell(_ item: T) -> CSV.Cell {
        isFreeText ? .text(value(item)) : .plain(value(item))
    }
}

/// A plain-text table with aligned columns.
struct Table {
    let headers: [String]
    let rows: [[String]]

    func rendered() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ") + "\n"
        }
        var out = line(headers.map { $0.uppercased() })
        for row in rows { out += line(row) }
        if rows.isEmpty { out += "(none)\n" }
        return out
    }
}

/// Prints key–value records, used by `show` commands in table format.
struct Fields {
    var pairs: [(String, String)] = []
    mutating func add(_ key: String, _ value: String?) {
        if let value, !value.isEmpty { pairs.append((key, value)) }
    }
    func rendered() -> String {
        let width = pairs.map(\.0.count).max() ?? 0
        return pairs.map { key, value in
            let pad = String(repeating: " ", count: width - key.count)
            let indented = value.split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\n" + String(repeating: " ", count: width + 2))
            return "\(key):\(pad) \(indented)"
        }.joined(separator: "\n") + "\n"
    }
}

extension Date {
    var iso: String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: self)
    }
}
