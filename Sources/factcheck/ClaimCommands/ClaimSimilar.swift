import Foundation
import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ClaimCommand {
    struct Similar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "similar",
            abstract: "Claims that read like a claim or a text: already checked?",
            discussion: """
                Similarity is PostgreSQL's trigram similarity (pg_trgm) of the normalised texts, 0 to 1. \
                On a desk of more than 5,000 claims, only claims found through the trigram index are \
                compared: those with any of the text's rare words, or with two of its commoner ones.

                Examples:
                  factcheck claim similar C-12 --as ana
                  factcheck claim similar "unemployment fell by half last year" --threshold 0.4 --as ana
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A claim (C-<n> or <n>) or a text.") var claimOrText: String
        @Option(help: "Least similarity shown, 0 to 1.") var threshold: Double = 0.3
        @Option(help: "At most this many.") var limit: Int = 10
        @OptionGroup var output: OutputOptions
        @Flag(help: .hidden) var explain = false

        func run() throws {
            _ = try validated { () throws(DomainError) in try Validate.similarityThreshold(self.threshold, field: "--threshold") }
            let limit = try validated { () throws(DomainError) in try Validate.limit(self.limit, field: "--limit") }
            let session = try Session.open(global)
            let actor = try session.actor()
            let number = try? ClaimNumber(parsing: claimOrText)
            let text = try number.map { try session.store.claimText($0, by: actor) } ?? claimOrText
            if explain { return print(try session.store.explainSimilar(to: text, by: actor)) }
            let similar = try session.store.similarClaims(to: text, excluding: number, threshold: threshold, limit: limit, by: actor)
            try Output(format: output.format).list(similar, columns: ClaimCommand.similarColumns)
        }
    }

    static let similarColumns: [Column<SimilarClaim>] = [
        .plain("claim_id", table: "id") { $0.id },
        .plain("similarity") { String(format: "%.2f", $0.similarity) },
        .plain("state") { $0.state.rawValue },
        .plain("rating") { $0.rating },
        .text("claim", width: 70) { $0.text },
        .text("claimant", width: 24) { $0.claimant },
    ]
}
