import DeskViews
import FactCheckCore
import FactCheckStore
import Foundation
import Hummingbird

/// `/api/v1/articles`: logging an article with its text, the list, one article and its numbered
/// sentences (what `sentence` takes when logging a claim); the scale's switch; ClaimReview.
struct ArticlesController {
    let pool: StorePool
    let limits: ServiceConfiguration

    struct NewArticleBody: Decodable {
        let url: String
        var title: String?
        var outlet: String?
        var byline: String?
        var publishedOn: String?
        /// The article's full text, kept so its sentences can be logged as claims.
        var text: String?
    }

    struct SentenceView: Encodable { let number: Int; let paragraph: Int; let text: String }
    struct UseScaleBody: Decodable { let preset: String }

    func add(to router: RouterGroup<DeskContext>) {
        router.get("articles", use: list)
        router.post("articles", use: create)
        router.get("articles/:id", use: show)
        router.get("articles/:id/sentences", use: sentences)
        router.put("scale", use: useScale)
        router.get("exports/claimreview.json", use: claimReview)
    }

    func list(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let limit = try Query(request).int("limit").map { n in try HTTP.validated { () throws(DomainError) in try Validate.limit(n) } } ?? 100
        return try HTTP.json(try await pool.run { store in try store.articles(limit: limit, by: actor) })
    }

    func create(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let body = try await HTTP.decode(NewArticleBody.self, from: request, limit: limits.maxBodyBytes)
        let article = try HTTP.validated { () throws(DomainError) in
            NewArticle(url: try Validate.url(body.url),
                       title: try Validate.articleTitle(body.title),
                       outlet: try Validate.outlet(body.outlet),
                       byline: try Validate.byline(body.byline),
                       publishedOn: try body.publishedOn.map { s throws(DomainError) in try Validate.date(s, field: "published_on") },
                       body: body.text)
        }
        let stored = try await pool.run { store in try store.addArticle(article, by: actor) }
        return try HTTP.json(stored, status: .created, location: "/api/v1/articles/A-\(stored.id)")
    }

    func show(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let reference = try articleReference(context)
        return try HTTP.json(try await pool.run { store in try store.article(reference, by: actor) })
    }

    func sentences(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let reference = try articleReference(context)
        let found = try await pool.run { store in try store.sentences(ofArticle: reference, by: actor).sentences }
        return try HTTP.json(found.map { SentenceView(number: $0.number, paragraph: $0.paragraph, text: $0.text) })
    }

    func useScale(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let body = try await HTTP.decode(UseScaleBody.self, from: request, limit: limits.maxBodyBytes)
        let preset = try HTTP.validated { () throws(DomainError) in try RatingScale.preset(named: body.preset) }
        let scale = try await pool.run { store in
            try store.useScale(preset, by: actor)
            return try store.scale(by: actor)
        }
        return try HTTP.json(DeskController.ScaleView(name: scale.name, labels: scale.labels))
    }

    /// schema.org ClaimReview JSON-LD for every published verdict, as `export claimreview` writes it.
    func claimReview(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = Query(request)
        let (publisher, publisherURL) = try HTTP.validated { () throws(DomainError) in
            (try Validate.personName(query.text("publisher") ?? "", field: "publisher"),
             try Validate.url(query.text("publisher_url") ?? "", field: "publisher_url"))
        }
        let reviews = try await pool.run { store in
            try store.claimReviews(publisher: publisher, publisherURL: publisherURL, by: actor).reviews
        }
        return Response(status: .ok, headers: [.contentType: "application/ld+json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: try ClaimReviewJSON.encode(reviews))))
    }

    /// `A-3` or `3` from the path; anything else is a 404.
    private func articleReference(_ context: DeskContext) throws -> String {
        guard let text = context.parameters.get("id"),
              let number = Int64(text.hasPrefix("A-") ? String(text.dropFirst(2)) : text), number > 0
        else { throw ServiceError.notFound("no such article") }
        return "A-\(number)"
    }
}
