import DeskViews
import FactCheckCore
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix

/// The browser desk (SPEC section 11): server-rendered pages on the session cookie. Every
/// action is a form post carrying the session's CSRF token, from this site, answered with a
/// redirect (post/redirect/get); a refused one re-renders its page with the CLI's message and
/// everything typed, and a stale one (the claim moved since the page was drawn) says what
/// changed, with status 409. HTTP only: the rules are the domain's, the SQL the store's.
struct PagesController {
    let pool: StorePool
    let configuration: ServiceConfiguration
    let session: SessionController
    let events: EventsController

    init(pool: StorePool, configuration: ServiceConfiguration) {
        self.pool = pool
        self.configuration = configuration
        session = SessionController(pool: pool, configuration: configuration)
        events = EventsController(pool: pool, database: configuration.database)
    }

    func add(to router: Router<DeskContext>) {
        router.get("static/desk.css") { request, _ in Self.asset(request, Assets.css, type: "text/css; charset=utf-8") }
        router.get("static/desk.js") { request, _ in Self.asset(request, Assets.js, type: "text/javascript; charset=utf-8") }
        router.get("login", use: loginPage)
        router.get("events") { request, context in
            guard context.actor != nil else { throw ServiceError.unauthenticated("sign in first") }
            return try await events.stream(request, context, claim: nil)
        }
        router.get("/") { try await page($0, $1, work) }
        router.get("claims") { try await page($0, $1, claimList) }
        router.get("claims/new") { try await page($0, $1) { _, _, viewer in html(DeskPages.newClaim(viewer: viewer)) } }
        router.post("claims") { try await page($0, $1, addClaim) }
        router.post("claims/bulk") { try await page($0, $1, bulk) }
        router.get("claims/:id") { try await page($0, $1, claimPage) }
        router.get("claims/:id/similar") { try await page($0, $1, similarPage) }
        router.post("claims/:id/moves") { try await page($0, $1, moveForm) }
        router.post("claims/:id/edit") { try await page($0, $1, editForm) }
        router.post("claims/:id/sources") { try await page($0, $1, sourceForm) }
        router.post("claims/:id/notes") { try await page($0, $1, noteForm) }
        router.post("sources/:id/retract") { try await page($0, $1, retractForm) }
        router.get("articles") { try await page($0, $1, articleList) }
        router.post("articles") { try await page($0, $1, addArticle) }
        router.get("articles/:id") { try await page($0, $1, articlePage) }
        router.post("articles/:id/claims") { try await page($0, $1, logSentence) }
        router.get("report") { try await page($0, $1, reportPage) }
        router.get("admin/users") { try await page($0, $1, usersPage) }
        router.post("admin/users") { try await page($0, $1, addUser) }
        router.post("admin/users/:handle/deactivate") { try await page($0, $1, deactivateUser) }
        router.get("admin/tokens") { try await page($0, $1, tokensPage) }
        router.post("admin/tokens") { try await page($0, $1, createToken) }
        router.post("admin/tokens/:id/revoke") { try await page($0, $1, revokeToken) }
        router.get("admin/scale") { try await page($0, $1, scalePage) }
        router.post("admin/scale") { try await page($0, $1, useScale) }
    }

    typealias Handler = (Request, DeskContext, DeskPages.Viewer) async throws -> Response

    // MARK: The frame every page shares

    /// A page for a signed-in user: without a session a GET goes to the sign-in page (and back
    /// after it), a post is told to sign in. An error the handler did not turn into its own
    /// page becomes an error page with the CLI's message, for a browser; a client that asked
    /// for no HTML keeps the problem+json of the API.
    func page(_ request: Request, _ context: DeskContext, _ handler: Handler) async throws -> Response {
        guard let actor = context.actor, let csrf = context.csrfToken else {
            if request.method == .get {
                return Self.redirect("/login?next=\(Self.encode(Self.pathAndQuery(request)))")
            }
            guard Self.wantsHTML(request) else { throw ServiceError.unauthenticated("sign in first") }
            return Self.redirect("/login")
        }
        let viewer = DeskPages.Viewer(actor: actor, name: nil, csrf: csrf)
        do {
            return try await handler(request, context, viewer)
        } catch {
            guard Self.wantsHTML(request) else { throw error }
            let problem = Problem.from(error)
            if problem.status == 401 { return Self.redirect("/login") }
            return html(DeskPages.error(status: problem.status, .init(problem.detail, hint: problem.hint), viewer: viewer),
                        status: problem.httpStatus)
        }
    }

    func loginPage(_ request: Request, context: DeskContext) async throws -> Response {
        let next = SessionController.safeNext(request.uri.queryParameters["next"].map(String.init))
        if context.actor != nil { return Self.redirect(next) }
        return html(DeskPages.login(next: next))
    }

    // MARK: My work and the list

    func work(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        let work = try await pool.run { store in try store.work(of: actor) }
        return html(DeskPages.work(work, viewer: viewer))
    }

    static let listFields = ["search", "state", "assignee", "tag", "claimant", "rating", "since", "until", "limit"]

    func claimList(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        let query = Query(request)
        let fields = Self.listFields.compactMap { name in query.text(name).map { (name, $0) } }
        let limitText = query.text("limit") ?? "50"
        var listQuery = DeskPages.ListQuery(fields: fields.filter { $0.0 != "limit" || $0.1 != "50" }, limit: Int(limitText) ?? 50)
        let cursorText = query.text("cursor")
        let assignees = try await pool.run { store in try store.users(by: actor) }
        let today = try await pool.run { store in try store.today() }
        var filter: ClaimFilter
        do {
            filter = try query.claimFilter()
            guard let limit = Int(limitText) else { throw ServiceError.badRequest("per page must be a number") }
            filter.limit = try HTTP.validated { () throws(DomainError) in try Validate.limit(min(limit, 500)) }
            if let cursorText {
                guard let before = Int64(cursorText), before > 0 else { throw ServiceError.badRequest("that page link is not one this desk made") }
                filter.before = before
            }
        } catch {
            let problem = Problem.from(error)
            return html(DeskPages.claimList([], query: listQuery, nextCursor: nil, isFirstPage: true, assignees: assignees,
                                            today: today, viewer: viewer, error: .init(problem.detail, hint: problem.hint)),
                        status: problem.httpStatus)
        }
        listQuery.limit = filter.limit ?? 50
        let chosen = filter
        let claims = try await pool.run { store in
            try store.claims(chosen, by: actor)
        }
        let next = claims.count == chosen.limit ? claims.last.map { String($0.number) } : nil
        var withCursor = listQuery
        if let cursorText { withCursor.fields.append(("cursor", cursorText)) }
        return html(DeskPages.claimList(claims, query: withCursor, nextCursor: next, isFirstPage: cursorText == nil,
                                        assignees: assignees, today: today, viewer: viewer))
    }

    func addClaim(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let pairs = try await checkedPairs(request, context)
        let form = Self.first(pairs)
        let actor = viewer.actor
        do {
            let claim = try HTTP.validated { () throws(DomainError) in
                NewClaim(
                    text: try Validate.claimText(form["text"] ?? ""),
                    claimant: try Validate.claimant(form["claimant"] ?? ""),
                    article: form["article"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 },
                    saidOn: try Self.optional(form["said_on"]).map { s throws(DomainError) in try Validate.date(s, field: "said on") },
                    appearances: try Self.optional(form["appearance"]).map { s throws(DomainError) in [try Validate.url(s, field: "appearance")] } ?? [],
                    tags: try Validate.tags(splitting: form["tags"] ?? ""),
                    priority: try Validate.priority(form["priority"] ?? "normal"),
                    dueOn: try Self.optional(form["due_date"]).map { s throws(DomainError) in try Validate.date(s, field: "due") })
            }
            let record = try await pool.run { store in try store.addClaim(claim, by: actor) }
            return Self.redirect("/claims/\(record.id)")
        } catch {
            let problem = try Self.refusal(error, request)
            return html(DeskPages.newClaim(viewer: viewer, typed: Self.typed(pairs), error: .init(problem.detail, hint: problem.hint)),
                        status: problem.httpStatus)
        }
    }

    /// Bulk assign, tag or reject: each claim is its own change (one audit event each, as from
    /// the CLI); the answer lists what was done and what was refused, with the CLI's message.
    func bulk(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let pairs = try await checkedPairs(request, context)
        let form = Self.first(pairs)
        let actor = viewer.actor
        let back = SessionController.safeNext(form["back"])
        let numbers = try pairs.filter { $0.0 == "claim" }.map { pair -> ClaimNumber in
            do { return try ClaimNumber(parsing: pair.1) } catch { throw ServiceError.badRequest("\(pair.1) is not a claim number") }
        }
        guard !numbers.isEmpty else { throw ServiceError.badRequest("select at least one claim with its check box") }
        let action = form["action"] ?? ""
        let title: String
        let change: @Sendable (Store, ClaimNumber) throws -> String
        switch action {
        case "assign":
            let user = Validate.handleReference(form["user"] ?? "")
            guard !user.isEmpty else { throw ServiceError.badRequest("choose whom to assign the claims to") }
            title = "Assigned to \(user)"
            change = { store, n in _ = try store.assign(n, to: user, note: nil, by: actor); return "assigned to \(user)" }
        case "tag":
            let tag = try HTTP.validated { () throws(DomainError) in try Validate.tag(form["tag"] ?? "") }
            title = "Tagged \(tag)"
            change = { store, n in
                let claim = try store.claimDetail(n, by: actor).claim
                guard !claim.tags.contains(tag) else { throw StoreError.conflict("\(n) is already tagged \(tag)") }
                store.expectedVersion = claim.version
                defer { store.expectedVersion = nil }
                _ = try store.editClaim(n, ClaimEdit(tags: claim.tags + [tag]), by: actor)
                return "tagged \(tag)"
            }
        case "reject":
            let reason = try HTTP.validated { () throws(DomainError) in try Validate.reason(form["reason"] ?? "") }
            title = "Rejected"
            change = { store, n in _ = try store.move(n, .reject, by: actor, reason: reason); return "rejected" }
        default:
            throw ServiceError.badRequest("choose what to do with the selected claims")
        }
        let outcomes = try await pool.run { store in
            numbers.map { n -> DeskPages.BulkOutcome in
                do { return .init(claim: n.description, done: try change(store, n)) } catch {
                    return .init(claim: n.description, refused: Problem.from(error).detail)
                }
            }
        }
        return html(DeskPages.bulkSummary(title, outcomes, back: back, viewer: viewer))
    }

    // MARK: The claim page and its forms

    /// A claim page's data. The similar claims (a trigram search over the whole desk, the
    /// page's dearest query by far on a large desk) are left out: the page loads them from
    /// `/claims/C-n/similar` after it is shown, or the reader follows that link.
    func claimView(_ number: ClaimNumber, _ actor: Actor) async throws -> DeskPages.ClaimView {
        try await pool.run { store in
            let detail = try store.claimDetail(number, by: actor)
            let article = try detail.claim.articleId.map { try store.article(String($0), by: actor) }
            return DeskPages.ClaimView(detail: detail, notes: try store.notes(of: number, by: actor), scale: try store.scale(by: actor),
                                       users: try store.users(by: actor), article: article, similar: nil, today: try store.today())
        }
    }

    func similarPage(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let number = try context.parameters.claim()
        let actor = viewer.actor
        let (claim, similar) = try await pool.run { store in
            let claim = try store.claimDetail(number, by: actor).claim
            return (claim, try store.similarClaims(to: claim.text, excluding: number, threshold: 0.3, limit: 5, by: actor))
        }
        return html(DeskPages.similar(to: claim, similar, viewer: viewer))
    }

    func claimPage(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let number = try context.parameters.claim()
        let view = try await claimView(number, viewer.actor)
        // The whole past is another representation of the same version: no ETag shared with the page.
        if request.uri.queryParameters["past"] == "all" { return html(DeskPages.claim(view, viewer: viewer, wholePast: true)) }
        return html(DeskPages.claim(view, viewer: viewer), etag: view.detail.claim.version)
    }

    /// A form of the claim page: done, it redirects to the claim; refused, the page comes back
    /// with the message and what was typed; stale, with what changed since the page was drawn.
    func claimForm(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer, form name: String? = nil,
                   number given: ClaimNumber? = nil, anchor: String = "",
                   _ change: @escaping @Sendable (Store, [String: String]) throws -> Void) async throws -> Response {
        let pairs = try await checkedPairs(request, context)
        let form = Self.first(pairs)
        let number = try given ?? context.parameters.claim()
        let formName = name ?? form["move"] ?? ""
        do {
            try await pool.run { store in try change(store, form) }
            return Self.redirect("/claims/\(number)\(anchor)")
        } catch {
            let typed = DeskPages.Typed(form: formName, fields: Self.typed(pairs))
            let view = try await claimView(number, viewer.actor)
            if case StoreError.stale = error {
                let seen = Int64(form["seen"] ?? "") ?? 0
                let changes = view.detail.history.filter { $0.id > seen }
                let message = "\(number) was changed by \(Set(changes.map(\.actor)).sorted().joined(separator: " and ").nonEmpty ?? "someone else") since you opened it."
                return html(DeskPages.claim(view, viewer: viewer, typed: typed, stale: (message, changes)), status: .conflict)
            }
            let problem = try Self.refusal(error, request)
            return html(DeskPages.claim(view, viewer: viewer, typed: typed, error: .init(problem.detail, hint: problem.hint)),
                        status: problem.httpStatus)
        }
    }

    func moveForm(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        let number = try context.parameters.claim()
        return try await claimForm(request, context, viewer) { store, form in
            let version = try Self.version(form)
            let move = try MoveRequest.validated(named: form["move"] ?? "", .init(
                user: form["user"], reason: form["reason"], url: form["url"], rating: form["rating"],
                conclusion: form["conclusion"]))
            store.expectedVersion = version
            defer { store.expectedVersion = nil }
            try store.apply(move, to: number, by: actor)
        }
    }

    /// The details form: every field it shows is sent; the store changes (and audits) only
    /// those that differ, and refuses a form drawn on an older version of the claim.
    func editForm(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        let number = try context.parameters.claim()
        return try await claimForm(request, context, viewer, form: "edit") { store, form in
            let version = try Self.version(form)
            let edit = try HTTP.validated { () throws(DomainError) in
                ClaimEdit(
                    text: try form["text"].map { s throws(DomainError) in try Validate.claimText(s.replacingOccurrences(of: "\r\n", with: "\n"), field: "claim") },
                    claimant: try form["claimant"].map { s throws(DomainError) in try Validate.claimant(s, field: "claimant") },
                    tags: try form["tags"].map { s throws(DomainError) in try Validate.tags(splitting: s, field: "tags") },
                    priority: try form["priority"].map { s throws(DomainError) in try Validate.priority(s, field: "priority") },
                    dueOn: try Self.optional(form["due"]).map { s throws(DomainError) in try Validate.date(s, field: "due on") },
                    saidOn: try Self.optional(form["said_on"]).map { s throws(DomainError) in try Validate.date(s, field: "said on") })
            }
            store.expectedVersion = version
            defer { store.expectedVersion = nil }
            _ = try store.editClaim(number, edit, by: actor)
        }
    }

    static func version(_ form: [String: String]) throws -> Int? {
        try form["version"].map { v -> Int in
            guard let n = Int(v) else { throw ServiceError.badRequest("version must be a number") }
            return n
        }
    }

    func sourceForm(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        let number = try context.parameters.claim()
        return try await claimForm(request, context, viewer, form: "source", anchor: "#sources") { store, form in
            let source = try HTTP.validated { () throws(DomainError) in
                NewSource(url: try Validate.url(form["url"] ?? ""),
                          title: try Validate.sourceTitle(form["title"]),
                          publisher: try Validate.publisher(form["publisher"]),
                          kind: try Validate.sourceKind(form["kind"] ?? "other"),
                          stance: try Validate.stance(form["stance"] ?? "context"),
                          accessedOn: try Self.optional(form["accessed"]).map { s throws(DomainError) in try Validate.date(s, field: "accessed") },
                          archivedURL: try Self.optional(form["archived_url"]).map { s throws(DomainError) in try Validate.url(s, field: "archived copy") },
                          note: try Validate.sourceNote(form["note"]))
            }
            _ = try store.addSource(to: number, source, by: actor)
        }
    }

    func noteForm(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        let number = try context.parameters.claim()
        return try await claimForm(request, context, viewer, form: "note", anchor: "#notes") { store, form in
            let body = try HTTP.validated { () throws(DomainError) in try Validate.claimNote(form["body"] ?? "") }
            _ = try store.addNote(to: number, body: body, by: actor)
        }
    }

    func retractForm(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        guard let text = context.parameters.get("id"), let source = try? SourceNumber(parsing: text) else {
            throw ServiceError.notFound("no such source")
        }
        let claim = try await pool.run { store in try ClaimNumber(parsing: try store.claimOfSource(source, by: actor)) }
        return try await claimForm(request, context, viewer, form: "retract-\(source)", number: claim, anchor: "#sources") { store, form in
            let reason = try HTTP.validated { () throws(DomainError) in try Validate.reason(form["reason"] ?? "") }
            _ = try store.retractSource(source, reason: reason, by: actor)
        }
    }

    // MARK: Articles

    func articleList(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        let articles = try await pool.run { store in
            try store.articles(limit: 200, by: actor)
        }
        return html(DeskPages.articles(articles, viewer: viewer))
    }

    func addArticle(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let pairs = try await checkedPairs(request, context, limit: configuration.maxUploadBytes)
        let form = Self.first(pairs)
        let actor = viewer.actor
        do {
            let article = try HTTP.validated { () throws(DomainError) in
                NewArticle(url: try Validate.url(form["url"] ?? ""),
                           title: try Validate.articleTitle(form["title"]),
                           outlet: try Validate.outlet(form["outlet"]),
                           byline: try Validate.byline(form["byline"]),
                           publishedOn: try Self.optional(form["published"]).map { s throws(DomainError) in try Validate.date(s, field: "published on") },
                           body: try Validate.articleText(form["text"]?.replacingOccurrences(of: "\r\n", with: "\n")))
            }
            let stored = try await pool.run { store in try store.addArticle(article, by: actor) }
            return Self.redirect("/articles/\(stored.id)")
        } catch {
            let problem = try Self.refusal(error, request)
            let articles = try await pool.run { store in try store.articles(limit: 200, by: actor) }
            return html(DeskPages.articles(articles, viewer: viewer, typed: Self.typed(pairs), error: .init(problem.detail, hint: problem.hint)),
                        status: problem.httpStatus)
        }
    }

    func articlePage(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        let reference = context.parameters.get("id") ?? ""
        let (article, text) = try await pool.run { store in
            let article = try store.article(reference, by: actor)
            return (article, try store.articleText(id: article.id, by: actor))
        }
        return html(DeskPages.article(article, text: text, viewer: viewer))
    }

    /// "Log this sentence": the sentence is the claim's text and its context, linked to the article.
    func logSentence(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let pairs = try await checkedPairs(request, context)
        let form = Self.first(pairs)
        let actor = viewer.actor
        let reference = context.parameters.get("id") ?? ""
        do {
            guard let number = Int(form["sentence"] ?? "") else { throw ServiceError.badRequest("sentence must be a number") }
            let claimant = try HTTP.validated { () throws(DomainError) in try Validate.claimant(form["claimant"] ?? "") }
            let record = try await pool.run { store in
                try Permissions.check(actor, .addClaim)
                let (article, sentence) = try store.sentence(number, ofArticle: reference, by: actor)
                let text = try HTTP.validated { () throws(DomainError) in try Validate.claimText(sentence.text) }
                return try store.logClaim(NewClaim(text: text, claimant: claimant, article: "A-\(article.id)",
                                                   context: sentence.text), by: actor).claim
            }
            return Self.redirect("/claims/\(record.id)")
        } catch {
            let problem = try Self.refusal(error, request)
            let (article, text) = try await pool.run { store in
                let article = try store.article(reference, by: actor)
                return (article, try store.articleText(id: article.id, by: actor))
            }
            return html(DeskPages.article(article, text: text, viewer: viewer, error: .init(problem.detail, hint: problem.hint)),
                        status: problem.httpStatus)
        }
    }

    // MARK: Report and admin

    func reportPage(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        let query = Query(request)
        let (since, until) = (try query.date("since"), try query.date("until"))
        let window = try HTTP.validated { () throws(DomainError) in try Validate.window(since: since, until: until) }
        let report = try await pool.run { store in
            try store.deskReport(since: window.since, until: window.until, by: actor)
        }
        return html(DeskPages.report(report, since: since?.description, until: until?.description, viewer: viewer))
    }

    func usersPage(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        let users = try await pool.run { store in
            try store.users(by: actor)
        }
        return html(DeskPages.users(users, viewer: viewer))
    }

    func addUser(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let pairs = try await checkedPairs(request, context)
        let form = Self.first(pairs)
        let actor = viewer.actor
        do {
            try Permissions.check(actor, .manageUsers)
            let (handle, name, role, password) = try HTTP.validated { () throws(DomainError) in
                let handle = try Validate.handle(form["handle"] ?? "")
                return (handle, try Validate.personName(form["name"] ?? ""), try Validate.role(form["role"] ?? ""),
                        try Self.optional(form["password"]).map { p throws(DomainError) in try Validate.password(p, handle: handle) })
            }
            let hash = try await password.asyncMap { p in try await NIOThreadPool.singleton.runIfActive { Store.hashPassword(p) } }
            _ = try await pool.run { store in
                let added = try store.addUser(handle: handle, name: name, role: role, by: actor.handle)
                if let hash { try store.setPassword(of: handle, hash: hash, by: actor) }
                return added
            }
            return Self.redirect("/admin/users")
        } catch {
            let problem = try Self.refusal(error, request)
            let users = try await pool.run { store in try store.users(by: actor) }
            return html(DeskPages.users(users, viewer: viewer, typed: Self.typed(pairs), error: .init(problem.detail, hint: problem.hint)),
                        status: problem.httpStatus)
        }
    }

    func deactivateUser(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        _ = try await checkedPairs(request, context)
        let actor = viewer.actor
        let handle = Validate.handleReference(context.parameters.get("handle") ?? "")
        _ = try await pool.run { store in try store.deactivateUser(handle, by: actor) }
        return Self.redirect("/admin/users")
    }

    func tokensPage(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        return html(DeskPages.tokens(try await pool.run { store in try store.tokens(by: actor) }, viewer: viewer))
    }

    /// The new token is shown on the answer to the post itself, once: it is kept only as a hash.
    func createToken(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let form = Self.first(try await checkedPairs(request, context))
        let actor = viewer.actor
        let (name, expires) = try HTTP.validated { () throws(DomainError) in
            (try Validate.tokenName(form["name"] ?? ""),
             try Self.optional(form["expires"]).map { s throws(DomainError) in try Validate.date(s, field: "expires") })
        }
        let (grant, tokens) = try await pool.run { store in
            let grant = try store.createToken(name: name, expiresOn: expires, by: actor)
            return (grant, try store.tokens(by: actor))
        }
        return html(DeskPages.tokens(tokens, viewer: viewer, secret: ("\(grant.token.id) \(grant.token.name)", grant.secret)),
                    status: .created)
    }

    func revokeToken(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        _ = try await checkedPairs(request, context)
        let actor = viewer.actor
        guard let text = context.parameters.get("id"), let number = try? TokenNumber(parsing: text) else {
            throw ServiceError.notFound("no such token")
        }
        _ = try await pool.run { store in try store.revokeToken(number, by: actor) }
        return Self.redirect("/admin/tokens")
    }

    func scalePage(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let actor = viewer.actor
        let scale = try await pool.run { store in
            try store.scale(by: actor)
        }
        return html(DeskPages.scale(scale, viewer: viewer))
    }

    func useScale(_ request: Request, _ context: DeskContext, _ viewer: DeskPages.Viewer) async throws -> Response {
        let form = Self.first(try await checkedPairs(request, context))
        let actor = viewer.actor
        let preset = try HTTP.validated { () throws(DomainError) in try RatingScale.preset(named: form["preset"] ?? "") }
        try await pool.run { store in try store.useScale(preset, by: actor) }
        return Self.redirect("/admin/scale")
    }

    // MARK: HTTP pieces

    /// The form's fields in order (a field may repeat: the bulk form's claims), after the same
    /// checks as every form post: this site, and the session's CSRF token.
    func checkedPairs(_ request: Request, _ context: DeskContext, limit: Int? = nil) async throws -> [(String, String)] {
        try session.checkSameSite(request)
        guard context.actor != nil, let expected = context.csrfToken else { throw ServiceError.unauthenticated("sign in first") }
        var request = request
        let max = limit ?? configuration.maxBodyBytes
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: max) } catch { throw ServiceError.tooLarge(limit: max) }
        let pairs = Form.pairs(String(decoding: buffer.readableBytesView, as: UTF8.self))
        let given = request.headers[HTTPField.Name("X-CSRF-Token")!] ?? pairs.first { $0.0 == "csrf_token" }?.1 ?? ""
        guard SessionController.constantTimeEqual(given, expected) else {
            throw ServiceError.forgedRequest("the form's CSRF token is missing or wrong; reload the page and try again")
        }
        return pairs
    }

    static func first(_ pairs: [(String, String)]) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in pairs where out[key] == nil { out[key] = value }
        return out
    }

    /// What the user typed, to put back in the form: never the token, a password or the version.
    static func typed(_ pairs: [(String, String)]) -> [String: String] {
        first(pairs.filter { !["csrf_token", "password", "version", "seen"].contains($0.0) })
    }

    static func optional(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }

    /// A refusal to show on its page, or rethrown when it is no refusal of the form (no
    /// session, a forged post, the database gone): those get their own answer.
    static func refusal(_ error: Error, _ request: Request) throws -> Problem {
        let problem = Problem.from(error)
        if error is ServiceError, case .badRequest = error as! ServiceError { return problem }
        if error is ServiceError || problem.status == 401 || problem.status >= 500 { throw error }
        return problem
    }

    static func wantsHTML(_ request: Request) -> Bool {
        (request.headers[.accept] ?? "").contains("text/html")
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok, etag: Int? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        if let etag { headers[.eTag] = HTTP.etag(etag) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func pathAndQuery(_ request: Request) -> String {
        request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }

    /// The stylesheet and script: cached a day under a URL that names their version, with an
    /// ETag for revalidation.
    static func asset(_ request: Request, _ text: String, type: String) -> Response {
        let etag = "\"\(Assets.version)\""
        var headers: HTTPFields = [.contentType: type, .cacheControl: "public, max-age=86400", .eTag: etag]
        if request.headers[.ifNoneMatch] == etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
