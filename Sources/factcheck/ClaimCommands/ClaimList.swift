import ArgumentParser
import FactCheckCore
import FactCheckStore
import Foundation

extension ClaimCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List claims, newest first, with filters.",
            discussion: """
                Examples:
                  factcheck claim list --state researching --assignee ben --as maria
                  factcheck claim list --search "summit hours" --format json --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filters: ClaimFilterOptions
        @OptionGroup var output: OutputOptions
        @Flag(help: .hidden) var explain = false

        func run() throws {
            let filter = try filters.filter()
            let session = try Session.open(global)
            let actor = try session.actor()
            if explain { return print(try session.store.explainClaims(filter, by: actor)) }
            let claims = try session.store.claims(filter, by: actor)
            try Output(format: output.format).list(claims, columns: ClaimCommand.columns)
            if output.format == .table, claims.count == filter.limit {
                FileHandle.standardError.write(Data("(the first \(claims.count) shown; --limit N for more)\n".utf8))
            }
        }
    }
}

/// The filters of `claim list`, shared with the exports.
struct ClaimFilterOptions: ParsableArguments {
    @Option(help: "logged, researching, in_review, approved, published or rejected.") var state: String?
    @Option(help: "Assigned to this user.") var assignee: String?
    @Option(help: "Carrying this tag.") var tag: String?
    @Option(help: "Made by this claimant (exact, any case).") var claimant: String?
    @Option(help: "Current verdict has this rating.") var rating: String?
    @Option(help: ArgumentHelp("Logged on or after.", valueName: "YYYY-MM-DD")) var since: String?
    @Option(help: ArgumentHelp("Logged on or before.", valueName: "YYYY-MM-DD")) var until: String?
    @Option(help: "Words in the claim or claimant (full-text).") var search: String?
    @Option(help: "At most this many (default 100).") var limit: Int = 100

    func filter() throws -> ClaimFilter {
        try validated { () throws(DomainError) in
            ClaimFilter(
                state: try self.state.map { s throws(DomainError) in try Validate.state(s, field: "--state") },
                assignee: self.assignee, tag: try self.tag.map { s throws(DomainError) in try Validate.tag(s, field: "--tag") },
                claimant: self.claimant, rating: self.rating?.lowercased(),
                since: try self.since.map { s throws(DomainError) in try Validate.date(s, field: "--since") },
                until: try self.until.map { s throws(DomainError) in try Validate.date(s, field: "--until") },
                search: self.search, limit: try Validate.limit(self.limit, field: "--limit"))
        }
    }
}
