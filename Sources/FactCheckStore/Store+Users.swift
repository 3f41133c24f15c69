import FactCheckCore
import Foundation
import Postgres

extension Store {
    /// Adds a user. On an empty database nobody needs to act (the first user must be an admin);
    /// after that only an admin may add users.
    /// `passwordHash` (from `hashPassword`) lets the user sign in to the service at once.
    public func addUser(handle: String, name: String, role: Role, passwordHash: String? = nil,
                        by actingHandle: String?) throws -> UserRecord {
        let key = UniqueKey.userHandle(handle)
        return try transaction(writing: [key]) { conn in
            // Serialises bootstraps: two first users at once cannot both skip the check.
            try conn.run("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE")
            let count: Int = try conn.query("SELECT count(*) AS n FROM users").first!.require("n")
            let actor: String
            if count == 0 {
                guard role == .admin else { throw StoreError.firstUserMustBeAdmin }
                // Nobody exists yet to act: the first admin adds themself, whatever --as says.
                actor = handle
            } else {
                guard let actingHandle else { throw StoreError.identityRequired }
                try Permissions.check(try self.actor(actingHandle), .manageUsers)
                actor = actingHandle
            }
            if let taken = try key.collision(conn) { throw taken }
            try conn.run("""
                INSERT INTO users (handle, name, role, created_by, password_hash, password_changed_at)
                VALUES (\(handle), \(name), \(role.rawValue), \(count == 0 ? nil : actor), \(passwordHash),
                        CASE WHEN \(passwordHash)::text IS NULL THEN NULL ELSE now() END)
                """)
            try audit(conn, actor: actor, action: "user.added", stream: "user:\(handle)", object: handle,
                      after: AuditPayload(["handle": .text(handle), "name": .text(name), "role": .text(role.rawValue)]))
            return try user(handle, conn)!
        }
    }

    public func users(by actor: Actor) throws -> [UserRecord] {
        try read(by: actor) { conn in
            try conn.query("SELECT * FROM users ORDER BY handle").map(UserRecord.init(row:))
        }
    }

    public func deactivateUser(_ handle: String, by actor: Actor) throws -> UserRecord {
        try Permissions.check(actor, .manageUsers)
        return try transaction { conn in
            guard let user = try user(handle, conn, lock: true) else {
                throw StoreError.notFound("no user \(handle)")
            }
            guard user.active else { throw StoreError.conflict("user \(handle) is already deactivated") }
            guard handle != actor.handle else { throw StoreError.conflict("you cannot deactivate yourself") }
            if user.role == .admin {
                let admins: Int = try conn.query(
                    "SELECT count(*) AS n FROM users WHERE role = 'admin' AND active").first!.require("n")
                guard admins > 1 else { throw StoreError.conflict("\(handle) is the last active admin") }
            }
            try conn.run("UPDATE users SET active = false WHERE handle = \(handle)")
            // Every session of the user ends with the deactivation; tokens stop working too,
            // since they are only honoured for active users.
            try conn.run("UPDATE user_sessions SET ended_at = now() WHERE handle = \(handle) AND ended_at IS NULL")
            try audit(conn, actor: actor, action: "user.deactivated", stream: "user:\(handle)", object: handle,
                      before: AuditPayload(["active": .text("true")]), after: AuditPayload(["active": .text("false")]))
            return try self.user(handle, conn)!
        }
    }

    func user(_ handle: String, _ conn: Connection, lock: Bool = false) throws -> UserRecord? {
        let rows = lock
            ? try conn.query("SELECT * FROM users WHERE handle = \(handle) FOR UPDATE")
            : try conn.query("SELECT * FROM users WHERE handle = \(handle)")
        return try rows.first.map(UserRecord.init(row:))
    }

    /// Makes sure a handle names an active user (for assignment).
    func requireActiveUser(_ handle: String, _ conn: Connection) throws -> UserRecord {
        guard let user = try user(handle, conn) else { throw StoreError.notFound("no user \(handle)") }
        guard user.active else { throw StoreError.conflict("user \(handle) is deactivated") }
        return user
    }
}

extension UserRecord {
    init(row: Row) throws {
        self.init(handle: try row.require("handle"), name: try row.require("name"),
                  role: Role(rawValue: try row.require("role")) ?? .editor, active: try row.require("active"),
                  createdAt: try row.require("created_at"), createdBy: try row.decode("created_by"))
    }
}

extension Store {
    /// Whether any user exists (a new database has none, and needs no `--as`).
    public func hasUsers() throws -> Bool {
        try read { conn in
            let table = try conn.query("SELECT to_regclass('users') IS NOT NULL AS present").first!
            guard try table.require("present", as: Bool.self) else { return false }
            return try conn.query("SELECT 1 FROM users LIMIT 1").count > 0
        }
    }
}
