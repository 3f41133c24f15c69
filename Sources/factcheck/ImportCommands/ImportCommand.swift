import ArgumentParser
import FactCheckCore
import FactCheckStore
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring claims in from a spreadsheet.",
        discussion: """
            Example:
              factcheck import claims desk-sheet.csv --dry-run --as ed
            """,
        subcommands: [Claims.self]
    )

    struct Claims: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "claims",
            abstract: "Import claims from CSV or TSV, all or nothing.",
            discussion: """
                The header names the columns; the defaults are the export's: claim, claimant, said_on, \
                article_url, article_title, outlet, first_appearance_url, tags, priority, due_date, \
                assignee, and external_id (a stable key of your own). An export re-imports as is. \
                Admins may import an archive of checked claims: state, rating (a label of the active \
                scale or one of its aliases, such as politifact's barely-true and pants-fire), conclusion, \
                proposed_by, approved_by, approved_at, published_at, published_url. A date the archive \
                does not give stays unknown: nothing is made up. --map-rating LABEL=SCALE_LABEL reads \
                the file's own rating names (repeatable; SCALE_LABEL must be on the active scale).

                Every bad row is reported with its line number and nothing is written (exit 65). \
                Rows already stored (same external_id, or same text and claimant) are skipped, so \
                importing a file twice adds nothing the second time.

                Examples:
                  factcheck import claims desk-sheet.csv --map Statement=claim --map "Who said it=claimant" --dry-run --as ed
                  factcheck import claims archive-2025.tsv --as maria
                  factcheck import claims liar.tsv --map-rating "barely true=mostly-false" --map-rating fib=false --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV or TSV file.") var file: String
        @Flag(help: "Check everything, write nothing.") var dryRun = false
        @Option(help: ArgumentHelp("Read file column COLUMN as FIELD (repeatable).", valueName: "COLUMN=FIELD"))
        var map: [String] = []
        @Option(name: .customLong("map-rating"),
                help: ArgumentHelp("Read the file's rating LABEL as SCALE_LABEL, a label of the active scale (repeatable).",
                                   valueName: "LABEL=SCALE_LABEL"))
        var mapRating: [String] = []
        @Flag(help: "Tab-separated (the default for .tsv and .tab files).") var tsv = false
        @OptionGroup var output: OutputOptions

        func run() throws {
            var renames: [String: String] = [:]
            for pair in map {
                guard let (column, field) = ImportRequest.pair(pair) else {
                    throw CLIError.usage("--map \(pair) is not COLUMN=FIELD", hint: "e.g. --map Statement=claim")
                }
                renames[column] = field
            }
            let ratingPairs = try mapRating.map { pair -> (from: String, to: String) in
                guard let (from, to) = ImportRequest.pair(pair) else {
                    throw CLIError.usage("--map-rating \(pair) is not LABEL=SCALE_LABEL", hint: "e.g. --map-rating barely-true=mostly-false")
                }
                return (from, to)
            }
            let url = URL(fileURLWithPath: file)
            guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
                throw CLIError.fileUnreadable("cannot read \(file): no such file, or not readable")
            }
            let delimiter = tsv || ["tsv", "tab"].contains(url.pathExtension.lowercased())
                ? UInt8(ascii: "\t") : UInt8(ascii: ",")
            let session = try Session.open(global)
            let actor = try session.actor()
            let request = ImportRequest(fileName: url.lastPathComponent, delimiter: delimiter, renames: renames,
                                        ratingMap: ratingPairs, dryRun: dryRun)
            let progress = ProgressLine()
            let summary: ImportSummary
            do {
                summary = try data.withUnsafeBytes { raw in
                    try session.store.importFile(raw.bindMemory(to: UInt8.self), request, by: actor) { percent in
                        progress.show("checking: \(percent)%")
                    }
                }
                progress.finish()
            } catch StoreError.badRows(let rows) {
                progress.finish()
                report(rows)
                throw CLIError.badRows(rows)
            } catch StoreError.badFile(let message) {
                progress.finish()
                throw CLIError.badInput(message.hasPrefix(url.lastPathComponent) ? file + message.dropFirst(url.lastPathComponent.count) : message)
            }
            if output.format == .table {
                var line = summary.dryRun ? "dry run: \(file) would import \(summary.imported) claims"
                                          : "imported \(summary.imported) claims from \(file)"
                var notes: [String] = []
                if summary.alreadyStored > 0 { notes.append("\(summary.alreadyStored) already stored") }
                if !summary.duplicateLines.isEmpty {
                    notes.append("\(summary.duplicateLines.count) repeated in the file (lines "
                        + summary.duplicateLines.prefix(20).map(String.init).joined(separator: ", ")
                        + (summary.duplicateLines.count > 20 ? ", …" : "") + ")")
                }
                if summary.articlesCreated > 0 { notes.append("\(summary.articlesCreated) articles logged") }
                if !notes.isEmpty { line += " (" + notes.joined(separator: "; ") + ")" }
                print(line)
            } else if output.format == .json {
                try Output(format: .json).json(summary)
            } else {
                try Output(format: .csv).list([summary], columns: Claims.summaryColumns)
            }
        }

        static let summaryColumns: [Column<ImportSummary>] = [
            .plain("rows") { (s: ImportSummary) in String(s.rows) },
            .plain("imported") { (s: ImportSummary) in String(s.imported) },
            .plain("already_stored") { (s: ImportSummary) in String(s.alreadyStored) },
            .plain("duplicate_lines") { (s: ImportSummary) in s.duplicateLines.map(String.init).joined(separator: " ") },
            .plain("articles_created") { (s: ImportSummary) in String(s.articlesCreated) },
            .plain("dry_run") { (s: ImportSummary) in String(s.dryRun) },
        ]

        /// Every bad row, one line each, up to a screenful and then a count.
        private func report(_ rows: [RowProblems]) {
            var text = ""
            for row in rows.prefix(200) { text += "\(file): \(row)\n" }
            if rows.count > 200 { text += "\(file): … and \(rows.count - 200) more bad rows\n" }
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}

/// A domain refusal of the file's contents: bad input data (65), not a usage error.
func validatedInput<T>(_ body: () throws(DomainError) -> T) throws -> T {
    do { return try body() } catch { throw CLIError.badInput(error.description) }
}
