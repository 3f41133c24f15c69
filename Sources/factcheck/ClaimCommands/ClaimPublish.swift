import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ClaimCommand {
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Publish an approved verdict (editors).",
            discussion: """
                Example:
                  factcheck claim publish C-3 --url https://example.org/checks/summit-hours --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String
        @Option(help: ArgumentHelp("Where the fact-check was published.", valueName: "url")) var url: String?

        func run() throws {
            let number = try claimNumber(claim)
            let session = try Session.open(global)
            let stored = try session.store.move(number, .publish, by: try session.actor(), publishedURL: try validated { () throws(DomainError) in try self.url.map { s throws(DomainError) in try Validate.url(s, field: "--url") } })
            print("\(stored.id) is now \(stored.state.rawValue)")
        }
    }
}
