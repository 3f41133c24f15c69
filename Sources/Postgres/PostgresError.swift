/// An error from the database or from talking to it.
///
/// Its `description` is safe to show: the server's primary message and SQLSTATE, never the
/// detail (which can quote row values) nor the connection string (which can hold a password).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server could not be reached or the connection broke.
        case connection
        /// The server refused a statement.
        case server
        /// A value could not be read as the requested Swift type.
        case decoding
        /// The wrapper was used against its contract (a programming error).
        case usage
    }

    public let kind: Kind
    public let message: String
    public let sqlState: String?
    public let detail: String?
    public let hint: String?
    public let constraint: String?
    public let table: String?
    public let column: String?

    public init(kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil,
                hint: String? = nil, constraint: String? = nil, table: String? = nil, column: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    static func decoding(type: String, text: String) -> PostgresError {
        PostgresError(kind: .decoding, message: "cannot read a \(type) from a column value of \(text.utf8.count) bytes")
    }

    public var description: String {
        if let sqlState { return "\(message) (SQLSTATE \(sqlState))" }
        return message
    }

    // SQLSTATE classes the layers above react to.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    public var isCheckViolation: Bool { sqlState == "23514" }
    public var isSerializationFailure: Bool { sqlState == "40001" || sqlState == "40P01" }
    public var isLockNotAvailable: Bool { sqlState == "55P03" }
    /// Raised by our own triggers with `RAISE EXCEPTION ... USING ERRCODE = 'P0001'`.
    public var isRaisedException: Bool { sqlState == "P0001" }
    public var isInsufficientPrivilege: Bool { sqlState == "42501" }
    /// 25006: a write in a read-only transaction, or on a standby.
    public var isReadOnlyTransaction: Bool { sqlState == "25006" }
    /// 40001 with the standby's wording: a query cancelled because replay had to remove rows
    /// its snapshot still saw. Worth one retry with a new snapshot.
    public var isRecoveryConflict: Bool { sqlState == "40001" && message.contains("conflict with recovery") }
    /// Class 08 (connection exception), 57P0x (shutdown), or a broken link seen by libpq.
    public var isConnectionFailure: Bool {
        kind == .connection || (sqlState?.hasPrefix("08") ?? false) || (sqlState?.hasPrefix("57P") ?? false)
    }
}
