import FactCheckCore
import FactCheckService
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// The browser desk's pages through the router (as SessionTests: bcrypt sign-ins under a loaded
/// suite outlast the live client's read timeout): what the browser tests prove in chromium,
/// proved here cheaply for the HTML itself.
@Suite struct PageTests {
    static let page: HTTPFields = [.accept: "text/html"]
    static func form(_ cookie: String) -> HTTPFields {
        [.contentType: "application/x-www-form-urlencoded", .origin: "http://127.0.0.1:8080", .accept: "text/html", .cookie: cookie]
    }

    func signIn(_ client: some TestClientProtocol, _ handle: String) async throws -> (cookie: String, csrf: String) {
        let sessions = SessionTests()
        let cookie = SessionTests.cookie(try await sessions.login(client, handle))
        return (cookie, try await sessions.csrf(client, cookie))
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    @Test func pagesEscapeEveryValueAndCarryTheStrictPolicy() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let text = "<script>alert(1)</script> {{csrf}} {{{body}}}"
        _ = try desk.store.addClaim(NewClaim(text: text, claimant: "\"><img src=x onerror=alert(2)>", tags: ["a<b"]),
                                    by: try desk.store.actor("ed"))
        try await desk.application.test(.router) { client in
            let ben = try await signIn(client, "ben")
            for path in ["/claims/C-1", "/claims", "/claims?search=alert", "/"] {
                let response = try await client.execute(uri: path, method: .get, headers: Self.page.merging([.cookie: ben.cookie]))
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                let html = response.text
                #expect(!html.contains("<script>alert"), "\(path)")
                #expect(!html.contains("<img src=x"), "\(path)")
                #expect(!html.contains(" style="), "no inline style on \(path)")
                #expect(html.components(separatedBy: "<script").count == 2, "only the one same-origin script on \(path)")
                if path != "/" {
                    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; {{csrf}} {{{body}}}"), "\(path): the text verbatim, escaped")
                    #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"), "\(path)")
                }
            }
            let css = try await client.execute(uri: "/static/desk.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            let etag = try #require(css.headers[.eTag])
            #expect(css.headers[.cacheControl]?.contains("max-age") == true)
            let again = try await client.execute(uri: "/static/desk.js", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
        }
    }

    @Test func aPageWithoutASessionSendsTheBrowserToSignIn() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        try await desk.application.test(.router) { client in
            let response = try await client.execute(uri: "/claims?state=logged", method: .get, headers: Self.page)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?next=/claims%3Fstate%3Dlogged")
            let failed = try await client.execute(uri: "/login", method: .post,
                                                  headers: [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"],
                                                  body: ByteBuffer(string: "handle=ben&password=wrong+wrong+wrong&next=%2Fclaims"))
            #expect(failed.status == .unauthorized)
            #expect(failed.text.contains("the handle or the password is wrong"))
            #expect(failed.text.contains("value=\"ben\""), "the handle typed is kept")
        }
    }

    @Test func aPageFormWithoutTheCSRFTokenChangesNothing() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        _ = try desk.store.addClaim(NewClaim(text: "Exports doubled.", claimant: "Hart"), by: try desk.store.actor("ed"))
        try await desk.application.test(.router) { client in
            let ben = try await signIn(client, "ben")
            let events = try desk.count("SELECT count(*) AS n FROM audit_events")
            for body in ["body=hello", "body=hello&csrf_token=\(String(ben.csrf.reversed()))"] {
                let forged = try await client.execute(uri: "/claims/C-1/notes", method: .post, headers: Self.form(ben.cookie),
                                                      body: ByteBuffer(string: body))
                #expect(forged.status == .forbidden)
                #expect(forged.headers[.contentType] == "text/html; charset=utf-8")
                #expect(forged.text.contains("CSRF token is missing or wrong"))
            }
            var foreign = Self.form(ben.cookie)
            foreign[.origin] = "https://evil.example"
            let cross = try await client.execute(uri: "/claims/C-1/notes", method: .post, headers: foreign,
                                                 body: ByteBuffer(string: "body=hello&csrf_token=\(ben.csrf)"))
            #expect(cross.status == .forbidden)
            #expect(try desk.count("SELECT count(*) AS n FROM audit_events") == events)
            #expect(try desk.count("SELECT count(*) AS n FROM claim_notes") == 0)
            let done = try await client.execute(uri: "/claims/C-1/notes", method: .post, headers: Self.form(ben.cookie),
                                                body: ByteBuffer(string: "body=\(Self.encoded("Ask the ministry <first>."))&csrf_token=\(ben.csrf)"))
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/claims/C-1#notes")
            #expect(try desk.count("SELECT count(*) AS n FROM audit_events WHERE action = 'note.added' AND channel = 'web'") == 1)
            let page = try await client.execute(uri: "/claims/C-1", method: .get, headers: Self.page.merging([.cookie: ben.cookie]))
            #expect(page.text.contains("Ask the ministry &lt;first&gt;."))
            #expect(try desk.count("SELECT version AS n FROM claims WHERE id = 1") == 1, "a note makes no form stale")
        }
    }

    /// A form drawn at an older version is refused with 409, what changed is shown, and the
    /// conclusion typed comes back in the form; a refused move shows the CLI's message.
    @Test func aStaleFormIsRefusedKeepingWhatWasTyped() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let ed = try desk.store.actor("ed"), ben = try desk.store.actor("ben"), chen = try desk.store.actor("chen")
        _ = try desk.store.addClaim(NewClaim(text: "Exports doubled.", claimant: "Hart"), by: ed)
        _ = try desk.store.move(ClaimNumber(1), .start, by: ben)
        _ = try desk.store.addSource(to: ClaimNumber(1), NewSource(url: "https://stats.example.org/t1"), by: ben)
        let drawn = try desk.store.claimDetail(ClaimNumber(1), by: ed)
        _ = try desk.store.assign(ClaimNumber(1), to: "chen", note: "chen knows the figures", by: ed)
        try await desk.application.test(.router) { client in
            let session = try await signIn(client, "ben")
            let conclusion = "Exports rose by a third, not doubled & \"quoted\"."
            let stale = try await client.execute(
                uri: "/claims/C-1/moves", method: .post, headers: Self.form(session.cookie),
                body: ByteBuffer(string: "move=propose&rating=false&conclusion=\(Self.encoded(conclusion))&version=\(drawn.claim.version)"
                    + "&seen=\(drawn.history.last!.id)&csrf_token=\(session.csrf)"))
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("C-1 was changed by ed since you opened it."))
            #expect(stale.text.contains("assigned it"))
            #expect(stale.text.contains("chen knows the figures"))
            #expect(stale.text.contains("Exports rose by a third, not doubled &amp; &quot;quoted&quot;.</textarea>"))
            #expect(try desk.count("SELECT count(*) AS n FROM verdicts") == 0, "nothing written")

            _ = try desk.store.propose(ClaimNumber(1), rating: "false", conclusion: "No.", by: chen)
            let version = try desk.store.claimDetail(ClaimNumber(1), by: ed).claim.version
            let page = try await client.execute(uri: "/claims/C-1", method: .get, headers: Self.page.merging([.cookie: session.cookie]))
            #expect(page.text.contains("id=\"move-approve\""), "ben may approve chen's verdict")
            let chenSession = try await signIn(client, "chen")
            let chenPage = try await client.execute(uri: "/claims/C-1", method: .get, headers: Self.page.merging([.cookie: chenSession.cookie]))
            #expect(!chenPage.text.contains("id=\"move-approve\""), "the proposer is offered no approve")
            #expect(chenPage.text.contains("chen proposed this verdict and so may not approve it too (four-eyes rule)"))
            let refused = try await client.execute(
                uri: "/claims/C-1/moves", method: .post, headers: Self.form(chenSession.cookie),
                body: ByteBuffer(string: "move=approve&version=\(version)&csrf_token=\(chenSession.csrf)"))
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("chen proposed this verdict and so may not approve it too (four-eyes rule)"))
            #expect(try desk.count("SELECT count(*) AS n FROM verdicts WHERE status = 'approved'") == 0)
        }
    }

    /// The details form: an editor changes tags, priority and due date (one audited edit); a
    /// form drawn before another change is refused with what was typed kept; while a verdict is
    /// in review the wording is not offered and a forged wording change is refused; a reviewer
    /// gets no form and a forged post changes nothing.
    @Test func theDetailsFormEditsAClaimUnderTheWorkflowsRules() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let ed = try desk.store.actor("ed"), ben = try desk.store.actor("ben")
        _ = try desk.store.addClaim(NewClaim(text: "Exports doubled.", claimant: "Hart"), by: ed)
        try await desk.application.test(.router) { client in
            let session = try await signIn(client, "ed")
            let page = try await client.execute(uri: "/claims/C-1", method: .get, headers: Self.page.merging([.cookie: session.cookie]))
            #expect(page.text.contains("id=\"edit-form\""))
            #expect(page.text.contains("id=\"edit-text\""), "the wording is editable while logged")
            let drawn = try desk.store.claimDetail(ClaimNumber(1), by: ed)
            let fields = "text=\(Self.encoded("Exports doubled."))&claimant=Hart&said_on=&tags=\(Self.encoded("trade, <b>wheat</b>"))"
                + "&priority=urgent&due=2026-12-24&version=\(drawn.claim.version)&seen=\(drawn.history.last!.id)&csrf_token=\(session.csrf)"
            let saved = try await client.execute(uri: "/claims/C-1/edit", method: .post, headers: Self.form(session.cookie),
                                                 body: ByteBuffer(string: fields))
            #expect(saved.status == .seeOther)
            let claim = try desk.store.claimDetail(ClaimNumber(1), by: ed).claim
            #expect(claim.tags == ["trade", "<b>wheat</b>"] && claim.priority == .urgent && claim.dueDate == "2026-12-24")
            #expect(claim.text == "Exports doubled.")
            #expect(try desk.count("SELECT count(*) AS n FROM audit_events WHERE action = 'claim.edited'") == 1)
            #expect(try desk.count("SELECT count(*) AS n FROM audit_events WHERE action = 'claim.edited' AND NOT (after ? 'text')") == 1,
                    "an unchanged field is not written as changed")

            // The same form again is now stale: 409, what was typed kept, nothing written.
            let stale = try await client.execute(uri: "/claims/C-1/edit", method: .post, headers: Self.form(session.cookie),
                                                 body: ByteBuffer(string: fields.replacingOccurrences(of: "priority=urgent", with: "priority=low")))
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("C-1 was changed by ed since you opened it."))
            #expect(stale.text.contains("<option value=\"low\" selected>"))
            #expect(stale.text.contains("<details class=\"card edit\" id=\"edit\" open>"))
            #expect(try desk.store.claimDetail(ClaimNumber(1), by: ed).claim.priority == .urgent)

            // In review the wording is frozen: not offered, and refused when posted anyway.
            _ = try desk.store.move(ClaimNumber(1), .start, by: ben)
            _ = try desk.store.addSource(to: ClaimNumber(1), NewSource(url: "https://stats.example.org/t1"), by: ben)
            _ = try desk.store.propose(ClaimNumber(1), rating: "false", conclusion: "No.", by: ben)
            let inReview = try await client.execute(uri: "/claims/C-1", method: .get, headers: Self.page.merging([.cookie: session.cookie]))
            #expect(inReview.text.contains("id=\"edit-form\"") && !inReview.text.contains("id=\"edit-text\""))
            let version = try desk.store.claimDetail(ClaimNumber(1), by: ed).claim.version
            let frozen = try await client.execute(
                uri: "/claims/C-1/edit", method: .post, headers: Self.form(session.cookie),
                body: ByteBuffer(string: "text=\(Self.encoded("Exports tripled."))&priority=urgent&tags=trade&version=\(version)&csrf_token=\(session.csrf)"))
            #expect(frozen.status == .conflict)
            #expect(frozen.text.contains("its text cannot change while its verdict is proposed"), "the CLI's message")
            #expect(try desk.store.claimDetail(ClaimNumber(1), by: ed).claim.text == "Exports doubled.")

            // A reviewer is offered no details form, and a forged one changes nothing.
            let reviewer = try await signIn(client, "ben")
            let benPage = try await client.execute(uri: "/claims/C-1", method: .get, headers: Self.page.merging([.cookie: reviewer.cookie]))
            #expect(!benPage.text.contains("id=\"edit-form\""))
            let forged = try await client.execute(
                uri: "/claims/C-1/edit", method: .post, headers: Self.form(reviewer.cookie),
                body: ByteBuffer(string: "priority=low&version=\(version)&csrf_token=\(reviewer.csrf)"))
            #expect(forged.status == .forbidden)
            #expect(try desk.store.claimDetail(ClaimNumber(1), by: ed).claim.priority == .urgent)
        }
    }

    /// "My work" counts what is overdue, mine and the desk's, and says "1000+" past the cap; a
    /// list cut at its limit says "50+". The claim page leaves the similar claims to their own
    /// page (loaded into "Already checked?" by the script, or followed as a link).
    @Test func myWorkCountsOverdueAndTheClaimPageLoadsSimilarClaimsApart() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let ed = try desk.store.actor("ed")
        _ = try desk.store.addClaim(NewClaim(text: "Wheat exports doubled in May.", claimant: "Hart"), by: ed)
        _ = try desk.store.addClaim(NewClaim(text: "Wheat exports have doubled since May.", claimant: "Osei"), by: ed)
        // Overdue claims by SQL: 1,001 of ben's and 3 of chen's (the lists' limit is 50).
        _ = try desk.store.connection.run("""
            INSERT INTO claims (text, normalized_text, claimant, created_by, assignee, state, due_on)
            SELECT 'Overdue ' || n, 'overdue ' || n, 'Hart', 'ed', CASE WHEN n <= 1001 THEN 'ben' ELSE 'chen' END,
                   'researching', current_date - 3
            FROM generate_series(1, 1004) n
            """)
        try await desk.application.test(.router) { client in
            let ben = try await signIn(client, "ben")
            let work = try await client.execute(uri: "/", method: .get, headers: Self.page.merging([.cookie: ben.cookie]))
            #expect(work.status == .ok)
            let tiles = work.text.replacingOccurrences(of: "\n", with: " ")
            #expect(tiles.range(of: #"1000\+</[a-z]+>\s*<[a-z]+[^>]*>mine overdue"#, options: .regularExpression) != nil, "\(tiles)")
            #expect(tiles.range(of: #"1000\+</[a-z]+>\s*<[a-z]+[^>]*>overdue on the desk"#, options: .regularExpression) != nil)
            #expect(tiles.range(of: #"50\+</[a-z]+>\s*<[a-z]+[^>]*>assigned to me"#, options: .regularExpression) != nil)
            let chen = try await signIn(client, "chen")
            let chens = try await client.execute(uri: "/", method: .get, headers: Self.page.merging([.cookie: chen.cookie]))
            #expect(chens.text.range(of: #"3</[a-z]+>\s*<[a-z]+[^>]*>mine overdue"#, options: .regularExpression) != nil, "\(chens.text)")

            let page = try await client.execute(uri: "/claims/C-2", method: .get, headers: Self.page.merging([.cookie: ben.cookie]))
            #expect(page.text.contains("data-load=\"/claims/C-2/similar\""))
            #expect(!page.text.contains("Wheat exports doubled in May."), "no similar search on the page itself")
            let similar = try await client.execute(uri: "/claims/C-2/similar", method: .get, headers: Self.page.merging([.cookie: ben.cookie]))
            #expect(similar.status == .ok)
            #expect(similar.text.contains("<div id=\"similar\">"))
            #expect(similar.text.contains("<a href=\"/claims/C-1\">C-1</a>"))
            #expect(similar.text.contains("Wheat exports doubled in May."))
        }
    }

    /// A claim moved many times shows its newest 50 events and a link to its whole past.
    @Test func aLongPastIsCutToItsNewestWithALinkToAll() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let ed = try desk.store.actor("ed")
        _ = try desk.store.addClaim(NewClaim(text: "Exports doubled.", claimant: "Hart"), by: ed)
        for i in 0..<60 { _ = try desk.store.assign(ClaimNumber(1), to: i % 2 == 0 ? "ben" : "chen", note: "round \(i)", by: ed) }
        try await desk.application.test(.router) { client in
            let session = try await signIn(client, "ed")
            func events(_ html: String) -> Int { html.components(separatedBy: "<li><span class=\"when\">").count - 1 }
            let page = try await client.execute(uri: "/claims/C-1", method: .get, headers: Self.page.merging([.cookie: session.cookie]))
            #expect(events(page.text) == 50, "DeskPages.recentHistory")
            #expect(page.text.contains("round 59"), "the newest are shown")
            #expect(!page.text.contains("round 0;") && !page.text.contains("round 0<"), "the oldest are not")
            #expect(page.text.contains("href=\"/claims/C-1?past=all#history\">show all 61 events"))
            let all = try await client.execute(uri: "/claims/C-1?past=all", method: .get, headers: Self.page.merging([.cookie: session.cookie]))
            #expect(events(all.text) == 61)
            #expect(!all.text.contains("id=\"past-cut\""))
            #expect(all.headers[.eTag] == nil, "the whole past does not share the page's ETag")
        }
    }

    @Test func bulkActionsChangeEachClaimAndSayWhatWasRefused() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let ed = try desk.store.actor("ed")
        for text in ["One.", "Two.", "Three."] { _ = try desk.store.addClaim(NewClaim(text: text, claimant: "Hart"), by: ed) }
        _ = try desk.store.move(ClaimNumber(3), .reject, by: ed, reason: "not checkable")
        try await desk.application.test(.router) { client in
            let session = try await signIn(client, "ed")
            let events = try desk.count("SELECT count(*) AS n FROM audit_events")
            let response = try await client.execute(
                uri: "/claims/bulk", method: .post, headers: Self.form(session.cookie),
                body: ByteBuffer(string: "action=assign&user=ben&claim=C-1&claim=C-2&claim=C-3&back=%2Fclaims&csrf_token=\(session.csrf)"))
            #expect(response.status == .ok)
            #expect(response.text.contains("Done <span class=\"count\">2</span>"))
            #expect(response.text.contains("Refused <span class=\"count\">1</span>"))
            #expect(response.text.contains("C-3 is rejected"), "the refusal in the CLI's words")
            #expect(try desk.count("SELECT count(*) AS n FROM audit_events") == events + 2, "one event per claim changed")
            let tagged = try await client.execute(
                uri: "/claims/bulk", method: .post, headers: Self.form(session.cookie),
                body: ByteBuffer(string: "action=tag&tag=economy&claim=C-1&claim=C-2&csrf_token=\(session.csrf)"))
            #expect(tagged.text.contains("Done <span class=\"count\">2</span>"))
            #expect(try desk.count("SELECT count(*) AS n FROM claims WHERE tags @> ARRAY['economy']") == 2)
        }
    }
}
