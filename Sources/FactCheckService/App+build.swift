import FactCheckCore
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Postgres
import ServiceLifecycle

/// The service, wired in one place: the store pool, the middleware, every controller.
public struct DeskService: Sendable {
    public let configuration: ServiceConfiguration
    public let pool: StorePool
    let metrics = ServiceMetrics()

    public init(configuration: ServiceConfiguration) {
        self.configuration = configuration
        pool = StorePool(location: configuration.database, settings: configuration.pool)
    }

    /// The routes and middleware, without a server (tests use it through `.router`).
    public func router(accessLog: Bool = false) -> Router<DeskContext> {
        let router = Router(context: DeskContext.self)
        router.add(middleware: DeskMiddleware(metrics: metrics, log: AccessLog(enabled: accessLog)))
        router.add(middleware: IdentityMiddleware(pool: pool, configuration: configuration))

        let pool = self.pool
        router.get("healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("readyz") { _, _ in
            try await pool.run { store in try store.migrator.requireCurrent() }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        }
        let metrics = self.metrics
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.text(pool: pool))))
        }
        SessionController(pool: pool, configuration: configuration).add(to: router)
        PagesController(pool: pool, configuration: configuration).add(to: router)
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in
            var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
            headers[.cacheControl] = "public, max-age=300"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        ClaimsController(pool: pool, limits: configuration).add(to: api)
        DeskController(pool: pool, limits: configuration).add(to: api)
        ArticlesController(pool: pool, limits: configuration).add(to: api)
        EventsController(pool: pool, database: configuration.database).add(to: api)
        return router
    }

    /// The HTTP server, ready for `runService()`: idle connections close after
    /// `idleTimeout`; on SIGTERM in-flight requests finish, then the pool closes.
    public func application(logger: Logger, accessLog: Bool = true,
                            onServerRunning: @escaping @Sendable (any NIOCore.Channel) async -> Void = { _ in })
        -> some ApplicationProtocol {
        var http1 = HTTP1Channel.Configuration()
        http1.idleTimeout = .milliseconds(Int64(configuration.idleTimeout * 1000))
        var app = Application(
            router: router(accessLog: accessLog),
            server: .http1(configuration: http1),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "factcheck"),
            onServerRunning: onServerRunning,
            logger: logger)
        app.addServices(PoolService(pool: pool))
        return app
    }
}

/// Closes the store pool when the service group shuts down, after the server stopped taking
/// requests and finished those in flight.
struct PoolService: Service {
    let pool: StorePool
    func run() async throws {
        try? await gracefulShutdown()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                pool.close()
                continuation.resume()
            }
        }
    }
}

extension DeskService {
    /// A warning when the service's database role is more than it needs: it should be a member
    /// of factcheck_app (README, least privilege), not a superuser or the schema's owner.
    public func privilegeWarning() async -> String? {
        guard let role = try? await pool.run({ try $0.connectedRole() }) else { return nil }
        if role.isSuperuser {
            return "the service connects as \(role.name), a superuser; run it as a member of factcheck_app (README, least privilege)"
        }
        if !role.isAppMember {
            return "the service connects as \(role.name), which is not a member of factcheck_app"
        }
        return nil
    }

    /// Why the live-update listener cannot run where it would connect, or nil. Its LISTEN needs a
    /// session of its own: through a transaction pooler it would be lost with the transaction,
    /// and no page would hear of a change. A database that cannot be reached yet is no reason
    /// here (the listener reconnects; `/readyz` says so).
    public func listenerProblem() -> StoreError? {
        let direct = configuration.database.direct
        guard let connection = try? Connection(direct.conninfo, pooling: direct.pooling) else { return nil }
        defer { connection.close() }
        guard (try? connection.goesThroughPooler()) == true else { return nil }
        return .needsDirectConnection(purpose: "live updates (the listener's LISTEN)", target: direct.redacted)
    }

    /// The OpenAPI 3.1 document of the JSON API.
    public static var openAPIDocument: String { OpenAPIDocument.json }
}
