import DeskViews
import ArgumentParser
import FactCheckStore

extension DBCommand {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show applied, pending and edited migrations.",
            discussion: """
                Exits 1 when the schema is not up to date. Lists the claims that repeat an \
                earlier claim's text (kept, and marked as duplicates), with the command that \
                resolves each.

                Example:
                  factcheck db status --format json
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let session = try Session.open(global, checkSchema: false)
            let status = try session.store.migrator.status()
            let duplicates = try session.store.markedDuplicates()
            let out = Output(format: output.format)
            switch output.format {
            case .json:
                try out.json(StatusReport(database: session.store.location.redacted, upToDate: status.isCurrent,
                                          migrations: status.entries.map(StatusReport.Entry.init),
                                          duplicates: duplicates))
            default:
                if output.format == .table { print("database: \(session.store.location.redacted)") }
                try out.list(status.entries, columns: [
                    .plain("version") { String(format: "V%04d", $0.version) },
                    .plain("name") { $0.name },
                    .plain("state") { $0.state.rawValue },
                    .plain("applied_at") { $0.appliedAt?.short },
                    .plain("applied_by") { $0.appliedBy },
                    .plain("ms") { $0.executionMilliseconds.map(String.init) },
                ])
                if output.format == .table {
                    print(status.isCurrent ? "schema is up to date" : "schema is NOT up to date: run factcheck db migrate")
                    DBCommand.printDuplicates(duplicates)
                }
            }
            if !status.isCurrent { throw ExitCode(1) }
        }
    }
}

private struct StatusReport: Encodable {
    struct Entry: Encodable {
        let version: Int, name: String, state: String, appliedAt: String?, appliedBy: String?, executionMs: Int?
        init(_ e: MigrationStatus.Entry) {
            version = e.version; name = e.name; state = e.state.rawValue; appliedAt = e.appliedAt?.iso
            appliedBy = e.appliedBy; executionMs = e.executionMilliseconds
        }
    }
    let database: String
    let upToDate: Bool
    let migrations: [Entry]
    /// Claims marked as repeating an earlier claim's text, not yet rejected.
    let duplicates: [MarkedDuplicate]
}

