import CLibPQ

extension Connection {
    /// Streams rows into the server with `COPY … FROM STDIN`. The body writes raw COPY data
    /// (text or CSV, as the statement says) through the writer; the copy ends when it returns,
    /// or is aborted with the body's error.
    public func copyIn(_ statement: SQL, _ body: (CopyWriter) throws -> Void) throws -> Int {
        let conn = try live
        let (text, binds) = statement.rendered()
        guard binds.isEmpty else {
            throw PostgresError(kind: .usage, message: "COPY takes no bound parameters")
        }
        _ = try Result.check(PQexec(conn, text), conn: conn)
        let writer = CopyWriter(conn: conn)
        do {
            try body(writer)
            try writer.flush()
        } catch {
            _ = PQputCopyEnd(conn, "aborted by the client")
            drainResults(conn)
            throw error
        }
        guard PQputCopyEnd(conn, nil) == 1 else {
            throw PostgresError(kind: .connection, message: Connection.firstLine(PQerrorMessage(conn)))
        }
        return try finishCopy(conn)
    }

    /// Streams the output of `COPY (query) TO STDOUT`; each chunk handed to the body is one
    /// row as the server sent it (text or CSV). Returns the number of rows.
    ///
    /// COPY itself takes no parameters, so the values interpolated into the query are sent
    /// first as bound parameters of `set_config` and read back in the query with
    /// `current_setting`: values still never become SQL text. Casts in the query give them
    /// their types (`\(date)::date`), as they would for untyped `$n` parameters. The settings
    /// are local to the transaction (one of its own when none is open), so they end with it
    /// and a transaction pooler keeps them on the one server connection that runs the COPY.
    @discardableResult
    public func copyOut(_ statement: SQL, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let conn = try live
        let (text, binds) = statement.rendered { "current_setting('factcheck.copy_bind_\($0)')" }
        guard !binds.contains(where: { $0 == nil }) else {
            throw PostgresError(kind: .usage, message: "COPY parameters cannot be NULL")
        }
        if !binds.isEmpty, PQtransactionStatus(conn) == PQTRANS_IDLE {
            return try withTransaction { conn in try conn.copyOut(statement, body) }
        }
        for (index, value) in binds.enumerated() {
            try query("SELECT set_config(\("factcheck.copy_bind_\(index + 1)"), \(value), true)")
        }
        _ = try Result.check(PQexec(conn, text), conn: conn)
        var failure: Error?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(conn, &buffer, 0)
            if length > 0, let buffer {
                defer { PQfreemem(buffer) }
                if failure == nil {
                    do { try body(UnsafeRawBufferPointer(start: buffer, count: Int(length))) } catch {
                        failure = error
                        // Keep reading: libpq offers no way to stop COPY OUT but to cancel.
                        cancel(conn)
                    }
                }
            } else if length == -1 {
                break
            } else {
                throw PostgresError(kind: .connection, message: Connection.firstLine(PQerrorMessage(conn)))
            }
        }
        let rows: Int
        do { rows = try finishCopy(conn) } catch { throw failure ?? error }
        if let failure { throw failure }
        return rows
    }

    private func cancel(_ conn: OpaquePointer) {
        guard let cancel = PQgetCancel(conn) else { return }
        var errbuf = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &errbuf, Int32(errbuf.count))
        PQfreeCancel(cancel)
    }

    private func finishCopy(_ conn: OpaquePointer) throws(PostgresError) -> Int {
        var rows = 0
        var firstError: PostgresError?
        while let raw = PQgetResult(conn) {
            do {
                let result = try Result.check(raw, conn: conn)
                rows = Int(String(cString: PQcmdTuples(result.pointer))) ?? rows
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        return rows
    }

    private func drainResults(_ conn: OpaquePointer) {
        while let raw = PQgetResult(conn) { PQclear(raw) }
    }
}

/// Buffers COPY data and hands it to libpq in large chunks, checking every return code.
public final class CopyWriter {
    private let conn: OpaquePointer
    private var buffer: [UInt8] = []
    private let chunk = 1 << 16

    init(conn: OpaquePointer) {
        self.conn = conn
        buffer.reserveCapacity(chunk * 2)
    }

    public func write(_ text: String) throws(PostgresError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= chunk { try flush() }
    }

    public func write(bytes: some Sequence<UInt8>) throws(PostgresError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunk { try flush() }
    }

    func flush() throws(PostgresError) {
        guard !buffer.isEmpty else { return }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(conn, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else {
            throw PostgresError(kind: .connection, message: Connection.firstLine(PQerrorMessage(conn)))
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
