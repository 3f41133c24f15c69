import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ClaimCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Log a checkable claim, verbatim (editors).",
            discussion: """
                A claim whose text matches one already logged (ignoring case, spacing and \
                punctuation) is refused with that claim's number.

                Example:
                  factcheck claim add "The talks lasted eleven hours." --claimant "Foreign Minister Lena Hart" \\
                    --article A-1 --said-on 2026-11-20 --tag diplomacy --priority high --due 2026-11-24 --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The claim, verbatim.") var text: String
        @Option(help: "Who made the claim.") var claimant: String
        @Option(help: ArgumentHelp("The article it was found in.", valueName: "A-n|url")) var article: String?
        @Option(name: .customLong("said-on"), help: ArgumentHelp("When it was said.", valueName: "YYYY-MM-DD"))
        var saidOn: String?
        @Option(help: ArgumentHelp("Another place it appeared; the first given is its first appearance.", valueName: "url"))
        var appearance: [String] = []
        @Option(help: "A tag (repeatable).") var tag: [String] = []
        @Option(help: "low, normal, high or urgent.") var priority: String = "normal"
        @Option(help: ArgumentHelp("Due date.", valueName: "YYYY-MM-DD")) var due: String?
        @OptionGroup var output: OutputOptions

        func run() throws {
            let claim = try validated { () throws(DomainError) in
                NewClaim(
                    text: try Validate.claimText(self.text),
                    claimant: try Validate.claimant(self.claimant, field: "--claimant"),
                    article: self.article,
                    saidOn: try self.saidOn.map { s throws(DomainError) in try Validate.date(s, field: "--said-on") },
                    appearances: try self.appearance.map { s throws(DomainError) in try Validate.url(s, field: "--appearance") },
                    tags: try Validate.tags(self.tag, field: "--tag"),
                    priority: try Validate.priority(self.priority, field: "--priority"),
                    dueOn: try self.due.map { s throws(DomainError) in try Validate.date(s, field: "--due") })
            }
            let session = try Session.open(global)
            let stored = try session.store.addClaim(claim, by: try session.actor())
            if output.format == .table {
                print("logged \(stored.id): \(stored.text)")
            } else {
                try Output(format: output.format).list([stored], columns: ClaimCommand.columns)
            }
        }
    }
}
