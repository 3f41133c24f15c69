import DeskViews
import FactCheckCore
import FactCheckStore
import Foundation
import Hummingbird

/// `/api/v1/claims`: the list with every `claim list` filter and a cursor, one claim with its
/// ETag, logging, editing and every workflow move, sources and verdicts.
struct ClaimsController {
    let pool: StorePool
    let limits: ServiceConfiguration

    struct Page: Encodable {
        let items: [ClaimRecord]
        /// Pass as `cursor` for the next page; null on the last.
        let nextCursor: String?
    }

    struct NewClaimBody: Decodable {
        /// The claim's words; or leave it out and name `article` and `sentence` to log that
        /// sentence of the article's kept text.
        var text: String?
        let claimant: String
        var article: String?
        var sentence: Int?
        var saidOn: String?
        var appearances: [String]?
        var tags: [String]?
        var priority: String?
        var dueDate: String?
        /// If the claim is already logged, add the appearances to that claim instead.
        var link: Bool?
    }

    struct EditBody: Decodable {
        var text: String?
        var claimant: String?
        var tags: [String]?
        var priority: String?
        var dueDate: String?
        var saidOn: String?
    }

    struct AssignBody: Decodable { let user: String; var note: String? }
    struct MoveBody: Decodable { var reason: String?; var url: String? }
    struct ProposeBody: Decodable { let rating: String; let conclusion: String }
    struct SourceBody: Decodable {
        let url: String
        var title: String?
        var publisher: String?
        var kind: String?
        var stance: String?
        var accessed: String?
        var archivedUrl: String?
        var note: String?
    }
    struct RetractBody: Decodable { let reason: String }

    func add(to router: RouterGroup<DeskContext>) {
        router.get("claims", use: list)
        router.post("claims", use: create)
        router.get("claims/:id", use: show)
        router.patch("claims/:id", use: edit)
        router.post("claims/:id/assign", use: assign)
        for action in [Action.start, .reject, .publish, .reopen] {
            router.post("claims/:id/\(action.moveName)") { request, context in
                try await move(action, request, context)
            }
        }
        router.post("claims/:id/verdicts", use: propose)
        router.post("claims/:id/verdict/approve") { try await move(.approve, $0, $1) }
        router.post("claims/:id/verdict/return") { try await move(.returnVerdict, $0, $1) }
        router.get("claims/:id/sources", use: sources)
        router.post("claims/:id/sources", use: addSource)
        router.post("sources/:id/retract", use: retractSource)
        router.get("claims/:id/similar", use: similar)
    }

    func list(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = Query(request)
        var filter = try query.claimFilter()
        let limit = try query.int("limit") ?? 50
        filter.limit = try HTTP.validated { () throws(DomainError) in try Validate.limit(limit) }
        if let cursor = query.text("cursor") {
            guard let before = Int64(cursor), before > 0 else { throw ServiceError.badRequest("cursor is not one this API gave") }
            filter.before = before
        }
        let chosen = filter
        let items = try await pool.run { store in
            try store.claims(chosen, by: actor)
        }
        let next = items.count == chosen.limit ? items.last.map { String($0.number) } : nil
        return try HTTP.json(Page(items: items, nextCursor: next))
    }

    func show(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let number = try context.parameters.claim()
        let detail = try await pool.run { store in
            try store.claimDetail(number, by: actor)
        }
        return try HTTP.json(detail, etag: detail.claim.version)
    }

    func create(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let body = try await HTTP.decode(NewClaimBody.self, from: request, limit: limits.maxBodyBytes)
        let quoted: Sentence? = switch (body.text, body.article, body.sentence) {
        case (nil, let article?, let number?):
            try await pool.run { store in try store.sentence(number, ofArticle: article, by: actor).sentence }
        case (_?, _, nil): nil
        case (nil, _, _): throw ServiceError.badRequest("give text, or article and sentence to log a sentence of an article")
        case (_?, _, _?): throw ServiceError.badRequest("give text or sentence, not both")
        }
        let claim = try HTTP.validated { () throws(DomainError) in
            NewClaim(
                text: try Validate.claimText(body.text ?? quoted?.text ?? ""),
                claimant: try Validate.claimant(body.claimant),
                article: body.article,
                saidOn: try body.saidOn.map { s throws(DomainError) in try Validate.date(s, field: "said_on") },
                appearances: try (body.appearances ?? []).map { s throws(DomainError) in try Validate.url(s, field: "appearances") },
                tags: try Validate.tags(body.tags ?? [], field: "tags"),
                priority: try Validate.priority(body.priority ?? "normal"),
                dueOn: try body.dueDate.map { s throws(DomainError) in try Validate.date(s, field: "due_date") },
                context: quoted?.text)
        }
        let link = body.link ?? false
        let logged = try await pool.run { store in try store.logClaim(claim, link: link, by: actor) }
        let (record, linked) = (logged.claim, logged.linked)
        return try HTTP.json(record, status: linked ? .ok : .created, etag: record.version,
                             location: "/api/v1/claims/\(record.id)")
    }

    func edit(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let number = try context.parameters.claim()
        let version = try HTTP.ifMatch(request)
        let body = try await HTTP.decode(EditBody.self, from: request, limit: limits.maxBodyBytes)
        let edit = try HTTP.validated { () throws(DomainError) in
            ClaimEdit(text: try body.text.map { s throws(DomainError) in try Validate.claimText(s) },
                      claimant: try body.claimant.map { s throws(DomainError) in try Validate.claimant(s) },
                      tags: try body.tags.map { t throws(DomainError) in try Validate.tags(t, field: "tags") },
                      priority: try body.priority.map { s throws(DomainError) in try Validate.priority(s) },
                      dueOn: try body.dueDate.map { s throws(DomainError) in try Validate.date(s, field: "due_date") },
                      saidOn: try body.saidOn.map { s throws(DomainError) in try Validate.date(s, field: "said_on") })
        }
        guard !edit.isEmpty else { throw ServiceError.badRequest("nothing to change: give text, claimant, tags, priority, due_date or said_on") }
        return try await changed(number, version, by: actor) { store in _ = try store.editClaim(number, edit, by: actor) }
    }

    func assign(_ request: Request, context: DeskContext) async throws -> Response {
        try await make(.assign, request, context) {
            let body = try await HTTP.decode(AssignBody.self, from: request, limit: limits.maxBodyBytes)
            return .init(user: body.user, note: body.note)
        }
    }

    /// start, reject, reopen, publish, approve and return: a body is optional.
    func move(_ action: Action, _ request: Request, _ context: DeskContext) async throws -> Response {
        try await make(action, request, context) {
            let body = request.headers[.contentLength] == "0" || request.headers[.contentType] == nil
                ? MoveBody() : try await HTTP.decode(MoveBody.self, from: request, limit: limits.maxBodyBytes)
            return .init(reason: body.reason, url: body.url)
        }
    }

    func propose(_ request: Request, context: DeskContext) async throws -> Response {
        try await make(.propose, request, context, status: .created) {
            let body = try await HTTP.decode(ProposeBody.self, from: request, limit: limits.maxBodyBytes)
            return .init(rating: body.rating, conclusion: body.conclusion)
        }
    }

    /// Every workflow move: who asks first, then the body's fields read by the domain's one rule
    /// (`MoveRequest`), made by the store against the version `If-Match` names.
    private func make(_ action: Action, _ request: Request, _ context: DeskContext, status: HTTPResponse.Status = .ok,
                      fields: () async throws -> MoveRequest.Fields) async throws -> Response {
        let actor = try context.requireActor()
        let number = try context.parameters.claim()
        let version = try HTTP.ifMatch(request)
        let given = try await fields()
        let move = try HTTP.validated { () throws(DomainError) in try MoveRequest.validated(action, given) }
        return try await changed(number, version, status: status, by: actor) { store in
            try store.apply(move, to: number, by: actor)
        }
    }

    func sources(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let number = try context.parameters.claim()
        let sources = try await pool.run { store in
            try store.sources(of: number, by: actor)
        }
        return try HTTP.json(sources)
    }

    func addSource(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let number = try context.parameters.claim()
        let body = try await HTTP.decode(SourceBody.self, from: request, limit: limits.maxBodyBytes)
        let source = try HTTP.validated { () throws(DomainError) in
            NewSource(url: try Validate.url(body.url),
                      title: try Validate.sourceTitle(body.title),
                      publisher: try Validate.publisher(body.publisher),
                      kind: try Validate.sourceKind(body.kind ?? "other"),
                      stance: try Validate.stance(body.stance ?? "context"),
                      accessedOn: try body.accessed.map { s throws(DomainError) in try Validate.date(s, field: "accessed") },
                      archivedURL: try body.archivedUrl.map { s throws(DomainError) in try Validate.url(s, field: "archived_url") },
                      note: try Validate.sourceNote(body.note))
        }
        let record = try await pool.run { store in try store.addSource(to: number, source, by: actor) }
        return try HTTP.json(record, status: .created)
    }

    func retractSource(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        guard let text = context.parameters.get("id"),
              let number = try? SourceNumber(parsing: text) else { throw ServiceError.notFound("no such source") }
        let body = try await HTTP.decode(RetractBody.self, from: request, limit: limits.maxBodyBytes)
        let reason = try HTTP.validated { () throws(DomainError) in try Validate.reason(body.reason) }
        let record = try await pool.run { store in try store.retractSource(number, reason: reason, by: actor) }
        return try HTTP.json(record)
    }

    func similar(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let number = try context.parameters.claim()
        let query = Query(request)
        let asked = try query.int("limit") ?? 10
        let given: Double = try query.text("threshold").map { text in
            guard let value = Double(text) else { throw ServiceError.badRequest("threshold must be a number") }
            return value
        } ?? 0.3
        let threshold = try HTTP.validated { () throws(DomainError) in try Validate.similarityThreshold(given) }
        let limit = try HTTP.validated { () throws(DomainError) in try Validate.limit(asked) }
        let found = try await pool.run { store in
            try store.similarClaims(to: try store.claimText(number, by: actor), excluding: number,
                                           threshold: threshold, limit: limit, by: actor)
        }
        return try HTTP.json(found)
    }

    /// Makes a change under the claim's `If-Match` version (412 when it moved on) and answers
    /// with the claim as it now stands and its new ETag.
    private func changed(_ number: ClaimNumber, _ version: Int?, status: HTTPResponse.Status = .ok, by actor: Actor,
                         _ change: @escaping @Sendable (Store) throws -> Void) async throws -> Response {
        let detail = try await pool.run { store in
            store.expectedVersion = version
            defer { store.expectedVersion = nil }
            try change(store)
            store.expectedVersion = nil
            return try store.claimDetail(number, by: actor)
        }
        return try HTTP.json(detail, status: status, etag: detail.claim.version)
    }
}
