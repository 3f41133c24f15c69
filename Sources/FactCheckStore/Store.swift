import FactCheckCore
import Foundation
import Postgres

/// The PostgreSQL repository. Each public method that changes something is one transaction:
/// it reads what the domain needs, lets the domain decide, writes, and appends the audit
/// events of the change, or does none of it.
public final class Store {
    public let connection: Connection
    public let location: DatabaseLocation

    /// Connects; a database that cannot be reached becomes `StoreError.unreachable`. A long
    /// session asks for `preparesRepeatedStatements` (see `Connection`); a command need not.
    public init(location: DatabaseLocation, preparesRepeatedStatements: Bool = false) throws {
        self.location = location
        do {
            connection = try Connection(location.conninfo, preparesRepeatedStatements: preparesRepeatedStatements)
        } catch {
            throw StoreError.unreachable(target: location.redacted, reason: error.message)
        }
    }

    public var migrator: Migrator { Migrator(connection: connection, location: location) }

    // MARK: Acting users

    /// The acting user, or `.notPermitted` for an unknown handle.
    public func actor(_ handle: String) throws -> Actor {
        let rows = try connection.query("SELECT role, active FROM users WHERE handle = \(handle)")
        guard let row = rows.first, let role = Role(rawValue: try row.require("role")) else {
            throw StoreError.unknownUser(handle)
        }
        return Actor(handle: handle, role: role, isActive: try row.require("active"))
    }

    /// Runs `body` in one transaction, turning database failures into store errors.
    func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
        do {
            return try connection.withTransaction(.readCommitted, body)
        } catch let error as PostgresError {
            throw Store.translate(error)
        }
    }

    /// Runs a read, turning database failures into store errors.
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        do {
            return try body(connection)
        } catch let error as PostgresError {
            throw Store.translate(error)
        }
    }

    static func translate(_ error: PostgresError) -> StoreError {
        if error.isConnectionFailure {
            return .unreachable(target: "the database", reason: error.message)
        }
        if error.isSerializationFailure || error.isLockNotAvailable {
            return .concurrentChange("the record")
        }
        return .database(error)
    }

    /// Appends one audit event; the database chains and hashes it.
    func audit(_ conn: Connection, actor: String, action: String, stream: String, claim: Int64? = nil,
               object: String? = nil, before: AuditPayload? = nil, after: AuditPayload? = nil) throws {
        try conn.run("""
            INSERT INTO audit_events (stream, actor, action, claim_id, object, before, after)
            VALUES (\(stream), \(actor), \(action), \(claim), \(object),
                    \(before?.json)::jsonb, \(after?.json)::jsonb)
            """)
    }
}

/// The before or after of an audited change: named fields, encoded as a JSON object.
struct AuditPayload {
    enum Value: Encodable {
        case text(String?)
        case number(Int64?)
        case list([String])

        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let v): try c.encode(v)
            case .number(let v): try c.encode(v)
            case .list(let v): try c.encode(v)
            }
        }
    }

    var fields: [String: Value]

    init(_ fields: [String: Value]) { self.fields = fields }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(fields)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
