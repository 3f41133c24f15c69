import FactCheckCore
import Foundation
import Postgres

/// The PostgreSQL repository. Each public method that changes something is one transaction:
/// it reads what the domain needs, lets the domain decide, writes, and appends the audit
/// events of the change, or does none of it.
public final class Store {
    /// The session; replaced only when a standby ended it for a conflict with recovery and a
    /// read starts again (`reconnect`).
    public private(set) var connection: Connection
    public let location: DatabaseLocation

    /// Connects; a database that cannot be reached becomes `StoreError.unreachable`. A long
    /// session asks for `preparesRepeatedStatements` (see `Connection`); a command need not.
    public init(location: DatabaseLocation, preparesRepeatedStatements: Bool = false) throws {
        self.location = location
        do {
            connection = try Connection(location.conninfo, preparesRepeatedStatements: preparesRepeatedStatements,
                                        pooling: location.pooling)
        } catch {
            throw StoreError.unreachable(target: location.redacted, reason: error.message)
        }
    }

    public var migrator: Migrator { Migrator(connection: connection, location: location) }

    /// A new session in place of one the server ended, with the same settings.
    func reconnect() throws {
        let timeout = connection.statementTimeout
        let prepares = connection.preparesRepeatedStatements
        connection.close()
        do {
            connection = try Connection(location.conninfo, preparesRepeatedStatements: prepares, pooling: location.pooling)
        } catch {
            throw StoreError.unreachable(target: location.redacted, reason: error.message)
        }
        connection.statementTimeout = timeout
    }

    /// The longest a transaction's statement may run, in milliseconds (the service sets it).
    public var statementTimeout: Int? {
        get { connection.statementTimeout }
        set { connection.statementTimeout = newValue }
    }

    /// The claim version a write must find (an HTTP `If-Match`), for the next calls until
    /// reset; a claim at another version is refused with `StoreError.stale`.
    public var expectedVersion: Int?

    // MARK: Acting users

    /// The acting user, or `.notPermitted` for an unknown handle.
    public func actor(_ handle: String) throws -> Actor {
        let rows = try connection.query("SELECT role, active FROM users WHERE handle = \(handle)")
        guard let row = rows.first, let role = Role(rawValue: try row.require("role")) else {
            throw StoreError.unknownUser(handle)
        }
        return Actor(handle: handle, role: role, isActive: try row.require("active"))
    }

    /// Runs `body` in one transaction, turning database failures into store errors. `keys` are
    /// the unique keys the body writes: a collision on one of them, found by the database after
    /// another writer got there first, reads as the body's own look-up would have put it.
    func transaction<T>(writing keys: [UniqueKey] = [], _ body: (Connection) throws -> T) throws -> T {
        do {
            return try connection.withTransaction(.readCommitted, body)
        } catch let error as PostgresError {
            throw translate(error, writing: keys)
        }
    }

    /// Runs a read for `actor`, refused first unless their role may `action`: the permission of
    /// every read and export is checked here, once, whichever door asked.
    func read<T>(by actor: Actor, allowedTo action: Action = .read, _ body: (Connection) throws -> T) throws -> T {
        try Permissions.check(actor, action)
        return try read(body)
    }

    /// Runs a read, turning database failures into store errors.
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        do {
            return try body(connection)
        } catch let error as PostgresError {
            throw translate(error)
        }
    }

    /// The one mapping from database failures to store errors. A unique violation on a key the
    /// failed write was given is reported with what holds the key now (read after the rollback,
    /// so the winner's commit is visible); on any other key a user can collide with, in words.
    func translate(_ error: PostgresError, writing keys: [UniqueKey] = []) -> StoreError {
        if error.isUniqueViolation, let constraint = error.constraint {
            if let key = keys.first(where: { $0.constraints.contains(constraint) }),
               let collision = try? key.collision(connection) {
                return collision
            }
            if let collision = UniqueKey.collision(constraint: constraint) { return collision }
        }
        if error.isConnectionFailure {
            return .unreachable(target: "the database", reason: error.message)
        }
        if error.isReadOnlyTransaction {
            return .readOnlyDatabase(target: location.redacted)
        }
        // A standby's cancel is not someone else's change: said as the server says it (exit 75
        // at the command line all the same: run it again).
        if error.isRecoveryConflict { return .database(error) }
        if error.isSerializationFailure || error.isLockNotAvailable {
            return .concurrentChange("the record")
        }
        return .database(error)
    }

    /// Appends one audit event, with the door the actor came through; the database chains and
    /// hashes it.
    func audit(_ conn: Connection, actor: Actor, action: String, stream: String, claim: Int64? = nil,
               object: String? = nil, before: AuditPayload? = nil, after: AuditPayload? = nil) throws {
        try audit(conn, actor: actor.handle, channel: actor.channel, via: actor.via, desk: actor.desk, action: action,
                  stream: stream, claim: claim, object: object, before: before, after: after)
    }

    /// By handle alone (a user added before anyone is, a change by the schema's owner): such an
    /// actor works for desk 1, as every user does until users are given desks.
    func audit(_ conn: Connection, actor: String, channel: Channel = .cli, via: String? = nil, desk: Int64 = 1, action: String,
               stream: String, claim: Int64? = nil, object: String? = nil, before: AuditPayload? = nil,
               after: AuditPayload? = nil) throws {
        try conn.run("""
            INSERT INTO audit_events (desk_id, stream, actor, action, claim_id, object, before, after, channel, via)
            VALUES (\(desk), \(stream), \(actor), \(action), \(claim), \(object),
                    \(before?.json)::jsonb, \(after?.json)::jsonb, \(channel.rawValue), \(via))
            """)
    }
}

/// A unique key a user's write can collide with. The database's constraint is the truth; a
/// writer may look first as a fast path, and either way the collision reads the same.
enum UniqueKey {
    case articleURL(String)
    case userHandle(String)
    /// A claim's normalised text; `except` is the claim being edited.
    case claimText(normalized: String, except: Int64? = nil)
    case appearance(claim: ClaimNumber, url: String)

    /// The unique constraints and indexes that hold the key.
    var constraints: Set<String> {
        switch self {
        case .articleURL: return ["articles_url_key"]
        case .userHandle: return ["users_pkey"]
        case .claimText: return ["claims_normalized_digest_idx"]
        case .appearance: return ["appearances_claim_id_url_key"]
        }
    }

    /// The error a write of this key meets because the key is taken, or nil while it is free.
    func collision(_ conn: Connection) throws -> StoreError? {
        switch self {
        case .articleURL(let url):
            let id: Int64? = try conn.query("SELECT id FROM articles WHERE url = \(url)").first?.decode("id")
            return id.map { .conflict("an article with this url is already logged as article \($0)") }
        case .userHandle(let handle):
            let found = try conn.query("SELECT 1 FROM users WHERE handle = \(handle)").count > 0
            return found ? .conflict("user \(handle) already exists") : nil
        case .claimText(let normalized, let except):
            // The digest finds it through the unique index; the text itself confirms it.
            guard let row = try conn.query("""
                SELECT id, state FROM claims
                WHERE text_digest(normalized_text) = text_digest(\(normalized)) AND duplicate_of IS NULL
                  AND normalized_text = \(normalized) AND id IS DISTINCT FROM \(except)
                """).first else { return nil }
            return .duplicate(ClaimNumber(try row.require("id")), state: try row.require("state"))
        case .appearance(let claim, let url):
            let found = try conn.query("""
                SELECT 1 FROM appearances WHERE claim_id = \(claim.value) AND url = \(url)
                """).count > 0
            return found ? UniqueKey.listed(claim, count: 1) : nil
        }
    }

    /// A collision on a constraint no key of the failed write named, in words without a number.
    static func collision(constraint: String) -> StoreError? {
        switch constraint {
        case "articles_url_key": return .conflict("an article with this url is already logged")
        case "users_pkey": return .conflict("a user with this handle already exists")
        case "claims_normalized_digest_idx": return .conflict("a claim with this text is already logged")
        case "appearances_claim_id_url_key": return .conflict("this appearance is already listed")
        // Two writers on one claim's verdicts, or on one stream of the audit log: the version
        // check normally stops the second; should it not, it is still a retry.
        case "verdicts_one_pending_idx", "verdicts_one_current_idx", "appearances_one_first_idx",
             "audit_events_stream_seq_key", "audit_heads_pkey":
            return .concurrentChange("the record")
        default: return nil
        }
    }

    /// A claim already lists the appearances given.
    static func listed(_ claim: ClaimNumber, count: Int) -> StoreError {
        .conflict("\(claim) already lists \(count == 1 ? "this appearance" : "these appearances")")
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
