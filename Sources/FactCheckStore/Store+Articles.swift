import FactCheckCore
import Foundation
import Postgres

/// A new article as the editor describes it; validated by the domain before it gets here.
public struct NewArticle: Sendable {
    public var url: String
    public var title: String?
    public var outlet: String?
    public var byline: String?
    public var publishedOn: CalendarDate?
    public var body: String?
    public init(url: String, title: String? = nil, outlet: String? = nil, byline: String? = nil,
                publishedOn: CalendarDate? = nil, body: String? = nil) {
        self.url = url; self.title = title; self.outlet = outlet; self.byline = byline
        self.publishedOn = publishedOn; self.body = body
    }
}

extension Store {
    public func addArticle(_ article: NewArticle, by actor: Actor) throws -> ArticleRecord {
        try Permissions.check(actor, .addArticle)
        let url = UniqueKey.articleURL(article.url)
        return try transaction(writing: [url]) { conn in
            if let taken = try url.collision(conn) { throw taken }
            let id: Int64 = try conn.query("""
                INSERT INTO articles (desk_id, url, title, outlet, byline, published_on, body, created_by)
                VALUES (\(actor.desk), \(article.url), \(article.title), \(article.outlet), \(article.byline),
                        \(article.publishedOn?.description)::date, \(article.body), \(actor.handle))
                RETURNING id
                """).first!.require("id")
            try audit(conn, actor: actor, action: "article.logged", stream: "article:\(id)", object: "article:\(id)",
                      after: AuditPayload([
                        "url": .text(article.url), "title": .text(article.title), "outlet": .text(article.outlet),
                        "byline": .text(article.byline), "published_on": .text(article.publishedOn?.description),
                        "text_characters": .number(article.body.map { Int64($0.count) }),
                      ]))
            return try self.article(id: id, conn)!
        }
    }

    public func articles(limit: Int = 100, by actor: Actor) throws -> [ArticleRecord] {
        try read(by: actor) { conn in
            try conn.query("\(Store.articleSelect) ORDER BY a.id DESC LIMIT \(limit)").map(ArticleRecord.init(row:))
        }
    }

    /// An article by number (`A-3`, `3`) or by url.
    public func article(_ reference: String, by actor: Actor) throws -> ArticleRecord {
        try read(by: actor) { conn in try article(id: try articleId(reference, conn), conn)! }
    }

    /// The article's kept text, if it has one.
    public func articleText(id: Int64, by actor: Actor) throws -> String? {
        try read(by: actor) { conn in try conn.query("SELECT body FROM articles WHERE id = \(id)").first?["body"] }
    }

    /// The article and the sentences of its kept text, numbered as `claim add --from-article
    /// --sentence N` and the API's `sentence` take them; an article logged without its text
    /// is refused (`StoreError.noKeptText`).
    public func sentences(ofArticle reference: String, by actor: Actor) throws -> (article: ArticleRecord, sentences: [Sentence]) {
        let (article, text) = try keptText(ofArticle: reference, by: actor)
        return (article, Sentences.split(text))
    }

    /// The article and its kept text; refused for an article logged without one.
    public func keptText(ofArticle reference: String, by actor: Actor) throws -> (article: ArticleRecord, text: String) {
        let article = try self.article(reference, by: actor)
        guard let text = try articleText(id: article.id, by: actor) else { throw StoreError.noKeptText(article: article.id) }
        return (article, text)
    }

    /// Sentence `number` of the article's kept text: what an editor logs with "log this sentence".
    public func sentence(_ number: Int, ofArticle reference: String, by actor: Actor) throws -> (article: ArticleRecord, sentence: Sentence) {
        let (article, sentences) = try self.sentences(ofArticle: reference, by: actor)
        guard let found = sentences.first(where: { $0.number == number }) else {
            throw StoreError.noSuchSentence(article: article.id, asked: number, count: sentences.count)
        }
        return (article, found)
    }

    /// The id an article reference (`A-3`, `3` or its url) names.
    func articleId(_ reference: String, _ conn: Connection) throws -> Int64 {
        let trimmed = reference.trimming(.whitespaces)
        let rows: Rows
        if let id = Int64(trimmed.hasPrefix("A-") ? String(trimmed.dropFirst(2)) : trimmed) {
            rows = try conn.query("SELECT id FROM articles WHERE id = \(id)")
        } else {
            rows = try conn.query("SELECT id FROM articles WHERE url = \(trimmed)")
        }
        guard let id: Int64 = try rows.first?.decode("id") else {
            throw StoreError.notFound("no article \(reference)")
        }
        return id
    }

    func article(id: Int64, _ conn: Connection) throws -> ArticleRecord? {
        try conn.query("\(Store.articleSelect) WHERE a.id = \(id)").first.map(ArticleRecord.init(row:))
    }

    static let articleSelect: SQL = """
        SELECT a.id, a.url, a.title, a.outlet, a.byline, a.published_on::text AS published_on,
               a.body IS NOT NULL AS has_text, a.created_by, a.created_at,
               (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claim_count
        FROM articles a
        """
}

extension ArticleRecord {
    init(row: Row) throws {
        self.init(id: try row.require("id"), url: try row.require("url"), title: try row.decode("title"),
                  outlet: try row.decode("outlet"), byline: try row.decode("byline"),
                  publishedOn: try row.decode("published_on"), hasText: try row.require("has_text"),
                  claimCount: try row.require("claim_count"), createdBy: try row.require("created_by"),
                  createdAt: try row.require("created_at"))
    }
}
