import ArgumentParser
import DeskViews
import FactCheckCore
import FactCheckStore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Reports as CSV (claims, sources, audit) or ClaimReview JSON-LD.",
        discussion: """
            CSV per RFC 4180, UTF-8, with a header row; text cells a spreadsheet would run as a \
            formula get a leading apostrophe. Rows stream from PostgreSQL's COPY: no row cap.
            
            Example:
              factcheck export claims --out claims.csv --excel --as maria
            """,
        subcommands: [Claims.self, Sources.self, Audit.self, ClaimReviewExport.self]
    )
}

/// What every CSV export takes besides the claim filters.
struct ExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?
    @Flag(help: "Start with the UTF-8 byte-order mark, for Excel.") var excel = false
}

/// Runs one CSV export: the file, the stream (the store checks the permission), the summary line.
func runExport(_ global: GlobalOptions, _ filters: ClaimFilterOptions, _ options: ExportOptions, noun: String,
               _ stream: (Store, ClaimFilter, Actor, (UnsafeRawBufferPointer) throws -> Void) throws -> Int) throws {
    let filter = try filters.filter()
    let session = try Session.open(global)
    let actor = try session.actor()
    let file = try ReportFile(path: options.out, excel: options.excel, noun: noun)
    do {
        let rows = try stream(session.store, filter, actor) { try file.write($0) }
        try file.finish()
        if let out = options.out {
            FileHandle.standardError.write(Data("exported \(rows) \(noun) to \(out)\n".utf8))
        }
    } catch {
        file.abandon()
        throw error
    }
}

extension ExportCommand {
    struct Claims: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "claims",
            abstract: "One row per claim, with its current verdict.",
            discussion: """
                Columns: claim_id, state, claim, claimant, said_on, article_url, article_title, outlet, \
                first_appearance_url, tags, priority, assignee, due_date, rating, conclusion, proposed_by, \
                approved_by, approved_at, published_at, published_url, sources, created_by, created_at, updated_at.

                Example:
                  factcheck export claims --state published --since 2026-01-01 --out published.csv --excel --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filters: ClaimFilterOptions
        @OptionGroup var options: ExportOptions
        @Flag(help: .hidden) var printQuery = false

        func run() throws {
            // For Scripts/bench: the same query, to time psql's \copy against.
            if printQuery { return print(Store.claimExportQuery(try filters.filter()).rendered().text) }
            try runExport(global, filters, options, noun: "claims") { try $0.exportClaims($1, by: $2, $3) }
        }
    }

    struct Sources: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sources",
            abstract: "One row per source of the matching claims, retracted ones included.",
            discussion: """
                Columns: source_id, claim_id, url, title, publisher, kind, stance, accessed_on, archived_url, \
                note, added_by, added_at, retracted, retracted_by, retracted_at, retraction_reason.

                Example:
                  factcheck export sources --tag elections --out sources.csv --as ben
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filters: ClaimFilterOptions
        @OptionGroup var options: ExportOptions

        func run() throws {
            try runExport(global, filters, options, noun: "sources") { try $0.exportSources($1, by: $2, $3) }
        }
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "One row per audit event: all of them, or those of the matching claims.",
            discussion: """
                Columns: event_id, occurred_at, actor, db_role, action, claim_id, object, before, after, \
                stream, seq, prev_hash, hash.

                Example:
                  factcheck export audit --out audit.csv --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filters: ClaimFilterOptions
        @OptionGroup var options: ExportOptions

        func run() throws {
            try runExport(global, filters, options, noun: "events") { try $0.exportAudit($1, by: $2, $3) }
        }
    }

    struct ClaimReviewExport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "claimreview",
            abstract: "schema.org ClaimReview JSON-LD for every published verdict.",
            discussion: """
                Example:
                  factcheck export claimreview --publisher "The Northern Ledger" \\
                    --publisher-url https://northern-ledger.example --out claimreview.json --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The fact-checking organisation's name.") var publisher: String
        @Option(name: .customLong("publisher-url"), help: "Its web address.") var publisherURL: String
        @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?

        func run() throws {
            let (publisher, publisherURL) = try validated { () throws(DomainError) in
                (try Validate.personName(self.publisher, field: "--publisher"),
                 try Validate.url(self.publisherURL, field: "--publisher-url"))
            }
            let session = try Session.open(global)
            let actor = try session.actor()
            let reviews = try session.store.claimReviews(publisher: publisher, publisherURL: publisherURL, by: actor)
            let file = try ReportFile(path: out, excel: false, noun: "reviews")
            do {
                try file.write(try ClaimReviewJSON.encode(reviews))
                try file.finish()
            } catch {
                file.abandon()
                throw error
            }
            if let out { FileHandle.standardError.write(Data("exported \(reviews.count) ClaimReviews to \(out)\n".utf8)) }
        }
    }
}
