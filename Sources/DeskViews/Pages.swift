import FactCheckCore
import FactCheckStore
import Foundation

/// The browser desk's pages (SPEC section 11), rendered from the templates in `Templates`.
/// Each function takes what the store read and returns the whole page; the service only
/// decides which one and with what status. Every value reaches the HTML through a template,
/// which escapes it.
public enum DeskPages {
    /// Who is looking, for the header and every form's CSRF token.
    public struct Viewer: Sendable {
        public let actor: Actor
        public let name: String
        public let csrf: String
        public init(actor: Actor, name: String?, csrf: String) {
            self.actor = actor
            self.name = name ?? actor.handle
            self.csrf = csrf
        }
    }

    /// A message at the top of a page: the CLI's words for a refusal, with its hint.
    public struct Message: Sendable {
        public let message: String
        public let hint: String?
        public init(_ message: String, hint: String? = nil) { self.message = message; self.hint = hint }
    }

    /// The browser's copy of the stylesheet and script is keyed by this, so a new build is fetched at once.
    public static var assetVersion: String { Assets.version }

    // MARK: The frame

    static func page(_ title: String, viewer: Viewer?, nav: String? = nil, body: String, error: Message? = nil,
                     notice: String? = nil, liveClaim: String? = nil, liveList: Bool = false) -> String {
        var model: [String: Any] = ["title": title, "assetVersion": Assets.version, "body": SafeHTML(body)]
        if let viewer {
            model["me"] = ["handle": viewer.actor.handle, "role": viewer.actor.role.rawValue, "name": viewer.name]
            model["csrf"] = viewer.csrf
            var items: [(String, String)] = [("/", "My work"), ("/claims", "Claims"), ("/articles", "Articles"), ("/report", "Report")]
            if viewer.actor.role == .admin { items += [("/admin/users", "Users"), ("/admin/scale", "Scale")] }
            items.append(("/admin/tokens", "Tokens"))
            model["nav"] = items.map { ["href": $0.0, "label": $0.1, "current": $0.0 == nav] as [String: Any] }
        }
        if let error { model["error"] = message(error) }
        model["notice"] = notice
        model["liveClaim"] = liveClaim
        model["liveList"] = liveList
        return Templates.render("layout", model)
    }

    static func message(_ m: Message) -> [String: Any] {
        var out: [String: Any] = ["message": m.message]
        out["hint"] = m.hint
        return out
    }

    static func body(_ template: String, _ model: [String: Any], viewer: Viewer?) -> String {
        var model = model
        if let viewer { model["csrf"] = viewer.csrf }
        return Templates.render(template, model)
    }

    // MARK: Sign-in and errors

    public static func login(next: String, handle: String = "", error: Message? = nil) -> String {
        page("Sign in", viewer: nil, body: body("login", ["next": next, "handle": handle], viewer: nil), error: error)
    }

    /// A refusal with nothing to re-render: the message, and a way back.
    public static func error(status: Int, _ message: Message, viewer: Viewer?, back: String = "/") -> String {
        let heading = switch status {
        case 403: "Not allowed"
        case 404: "Not found"
        case 409: "Refused"
        case 429: "Too many attempts"
        case 400, 413, 422: "That could not be used"
        case 500...: "Something went wrong"
        default: "Refused"
        }
        return page(heading, viewer: viewer,
                    body: body("error", ["heading": heading, "back": back, "backLabel": back == "/" ? "Back to my work" : "Go back"],
                               viewer: viewer),
                    error: message)
    }

    // MARK: My work

    public static func work(_ work: DeskWork, viewer: Viewer) -> String {
        let actor = viewer.actor
        var sections: [[String: Any]] = []
        func section(_ id: String, _ title: String, _ claims: [ClaimRecord], empty: String, more: String?) {
            var s: [String: Any] = ["id": id, "title": title, "count": claims.count,
                                    "claims": claims.map { row($0, today: work.today) }, "empty": empty]
            s["more"] = more
            sections.append(s)
        }
        let reviews = Permissions.allows(actor.role, .approve)
        let publishes = Permissions.allows(actor.role, .publish)
        if reviews {
            section("assigned", "Assigned to me", work.assigned, empty: "Nothing assigned to you is open.",
                    more: "/claims?assignee=\(escapeQuery(actor.handle))")
            section("awaiting", "Proposals awaiting my approval", work.awaitingApproval,
                    empty: "No proposal of another reviewer is waiting.", more: "/claims?state=in_review")
        }
        if publishes {
            section("publish", "Approved, ready to publish", work.toPublish, empty: "Nothing approved is waiting.",
                    more: "/claims?state=approved")
            section("unassigned", "Not yet assigned", work.unassigned, empty: "Every open claim has someone on it.", more: nil)
        }
        // A list cut at its limit, or a count past the cap, says so ("50+", "1000+").
        func listed(_ claims: [ClaimRecord]) -> String { claims.count >= work.limit ? "\(work.limit)+" : "\(claims.count)" }
        func counted(_ n: Int) -> String { n > DeskWork.countCap ? "\(DeskWork.countCap)+" : "\(n)" }
        var tiles: [[String: Any]] = []
        if reviews {
            tiles.append(["n": listed(work.assigned), "label": "assigned to me", "alert": false])
            tiles.append(["n": listed(work.awaitingApproval), "label": "awaiting my approval", "alert": false])
            tiles.append(["n": counted(work.overdueMine), "label": "mine overdue", "alert": work.overdueMine > 0])
        }
        if publishes {
            tiles.append(["n": listed(work.toPublish), "label": "to publish", "alert": false])
            tiles.append(["n": listed(work.unassigned), "label": "unassigned", "alert": false])
        }
        tiles.append(["n": counted(work.overdueDesk), "label": "overdue on the desk", "alert": work.overdueDesk > 0])
        return page("My work", viewer: viewer, nav: "/",
                    body: body("work", ["sections": sections, "tiles": tiles, "selectable": false], viewer: viewer),
                    liveList: true)
    }

    static func row(_ c: ClaimRecord, today: CalendarDate) -> [String: Any] {
        var r: [String: Any] = [
            "id": c.id, "state": c.state.rawValue, "stateName": c.state.displayName, "text": c.text,
            "claimant": c.claimant, "priority": c.priority.rawValue, "tags": c.tags,
            "urgent": c.priority == .high || c.priority == .urgent, "overdue": c.isOverdue(today: today),
        ]
        r["due"] = c.dueDate
        r["assignee"] = c.assignee
        r["rating"] = c.rating
        return r
    }

    // MARK: The claim list

    /// The list's filters as the URL carries them, so a view can be bookmarked and shared.
    public struct ListQuery: Sendable {
        public var fields: [(String, String)]
        public var limit: Int
        public init(fields: [(String, String)], limit: Int) { self.fields = fields; self.limit = limit }
        public func value(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }

        /// `/claims?…` with these filters and `extra` (the cursor).
        public func url(_ extra: [(String, String)] = []) -> String {
            let all = fields + extra
            guard !all.isEmpty else { return "/claims" }
            return "/claims?" + all.map { "\(escapeQuery($0.0))=\(escapeQuery($0.1))" }.joined(separator: "&")
        }
    }

    public static func claimList(_ claims: [ClaimRecord], query: ListQuery, nextCursor: String?, isFirstPage: Bool,
                                 assignees: [UserRecord], today: CalendarDate, viewer: Viewer,
                                 error: Message? = nil) -> String {
        let actor = viewer.actor
        var filter: [String: Any] = [:]
        for (name, value) in query.fields where name != "cursor" { filter[name] = value }
        filter["limit"] = String(query.limit)
        let states = ReviewState.allCases.map { s -> [String: Any] in
            ["value": s.rawValue, "label": s.displayName, "selected": query.value("state") == s.rawValue]
        }
        var actions: [[String: Any]] = []
        if Permissions.allows(actor.role, .assign) { actions.append(["value": "assign", "label": "Assign to"]) }
        if Permissions.allows(actor.role, .editClaim) { actions.append(["value": "tag", "label": "Add the tag"]) }
        if Permissions.allows(actor.role, .reject) { actions.append(["value": "reject", "label": "Reject, with the reason"]) }
        let filtered = query.fields.filter { $0.0 != "limit" && $0.0 != "cursor" }
        var model: [String: Any] = [
            "claims": claims.map { row($0, today: today) }, "filter": filter, "states": states,
            "selectable": !actions.isEmpty, "mayAdd": Permissions.allows(actor.role, .addClaim),
            "empty": filtered.isEmpty ? "No claims yet." : "No claim matches these filters.",
            "summary": "\(claims.count) claim\(claims.count == 1 ? "" : "s") on this page, newest first"
                + (filtered.isEmpty ? "" : ", filtered by " + filtered.map { "\($0.0) \($0.1)" }.joined(separator: ", ")),
        ]
        if !actions.isEmpty {
            model["bulk"] = ["actions": actions, "back": query.url(query.value("cursor").map { [("cursor", $0)] } ?? []),
                             "assignees": assignees.filter { $0.active && $0.role != .editor }
                                .map { ["handle": $0.handle, "name": $0.name] }] as [String: Any]
        }
        model["next"] = nextCursor.map { query.url([("cursor", $0)]) }
        model["first"] = isFirstPage ? nil : query.url()
        return page("Claims", viewer: viewer, nav: "/claims", body: body("claims", model, viewer: viewer), error: error,
                    liveList: true)
    }

    /// The form to log a claim by hand; `typed` keeps what was entered when it was refused.
    public static func newClaim(viewer: Viewer, typed: [String: String] = [:], error: Message? = nil) -> String {
        let priorities = Priority.allCases.map { p -> [String: Any] in
            ["value": p.rawValue, "selected": (typed["priority"] ?? "normal") == p.rawValue]
        }
        return page("Log a claim", viewer: viewer, nav: "/claims",
                    body: body("newClaim", ["typed": typed, "priorities": priorities], viewer: viewer), error: error)
    }

    /// What a bulk action did: each claim done, and each refused with the CLI's message.
    public struct BulkOutcome: Sendable {
        public let claim: String
        public let done: String?
        public let refused: String?
        public init(claim: String, done: String? = nil, refused: String? = nil) {
            self.claim = claim; self.done = done; self.refused = refused
        }
    }

    public static func bulkSummary(_ title: String, _ outcomes: [BulkOutcome], back: String, viewer: Viewer) -> String {
        let done = outcomes.compactMap { o in o.done.map { ["id": o.claim, "what": $0] } }
        let refused = outcomes.compactMap { o in o.refused.map { ["id": o.claim, "why": $0] } }
        return page(title, viewer: viewer, nav: "/claims",
                    body: body("bulk", ["title": title, "done": done, "refused": refused, "doneCount": done.count,
                                        "refusedCount": refused.count, "back": back], viewer: viewer))
    }

    // MARK: The claim page

    /// Everything the claim page shows, as the store read it.
    public struct ClaimView: Sendable {
        public var detail: ClaimDetail
        public var notes: [NoteRecord]
        public var scale: RatingScale
        public var users: [UserRecord]
        public var article: ArticleRecord?
        /// nil when not looked up: the page then loads them from `/claims/C-n/similar`.
        public var similar: [SimilarClaim]?
        public var today: CalendarDate
        public init(detail: ClaimDetail, notes: [NoteRecord], scale: RatingScale, users: [UserRecord],
                    article: ArticleRecord?, similar: [SimilarClaim]?, today: CalendarDate) {
            self.detail = detail; self.notes = notes; self.scale = scale; self.users = users
            self.article = article; self.similar = similar; self.today = today
        }

        /// Who proposed the verdict now in review, if one is.
        public var proposer: String? { detail.verdicts.last { $0.status == "proposed" }?.proposedBy }
        /// The newest audit event of the claim: forms carry it, so a stale form can show what came after.
        public var lastEvent: Int64 { detail.history.last?.id ?? 0 }
    }

    /// What the user was doing when a form came back: the form (`move`, `source` or `note`) and
    /// what they typed, so nothing typed is lost.
    public struct Typed: Sendable {
        public var form: String
        public var fields: [String: String]
        public init(form: String, fields: [String: String]) { self.form = form; self.fields = fields }
    }

    /// The claim page, with exactly the moves this user may make now (from `Workflow.moves`).
    /// `stale` lists the events another person wrote since the user's form was drawn.
    /// How many history events and verdicts a claim page shows unless asked for all: a claim
    /// moved hundreds of times would otherwise draw (and send) its whole past on every view.
    public static let recentHistory = 50, recentVerdicts = 10

    public static func claim(_ view: ClaimView, viewer: Viewer, typed: Typed? = nil, error: Message? = nil,
                             stale: (message: String, changes: [AuditEventRecord])? = nil, notice: String? = nil,
                             wholePast: Bool = false) -> String {
        let claim = view.detail.claim
        let actor = viewer.actor
        let moves = Workflow.moves(for: claim.state, proposer: view.proposer, by: actor)
        let assignees = view.users.filter { $0.active && $0.role != .editor }
        var offered = moves.filter(\.isAllowed)
        // The form the user filled in, when the claim moved on under it: still shown, with what
        // they typed, so nothing typed is lost (sending it again gets the workflow's answer).
        if let typed, !offered.contains(where: { $0.action.moveName == typed.form }),
           let action = MoveRequest.actions.first(where: { $0.moveName == typed.form }) {
            let transition = Workflow.transition(for: action)
            offered.insert(Move(action: action, target: transition?.to, needsReason: transition?.needsReason ?? false, refusal: nil), at: 0)
        }
        var moveForms: [[String: Any]] = []
        for move in offered {
            let name = move.action.moveName
            let typedHere = typed?.form == name ? typed!.fields : [:]
            var m: [String: Any] = [
                "claimId": claim.id, "move": name, "version": claim.version, "seen": view.lastEvent,
                "title": title(move), "button": button(move), "typed": typedHere,
                "assign": move.action == .assign, "propose": move.action == .propose, "publish": move.action == .publish,
                "reason": move.needsReason, "note": move.action == .approve, "explain": explanation(move, claim),
            ]
            if move.action == .assign {
                let chosen = typedHere["user"] ?? claim.assignee
                m["assignees"] = assignees.map { ["handle": $0.handle, "name": $0.name, "selected": $0.handle == chosen] as [String: Any] }
            }
            if move.action == .propose {
                let chosen = typedHere["rating"]
                m["ratings"] = view.scale.labels.map {
                    ["label": $0.label, "description": $0.description, "selected": $0.label == chosen] as [String: Any]
                }
            }
            moveForms.append(m)
        }
        let refusals = moves.compactMap { $0.refusal?.message(claim: ClaimNumber(claim.number)) }
        let maySource = Workflow.maySource(claim.state, by: actor)
        let sourceTyped = typed?.form == "source" ? typed!.fields : [:]
        var model: [String: Any] = [
            "claim": claimModel(claim), "stateName": claim.state.displayName, "claimId": claim.id,
            "overdue": claim.isOverdue(today: view.today), "logged": claim.createdAt.short,
            "moves": moveForms, "refusals": refusals,
            "nothing": Workflow.closedStates.contains(claim.state) && actor.role == .reviewer
                ? "This claim is \(claim.state.displayName); an editor may reopen it."
                : "Nothing for you to do on this claim now: it is \(claim.state.displayName).",
            "sources": view.detail.sources.map { s -> [String: Any] in
                var d: [String: Any] = ["id": s.id, "url": s.url, "kind": s.kind.rawValue.replacingOccurrences(of: "_", with: " "),
                                        "stance": s.stance.rawValue, "addedBy": s.addedBy, "retracted": s.retracted,
                                        "mayRetract": maySource && !s.retracted]
                d["title"] = s.title; d["publisher"] = s.publisher; d["note"] = s.note; d["accessedOn"] = s.accessedOn
                d["archivedUrl"] = s.archivedUrl; d["retractionReason"] = s.retractionReason; d["retractedBy"] = s.retractedBy
                return d
            },
            "sourceCount": view.detail.sources.filter { !$0.retracted }.count,
            "sourceForm": maySource, "sourceTyped": sourceTyped,
            "kinds": SourceKind.allCases.map { k -> [String: Any] in
                ["value": k.rawValue, "label": k.rawValue.replacingOccurrences(of: "_", with: " "),
                 "selected": (sourceTyped["kind"] ?? "other") == k.rawValue]
            },
            "stances": Stance.allCases.map { s -> [String: Any] in
                ["value": s.rawValue, "label": s.rawValue, "selected": (sourceTyped["stance"] ?? "context") == s.rawValue]
            },
            "verdicts": view.detail.verdicts.reversed().prefix(wholePast ? Int.max : recentVerdicts).map { v -> [String: Any] in
                var d: [String: Any] = ["rating": v.rating, "status": v.status, "proposedBy": v.proposedBy, "conclusion": v.conclusion]
                d["proposedAt"] = v.proposedAt?.short; d["decidedBy"] = v.decidedBy; d["returnReason"] = v.returnReason
                return d
            },
            "notes": view.notes.map { ["id": $0.id, "addedBy": $0.addedBy, "when": $0.addedAt.short, "body": $0.body] as [String: Any] },
            "appearances": view.detail.appearances.map { ["url": $0.url, "isFirst": $0.isFirst, "addedBy": $0.addedBy] as [String: Any] },
            "similarLoaded": view.similar != nil, "similar": (view.similar ?? []).map(similarModel),
            "history": view.detail.history.reversed().prefix(wholePast ? Int.max : recentHistory).map(event),
            "pastCut": !wholePast && (view.detail.history.count > recentHistory || view.detail.verdicts.count > recentVerdicts),
            "historyCount": view.detail.history.count, "verdictCount": view.detail.verdicts.count,
        ]
        model["typedNote"] = typed?.form == "note" ? typed!.fields["body"] : nil
        if Workflow.mayEdit(claim.state, by: actor) {
            model["edit"] = editModel(claim, typed: typed?.form == "edit" ? typed!.fields : nil, seen: view.lastEvent)
        }
        model["context"] = claim.context
        if let article = view.article {
            var a: [String: Any] = ["id": article.id, "url": article.url]
            a["title"] = article.title
            model["article"] = a
        }
        if let stale {
            model["stale"] = ["message": stale.message, "changes": stale.changes.map(event)] as [String: Any]
        }
        return page("\(claim.id) · \(String(claim.text.prefix(60)))", viewer: viewer, nav: "/claims",
                    body: body("claim", model, viewer: viewer), error: error, notice: notice, liveClaim: claim.id)
    }

    static func similarModel(_ s: SimilarClaim) -> [String: Any] {
        var d: [String: Any] = ["id": s.id, "state": s.state.displayName, "text": s.text,
                                "similarity": String(format: "%.2f", s.similarity)]
        d["rating"] = s.rating
        return d
    }

    /// The claims that read like `claim` (the claim page's "Already checked?", on its own).
    public static func similar(to claim: ClaimRecord, _ similar: [SimilarClaim], viewer: Viewer) -> String {
        page("Claims that read like \(claim.id)", viewer: viewer, nav: "/claims",
             body: body("similar", ["claimId": claim.id, "text": claim.text, "similar": similar.map(similarModel)], viewer: viewer))
    }

    /// The details form: the stored values, or what the user typed when it came back refused.
    static func editModel(_ c: ClaimRecord, typed: [String: String]?, seen: Int64) -> [String: Any] {
        let priority = typed?["priority"] ?? c.priority.rawValue
        var d: [String: Any] = [
            "version": c.version, "seen": seen, "open": typed != nil,
            "wording": Workflow.mayEditWording(c.state),
            "text": typed?["text"] ?? c.text, "claimant": typed?["claimant"] ?? c.claimant,
            "tags": typed?["tags"] ?? c.tags.joined(separator: ", "),
            "priorities": Priority.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == priority] as [String: Any] },
        ]
        d["due"] = typed?["due"] ?? c.dueDate
        d["saidOn"] = typed?["said_on"] ?? c.saidOn
        return d
    }

    static func claimModel(_ c: ClaimRecord) -> [String: Any] {
        var d: [String: Any] = ["id": c.id, "state": c.state.rawValue, "text": c.text, "claimant": c.claimant,
                                "priority": c.priority.rawValue, "tags": c.tags, "createdBy": c.createdBy]
        d["dueDate"] = c.dueDate; d["saidOn"] = c.saidOn; d["assignee"] = c.assignee; d["rating"] = c.rating
        d["publishedUrl"] = c.publishedUrl
        return d
    }


    static func title(_ move: Move) -> String {
        switch move.action {
        case .start: "Start research"
        case .reject: "Reject as not checkable"
        case .propose: "Propose a verdict"
        case .returnVerdict: "Return to research"
        case .approve: "Approve the verdict"
        case .publish: "Publish the verdict"
        case .reopen: "Reopen"
        case .assign: "Assign"
        default: move.action.activity
        }
    }

    static func button(_ move: Move) -> String {
        switch move.action {
        case .start: "Start research"
        case .reject: "Reject"
        case .propose: "Propose"
        case .returnVerdict: "Return"
        case .approve: "Approve"
        case .publish: "Publish"
        case .reopen: "Reopen"
        case .assign: "Assign"
        default: move.action.command
        }
    }

    static func explanation(_ move: Move, _ claim: ClaimRecord) -> String {
        let target = move.target.map { "; it becomes \($0.displayName)" } ?? ""
        switch move.action {
        case .reopen where claim.state == .published: return "A correction: the claim goes back to research\(target.isEmpty ? "" : "")."
        case .start where claim.assignee == nil: return "You become its assignee\(target)."
        case .propose: return "Needs at least one source that is not retracted\(target)."
        case .approve, .returnVerdict: return "As the second reviewer\(target)."
        default: return target.isEmpty ? "" : String(target.dropFirst(2)).capitalizedFirst + "."
        }
    }

    static func event(_ e: AuditEventRecord) -> [String: Any] {
        var d: [String: Any] = ["when": e.occurredAt.short, "actor": e.actor, "what": eventWords(e), "channel": e.channel]
        d["detail"] = eventDetail(e)
        return d
    }

    static func eventWords(_ e: AuditEventRecord) -> String {
        switch e.action {
        case "claim.logged": "logged the claim"
        case "claim.assigned": "assigned it"
        case "claim.state_changed": "started research"
        case "claim.rejected": "rejected it"
        case "claim.published": "published it"
        case "claim.reopened": "reopened it"
        case "claim.edited": "edited it"
        case "claim.appearance_added": "added appearances"
        case "source.added": "added source \(e.object ?? "")"
        case "source.retracted": "retracted source \(e.object ?? "")"
        case "verdict.proposed": "proposed a verdict"
        case "verdict.approved": "approved the verdict"
        case "verdict.returned": "returned the verdict"
        case "note.added": "added a note"
        default: e.action
        }
    }

    /// The after of an event as "field: value" pairs, text cut short.
    static func eventDetail(_ e: AuditEventRecord) -> String? {
        guard let after = e.after?.text, let object = try? JSONSerialization.jsonObject(with: Data(after.utf8)) as? [String: Any]
        else { return nil }
        let skip: Set<String> = ["text", "appearances", "context", "article_id"]
        let parts = object.keys.sorted().filter { !skip.contains($0) }.compactMap { key -> String? in
            let value: String
            switch object[key] {
            case let s as String: value = s
            case let n as NSNumber: value = n.stringValue
            case let list as [Any]: value = list.map { "\($0)" }.joined(separator: ", ")
            default: return nil
            }
            guard !value.isEmpty else { return nil }
            return "\(key.replacingOccurrences(of: "_", with: " ")): \(value.count > 140 ? String(value.prefix(139)) + "…" : value)"
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    // MARK: Articles

    public static func articles(_ articles: [ArticleRecord], viewer: Viewer, typed: [String: String] = [:],
                                error: Message? = nil) -> String {
        let model: [String: Any] = [
            "articles": articles.map { a -> [String: Any] in
                var d: [String: Any] = ["id": a.id, "url": a.url, "claimCount": a.claimCount, "hasText": a.hasText]
                d["title"] = a.title; d["outlet"] = a.outlet
                return d
            },
            "mayAdd": Permissions.allows(viewer.actor.role, .addArticle), "typed": typed, "open": !typed.isEmpty || articles.isEmpty,
        ]
        return page("Articles", viewer: viewer, nav: "/articles", body: body("articles", model, viewer: viewer), error: error)
    }

    public static func article(_ article: ArticleRecord, text: String?, viewer: Viewer, error: Message? = nil,
                               notice: String? = nil) -> String {
        var a: [String: Any] = ["id": article.id, "url": article.url]
        a["title"] = article.title; a["outlet"] = article.outlet; a["byline"] = article.byline; a["publishedOn"] = article.publishedOn
        var model: [String: Any] = ["article": a, "hasText": text != nil,
                                    "mayLog": Permissions.allows(viewer.actor.role, .addClaim)]
        if let text {
            // Every sentence, best first, as `article candidates` lists them.
            model["candidates"] = CheckWorthiness.candidates(in: text).map { c -> [String: Any] in
                ["number": c.sentence.number, "score": String(format: "%.2f", c.score), "checkWorthy": c.isCheckWorthy,
                 "sentence": c.sentence.text,
                 "reasons": c.reasons.map { r -> [String: Any] in
                     ["name": r.name, "explanation": r.explanation, "lowers": r.weight < 0]
                 }]
            }
            model["paragraphs"] = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
        }
        return page("A-\(article.id) \(article.title ?? article.url)", viewer: viewer, nav: "/articles",
                    body: body("article", model, viewer: viewer), error: error, notice: notice)
    }

    // MARK: Report and admin

    public static func report(_ report: DeskReport, since: String?, until: String?, viewer: Viewer, error: Message? = nil) -> String {
        var model: [String: Any] = ["report": HTMLReport.fragment(report)]
        model["since"] = since; model["until"] = until
        return page("Desk report", viewer: viewer, nav: "/report", body: body("report", model, viewer: viewer), error: error)
    }

    public static func users(_ users: [UserRecord], viewer: Viewer, typed: [String: String] = [:], error: Message? = nil,
                             notice: String? = nil) -> String {
        var safeTyped = typed
        safeTyped["password"] = nil
        let model: [String: Any] = [
            "users": users.map { ["handle": $0.handle, "name": $0.name, "role": $0.role.rawValue, "active": $0.active] as [String: Any] },
            "mayManage": Permissions.allows(viewer.actor.role, .manageUsers), "roles": Role.allCases.map(\.rawValue),
            "typed": safeTyped,
        ]
        return page("Users", viewer: viewer, nav: "/admin/users", body: body("users", model, viewer: viewer), error: error, notice: notice)
    }

    public static func tokens(_ tokens: [TokenRecord], viewer: Viewer, secret: (name: String, secret: String)? = nil,
                              error: Message? = nil, notice: String? = nil) -> String {
        var model: [String: Any] = [
            "tokens": tokens.map { t -> [String: Any] in
                let status = t.revokedAt != nil ? "revoked" : "live"
                return ["id": t.id, "name": t.name, "handle": t.user, "expires": t.expiresOn ?? "never",
                        "lastUsed": t.lastUsedAt?.short ?? "never", "status": status, "live": t.revokedAt == nil]
            },
        ]
        if let secret { model["secret"] = secret.secret; model["secretName"] = secret.name }
        return page("API tokens", viewer: viewer, nav: "/admin/tokens", body: body("tokens", model, viewer: viewer),
                    error: error, notice: notice)
    }

    public static func scale(_ scale: RatingScale, viewer: Viewer, error: Message? = nil, notice: String? = nil) -> String {
        let model: [String: Any] = [
            "name": scale.name,
            "labels": scale.labels.map { ["label": $0.label, "value": $0.value, "description": $0.description] as [String: Any] },
            "mayChange": Permissions.allows(viewer.actor.role, .manageScale),
            "presets": RatingScale.presets.map { ["value": $0.name, "selected": $0.name == scale.name] as [String: Any] },
        ]
        return page("Rating scale", viewer: viewer, nav: "/admin/scale", body: body("scale", model, viewer: viewer),
                    error: error, notice: notice)
    }
}

/// A query-string value, percent-encoded.
func escapeQuery(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}
