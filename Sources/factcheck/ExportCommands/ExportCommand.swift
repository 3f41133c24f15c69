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

            Every export reads one snapshot and names it by its newest audit event ("as of audit \
            event N" on stderr with --out or --read-url). --read-url (or FACTCHECK_READ_URL) reads \
            from a replica instead; a replica that cancels the read for a conflict with recovery \
            gets one more try on a new snapshot.
            
            Examples:
              factcheck export claims --out claims.csv --excel --as maria
              factcheck export audit --read-url "host=replica.internal dbname=factcheck" --out audit.csv --as maria
            """,
        subcommands: [Claims.self, Sources.self, Audit.self, ClaimReviewExport.self]
    )
}

/// What every CSV export takes besides the claim filters.
struct ExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?
    @Flag(help: "Start with the UTF-8 byte-order mark, for Excel.") var excel = false
    @OptionGroup var read: ReadOptions
}

/// Where a read-only command may read: a replica.
struct ReadOptions: ParsableArguments {
    @Option(name: .customLong("read-url"),
            help: ArgumentHelp("Read from this database instead, e.g. a streaming replica (default: $FACTCHECK_READ_URL); libpq's target_session_attrs=prefer-standby works.", valueName: "url"))
    var readURL: String?
}

/// Runs one CSV export: the file, the stream (the store checks the permission), the summary line.
func runExport(_ global: GlobalOptions, _ filters: ClaimFilterOptions, _ options: ExportOptions, noun: String,
               _ stream: (Store, ClaimFilter, Actor, @escaping () throws -> Bool, (UnsafeRawBufferPointer) throws -> Void) throws -> ExportSnapshot) throws {
    let filter = try filters.filter()
    let session = try Session.open(global, readURL: options.read.readURL)
    let actor = try session.actor()
    let file = try ReportFile(path: options.out, excel: options.excel, noun: noun)
    do {
        let snapshot = try stream(session.store, filter, actor, { file.restart() }) { try file.write($0) }
        try file.finish()
        if snapshot.retried {
            FileHandle.standardError.write(Data("note: the standby cancelled the first read (a conflict with recovery); the export ran again on a newer snapshot\n".utf8))
        }
        if let summary = exportSummary(rows: snapshot.rows, noun: noun, out: options.out, session: session,
                                       auditSequence: snapshot.auditSequence) {
            FileHandle.standardError.write(Data((summary + "\n").utf8))
        }
    } catch {
        file.abandon()
        throw error
    }
}

/// "exported 3 claims to F, as of audit event 41", with where it was read when that was a read
/// URL; nil for an export to stdout from the database itself (stdout is the data).
func exportSummary(rows: Int, noun: String, out: String?, session: Session, auditSequence: Int64) -> String? {
    let replica = session.readsElsewhere
    guard out != nil || replica else { return nil }
    var line = "exported \(rows) \(noun)"
    if let out { line += " to \(out)" }
    if replica { line += " from \(session.store.location.origin.rawValue) (\(session.store.location.redacted))" }
    return line + ", as of audit event \(auditSequence)"
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
            try runExport(global, filters, options, noun: "claims") { try $0.exportClaims($1, by: $2, restart: $3, $4) }
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
            try runExport(global, filters, options, noun: "sources") { try $0.exportSources($1, by: $2, restart: $3, $4) }
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
            try runExport(global, filters, options, noun: "events") { try $0.exportAudit($1, by: $2, restart: $3, $4) }
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
        @OptionGroup var read: ReadOptions

        func run() throws {
            let (publisher, publisherURL) = try validated { () throws(DomainError) in
                (try Validate.personName(self.publisher, field: "--publisher"),
                 try Validate.url(self.publisherURL, field: "--publisher-url"))
            }
            let session = try Session.open(global, readURL: read.readURL)
            let actor = try session.actor()
            let (reviews, auditSequence) = try session.store.claimReviews(
                publisher: publisher, publisherURL: publisherURL, by: actor)
            let file = try ReportFile(path: out, excel: false, noun: "reviews")
            do {
                try file.write(try ClaimReviewJSON.encode(reviews))
                try file.finish()
            } catch {
                file.abandon()
                throw error
            }
            if let summary = exportSummary(rows: reviews.count, noun: "ClaimReviews", out: out, session: session,
                                           auditSequence: auditSequence) {
                FileHandle.standardError.write(Data((summary + "\n").utf8))
            }
        }
    }
}
