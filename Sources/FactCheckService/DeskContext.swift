import FactCheckCore
import FactCheckStore
import Hummingbird
import NIOCore

/// One request's context: who is acting (from a bearer token or a session cookie) and, for a
/// session, its CSRF token.
public struct DeskContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address, for throttling and the access log.
    public let remoteAddress: String
    public var actor: Actor?
    public var csrfToken: String?
    /// The session id from the cookie, for logout.
    public var sessionId: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = DeskContext.address(source.channel.remoteAddress)
    }

    /// Bodies the service decodes are small; uploads and texts are read with their own limits.
    public var maxUploadSize: Int { 1 << 20 }

    /// The acting user, or 401.
    public func requireActor() throws -> Actor {
        guard let actor else { throw ServiceError.unauthenticated("sign in, or send an API token as Authorization: Bearer") }
        return actor
    }

    static func address(_ address: SocketAddress?) -> String {
        guard let address else { return "unknown" }
        return address.ipAddress ?? "unix"
    }
}
