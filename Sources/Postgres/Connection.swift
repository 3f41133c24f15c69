import CLibPQ

/// One libpq connection. It belongs to one task at a time; it is not shared across threads.
public final class Connection {
    private var handle: OpaquePointer?

    /// For long sessions (the bench's load driver, a server), which ask for it: a statement
    /// text's third run on the session prepares it, and later runs skip parsing and planning
    /// (pgjdbc's prepareThreshold). A one-shot command runs most texts once and gains nothing,
    /// so by default nothing is prepared. Never through a transaction pooler (`pooling`): it
    /// hands each transaction whichever server connection is free, where our statement is not.
    public let preparesRepeatedStatements: Bool
    public static let prepareThreshold = 3
    /// Bounds: texts counted (the count restarts when full) and statements kept prepared.
    static let countedTexts = 1_000
    static let preparedLimit = 500
    private var runs: [String: Int] = [:]
    private var prepared: [String: String] = [:]
    /// Part of every name; moves on when the server's statements no longer match ours, so a
    /// text is prepared afresh under a name the server has not seen.
    private var generation = 0

    /// Whether the connection goes to the server itself or through a pooler in transaction
    /// mode (PgBouncer's `pool_mode=transaction`), where every transaction may land on another
    /// server session: nothing of a session (SET, advisory locks, prepared statements, LISTEN)
    /// outlives the transaction that made it.
    public enum Pooling: String, Sendable {
        /// Find out on the first need: a pooler answers for the server, so the process id it
        /// gave at connect is not the server's own `pg_backend_pid()`.
        case detect
        /// The server itself (or a pooler in session mode).
        case direct
        /// A pooler in transaction mode.
        case transaction
    }

    private var pooling: Pooling

    /// Connects with a libpq conninfo string or `postgres://` URL. An empty string means
    /// libpq's own defaults: `PG*` variables, service files, the local socket.
    public init(_ conninfo: String, preparesRepeatedStatements: Bool = false, pooling: Pooling = .detect) throws(PostgresError) {
        self.preparesRepeatedStatements = preparesRepeatedStatements
        self.pooling = pooling
        // Values travel as UTF-8 both ways, whatever the database's encoding or PGCLIENTENCODING
        // says: asked for in the startup packet, which poolers pass on and keep for every
        // server connection they hand us. Later keywords win over the expanded conninfo.
        let keywords = ["dbname", "client_encoding"]
        let values = [conninfo, "UTF8"]
        let conn: OpaquePointer? = withCStrings(keywords + [nil]) { k in
            withCStrings(values + [nil]) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else {
            throw PostgresError(kind: .connection, message: "out of memory while connecting")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = Connection.firstLine(PQerrorMessage(conn))
            PQfinish(conn)
            throw PostgresError(kind: .connection, message: message, sqlState: "08001")
        }
        handle = conn
        // libpq's default prints server notices and warnings on our stderr; a library must not.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        // Stable text forms for the decoders, whatever the server's configuration says. The
        // server reports these settings at connect; only those that differ are SET, so on a
        // server with the usual defaults nothing is sent (and the command saves a round trip).
        // A transaction pooler tracks TimeZone and DateStyle and sets them on every server
        // connection it hands this client; IntervalStyle only matters for intervals as text,
        // which no query of ours returns.
        if let settings = Connection.sessionSettings(reported: { name in
            PQparameterStatus(conn, name).map { String(cString: $0) }
        }, serverVersion: Int(PQserverVersion(conn))) {
            try executeScript(settings)
        }
    }

    /// The SET script that makes a session's text forms ours, or nil when it has them already.
    public static func sessionSettings(reported: (String) -> String?, serverVersion: Int) -> String? {
        var script: [String] = []
        if !["UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu"]
            .contains(reported("TimeZone") ?? "") {
            script.append("SET TimeZone = 'UTC'")
        }
        // ISO output reads the same whatever the field order that follows it (which only guides
        // the input of ambiguous dates, and we send ISO dates).
        if !(reported("DateStyle") ?? "").hasPrefix("ISO") { script.append("SET DateStyle = 'ISO, YMD'") }
        if (reported("IntervalStyle") ?? "postgres") != "postgres" { script.append("SET IntervalStyle = 'postgres'") }
        // From PostgreSQL 12 on, floats print exactly (shortest round-trip) by default.
        if serverVersion < 120000 { script.append("SET extra_float_digits = 3") }
        return script.isEmpty ? nil : script.joined(separator: "; ")
    }

    /// Whether this connection goes through a pooler in transaction mode (see `Pooling`). With
    /// `.detect`, asks the server once: a pooler gives its clients process ids of its own.
    public func goesThroughPooler() throws(PostgresError) -> Bool {
        switch pooling {
        case .direct: return false
        case .transaction: return true
        case .detect:
            let conn = try live
            let rows = try query("SELECT pg_backend_pid() AS pid")
            let serverPID: Int32 = try rows.first?.require("pid") ?? 0
            pooling = serverPID == PQbackendPID(conn) ? .direct : .transaction
            return pooling == .transaction
        }
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Closes the connection now; further use throws.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    var live: OpaquePointer {
        get throws(PostgresError) {
            guard let handle else { throw PostgresError(kind: .usage, message: "the connection is closed") }
            return handle
        }
    }

    /// The server's process id for this session.
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// Whether the connection is closed or lost (a pool then opens a new one).
    public var isBroken: Bool {
        guard let handle else { return true }
        return PQstatus(handle) != CONNECTION_OK
    }

    /// `SET LOCAL statement_timeout` (milliseconds) for every transaction this connection
    /// begins, sent with its BEGIN in one round trip; nil for none (the command line).
    public var statementTimeout: Int?

    /// Runs one or more statements without parameters and discards any rows. For fixed SQL
    /// text only (migrations, session settings); there is no way to pass values here.
    public func execute(_ sqlText: StaticString) throws(PostgresError) {
        try executeScript(sqlText.description)
    }

    /// Runs a script of statements held in the binary (a migration file). Never user input.
    public func executeScript(_ script: String) throws(PostgresError) {
        let conn = try live
        let result = PQexec(conn, script)
        _ = try Result.check(result, conn: conn)
    }

    /// Runs a query with bound parameters and returns every row.
    @discardableResult
    public func query(_ sql: SQL) throws(PostgresError) -> Rows {
        let conn = try live
        let (text, binds) = sql.rendered()
        // A C string ends at NUL: such a value would be stored cut short, without an error.
        if let position = binds.firstIndex(where: { $0?.utf8.contains(0) ?? false }) {
            throw PostgresError(kind: .usage, message: "parameter $\(position + 1) contains a NUL character, which PostgreSQL text cannot hold",
                                sqlState: "22021")
        }
        let name = try preparedName(text, parameters: binds.count, conn)
        let result: OpaquePointer? = withCStrings(binds) { values in
            if let name {
                PQexecPrepared(conn, name, Int32(binds.count), values, nil, nil, 0)
            } else {
                PQexecParams(conn, text, Int32(binds.count), nil, values, nil, nil, 0)
            }
        }
        do {
            return Rows(try Result.check(result, conn: conn))
        } catch let error where name != nil && (error.sqlState == "0A000" || error.sqlState == "26000") {
            // 0A000, "cached plan must not change result type": a table's columns changed under
            // a prepared `SELECT *`. 26000: the server no longer has the statement (a pooler
            // moved us, or someone ran DEALLOCATE). This run fails; the next ones prepare
            // afresh under new names.
            prepared.removeAll()
            generation += 1
            throw error
        }
    }

    /// The name under which `text` is prepared on this session, preparing it on its third run;
    /// nil while it should still run unprepared.
    private func preparedName(_ text: String, parameters: Int, _ conn: OpaquePointer) throws(PostgresError) -> String? {
        guard preparesRepeatedStatements else { return nil }
        if let name = prepared[text] { return name }
        // Asked once (on the first text that comes this far) and remembered.
        guard pooling != .transaction else { return nil }
        let seen = (runs[text] ?? 0) + 1
        guard seen >= Connection.prepareThreshold, prepared.count < Connection.preparedLimit else {
            if runs[text] == nil, runs.count >= Connection.countedTexts { runs.removeAll() }
            runs[text] = seen
            return nil
        }
        // Named after the text itself: two sessions that meet on one server connection (behind
        // a pooler) can only ever share a name for the same statement.
        if pooling == .detect, try goesThroughPooler() { return nil }
        let name = "fc\(generation)_\(Connection.fingerprint(text))"
        do {
            _ = try Result.check(PQprepare(conn, name, text, Int32(parameters), nil), conn: conn)
        } catch let error where error.sqlState == "42P05" {
            // Already prepared on this server connection, by this text's own name.
        }
        runs[text] = nil
        prepared[text] = name
        return name
    }

    /// 64-bit FNV-1a of the text's UTF-8, in hex: a statement's name.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// Drops every statement this session prepared. For after a schema change on this
    /// session (a migration), so no statement keeps a plan for the old shape of a table.
    public func forgetPreparedStatements() throws(PostgresError) {
        runs.removeAll()
        guard !prepared.isEmpty else { return }
        prepared.removeAll()
        generation += 1
        try executeScript("DEALLOCATE ALL")
    }

    /// How many statements this session has prepared and still holds.
    public var preparedStatementCount: Int { prepared.count }

    /// Runs a statement with bound parameters; returns the number of rows it touched.
    @discardableResult
    public func run(_ sql: SQL) throws(PostgresError) -> Int {
        let rows = try query(sql)
        return rows.affected
    }

    /// Commits the body's work, or rolls it back and rethrows the body's own error (even
    /// when the rollback itself fails, which it does when the connection is gone).
    public func withTransaction<T>(
        _ isolation: IsolationLevel = .readCommitted,
        _ body: (Connection) throws -> T
    ) throws -> T {
        // Inside an open transaction BEGIN is only a warning and our COMMIT would end the
        // outer one early: refuse instead of silently breaking its atomicity.
        guard PQtransactionStatus(try live) == PQTRANS_IDLE else {
            throw PostgresError(kind: .usage, message: "a transaction is already open on this connection; withTransaction does not nest")
        }
        if let statementTimeout {
            try executeScript("BEGIN ISOLATION LEVEL \(isolation.rawValue); SET LOCAL statement_timeout = \(statementTimeout)")
        } else {
            try executeScript("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        }
        let value: T
        do {
            value = try body(self)
        } catch {
            try? executeScript("ROLLBACK")
            throw error
        }
        try executeScript("COMMIT")
        return value
    }

    public enum IsolationLevel: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    static func firstLine(_ cString: UnsafePointer<CChar>?) -> String {
        guard let cString else { return "unknown error" }
        let message = String(cString: cString).trimmingCharacters(in: .whitespacesAndNewlines)
        // libpq prefixes multi-line connection errors; the first meaningful line is enough.
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        return Connection.redacted(lines.first { !$0.isEmpty } ?? "unknown error")
    }

    /// libpq quotes neither the password nor the conninfo in its messages today, but a
    /// message is passed through this before it leaves, in case one ever does.
    static func redacted(_ message: String) -> String {
        redactingPasswords(message)
    }
}

/// A connection string or message with every password replaced by `***`: the URL form
/// (`postgresql://user:secret@host`), a `password=` query parameter, and the keyword form
/// (`password=secret`, `password = 'sec ret'`).
public func redactingPasswords(_ text: String) -> String {
    var out = text
    out = out.replacingOccurrences(
        of: #"(postgres(?:ql)?://[^:/@?#\s]*):[^@/?#\s]*@"#, with: "$1:***@", options: .regularExpression)
    out = out.replacingOccurrences(
        of: #"([?&]password=)[^&#\s]*"#, with: "$1***", options: [.regularExpression, .caseInsensitive])
    out = out.replacingOccurrences(
        of: #"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)"#, with: "$1***", options: [.regularExpression, .caseInsensitive])
    return out
}

/// Calls `body` with a C array of NUL-terminated strings (NULL for nil), valid for the call.
func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
    defer { pointers.forEach { free($0) } }
    return body(pointers.map { $0.map { UnsafePointer($0) } })
}

import Foundation
