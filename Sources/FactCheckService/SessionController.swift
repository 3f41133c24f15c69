import FactCheckCore
import FactCheckStore
import DeskViews
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
    }

    func login(_ request: Request, context: DeskContext) async throws -> Response {
        try checkSameSite(request)
        let form = try await Form.read(request, limit: 16 << 10)
        let json = wantsJSON(request)
        guard PagesController.wantsHTML(request), !json else { return try await login(form, context, json: json) }
        do {
            return try await login(form, context, json: false)
        } catch {
            // A browser gets the sign-in form again, with the message and the handle typed.
            let problem = Problem.from(error)
            guard [400, 401, 403, 429].contains(problem.status) else { throw error }
            var response = Response(status: problem.httpStatus, headers: [.contentType: "text/html; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(string: DeskPages.login(
                                        next: Self.safeNext(form["next"]), handle: form["handle"] ?? "",
                                        error: .init(problem.detail, hint: problem.hint)))))
            if let retryAfter = problem.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return response
        }
    }

    func login(_ form: [String: String], _ context: DeskContext, json: Bool) async throws -> Response {
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
        if json {
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
        for (key, value) in pairs(body) where fields[key] == nil { fields[key] = value }
        return fields
    }

    /// Every field in order, repeated names included (a list of check boxes).
    static func pairs(_ body: String) -> [(String, String)] {
        body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
