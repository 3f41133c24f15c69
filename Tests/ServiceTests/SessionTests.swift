import FactCheckCore
import FactCheckService
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite struct SessionTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .origin: "http://127.0.0.1:8080"]

    func login(_ client: some TestClientProtocol, _ handle: String, password: String = ServiceDesk.password,
               headers: HTTPFields = SessionTests.form) async throws -> TestResponse {
        try await client.execute(uri: "/login", method: .post, headers: headers,
                                 body: ByteBuffer(string: "handle=\(handle)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&next=%2Fclaims"))
    }

    static func cookie(_ response: TestResponse) -> String {
        String(response.headers[.setCookie]!.split(separator: ";").first!)
    }

    func csrf(_ client: some TestClientProtocol, _ cookie: String) async throws -> String {
        let session = try await client.execute(uri: "/session", method: .get, headers: [.cookie: cookie])
        return session.json["csrf_token"] as! String
    }

    @Test func loginSetsASafeCookieWithANewIdEachTime() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        try await desk.application.test(.router) { client in
            let first = try await login(client, "ben")
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "/claims")
            let attributes = first.headers[.setCookie]!
            #expect(attributes.hasPrefix("factcheck_session="))
            #expect(attributes.contains("HttpOnly"))
            #expect(attributes.contains("SameSite=Lax"))
            #expect(attributes.contains("Path=/"))
            let second = try await login(client, "ben", headers: Self.form.merging([.cookie: Self.cookie(first)]))
            #expect(Self.cookie(first) != Self.cookie(second), "a new session id at every login, never the one the browser brought")
            // The stored row is a hash, never the id itself.
            let id = String(Self.cookie(second).split(separator: "=", maxSplits: 1)[1])
            #expect(try desk.count("SELECT count(*) AS n FROM user_sessions WHERE encode(id_hash, 'escape') LIKE '%\(id)%'") == 0)
            #expect(try desk.count("SELECT count(*) AS n FROM user_sessions WHERE id_hash = sha256(convert_to('\(id)', 'UTF8'))") == 1)
            let open = try await login(client, "ben", headers: Self.form.merging([:]))
            _ = open
            let redirect = try await client.execute(uri: "/login", method: .post, headers: Self.form,
                                                    body: ByteBuffer(string: "handle=ben&password=quiet+harbour+lantern+42&next=%2F%2Fevil.example"))
            #expect(redirect.headers[.location] == "/", "no open redirect")
        }
    }

    @Test func overHTTPSTheCookieIsHostPrefixedAndSecure() async throws {
        let desk = try ServiceDesk(publicURL: "https://desk.example.org")
        defer { desk.close() }
        try await desk.application.test(.router) { client in
            let response = try await login(client, "ben", headers: [.contentType: "application/x-www-form-urlencoded",
                                                                   .origin: "https://desk.example.org"])
            let attributes = response.headers[.setCookie]!
            #expect(attributes.hasPrefix("__Host-factcheck_session="))
            #expect(attributes.contains("Secure"))
            #expect(!attributes.contains("Domain"))
        }
    }

    @Test func logoutAndDeactivationEndSessionsAtOnce() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        try await desk.application.test(.router) { client in
            let ben = Self.cookie(try await login(client, "ben"))
            let token = try await csrf(client, ben)
            let out = try await client.execute(uri: "/logout", method: .post, headers: Self.form.merging([.cookie: ben]),
                                               body: ByteBuffer(string: "csrf_token=\(token)"))
            #expect(out.status == .seeOther)
            #expect(out.headers[.setCookie]!.contains("Max-Age=0"))
            try await client.execute(uri: "/session", method: .get, headers: [.cookie: ben]) { #expect($0.status == .unauthorized) }

            let chen = Self.cookie(try await login(client, "chen"))
            try await client.execute(uri: "/session", method: .get, headers: [.cookie: chen]) { #expect($0.status == .ok) }
            _ = try desk.store.deactivateUser("chen", by: try desk.store.actor("maria"))
            try await client.execute(uri: "/session", method: .get, headers: [.cookie: chen]) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func sessionsExpireWhenIdleAndAtTheirEnd() async throws {
        // Idle for a minute: the session's last use is moved back rather than waited for, so a
        // slow machine (a login's bcrypt under load) cannot expire it before its first use.
        let desk = try ServiceDesk(sessions: SessionPolicy(idle: 60, absolute: 3600))
        defer { desk.close() }
        try await desk.application.test(.router) { client in
            let ben = Self.cookie(try await login(client, "ben"))
            try await client.execute(uri: "/session", method: .get, headers: [.cookie: ben]) { #expect($0.status == .ok) }
            _ = try desk.store.connection.run("UPDATE user_sessions SET last_seen_at = now() - interval '59 seconds' WHERE handle = 'ben'")
            try await client.execute(uri: "/session", method: .get, headers: [.cookie: ben]) { #expect($0.status == .ok) }
            // A use moves the idle clock, but writes the row at most once per touch interval
            // (2 s here): a second use at once leaves the row as it was.
            let touched = try desk.count("SELECT count(*) AS n FROM user_sessions WHERE handle = 'ben' AND last_seen_at > now() - interval '5 seconds'")
            #expect(touched == 1, "the use after 59 s idle moved the clock")
            let xmin: String = try desk.store.connection.query("SELECT xmin::text AS x FROM user_sessions WHERE handle = 'ben'").first!.require("x")
            try await client.execute(uri: "/session", method: .get, headers: [.cookie: ben]) { #expect($0.status == .ok) }
            let after: String = try desk.store.connection.query("SELECT xmin::text AS x FROM user_sessions WHERE handle = 'ben'").first!.require("x")
            #expect(after == xmin, "a use within the touch interval does not rewrite the session")
            _ = try desk.store.connection.run("UPDATE user_sessions SET last_seen_at = now() - interval '61 seconds' WHERE handle = 'ben'")
            try await client.execute(uri: "/session", method: .get, headers: [.cookie: ben]) { #expect($0.status == .unauthorized) }
            // The absolute end: a session whose end has passed is refused however fresh its use.
            let chen = Self.cookie(try await login(client, "chen"))
            _ = try desk.store.connection.run("UPDATE user_sessions SET expires_at = now() - interval '1 second' WHERE handle = 'chen'")
            try await client.execute(uri: "/session", method: .get, headers: [.cookie: chen]) { #expect($0.status == .unauthorized) }
        }
    }

    /// A form post without the session's CSRF token, with a wrong one, or from another site
    /// changes nothing; with it, the move is made and the browser is redirected.
    @Test func formPostsNeedTheCSRFTokenAndThisSite() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        _ = try desk.store.addClaim(NewClaim(text: "Exports doubled.", claimant: "Hart"), by: try desk.store.actor("ed"))
        try await desk.application.test(.router) { client in
            let ed = Self.cookie(try await login(client, "ed"))
            let token = try await csrf(client, ed)
            let events = try desk.count("SELECT count(*) AS n FROM audit_events")
            let attempts: [(HTTPFields, String, String)] = [
                (Self.form.merging([.cookie: ed]), "move=assign&user=ben", "no token"),
                (Self.form.merging([.cookie: ed]), "move=assign&user=ben&csrf_token=\(String(token.reversed()))", "wrong token"),
                ([.contentType: "application/x-www-form-urlencoded", .cookie: ed, .origin: "https://evil.example"],
                 "move=assign&user=ben&csrf_token=\(token)", "foreign origin"),
                ([.contentType: "application/x-www-form-urlencoded", .cookie: ed, HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
                 "move=assign&user=ben&csrf_token=\(token)", "cross-site fetch"),
            ]
            for (headers, form, what) in attempts {
                let response = try await client.execute(uri: "/claims/C-1/moves", method: .post, headers: headers,
                                                        body: ByteBuffer(string: form))
                #expect(response.status == .forbidden, "\(what)")
                #expect(response.json["type"] as? String == "urn:factcheck:problem:forged-request", "\(what)")
            }
            #expect(try desk.count("SELECT count(*) AS n FROM audit_events") == events)
            let done = try await client.execute(uri: "/claims/C-1/moves", method: .post, headers: Self.form.merging([.cookie: ed]),
                                                body: ByteBuffer(string: "move=assign&user=ben&csrf_token=\(token)"))
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/claims/C-1")
            #expect(try desk.count("SELECT count(*) AS n FROM audit_events WHERE channel = 'web' AND via LIKE 'session:%'") == 1)
            // Nothing changes state on GET.
            try await client.execute(uri: "/claims/C-1/moves?move=start", method: .get, headers: [.cookie: ed]) {
                #expect($0.status != .ok && $0.status != .seeOther)
            }
        }
    }

    @Test func failedLoginsAreThrottledPerAccount() async throws {
        let desk = try ServiceDesk(throttle: LoginThrottle(perAccount: 3, perAddress: 100, window: 600))
        defer { desk.close() }
        try await desk.application.test(.router) { client in
            for _ in 0..<3 {
                #expect(try await login(client, "ben", password: "wrong wrong wrong").status == .unauthorized)
            }
            let throttled = try await login(client, "ben")
            #expect(throttled.status == .tooManyRequests, "even the right password waits out the window")
            #expect(Int(throttled.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(try await login(client, "chen").status == .seeOther, "another account is not held back")
        }
        #expect(try desk.count("SELECT count(*) AS n FROM login_failures WHERE handle = 'ben'") == 3)
    }

    /// A password never reaches a response, the audit log or the database in the clear.
    @Test func passwordsAreNeverShownOrStored() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let secret = "lantern harbour quiet 77"
        try await desk.application.test(.router) { client in
            let added = try await client.execute(uri: "/api/v1/users", method: .post, headers: desk.bearer("maria"),
                                                 body: body(["handle": "ana", "name": "Ana", "role": "editor", "password": secret]))
            #expect(added.status == .created)
            #expect(!added.text.contains(secret))
            let weak = try await client.execute(uri: "/api/v1/users", method: .post, headers: desk.bearer("maria"),
                                                body: body(["handle": "bo", "name": "Bo", "role": "editor", "password": "password1234"]))
            #expect(weak.status == .unprocessableContent)
            #expect(!weak.text.contains("password1234"))
            let wrong = try await login(client, "ana", password: secret + "x")
            #expect(!wrong.text.contains(secret))
            #expect(try await login(client, "ana", password: secret).status == .seeOther)
        }
        #expect(try desk.count("SELECT count(*) AS n FROM audit_events WHERE before::text LIKE '%lantern%' OR after::text LIKE '%lantern%'") == 0)
        #expect(try desk.count("SELECT count(*) AS n FROM users WHERE password_hash LIKE '%lantern%' OR password_hash NOT LIKE '$2%'") == 0)
    }

    /// A token's use is recorded to the minute: the first use writes it, uses within the minute
    /// leave the row alone, a use a minute later writes it again.
    @Test func aTokensUseIsRecordedOnceAMinute() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        func lastUsed() throws -> String? {
            try desk.store.connection.query("SELECT last_used_at::text AS t FROM api_tokens WHERE handle = 'ben'").first!.decode("t")
        }
        func versions() throws -> Int { try desk.count("SELECT xmin::text::bigint AS n FROM api_tokens WHERE handle = 'ben'") }
        #expect(try lastUsed() == nil)
        #expect(try desk.store.tokenActor(secret: desk.tokens["ben"]!)?.handle == "ben")
        let first = try #require(try lastUsed())
        let written = try versions()
        for _ in 0..<5 { _ = try desk.store.tokenActor(secret: desk.tokens["ben"]!) }
        #expect(try lastUsed() == first)
        #expect(try versions() == written, "a use within the minute wrote the row again")
        _ = try desk.store.connection.query("UPDATE api_tokens SET last_used_at = now() - interval '61 seconds' WHERE handle = 'ben'")
        let old = try lastUsed()
        _ = try desk.store.tokenActor(secret: desk.tokens["ben"]!)
        #expect(try lastUsed() != old)
        #expect(try desk.store.tokenActor(secret: "not a token") == nil)
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var out = self
        for field in other { out[field.name] = field.value }
        return out
    }
}
