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
    }

    /// A libpq conninfo string or URL; empty means libpq's own defaults.
    public let conninfo: String
    public let origin: Origin

    public init(conninfo: String, origin: Origin) {
        self.conninfo = conninfo
        self.origin = origin
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
    /// Where the live-update listener connects: LISTEN needs a session of its own, so never a
    /// transaction pooler.
    public var listenConninfo: String { conninfo }
}
