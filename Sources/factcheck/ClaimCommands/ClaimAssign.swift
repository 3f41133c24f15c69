import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ClaimCommand {
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: "Assign or reassign a claim to a reviewer (editors).",
            discussion: """
                Allowed in every state but published and rejected.

                Example:
                  factcheck claim assign C-3 ben --note "you covered the last summit" --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String
        @Argument(help: "The reviewer's handle.") var user: String
        @Option(help: "Why, for the history.") var note: String?

        func run() throws {
            let number = try claimNumber(claim)
            let note = try validated { () throws(DomainError) in try Validate.note(self.note, field: "--note") }
            let session = try Session.open(global)
            let stored = try session.store.assign(number, to: Validate.handleReference(user),
                                                  note: note, by: try session.actor())
            print("assigned \(stored.id) to \(stored.assignee ?? user)")
        }
    }
}
