import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ClaimCommand {
    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject",
            abstract: "Reject a claim as not checkable (editors).",
            discussion: """
                Example:
                  factcheck claim reject C-4 --reason "opinion, not a checkable fact" --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String
        @Option(help: "Why (required; kept in the history).") var reason: String

        func run() throws {
            let number = try claimNumber(claim)
            let session = try Session.open(global)
            let stored = try session.store.move(number, .reject, by: try session.actor(), reason: try validated { () throws(DomainError) in try Validate.reason(self.reason, field: "--reason") })
            print("\(stored.id) is now \(stored.state.rawValue)")
        }
    }
}
