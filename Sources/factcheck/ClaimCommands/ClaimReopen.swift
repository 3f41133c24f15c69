import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ClaimCommand {
    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reopen",
            abstract: "Reopen a published claim for a correction, or a rejected one (editors).",
            discussion: """
                Example:
                  factcheck claim reopen C-3 --reason "the ministry revised its figures" --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String
        @Option(help: "Why (required; kept in the history).") var reason: String

        func run() throws {
            let number = try claimNumber(claim)
            let session = try Session.open(global)
            let stored = try session.store.move(number, .reopen, by: try session.actor(), reason: try validated { () throws(DomainError) in try Validate.reason(self.reason, field: "--reason") })
            print("\(stored.id) is now \(stored.state.rawValue)")
        }
    }
}
