import FactCheckCore
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOPosix

/// The browser's door: log in and out, and the state-changing form posts, each checked for
/// the session's CSRF token and for coming from this site (`Origin`, `Sec-Fetch-Site`).
struct SessionController {
    let pool: StorePool
    let configuration: ServiceConfiguration

    struct Identity: Encodable { let handle: String; let role: String; let csrfToken: String }

    func add(to router: Router<DeskContext>) {
        router.post("login", use: login)
        router.post("logout", use: logout)
        router.get("session") { _, context in
            let actor = try context.requireActor()
            return try HTTP.json(Identity(handle: actor.handle, role: actor.role.rawValue, csrfToken: context.csrfToken ?? ""))
        }
        router.post("claims/:id/moves", use: formMove)
    }

    func login(_ request: Request, context: DeskContext) async throws -> Response {
        try checkSameSite(request)
        let form = try await Form.read(request, limit: 16 << 10)
        let handle = Validate.handleReference(form["handle"] ?? "")
        let password = form["password"] ?? ""
        guard !handle.isEmpty, !password.isEmpty else { throw ServiceError.badRequest("give handle and password") }
        let address = context.remoteAddress
        let throttle = configuration.throttle
        let candidate = try await pool.run { store in try store.loginCandidate(handle: handle, address: address, throttle: throttle) }
        // bcrypt on the NIO pool: a database thread is not held for a quarter of a second.
        let matches = try await NIOThreadPool.singleton.runIfActive {
            Store.passwordMatches(password, hash: candidate.passwordHash)
        }
        guard matches else {
            try await pool.run { store in try store.recordLoginFailure(handle: handle, address: address) }
            throw ServiceError.unauthenticated("the handle or the password is wrong")
        }
        let policy = configuration.sessions
        let grant = try await pool.run { store in try store.startSession(handle: handle, address: address, policy: policy) }
        var response: Response
        if wantsJSON(request) {
            response = try HTTP.json(Identity(handle: grant.actor.handle, role: grant.actor.role.rawValue, csrfToken: grant.csrfToken))
        } else {
            response = Response.redirect(to: Self.safeNext(form["next"]), type: .found)
            response.status = .seeOther
        }
        response.setCookie(sessionCookie(grant.id, maxAge: Int(policy.absolute)))
        return response
    }

    func logout(_ request: Request, context: DeskContext) async throws -> Response {
        let form = try await checkedForm(request, context)
        _ = form
        if let id = context.sessionId {
            try await pool.run { store in try store.endSession(id: id) }
        }
        var response = wantsJSON(request) ? Response(status: .noContent) : Response.redirect(to: "/login", type: .found)
        if !wantsJSON(request) { response.status = .seeOther }
        response.setCookie(sessionCookie("", maxAge: 0))
        return response
    }

    /// A workflow move from a form: post, then redirect to the claim (post/redirect/get).
    func formMove(_ request: Request, context: DeskContext) async throws -> Response {
        let form = try await checkedForm(request, context)
        let actor = try context.requireActor()
        let number = try context.parameters.claim()
        let version = try form["version"].map { v -> Int in
            guard let n = Int(v) else { throw ServiceError.badRequest("version must be a number") }
            return n
        }
        let move = form["move"] ?? ""
        let reasonText = form["reason"].flatMap { $0.isEmpty ? nil : $0 }
        try await pool.run { store in
            store.expectedVersion = version
            defer { store.expectedVersion = nil }
            switch move {
            case "assign":
                _ = try store.assign(number, to: Validate.handleReference(form["user"] ?? ""),
                                     note: try Validate.note(reasonText), by: actor)
            case "start": _ = try store.move(number, .start, by: actor)
            case "reject": _ = try store.move(number, .reject, by: actor, reason: try Validate.reason(reasonText ?? ""))
            case "reopen": _ = try store.move(number, .reopen, by: actor, reason: try Validate.reason(reasonText ?? ""))
            case "publish":
                _ = try store.move(number, .publish, by: actor,
                                   publishedURL: try form["url"].flatMap { $0.isEmpty ? nil : $0 }.map { s throws(DomainError) in try Validate.url(s) })
            case "approve": _ = try store.decide(number, .approve, reason: try Validate.note(reasonText), by: actor)
            case "return": _ = try store.decide(number, .returnVerdict, reason: try Validate.reason(reasonText ?? ""), by: actor)
            case "propose":
                _ = try store.propose(number, rating: form["rating"] ?? "",
                                      conclusion: try Validate.conclusion(form["conclusion"] ?? ""), by: actor)
            default:
                throw ServiceError.badRequest("unknown move \(move)")
            }
        }
        var response = Response.redirect(to: "/claims/\(number)", type: .found)
        response.status = .seeOther
        return response
    }

    /// The form of a state-changing post from a session: it must come from this site and carry
    /// the session's CSRF token; otherwise nothing is done.
    func checkedForm(_ request: Request, _ context: DeskContext) async throws -> [String: String] {
        try checkSameSite(request)
        guard context.actor != nil, let expected = context.csrfToken else {
            throw ServiceError.unauthenticated("sign in first")
        }
        let form = try await Form.read(request, limit: configuration.maxBodyBytes)
        let given = request.headers[HTTPField.Name("X-CSRF-Token")!] ?? form["csrf_token"] ?? ""
        guard Self.constantTimeEqual(given, expected) else {
            throw ServiceError.forgedRequest("the form's CSRF token is missing or wrong; reload the page and try again")
        }
        return form
    }

    /// A post from another site is refused: `Sec-Fetch-Site` other than same-origin (or none,
    /// for a typed address), or an `Origin` other than this service's.
    func checkSameSite(_ request: Request) throws {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" {
            throw ServiceError.forgedRequest("a form from another site may not change anything here")
        }
        if let origin = request.headers[HTTPField.Name("Origin")!], origin != configuration.origin {
            throw ServiceError.forgedRequest("a form from \(origin) may not change anything here")
        }
    }

    func wantsJSON(_ request: Request) -> Bool {
        (request.headers[.accept] ?? "").contains("application/json")
            || (request.headers[.contentType] ?? "").hasPrefix("application/json")
    }

    func sessionCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: configuration.sessionCookieName, value: value, maxAge: maxAge, path: "/",
               secure: configuration.isSecure, httpOnly: true, sameSite: .lax)
    }

    /// Only a path on this site: never `//host` or a full URL (an open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return "/" }
        return next
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

/// A form body (`application/x-www-form-urlencoded`) or a flat JSON object of strings.
enum Form {
    static func read(_ request: Request, limit: Int) async throws -> [String: String] {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limit) } catch { throw ServiceError.tooLarge(limit: limit) }
        let data = Data(buffer.readableBytesView)
        if (request.headers[.contentType] ?? "").hasPrefix("application/json") {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ServiceError.badRequest("the request body is not a JSON object")
            }
            return object.compactMapValues { $0 as? String }
        }
        return parse(String(decoding: data, as: UTF8.self))
    }

    static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            let key = decode(parts[0])
            if fields[key] == nil { fields[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
