import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ClaimCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct a claim's details (editors); not once published or rejected.",
            discussion: """
                --tag replaces the claim's tags with those given. While a verdict is proposed or \
                approved, the text, claimant and date said are what it was reached on: only tags, \
                priority and due date may change (verdict return, or claim reopen after \
                publication, comes first).

                Example:
                  factcheck claim edit C-3 --priority urgent --due 2026-11-22 --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String
        @Option(help: "The claim's text.") var text: String?
        @Option(help: "Who made the claim.") var claimant: String?
        @Option(help: "A tag (repeatable; replaces the tags).") var tag: [String] = []
        @Option(help: "low, normal, high or urgent.") var priority: String?
        @Option(help: ArgumentHelp("Due date.", valueName: "YYYY-MM-DD")) var due: String?
        @Option(name: .customLong("said-on"), help: ArgumentHelp("When it was said.", valueName: "YYYY-MM-DD"))
        var saidOn: String?

        func run() throws {
            let number = try claimNumber(claim)
            let edit = try validated { () throws(DomainError) in
                ClaimEdit(
                    text: try self.text.map { s throws(DomainError) in try Validate.claimText(s, field: "--text") },
                    claimant: try self.claimant.map { s throws(DomainError) in try Validate.claimant(s, field: "--claimant") },
                    tags: self.tag.isEmpty ? nil : try Validate.tags(self.tag, field: "--tag"),
                    priority: try self.priority.map { s throws(DomainError) in try Validate.priority(s, field: "--priority") },
                    dueOn: try self.due.map { s throws(DomainError) in try Validate.date(s, field: "--due") },
                    saidOn: try self.saidOn.map { s throws(DomainError) in try Validate.date(s, field: "--said-on") })
            }
            guard !edit.isEmpty else {
                throw CLIError.usage("nothing to change", hint: "give at least one of --text, --claimant, --tag, --priority, --due, --said-on")
            }
            let session = try Session.open(global)
            let stored = try session.store.editClaim(number, edit, by: try session.actor())
            print("edited \(stored.id)")
        }
    }
}
