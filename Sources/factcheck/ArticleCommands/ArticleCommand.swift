import DeskViews
import ArgumentParser
import FactCheckCore
import FactCheckStore
import Foundation

struct ArticleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "article",
        abstract: "Log the articles where claims were found.",
        discussion: """
            Example:
              factcheck article add --url https://example.org/summit --title "Summit ends" --as ed
            """,
        subcommands: [Add.self, List.self, Show.self, Candidates.self, Features.self]
    )

    static let columns: [Column<ArticleRecord>] = [
        .plain("id") { "A-\($0.id)" },
        .plain("url") { $0.url },
        .text("title", width: 50) { $0.title },
        .text("outlet") { $0.outlet },
        .text("byline") { $0.byline },
        .plain("published_on") { $0.publishedOn },
        .plain("claims") { String($0.claimCount) },
        .plain("has_text") { $0.hasText ? "yes" : "no" },
        .plain("created_by") { $0.createdBy },
    ]

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Log an article (editors).",
            discussion: """
                Example:
                  factcheck article add --url https://example.org/summit --title "Summit ends" \\
                    --outlet "The Daily" --published 2026-11-20 --text-file summit.txt --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The article's address (unique).") var url: String
        @Option(help: "Headline.") var title: String?
        @Option(help: "Publication.") var outlet: String?
        @Option(help: "Author(s).") var byline: String?
        @Option(help: ArgumentHelp("Publication date.", valueName: "YYYY-MM-DD")) var published: String?
        @Option(help: ArgumentHelp("Keep the article's full text from this UTF-8 file.", valueName: "file"))
        var textFile: String?
        @OptionGroup var output: OutputOptions

        func run() throws {
            let article = try validated { () throws(DomainError) in
                NewArticle(url: try Validate.url(self.url),
                           title: try Validate.articleTitle(self.title, field: "--title"),
                           outlet: try Validate.outlet(self.outlet, field: "--outlet"),
                           byline: try Validate.byline(self.byline, field: "--byline"),
                           publishedOn: try self.published.map { s throws(DomainError) in try Validate.date(s, field: "--published") })
            }
            var withText = article
            if let textFile { withText.body = try readText(textFile) }
            let session = try Session.open(global)
            let stored = try session.store.addArticle(withText, by: try session.actor())
            if output.format == .table {
                print("logged A-\(stored.id) \(stored.url)")
            } else {
                try Output(format: output.format).list([stored], columns: ArticleCommand.columns)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List logged articles, newest first.",
            discussion: """
                Example:
                  factcheck article list --as ana
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "At most this many.") var limit: Int = 100
        @OptionGroup var output: OutputOptions

        func run() throws {
            let session = try Session.open(global)
            let actor = try session.actor()
            try Output(format: output.format).list(try session.store.articles(limit: limit, by: actor), columns: ArticleCommand.columns)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one article by number (A-3 or 3) or url.",
            discussion: """
                Example:
                  factcheck article show A-1 --as ana
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A-<n>, <n> or the url.") var article: String
        @OptionGroup var output: OutputOptions

        func run() throws {
            let session = try Session.open(global)
            let actor = try session.actor()
            let found = try session.store.article(article, by: actor)
            guard output.format == .table else {
                return try Output(format: output.format).list([found], columns: ArticleCommand.columns)
            }
            var fields = Fields()
            fields.add("article", "A-\(found.id)")
            fields.add("url", found.url)
            fields.add("title", found.title)
            fields.add("outlet", found.outlet)
            fields.add("byline", found.byline)
            fields.add("published", found.publishedOn)
            fields.add("claims", String(found.claimCount))
            fields.add("text", found.hasText ? "kept" : "not kept")
            fields.add("logged", "\(found.createdAt.short) by \(found.createdBy)")
            print(fields.rendered(), terminator: "")
        }
    }
}

/// Reads a UTF-8 text file named on the command line; a missing file exits 66, bad UTF-8 65.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIError.fileUnreadable("cannot read \(path): no such file, or not readable")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw CLIError.badInput("\(path) is not valid UTF-8 text")
    }
    return text
}
