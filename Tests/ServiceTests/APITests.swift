import FactCheckCore
import FactCheckService
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Over real HTTP on loopback (`.live`), but for the one table of every API route, run in the router.
@Suite struct APITests {
    @Test func operationsEndpointsAnswer() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        try await desk.application.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/claims", method: .get, headers: desk.bearer("ed")) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("factcheck_http_requests_total"))
                #expect(response.text.contains("route=\"/api/v1/claims\""))
                #expect(response.text.contains("factcheck_store_pool_in_use"))
            }
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["openapi"] as? String == "3.1.0")
            }
        }
    }

    /// Every API route refuses a request without identity with 401 problem+json.
    @Test(arguments: [
        ("GET", "/api/v1/claims"), ("POST", "/api/v1/claims"), ("GET", "/api/v1/claims/C-1"),
        ("PATCH", "/api/v1/claims/C-1"), ("POST", "/api/v1/claims/C-1/assign"), ("POST", "/api/v1/claims/C-1/start"),
        ("POST", "/api/v1/claims/C-1/reject"), ("POST", "/api/v1/claims/C-1/publish"), ("POST", "/api/v1/claims/C-1/reopen"),
        ("POST", "/api/v1/claims/C-1/verdicts"), ("POST", "/api/v1/claims/C-1/verdict/approve"),
        ("POST", "/api/v1/claims/C-1/verdict/return"), ("GET", "/api/v1/claims/C-1/sources"),
        ("POST", "/api/v1/claims/C-1/sources"), ("POST", "/api/v1/sources/S-1/retract"), ("GET", "/api/v1/claims/C-1/similar"),
        ("GET", "/api/v1/me"), ("GET", "/api/v1/users"), ("POST", "/api/v1/users"), ("POST", "/api/v1/users/ben/deactivate"),
        ("GET", "/api/v1/tokens"), ("POST", "/api/v1/tokens"), ("POST", "/api/v1/tokens/T-1/revoke"), ("GET", "/api/v1/scale"),
        ("GET", "/api/v1/audit"), ("GET", "/api/v1/audit/verify"), ("GET", "/api/v1/report"),
        ("GET", "/api/v1/exports/claims.csv"), ("GET", "/api/v1/exports/sources.csv"), ("GET", "/api/v1/exports/audit.csv"),
        ("GET", "/api/v1/events"), ("GET", "/api/v1/claims/C-1/events"),
        ("GET", "/api/v1/articles"), ("POST", "/api/v1/articles"), ("GET", "/api/v1/articles/A-1"),
        ("GET", "/api/v1/articles/A-1/sentences"), ("PUT", "/api/v1/scale"), ("GET", "/api/v1/exports/claimreview.json"),
    ])
    func everyRouteWithoutIdentityIsRefused(_ method: String, _ path: String) async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let events = try desk.count("SELECT count(*) AS n FROM audit_events")
        try await desk.application.test(.router) { client in
            try await client.execute(uri: path, method: HTTPRequest.Method(method)!, headers: [.contentType: "application/json"],
                                     body: method == "GET" ? nil : body(["reason": "x"])) { response in
                #expect(response.status == .unauthorized, "\(method) \(path)")
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.json["type"] as? String == "urn:factcheck:problem:unauthenticated")
            }
            // A session cookie is not an identity for the API (no cookies, so no CSRF surface).
            let session = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/json"],
                                                   body: body(["handle": "maria", "password": ServiceDesk.password]))
            let cookie = session.headers[.setCookie]!.split(separator: ";").first!
            try await client.execute(uri: path, method: HTTPRequest.Method(method)!,
                                     headers: [.cookie: String(cookie), .contentType: "application/json"],
                                     body: method == "GET" ? nil : body(["reason": "x"])) { response in
                #expect(response.status == .unauthorized, "cookie on \(method) \(path)")
            }
        }
        #expect(try desk.count("SELECT count(*) AS n FROM audit_events") == events)
    }

    @Test func aTokenStopsWorkingAtOnceWhenRevokedOrItsUserDeactivated() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        try await desk.application.test(.live) { client in
            try await client.execute(uri: "/api/v1/me", method: .get, headers: desk.bearer("ben")) { response in
                #expect(response.status == .ok)
                #expect(response.json["handle"] as? String == "ben")
                #expect(response.json["channel"] as? String == "api")
            }
            try await client.execute(uri: "/api/v1/users/ben/deactivate", method: .post, headers: desk.bearer("maria")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: desk.bearer("ben")) { #expect($0.status == .unauthorized) }

            let tokens = try await client.execute(uri: "/api/v1/tokens", method: .get, headers: desk.bearer("ed"))
            let list = try JSONSerialization.jsonObject(with: Data(tokens.text.utf8)) as! [[String: Any]]
            let id = list.first { $0["user"] as? String == "ed" }!["id"] as! String
            #expect(!tokens.text.contains(desk.tokens["ed"]!), "a token list never holds a secret")
            try await client.execute(uri: "/api/v1/tokens/\(id)/revoke", method: .post, headers: desk.bearer("ed")) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: desk.bearer("ed")) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer fct_not-a-token"]) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Basic bWFyaWE6eA=="]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test func aTokenInTheURLIsNeverAccepted() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        try await desk.application.test(.live) { client in
            for name in ["access_token", "token", "api_key"] {
                try await client.execute(uri: "/api/v1/me?\(name)=\(desk.tokens["ed"]!)", method: .get) { response in
                    #expect(response.status == .badRequest)
                    #expect(!response.text.contains(desk.tokens["ed"]!))
                }
                // Not even beside a valid header.
                try await client.execute(uri: "/api/v1/me?\(name)=x", method: .get, headers: desk.bearer("ed")) {
                    #expect($0.status == .badRequest)
                }
            }
        }
    }

    /// The API's JSON for a claim is byte for byte what `claim show --format json` prints, with
    /// the claim's version as its ETag.
    @Test func aClaimIsTheCLIsJSON() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        try await desk.application.test(.live) { client in
            let created = try await client.execute(uri: "/api/v1/claims", method: .post, headers: desk.bearer("ed"),
                                                   body: body(["text": "Exports doubled in 2025.", "claimant": "Lena Hart",
                                                               "tags": ["trade"], "due_date": "2026-12-24",
                                                               "appearances": ["https://example.org/a"]]))
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/api/v1/claims/C-1")
            #expect(created.headers[.eTag] == "\"v\(created.json["version"] as! Int)\"")
            let shown = try await client.execute(uri: "/api/v1/claims/C-1", method: .get, headers: desk.bearer("ed"))
            let cli = try desk.cli.run(["claim", "show", "C-1", "--format", "json"], as: "ed")
            #expect(cli.status == 0)
            #expect(shown.text == cli.stdout)
            #expect(shown.headers[.eTag] != nil)
        }
    }

    /// A desk's day through the API, each move with the CLI's permissions, four eyes included;
    /// every change audited with its channel and token, and the chain verifies.
    @Test func theWorkflowThroughTheAPI() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        try await desk.application.test(.live) { client in
            func post(_ path: String, _ user: String, _ object: [String: Any] = [:]) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/\(path)", method: .post, headers: desk.bearer(user), body: body(object))
            }
            #expect(try await post("claims", "ed", ["text": "Trade fell by half.", "claimant": "Hart"]).status == .created)
            let refused = try await post("claims/C-1/assign", "ben", ["user": "ben"])
            #expect(refused.status == .forbidden)
            #expect(refused.json["type"] as? String == "urn:factcheck:problem:not-permitted")
            #expect(refused.json["detail"] as? String == "ben is a reviewer, and a reviewer may not assign a claim (claim assign)")
            #expect(try await post("claims/C-1/assign", "ed", ["user": "ben", "note": "yours"]).status == .ok)
            let early = try await post("claims/C-1/verdicts", "ben", ["rating": "false", "conclusion": "x"])
            #expect(early.status == .conflict)
            #expect(early.json["type"] as? String == "urn:factcheck:problem:transition-refused")
            #expect(try await post("claims/C-1/start", "ben").status == .ok)
            #expect(try await post("claims/C-1/sources", "ben", ["url": "https://stats.example/trade", "kind": "official_data",
                                                                  "stance": "refutes"]).status == .created)
            let badURL = try await post("claims/C-1/sources", "ben", ["url": "javascript:alert(1)"])
            #expect(badURL.status == .unprocessableContent)
            #expect(try await post("claims/C-1/verdicts", "ben", ["rating": "false", "conclusion": "Trade fell by 12%."]).status == .created)
            let fourEyes = try await post("claims/C-1/verdict/approve", "ben")
            #expect(fourEyes.status == .forbidden)
            #expect(fourEyes.json["type"] as? String == "urn:factcheck:problem:four-eyes")
            #expect(fourEyes.json["detail"] as? String == "ben proposed this verdict and so may not approve it too (four-eyes rule)")
            #expect(try await post("claims/C-1/verdict/return", "chen", ["reason": "cite the table"]).status == .ok)
            #expect(try await post("claims/C-1/verdicts", "ben", ["rating": "false", "conclusion": "Table 3: down 12%."]).status == .created)
            #expect(try await post("claims/C-1/verdict/approve", "chen").status == .ok)
            #expect(try await post("claims/C-1/publish", "ben").status == .forbidden)
            let published = try await post("claims/C-1/publish", "ed", ["url": "https://ledger.example/fc/1"])
            #expect(published.status == .ok)
            #expect((published.json["claim"] as? [String: Any])?["state"] as? String == "published")
            let verify = try await client.execute(uri: "/api/v1/audit/verify", method: .get, headers: desk.bearer("ed"))
            #expect(verify.json["first_problem"] is NSNull)
        }
        let viaAPI = try desk.count("SELECT count(*) AS n FROM audit_events WHERE channel = 'api' AND via LIKE 'T-%'")
        let all = try desk.count("SELECT count(*) AS n FROM audit_events WHERE claim_id = 1")
        #expect(viaAPI == all && all >= 9)
        #expect(try desk.cli.run(["audit", "verify"], as: "ed").status == 0)
    }

    /// `If-Match` with a stale ETag is refused with 412 and changes nothing; two clients racing
    /// on one claim: exactly one wins, the other gets 412 or 409.
    @Test func staleWritesAreRefusedAndRacesHaveOneWinner() async throws {
        let desk = try ServiceDesk(pool: .init(size: 4, maxWaiting: 64))
        defer { desk.close() }
        try await desk.application.test(.live) { client in
            let created = try await client.execute(uri: "/api/v1/claims", method: .post, headers: desk.bearer("ed"),
                                                   body: body(["text": "Crossings tripled.", "claimant": "UN"]))
            let etag = created.headers[.eTag]!
            var headers = desk.bearer("ed")
            headers[.ifMatch] = etag
            #expect(try await client.execute(uri: "/api/v1/claims/C-1/assign", method: .post, headers: headers,
                                             body: body(["user": "ben"])).status == .ok)
            let events = try desk.count("SELECT count(*) AS n FROM audit_events")
            let stale = try await client.execute(uri: "/api/v1/claims/C-1/assign", method: .post, headers: headers,
                                                 body: body(["user": "chen"]))
            #expect(stale.status == .preconditionFailed)
            #expect(stale.json["type"] as? String == "urn:factcheck:problem:stale")
            #expect(try desk.count("SELECT count(*) AS n FROM audit_events") == events)

            for round in 0..<10 {
                let current = try await client.execute(uri: "/api/v1/claims/C-1", method: .get, headers: desk.bearer("ed"))
                var headers = desk.bearer("ed")
                headers[.ifMatch] = current.headers[.eTag]!
                let racing = headers
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for who in ["ben", "chen"] {
                        group.addTask {
                            try await client.execute(uri: "/api/v1/claims/C-1/assign", method: .post, headers: racing,
                                                     body: body(["user": who, "note": "round \(round)"])).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .ok }.count == 1, "round \(round): \(statuses)")
                #expect(statuses.allSatisfy { [.ok, .preconditionFailed, .conflict].contains($0) })
            }
        }
        #expect(try desk.count("SELECT count(*) AS n FROM audit_events WHERE action = 'claim.assigned'") == 11)
        #expect(try desk.cli.run(["audit", "verify"], as: "ed").status == 0)
    }

    /// Hostile texts come back byte-exact in JSON; a body over the limit is refused with 413.
    @Test func hostileTextsRoundTripAndOversizedBodiesAreRefused() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let texts = [
            "He said \"no\" — twice, 'really'.", "<script>alert('x')</script> claims 40%", "\"><img src=x onerror=alert(1)>",
            "العجز التجاري تضاعف", "Ză̈l̃go combining", "back\\slash and\ttab\nand newline", "emoji 🇺🇦 👩🏽‍⚕️",
            String(repeating: "long claim ", count: 450),
        ]
        try await desk.application.test(.live) { client in
            for (i, text) in texts.enumerated() {
                let created = try await client.execute(uri: "/api/v1/claims", method: .post, headers: desk.bearer("ed"),
                                                       body: body(["text": text, "claimant": "Hostile \(i)"]))
                #expect(created.status == .created, "\(text.prefix(20))")
                #expect(created.json["text"] as? String == text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            let huge = String(repeating: "x", count: 2 << 20)
            try await client.execute(uri: "/api/v1/claims", method: .post, headers: desk.bearer("ed"),
                                     body: body(["text": huge, "claimant": "big"])) { #expect($0.status == .contentTooLarge) }
            try await client.execute(uri: "/api/v1/claims", method: .post, headers: desk.bearer("ed"),
                                     body: body(["text": String(repeating: "y", count: 6000), "claimant": "long"])) {
                #expect($0.status == .unprocessableContent)
            }
        }
    }

    @Test func exportsStreamTheCLIsFiles() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let ed = try desk.store.actor("ed")
        for i in 0..<300 {
            _ = try desk.store.addClaim(NewClaim(text: "Claim number \(i), with \"quotes\", and =formula", claimant: "Speaker \(i % 7)",
                                                 tags: ["t\(i % 3)"]), by: ed)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("svc-export-\(UUID().uuidString).csv").path
        #expect(try desk.cli.run(["export", "claims", "--tag", "t1", "--out", file], as: "ed").status == 0)
        try await desk.application.test(.live) { client in
            let response = try await client.execute(uri: "/api/v1/exports/claims.csv?tag=t1", method: .get, headers: desk.bearer("ed"))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.text == (try String(contentsOfFile: file, encoding: .utf8)))
            try await client.execute(uri: "/api/v1/exports/claims.csv?state=nonsense", method: .get, headers: desk.bearer("ed")) {
                #expect($0.status == .unprocessableContent)
            }
        }
        try? FileManager.default.removeItem(atPath: file)
    }

    /// Articles through the API as through the CLI: logged with their text, their sentences
    /// numbered as `claim add --from-article --sentence` numbers them, a sentence logged as a
    /// claim (its text and context the sentence); ClaimReview byte for byte the CLI's; the
    /// scale switched by an admin only.
    @Test func articlesSentencesClaimReviewAndTheScale() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        try await desk.application.test(.live) { client in
            func post(_ path: String, _ user: String, _ object: [String: Any], method: HTTPRequest.Method = .post) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/\(path)", method: method, headers: desk.bearer(user), body: body(object))
            }
            func get(_ path: String, _ user: String = "ed") async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: desk.bearer(user))
            }
            let text = "Summit ends in Vienna.\n\nThe talks lasted eleven hours. Exports rose by 4% last year."
            let logged = try await post("articles", "ed", ["url": "https://news.example/summit", "title": "Summit", "text": text])
            #expect(logged.status == .created)
            #expect(logged.headers[.location] == "/api/v1/articles/A-1")
            #expect(try await post("articles", "ben", ["url": "https://news.example/other"]).status == .forbidden)
            #expect(try await post("articles", "ed", ["url": "https://news.example/summit"]).status == .conflict)
            let bare = try await post("articles", "ed", ["url": "https://news.example/bare"])
            #expect(bare.status == .created)

            let shown = try await get("articles/A-1")
            #expect(shown.json["has_text"] as? Bool == true)
            #expect(try await get("articles/9").status == .notFound)
            #expect(try await get("articles").text.contains("https://news.example/bare"))
            let sentences = try await get("articles/1/sentences")
            let listed = (try? JSONSerialization.jsonObject(with: Data(sentences.text.utf8))) as? [[String: Any]] ?? []
            #expect(listed.map { $0["text"] as? String } == ["Summit ends in Vienna.", "The talks lasted eleven hours.",
                                                              "Exports rose by 4% last year."].map(Optional.some), "\(sentences.text)")
            #expect(try await get("articles/A-2/sentences").json["type"] as? String == "urn:factcheck:problem:no-kept-text")

            let fromSentence = try await post("claims", "ed", ["article": "A-1", "sentence": 3, "claimant": "Hart"])
            #expect(fromSentence.status == .created)
            #expect(fromSentence.json["text"] as? String == "Exports rose by 4% last year.")
            #expect(fromSentence.json["article_url"] as? String == "https://news.example/summit")
            let outOfRange = try await post("claims", "ed", ["article": "A-1", "sentence": 9, "claimant": "Hart"])
            #expect(outOfRange.status == .unprocessableContent)
            #expect(outOfRange.json["detail"] as? String == "A-1 has no sentence 9: its sentences are 1 to 3")
            #expect(try await post("claims", "ed", ["claimant": "Hart"]).status == .badRequest)
            // --link without appearances: refused only when the text is already logged, as in the CLI.
            let link = try await post("claims", "ed", ["text": "Exports rose by 4% last year.", "claimant": "Hart", "link": true])
            #expect(link.status == .unprocessableContent)
            #expect(link.json["claim_id"] as? String == "C-1")

            // Published, then the ClaimReview the CLI writes.
            #expect(try await post("claims/C-1/assign", "ed", ["user": "ben"]).status == .ok)
            #expect(try await post("claims/C-1/start", "ben", [:]).status == .ok)
            #expect(try await post("claims/C-1/sources", "ben", ["url": "https://stats.example/x", "stance": "supports"]).status == .created)
            #expect(try await post("claims/C-1/verdicts", "ben", ["rating": "true", "conclusion": "The statistics office says 4.1%."]).status == .created)
            #expect(try await post("claims/C-1/verdict/approve", "chen", [:]).status == .ok)
            #expect(try await post("claims/C-1/publish", "ed", ["url": "https://desk.example/fc/1"]).status == .ok)
            let reviews = try await get("exports/claimreview.json?publisher=The%20Ledger&publisher_url=https://ledger.example")
            #expect(reviews.status == .ok)
            #expect(reviews.headers[.contentType] == "application/ld+json; charset=utf-8")
            let cli = try desk.cli.run(["export", "claimreview", "--publisher", "The Ledger", "--publisher-url", "https://ledger.example"], as: "ed")
            #expect(cli.status == 0)
            #expect(reviews.text == cli.stdout)
            #expect(try await get("exports/claimreview.json?publisher=x").status == .unprocessableContent)

            #expect(try await post("scale", "ed", ["preset": "politifact"], method: .put).status == .forbidden)
            #expect(try await post("scale", "maria", ["preset": "nonsense"], method: .put).status == .unprocessableContent)
            let switched = try await post("scale", "maria", ["preset": "politifact"], method: .put)
            #expect(switched.status == .ok)
            #expect(switched.json["name"] as? String == "politifact")
        }
        #expect(try desk.cli.run(["audit", "verify"], as: "ed").status == 0)
    }

    /// An upload imports all or nothing, with the CLI's line-numbered report of bad rows.
    @Test func anUploadIsAllOrNothing() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        try await desk.application.test(.live) { client in
            var headers = desk.bearer("ed")
            headers[.contentType] = "text/csv"
            let bad = "claim,claimant,priority\nFine claim,Hart,high\nAnother,Hart,extreme\n,Nobody,low\n"
            let refused = try await client.execute(uri: "/api/v1/imports/claims", method: .post, headers: headers,
                                                   body: ByteBuffer(string: bad))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json["type"] as? String == "urn:factcheck:problem:bad-rows")
            let rows = refused.json["rows"] as? [String] ?? []
            #expect(rows.count == 2 && rows[0].hasPrefix("line 3:") && rows[1].hasPrefix("line 4:"), "\(rows)")
            #expect(try desk.count("SELECT count(*) AS n FROM claims") == 0)
            let good = "claim,claimant,tags\nWheat doubled,Hart,food\nRice fell,Varga,food;asia\n"
            let dry = try await client.execute(uri: "/api/v1/imports/claims?dry_run=true", method: .post, headers: headers,
                                               body: ByteBuffer(string: good))
            #expect(dry.status == .ok)
            #expect(try desk.count("SELECT count(*) AS n FROM claims") == 0)
            let done = try await client.execute(uri: "/api/v1/imports/claims?name=desk.csv", method: .post, headers: headers,
                                                body: ByteBuffer(string: good))
            #expect(done.status == .created)
            #expect(done.json["imported"] as? Int == 2)
            let archive = "claim,claimant,state\nOld one,Hart,published\n"
            let notAdmin = try await client.execute(uri: "/api/v1/imports/claims", method: .post, headers: headers,
                                                    body: ByteBuffer(string: archive))
            #expect(notAdmin.status == .forbidden)
        }
        #expect(try desk.count("SELECT count(*) AS n FROM audit_events WHERE action = 'claim.logged' AND channel = 'api' AND via LIKE 'T-%'") == 2)
        #expect(try desk.cli.run(["audit", "verify"], as: "ed").status == 0)
    }
}
