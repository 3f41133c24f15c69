import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ClaimCommand {
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Start research on a claim (reviewers); you become its assignee if it has none.",
            discussion: """
                Example:
                  factcheck claim start C-3 --as ben
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String


        func run() throws {
            let number = try claimNumber(claim)
            let session = try Session.open(global)
            let stored = try session.store.move(number, .start, by: try session.actor())
            print("\(stored.id) is now \(stored.state.rawValue)")
        }
    }
}
