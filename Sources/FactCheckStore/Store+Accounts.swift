import FactCheckCore
import Foundation
import HummingbirdBcrypt
import Postgres

/// How long a browser session lives: `idle` since its last request, `absolute` since login.
public struct SessionPolicy: Sendable {
    public var idle: TimeInterval
    public var absolute: TimeInterval
    public init(idle: TimeInterval = 30 * 60, absolute: TimeInterval = 12 * 60 * 60) {
        self.idle = idle
        self.absolute = absolute
    }

    /// How stale the idle clock may get before a use writes it: a thirtieth of the idle limit,
    /// at most a minute (a session then ends at most that much before its idle limit).
    public var touchInterval: TimeInterval { min(60, idle / 30) }
}

/// Failed logins allowed in `window` per account and per address before a login is throttled.
public struct LoginThrottle: Sendable {
    public var perAccount: Int
    public var perAddress: Int
    public var window: TimeInterval
    public init(perAccount: Int = 5, perAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }
}

/// A new browser session: `id` goes into the cookie and is never stored; `csrfToken` goes into
/// every form of the session.
public struct SessionGrant: Sendable {
    public let id: String
    public let csrfToken: String
    public let actor: Actor
}

/// An identity found from a session cookie.
public struct SessionIdentity: Sendable {
    public let actor: Actor
    public let csrfToken: String
}

/// What a login needs before the password is compared (which is slow by design, and done
/// outside any database connection).
public struct LoginCandidate: Sendable {
    /// nil when the user is unknown, deactivated or has no password: the caller still compares
    /// against a dummy hash, so that the answer takes as long either way.
    public let passwordHash: String?
}

public struct TokenRecord: Sendable, Codable, Equatable {
    public let id: String            // "T-3"
    public let name: String
    public let user: String
    public let createdAt: Date
    public let expiresOn: String?
    public let lastUsedAt: Date?
    public let revokedAt: Date?
}

/// A new API token; `secret` is shown once and only its hash is kept.
public struct TokenGrant: Sendable {
    public let token: TokenRecord
    public let secret: String
}

extension Store {
    /// bcrypt's cost: 2^12 rounds, about a quarter of a second on one core.
    public static let passwordCost: UInt8 = 12
    /// A valid hash of nothing anyone can type, compared against when there is no real one.
    public static let dummyPasswordHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5y0GCPJWbNSrjPLK/yBPtvmFaYXTl5y"

    /// bcrypt at `passwordCost`; slow on purpose: call it outside a transaction.
    public static func hashPassword(_ password: String) -> String {
        Bcrypt.hash(password, cost: passwordCost)
    }

    public static func passwordMatches(_ password: String, hash: String?) -> Bool {
        let matches = Bcrypt.verify(password, hash: hash ?? dummyPasswordHash)
        return matches && hash != nil
    }

    // MARK: Passwords

    /// Sets `handle`'s password: one's own, or anyone's as an admin. Ends every session of the
    /// user, so a stolen session does not outlive a password change. `hash` comes from
    /// `hashPassword` of a password `Validate.password` accepted.
    public func setPassword(of handle: String, hash: String, by actor: Actor) throws {
        try Permissions.check(actor, handle == actor.handle ? .manageOwnAccount : .manageUsers)
        try transaction { conn in
            let acting = try self.currentActor(actor, conn)
            try Permissions.check(acting, handle == actor.handle ? .manageOwnAccount : .manageUsers)
            guard try user(handle, conn, lock: true) != nil else { throw StoreError.notFound("no user \(handle)") }
            try conn.run("UPDATE users SET password_hash = \(hash), password_changed_at = now() WHERE handle = \(handle)")
            let ended = try conn.query("""
                UPDATE user_sessions SET ended_at = now() WHERE handle = \(handle) AND ended_at IS NULL RETURNING 1
                """).count
            try audit(conn, actor: acting, action: "user.password_set", stream: "user:\(handle)", object: handle,
                      after: AuditPayload(["sessions_ended": .number(Int64(ended))]))
        }
    }

    // MARK: Logging in

    /// Refuses a throttled login (`StoreError.throttled`) and otherwise returns the hash to
    /// compare against.
    public func loginCandidate(handle: String, address: String, throttle: LoginThrottle = .init()) throws -> LoginCandidate {
        try read { conn in
            let window = throttle.window
            let row = try conn.query("""
                SELECT (SELECT count(*) FROM login_failures
                        WHERE handle = \(handle) AND failed_at > now() - make_interval(secs => \(window))) AS by_account,
                       (SELECT count(*) FROM login_failures
                        WHERE address = \(address) AND failed_at > now() - make_interval(secs => \(window))) AS by_address,
                       (SELECT ceil(extract(epoch FROM min(failed_at) + make_interval(secs => \(window)) - now()))::bigint
                        FROM login_failures WHERE (handle = \(handle) OR address = \(address))
                          AND failed_at > now() - make_interval(secs => \(window))) AS retry_after,
                       (SELECT password_hash FROM users WHERE handle = \(handle) AND active) AS password_hash
                """).first!
            let byAccount: Int64 = try row.require("by_account")
            let byAddress: Int64 = try row.require("by_address")
            if byAccount >= throttle.perAccount || byAddress >= throttle.perAddress {
                let retry: Int64 = try row.decode("retry_after") ?? Int64(window)
                throw StoreError.throttled(retryAfter: Int(max(1, retry)))
            }
            return LoginCandidate(passwordHash: try row.decode("password_hash"))
        }
    }

    public func recordLoginFailure(handle: String, address: String) throws {
        try transaction { conn in
            try conn.run("INSERT INTO login_failures (handle, address) VALUES (\(handle), \(address))")
            // The table only needs the window's rows; old ones go as new ones come.
            try conn.run("DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'")
        }
    }

    /// Starts a session for a user whose password matched: a new random id (never one the
    /// browser brought), stored only as its SHA-256. Clears the account's failed logins.
    public func startSession(handle: String, address: String, channel: Channel = .web,
                             policy: SessionPolicy = .init()) throws -> SessionGrant {
        let id = Store.randomSecret()
        return try transaction { conn in
            guard let row = try conn.query("SELECT role, active FROM users WHERE handle = \(handle)").first,
                  try row.require("active", as: Bool.self),
                  let role = Role(rawValue: try row.require("role"))
            else { throw StoreError.unknownUser(handle) }
            let stored = try conn.query("""
                INSERT INTO user_sessions (id_hash, handle, expires_at, address)
                VALUES (sha256(convert_to(\(id), 'UTF8')), \(handle),
                        now() + make_interval(secs => \(policy.absolute)), \(address))
                RETURNING encode(substr(id_hash, 1, 4), 'hex') AS fingerprint,
                          encode(sha256(convert_to('csrf:' || \(id), 'UTF8')), 'hex') AS csrf
                """).first!
            try conn.run("DELETE FROM login_failures WHERE handle = \(handle)")
            let actor = Actor(handle: handle, role: role, channel: channel,
                              via: "session:" + (try stored.require("fingerprint", as: String.self)))
            return SessionGrant(id: id, csrfToken: try stored.require("csrf"), actor: actor)
        }
    }

    /// The user of a live session, touching its idle clock; nil when the session is unknown,
    /// ended, idle too long, past its absolute end, or its user deactivated. The clock is
    /// written at most once per `policy.touchInterval` (a minute for the default 30-minute
    /// idle limit), so a page's requests do not each rewrite, and queue on, the session's row.
    public func sessionIdentity(id: String, policy: SessionPolicy = .init()) throws -> SessionIdentity? {
        try read { conn in
            guard let row = try conn.query("""
                WITH live AS (
                    SELECT s.id_hash, s.handle, u.role, s.last_seen_at FROM user_sessions s JOIN users u ON u.handle = s.handle
                    WHERE s.id_hash = sha256(convert_to(\(id), 'UTF8')) AND u.active
                      AND s.ended_at IS NULL AND s.expires_at > now()
                      AND s.last_seen_at > now() - make_interval(secs => \(policy.idle))
                ), touched AS (
                    UPDATE user_sessions s SET last_seen_at = now() FROM live
                    WHERE s.id_hash = live.id_hash AND live.last_seen_at < now() - make_interval(secs => \(policy.touchInterval))
                )
                SELECT handle, role, encode(substr(id_hash, 1, 4), 'hex') AS fingerprint,
                       encode(sha256(convert_to('csrf:' || \(id), 'UTF8')), 'hex') AS csrf
                FROM live
                """).first,
                let role = Role(rawValue: try row.require("role"))
            else { return nil }
            let actor = Actor(handle: try row.require("handle"), role: role, channel: .web,
                              via: "session:" + (try row.require("fingerprint", as: String.self)))
            return SessionIdentity(actor: actor, csrfToken: try row.require("csrf"))
        }
    }

    /// Ends a session at once (logout).
    public func endSession(id: String) throws {
        _ = try transaction { conn in
            try conn.run("""
                UPDATE user_sessions SET ended_at = now()
                WHERE id_hash = sha256(convert_to(\(id), 'UTF8')) AND ended_at IS NULL
                """)
        }
    }

    // MARK: API tokens

    /// A new token for the acting user: 256 random bits, shown once, stored as a hash.
    public func createToken(name: String, expiresOn: CalendarDate?, by actor: Actor) throws -> TokenGrant {
        try Permissions.check(actor, .manageOwnAccount)
        let secret = "fct_" + Store.randomSecret()
        return try transaction { conn in
            let acting = try self.currentActor(actor, conn)
            try Permissions.check(acting, .manageOwnAccount)
            let live = try conn.query("""
                SELECT id FROM api_tokens WHERE handle = \(actor.handle) AND name = \(name) AND revoked_at IS NULL
                """)
            if let existing = live.first {
                throw StoreError.conflict("\(actor.handle) already has a live token named \(name) (T-\(try existing.require("id", as: Int64.self)))")
            }
            let id: Int64 = try conn.query("""
                INSERT INTO api_tokens (handle, name, secret_hash, expires_on)
                VALUES (\(actor.handle), \(name), sha256(convert_to(\(secret), 'UTF8')), \(expiresOn?.description)::date)
                RETURNING id
                """).first!.require("id")
            try audit(conn, actor: acting, action: "token.created", stream: "user:\(actor.handle)",
                      object: TokenNumber(id).description,
                      after: AuditPayload(["name": .text(name), "expires_on": .text(expiresOn?.description)]))
            return TokenGrant(token: try token(id, conn)!, secret: secret)
        }
    }

    /// The acting user's tokens; an admin's list holds everyone's.
    public func tokens(by actor: Actor) throws -> [TokenRecord] {
        try Permissions.check(actor, .manageOwnAccount)
        let everyone = Permissions.allows(actor.role, .manageUsers)
        return try read { conn in
            try conn.query("""
                \(Store.tokenSelect) WHERE \(everyone) OR handle = \(actor.handle) ORDER BY id
                """).map(TokenRecord.init(row:))
        }
    }

    /// Revokes a token at once: one's own, or anyone's as an admin.
    public func revokeToken(_ number: TokenNumber, by actor: Actor) throws -> TokenRecord {
        try Permissions.check(actor, .manageOwnAccount)
        return try transaction { conn in
            let acting = try self.currentActor(actor, conn)
            guard let token = try token(number.value, conn, lock: true),
                  token.user == acting.handle || Permissions.allows(acting.role, .manageUsers)
            else { throw StoreError.notFound("no token \(number)") }
            guard token.revokedAt == nil else { throw StoreError.conflict("token \(number) is already revoked") }
            try conn.run("UPDATE api_tokens SET revoked_at = now(), revoked_by = \(acting.handle) WHERE id = \(number.value)")
            try audit(conn, actor: acting, action: "token.revoked", stream: "user:\(token.user)",
                      object: number.description, after: AuditPayload(["name": .text(token.name)]))
            return try self.token(number.value, conn)!
        }
    }

    /// The user of a live token, recording its use; nil when the token is unknown, revoked,
    /// expired or its user deactivated. The use is written at most once a minute per token
    /// (`last_used_at` is "to the minute"): a script's every request would otherwise queue on
    /// one row's lock and write a row version each.
    public func tokenActor(secret: String) throws -> Actor? {
        try read { conn in
            guard let row = try conn.query("""
                WITH live AS (
                    SELECT t.id, t.handle, u.role FROM api_tokens t JOIN users u ON u.handle = t.handle
                    WHERE t.secret_hash = sha256(convert_to(\(secret), 'UTF8')) AND u.active
                      AND t.revoked_at IS NULL AND (t.expires_on IS NULL OR t.expires_on >= current_date)
                ), used AS (
                    UPDATE api_tokens t SET last_used_at = now() FROM live
                    WHERE t.id = live.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute')
                )
                SELECT id, handle, role FROM live
                """).first,
                let role = Role(rawValue: try row.require("role"))
            else { return nil }
            return Actor(handle: try row.require("handle"), role: role, channel: .api,
                         via: TokenNumber(try row.require("id")).description)
        }
    }

    static let tokenSelect: SQL = """
        SELECT id, name, handle, created_at, expires_on::text AS expires_on, last_used_at, revoked_at FROM api_tokens
        """

    func token(_ id: Int64, _ conn: Connection, lock: Bool = false) throws -> TokenRecord? {
        let rows = lock
            ? try conn.query("\(Store.tokenSelect) WHERE id = \(id) FOR UPDATE")
            : try conn.query("\(Store.tokenSelect) WHERE id = \(id)")
        return try rows.first.map(TokenRecord.init(row:))
    }

    /// The acting user as stored now, inside the write's transaction: a session or token that
    /// outlives a deactivation or a change of role cannot act on the old one.
    func currentActor(_ actor: Actor, _ conn: Connection) throws -> Actor {
        guard let row = try conn.query("SELECT role, active FROM users WHERE handle = \(actor.handle)").first,
              let role = Role(rawValue: try row.require("role"))
        else { throw StoreError.unknownUser(actor.handle) }
        var current = actor
        current.role = role
        current.isActive = try row.require("active")
        return current
    }

    /// 256 random bits from the system's generator, base64url without padding (43 characters).
    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension TokenRecord {
    init(row: Row) throws {
        self.init(id: TokenNumber(try row.require("id")).description, name: try row.require("name"),
                  user: try row.require("handle"), createdAt: try row.require("created_at"),
                  expiresOn: try row.decode("expires_on"), lastUsedAt: try row.decode("last_used_at"),
                  revokedAt: try row.decode("revoked_at"))
    }
}

extension Store {
    /// The database role this connection acts as, and whether it is the least-privilege role
    /// the service should run as (a member of factcheck_app, not a superuser).
    public func connectedRole() throws -> (name: String, isSuperuser: Bool, isAppMember: Bool) {
        try read { conn in
            let row = try conn.query("""
                SELECT current_user AS name, r.rolsuper AS superuser,
                       pg_has_role(current_user, 'factcheck_app', 'MEMBER') AS member
                FROM pg_roles r WHERE r.rolname = current_user
                """).first!
            return (try row.require("name"), try row.require("superuser"), try row.require("member"))
        }
    }
}
