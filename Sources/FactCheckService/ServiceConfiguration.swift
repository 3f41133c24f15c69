import FactCheckStore
import Foundation

/// How `factcheck serve` runs: where it listens, the address people use to reach it, the
/// database, the pool and the limits.
public struct ServiceConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The address browsers use (`--public-url`); its scheme decides the cookie's Secure flag.
    public var publicURL: URL
    public var database: DatabaseLocation
    public var pool: StorePool.Settings
    public var sessions: SessionPolicy
    public var throttle: LoginThrottle
    /// The largest JSON body a route decodes, and the largest CSV upload.
    public var maxBodyBytes: Int
    public var maxUploadBytes: Int
    public var idleTimeout: TimeInterval

    public init(host: String = "127.0.0.1", port: Int = 8080, publicURL: URL? = nil, database: DatabaseLocation,
                pool: StorePool.Settings = .init(), sessions: SessionPolicy = .init(), throttle: LoginThrottle = .init(),
                maxBodyBytes: Int = 1 << 20, maxUploadBytes: Int = 64 << 20, idleTimeout: TimeInterval = 60) {
        self.host = host
        self.port = port
        self.publicURL = publicURL ?? URL(string: "http://\(host):\(port)")!
        self.database = database
        self.pool = pool
        self.sessions = sessions
        self.throttle = throttle
        self.maxBodyBytes = maxBodyBytes
        self.maxUploadBytes = maxUploadBytes
        self.idleTimeout = idleTimeout
    }

    /// Plain http is allowed only on a loopback address; there the cookie cannot be Secure, so
    /// it cannot carry the `__Host-` prefix either (browsers refuse such a cookie).
    public var isSecure: Bool { publicURL.scheme == "https" }

    public var sessionCookieName: String { isSecure ? "__Host-factcheck_session" : "factcheck_session" }

    /// `scheme://host[:port]`, what a browser sends as `Origin`.
    public var origin: String {
        var origin = "\(publicURL.scheme ?? "http")://\(publicURL.host ?? host)"
        if let port = publicURL.port { origin += ":\(port)" }
        return origin
    }
}
