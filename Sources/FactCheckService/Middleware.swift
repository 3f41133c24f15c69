import FactCheckCore
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird
import Prometheus

/// Turns every error into problem+json, sets the security headers of SPEC section 11 on every
/// response, counts it for `/metrics` and writes its access-log line.
struct DeskMiddleware: RouterMiddleware {
    typealias Context = DeskContext
    let metrics: ServiceMetrics
    let log: AccessLog

    func handle(_ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let problem = Problem.from(error)
            if problem.status >= 500, !(error is ServiceError) {
                context.logger.error("request failed", metadata: ["error": "\(String(describing: error).prefix(500))"])
            }
            response = problem.response()
        }
        DeskMiddleware.secure(&response.headers)
        let elapsed = ContinuousClock.now - start
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: response.status.code, elapsed: elapsed)
        log.write(request: request, route: route, status: response.status.code, elapsed: elapsed,
                  actor: context.actor, address: context.remoteAddress, requestID: context.id)
        return response
    }

    static func secure(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        headers[HTTPField.Name("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=()"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
    }
}

/// Requests by route and status, their latency, and the store pool's load, in Prometheus text.
final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let inUse: Gauge
    private let waiting: Gauge

    init() {
        inUse = registry.makeGauge(descriptor: .init(metricName: "factcheck_store_pool", unitName: "in_use",
                                                      helpText: "Store calls running on the pool's threads"))
        waiting = registry.makeGauge(descriptor: .init(metricName: "factcheck_store_pool", unitName: "waiting",
                                                        helpText: "Store calls waiting for a pool thread"))
    }

    func record(method: String, route: String, status: Int, elapsed: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(descriptor: .init(metricName: "factcheck_http_requests", unitName: "total",
                                               helpText: "HTTP requests by route and status"), labels: labels).increment()
        registry.makeDurationHistogram(
            descriptor: .init(metricName: "factcheck_http_request_duration", unitName: "seconds",
                              helpText: "HTTP request latency by route"),
            labels: [("route", route)],
            buckets: [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                      .seconds(5)]
        ).record(elapsed)
    }

    func text(pool: StorePool) -> String {
        let load = pool.load
        inUse.set(Double(load.inUse))
        waiting.set(Double(load.waiting))
        return registry.emitToString()
    }
}

/// One JSON line per request on standard output: time, request id, method, route and path
/// (never the query, which may carry search words; never a header, so never a token or a
/// cookie), status, milliseconds, the acting user and the peer's address.
final class AccessLog: Sendable {
    let enabled: Bool
    init(enabled: Bool) { self.enabled = enabled }

    func write(request: Request, route: String, status: Int, elapsed: Duration, actor: Actor?, address: String, requestID: String) {
        guard enabled else { return }
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let line: [String: Any] = [
            "time": ISO8601DateFormatter().string(from: Date()), "request_id": requestID,
            "method": request.method.rawValue, "route": route, "path": request.uri.path, "status": status,
            "ms": (ms * 10).rounded() / 10, "user": actor?.handle ?? NSNull(), "channel": actor?.channel.rawValue ?? NSNull(),
            "address": address,
        ]
        guard var data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }
}

/// Finds who is acting. The JSON API takes bearer tokens only (no cookie, so no CSRF surface);
/// the browser's routes take the session cookie only. A token in the URL is refused outright.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = DeskContext
    let pool: StorePool
    let configuration: ServiceConfiguration

    func handle(_ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response) async throws -> Response {
        var context = context
        let path = request.uri.path
        let query = request.uri.queryParameters
        // PostgreSQL stores no NUL, and no filter or name of ours holds one.
        if let raw = request.uri.query, raw.range(of: "%00") != nil {
            throw ServiceError.badRequest("the query string holds a NUL character")
        }
        if query["access_token"] != nil || query["token"] != nil || query["api_key"] != nil {
            throw ServiceError.badRequest("tokens are never accepted in a URL; send Authorization: Bearer TOKEN")
        }
        if path.hasPrefix("/api/") {
            if let authorization = request.headers[.authorization] {
                let parts = authorization.split(separator: " ", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                    throw ServiceError.unauthenticated("the API takes Authorization: Bearer TOKEN")
                }
                let secret = String(parts[1]).trimmingCharacters(in: .whitespaces)
                guard let actor = try await pool.run({ try $0.tokenActor(secret: secret) }) else {
                    throw ServiceError.unauthenticated("the token is unknown, revoked or expired, or its user is deactivated")
                }
                context.actor = actor
            }
        } else if let id = request.cookies[configuration.sessionCookieName]?.value, !id.isEmpty {
            let policy = configuration.sessions
            if let identity = try await pool.run({ try $0.sessionIdentity(id: id, policy: policy) }) {
                context.actor = identity.actor
                context.csrfToken = identity.csrfToken
                context.sessionId = id
            }
        }
        return try await next(request, context)
    }
}
