import Foundation
import Postgres

/// Where to connect, found in SPEC section 5's order, and how to name it without a password.
public struct DatabaseLocation: Sendable, Equatable {
    public enum Origin: String, Sendable {
        case option = "--database-url"
        case factcheckVariable = "FACTCHECK_DATABASE_URL"
        case databaseVariable = "DATABASE_URL"
        case libpqEnvironment = "PG* variables"
        case localCluster = "the local development database"
        case directVariable = "FACTCHECK_DIRECT_URL"
        case readOption = "--read-url"
        case readVariable = "FACTCHECK_READ_URL"
    }

    /// A libpq conninfo string or URL; empty means libpq's own defaults.
    public let conninfo: String
    public let origin: Origin
    /// Whether `conninfo` goes through a transaction pooler: `FACTCHECK_POOLER=transaction`
    /// says so, `FACTCHECK_POOLER=none` says not; unset, the connection finds out when it
    /// matters (see `Connection.Pooling`).
    public var pooling: Connection.Pooling
    /// `FACTCHECK_DIRECT_URL`: the server itself, for what a transaction pooler cannot carry
    /// (`db migrate`'s advisory lock, the live-update listener's LISTEN); nil when `conninfo`
    /// is direct already.
    public var directConninfo: String?

    public init(conninfo: String, origin: Origin, pooling: Connection.Pooling = .detect, directConninfo: String? = nil) {
        self.conninfo = conninfo
        self.origin = origin
        self.pooling = pooling
        self.directConninfo = directConninfo
    }

    /// The project folder whose `.db/` holds the development cluster that `Scripts/db` starts.
    /// Taken from where this file was compiled, so an installed binary still finds it.
    public static let projectRoot: String = {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    public static var localClusterConninfo: String {
        "host=\(projectRoot)/.db/run port=5499 user=factcheck dbname=factcheck"
    }

    public static func resolve(option: String?, environment: [String: String]) -> DatabaseLocation {
        var location = resolveMain(option: option, environment: environment)
        location.pooling = pooling(environment["FACTCHECK_POOLER"])
        if let direct = environment["FACTCHECK_DIRECT_URL"], !direct.isEmpty { location.directConninfo = direct }
        return location
    }

    /// `FACTCHECK_POOLER`: `transaction` (PgBouncer's `pool_mode=transaction`), `none` (or
    /// `session`: a session pooler keeps everything of a session); anything else detects.
    static func pooling(_ setting: String?) -> Connection.Pooling {
        switch setting?.lowercased() {
        case "transaction": return .transaction
        case "none", "direct", "session": return .direct
        default: return .detect
        }
    }

    /// Where exports and the report read: `--read-url`, else `FACTCHECK_READ_URL` (a standby,
    /// or a libpq list of hosts with `target_session_attrs=prefer-standby`), else nil for the
    /// database itself.
    public static func resolveRead(option: String?, environment: [String: String]) -> DatabaseLocation? {
        if let option, !option.isEmpty {
            return .init(conninfo: option, origin: .readOption, pooling: pooling(environment["FACTCHECK_POOLER"]))
        }
        if let url = environment["FACTCHECK_READ_URL"], !url.isEmpty {
            return .init(conninfo: url, origin: .readVariable, pooling: pooling(environment["FACTCHECK_POOLER"]))
        }
        return nil
    }

    private static func resolveMain(option: String?, environment: [String: String]) -> DatabaseLocation {
        if let option, !option.isEmpty { return .init(conninfo: option, origin: .option) }
        if let url = environment["FACTCHECK_DATABASE_URL"], !url.isEmpty {
            return .init(conninfo: url, origin: .factcheckVariable)
        }
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            return .init(conninfo: url, origin: .databaseVariable)
        }
        let libpqVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGSERVICEFILE"]
        if libpqVariables.contains(where: { environment[$0].map { !$0.isEmpty } ?? false }) {
            return .init(conninfo: "", origin: .libpqEnvironment)
        }
        if FileManager.default.fileExists(atPath: "\(NSHomeDirectory())/.pg_service.conf"),
           environment["PGSERVICE"] != nil {
            return .init(conninfo: "", origin: .libpqEnvironment)
        }
        return .init(conninfo: localClusterConninfo, origin: .localCluster)
    }

    /// The target for messages: the conninfo with any password replaced by `***`.
    public var redacted: String {
        conninfo.isEmpty ? "libpq defaults (PG* variables)" : DatabaseLocation.redact(conninfo)
    }

    public static func redact(_ conninfo: String) -> String {
        redactingPasswords(conninfo)
    }
}

extension DatabaseLocation {
    /// Where `db migrate` and the live-update listener connect: the server itself, named by
    /// `FACTCHECK_DIRECT_URL`, else this location. Whether it is direct is still checked
    /// (`Connection.goesThroughPooler`) before anything relies on a session.
    public var direct: DatabaseLocation {
        guard let directConninfo else { return DatabaseLocation(conninfo: conninfo, origin: origin, pooling: pooling) }
        return DatabaseLocation(conninfo: directConninfo, origin: .directVariable)
    }

    /// Where the live-update listener connects: LISTEN needs a session of its own, so never a
    /// transaction pooler.
    public var listenConninfo: String { direct.conninfo }
}
