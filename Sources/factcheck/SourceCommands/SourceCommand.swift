import ArgumentParser
import FactCheckCore
import FactCheckStore

struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Attach, list and retract the evidence for a claim (reviewers).",
        discussion: """
            Example:
              factcheck source add C-3 --url https://example.gov/transcript --kind transcript --stance refutes --as ben
            """,
        subcommands: [Add.self, List.self, Retract.self]
    )

    static let columns: [Column<SourceRecord>] = [
        .plain("source_id", table: "id") { $0.id },
        .plain("claim_id", table: "claim") { $0.claimId },
        .plain("stance") { $0.stance.rawValue },
        .plain("kind") { $0.kind.rawValue },
        .text("title", width: 40) { $0.title },
        .text("publisher") { $0.publisher },
        .plain("url") { $0.url },
        .plain("accessed_on") { $0.accessedOn },
        .plain("archived_url") { $0.archivedUrl },
        .text("note") { $0.note },
        .plain("added_by") { $0.addedBy },
        .plain("retracted") { $0.retracted ? "yes" : "no" },
        .text("retraction_reason") { $0.retractionReason },
    ]

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Attach a source to a claim.",
            discussion: """
                Kinds: primary_document, official_data, transcript, interview, expert, news_report, other.
                Stances: supports, refutes, context.

                Example:
                  factcheck source add C-3 --url https://example.gov/transcript --title "Press conference transcript" \\
                    --publisher "Foreign Ministry" --kind transcript --stance refutes --accessed 2026-11-21 --as ben
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String
        @Option(help: "The source's address.") var url: String
        @Option(help: "Its title.") var title: String?
        @Option(help: "Who published it.") var publisher: String?
        @Option(help: "What kind of evidence it is.") var kind: String = "other"
        @Option(help: "supports, refutes or context.") var stance: String = "context"
        @Option(help: ArgumentHelp("When it was read.", valueName: "YYYY-MM-DD")) var accessed: String?
        @Option(name: .customLong("archived-url"), help: "An archived copy.") var archivedURL: String?
        @Option(help: "A note for the reviewers.") var note: String?
        @OptionGroup var output: OutputOptions

        func run() throws {
            let number = try claimNumber(claim)
            let source = try validated { () throws(DomainError) in
                NewSource(url: try Validate.url(self.url, field: "--url"),
                          title: try Validate.sourceTitle(self.title, field: "--title"),
                          publisher: try Validate.publisher(self.publisher, field: "--publisher"),
                          kind: try Validate.sourceKind(self.kind, field: "--kind"),
                          stance: try Validate.stance(self.stance, field: "--stance"),
                          accessedOn: try self.accessed.map { s throws(DomainError) in try Validate.date(s, field: "--accessed") },
                          archivedURL: try self.archivedURL.map { s throws(DomainError) in try Validate.url(s, field: "--archived-url") },
                          note: try Validate.sourceNote(self.note, field: "--note"))
            }
            let session = try Session.open(global)
            let stored = try session.store.addSource(to: number, source, by: try session.actor())
            if output.format == .table {
                print("added \(stored.id) to \(stored.claimId)")
            } else {
                try Output(format: output.format).list([stored], columns: SourceCommand.columns)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List a claim's sources, retracted ones included.",
            discussion: """
                Example:
                  factcheck source list C-3 --as ben
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String
        @OptionGroup var output: OutputOptions

        func run() throws {
            let number = try claimNumber(claim)
            let session = try Session.open(global)
            let actor = try session.actor()
            try Output(format: output.format).list(try session.store.sources(of: number, by: actor), columns: SourceCommand.columns)
        }
    }

    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retract",
            abstract: "Retract a source; it stays in the record, marked retracted.",
            discussion: """
                Example:
                  factcheck source retract S-2 --reason "the page was a parody site" --as ben
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "S-<n> or <n>.") var source: String
        @Option(help: "Why (required).") var reason: String

        func run() throws {
            let (number, reason) = try validated { () throws(DomainError) in
                (try SourceNumber(parsing: self.source), try Validate.reason(self.reason, field: "--reason"))
            }
            let session = try Session.open(global)
            let stored = try session.store.retractSource(number, reason: reason, by: try session.actor())
            print("retracted \(stored.id) of \(stored.claimId)")
        }
    }
}
