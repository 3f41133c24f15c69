import CLibPQ

/// Owns one `PGresult` and clears it exactly once.
final class Result {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { PQclear(pointer) }

    /// Turns a libpq result into a checked `Result`, or throws the server's error with every
    /// field copied out before the result is cleared.
    static func check(_ raw: OpaquePointer?, conn: OpaquePointer) throws(PostgresError) -> Result {
        guard let raw else {
            throw PostgresError(kind: .connection, message: Connection.firstLine(PQerrorMessage(conn)))
        }
        let result = Result(raw)
        switch PQresultStatus(raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_EMPTY_QUERY:
            return result
        default:
            throw result.error(conn: conn)
        }
    }

    func error(conn: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(pointer, code).map { String(cString: $0) }
        }
        let sqlState = field(Int32(UInt8(ascii: "C")))
        let primary = field(Int32(UInt8(ascii: "M"))) ?? Connection.firstLine(PQerrorMessage(conn))
        let brokenLink = PQstatus(conn) != CONNECTION_OK
        return PostgresError(
            kind: brokenLink ? .connection : .server,
            message: primary,
            sqlState: sqlState ?? (brokenLink ? "08006" : nil),
            detail: field(Int32(UInt8(ascii: "D"))),
            hint: field(Int32(UInt8(ascii: "H"))),
            constraint: field(Int32(UInt8(ascii: "n"))),
            table: field(Int32(UInt8(ascii: "t"))),
            column: field(Int32(UInt8(ascii: "c")))
        )
    }
}

/// The rows a query returned, read by column name or position.
public struct Rows: Sequence {
    let result: Result
    public let count: Int
    public let columns: [String]
    private let columnIndex: [String: Int]

    init(_ result: Result) {
        self.result = result
        count = Int(PQntuples(result.pointer))
        let n = Int(PQnfields(result.pointer))
        columns = (0..<n).map { String(cString: PQfname(result.pointer, Int32($0))) }
        var index: [String: Int] = [:]
        for (i, name) in columns.enumerated() where index[name] == nil { index[name] = i }
        columnIndex = index
    }

    /// Rows touched by an INSERT/UPDATE/DELETE.
    public var affected: Int { Int(String(cString: PQcmdTuples(result.pointer))) ?? 0 }

    public var first: Row? { count > 0 ? Row(rows: self, index: 0) : nil }

    public func makeIterator() -> AnyIterator<Row> {
        var i = 0
        return AnyIterator {
            guard i < count else { return nil }
            defer { i += 1 }
            return Row(rows: self, index: i)
        }
    }

    func text(row: Int, column: Int) -> String? {
        guard PQgetisnull(result.pointer, Int32(row), Int32(column)) == 0 else { return nil }
        let length = Int(PQgetlength(result.pointer, Int32(row), Int32(column)))
        guard let bytes = PQgetvalue(result.pointer, Int32(row), Int32(column)) else { return nil }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    func index(of column: String) throws(PostgresError) -> Int {
        guard let i = columnIndex[column] else {
            throw PostgresError(kind: .usage, message: "the result has no column \(column)")
        }
        return i
    }
}

/// One row of a result.
public struct Row {
    let rows: Rows
    let index: Int

    /// The column's value, nil for SQL NULL.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T? {
        let c = try rows.index(of: column)
        guard let text = rows.text(row: index, column: c) else { return nil }
        return try T(postgresText: text)
    }

    /// The column's value; SQL NULL is an error here.
    public func require<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let value: T = try decode(column) else {
            throw PostgresError(kind: .decoding, message: "column \(column) is NULL")
        }
        return value
    }

    public subscript(column: String) -> String? {
        guard let c = try? rows.index(of: column) else { return nil }
        return rows.text(row: index, column: c)
    }

    public subscript(position: Int) -> String? {
        rows.text(row: index, column: position)
    }
}
