import ArgumentParser
import FactCheckCore
import FactCheckStore

struct VerdictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verdict",
        abstract: "Propose, approve or return verdicts (reviewers; four eyes).",
        discussion: """
            Example:
              factcheck verdict approve C-3 --as chen
            """,
        subcommands: [Propose.self, Approve.self, Return.self]
    )

    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "propose",
            abstract: "Propose a rating and conclusion for a claim under research.",
            discussion: """
                Needs at least one source that is not retracted. The rating is a label of the \
                active scale (factcheck scale show), or one of its aliases, which is stored as the \
                label it stands for (barely-true on the politifact scale is stored as mostly-false).

                Example:
                  factcheck verdict propose C-3 --rating false --conclusion "The talks lasted six hours, per the transcript." --as ben
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String
        @Option(help: "A label of the active scale, or one of its aliases.") var rating: String
        @Option(help: "The written conclusion.") var conclusion: String

        func run() throws {
            let number = try claimNumber(claim)
            let conclusion = try validated { () throws(DomainError) in try Validate.conclusion(self.conclusion, field: "--conclusion") }
            let session = try Session.open(global)
            let verdict = try session.store.propose(number, rating: rating, conclusion: conclusion, by: try session.actor())
            print("proposed V-\(verdict.id) \(verdict.rating) for \(verdict.claimId); it now needs another reviewer's approval")
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "Approve another reviewer's proposed verdict.",
            discussion: """
                Example:
                  factcheck verdict approve C-3 --as chen
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String
        @Option(help: "A note for the history.") var reason: String?

        func run() throws {
            let number = try claimNumber(claim)
            let note = try validated { () throws(DomainError) in try Validate.note(self.reason, field: "--reason") }
            let session = try Session.open(global)
            let verdict = try session.store.decide(number, .approve, reason: note, by: try session.actor())
            print("approved V-\(verdict.id) \(verdict.rating) for \(verdict.claimId)")
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return",
            abstract: "Return another reviewer's proposed verdict for more research.",
            discussion: """
                Example:
                  factcheck verdict return C-3 --reason "cite the official transcript, not the wire story" --as chen
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String
        @Option(help: "What is missing (required).") var reason: String

        func run() throws {
            let number = try claimNumber(claim)
            let reason = try validated { () throws(DomainError) in try Validate.reason(self.reason, field: "--reason") }
            let session = try Session.open(global)
            let verdict = try session.store.decide(number, .returnVerdict, reason: reason, by: try session.actor())
            print("returned V-\(verdict.id) of \(verdict.claimId) to research")
        }
    }
}
