import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ArticleCommand {
    struct Candidates: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "candidates",
            abstract: "List an article's sentences ranked by check-worthiness.",
            discussion: """
                Reads the text kept by article add --text-file and scores each sentence by the \
                features of a checkable claim, each counted once: \(featureList). With --format json \
                every feature that fired is explained, with the words that fired it.

                Sentences scoring zero or less are left out; ties keep the article's order. The same \
                text always gives the same numbers and the same ranking. Log a sentence as a claim \
                by its number: factcheck claim add --from-article A-1 --sentence N --claimant WHO

                Example:
                  factcheck article candidates A-1 --limit 5 --as ana
                """
        )
        /// "figure +3, comparison +2, …, opinion -2".
        static let featureList = Feature.allCases.map { feature in
            "\(feature.name) \(feature.weight > 0 ? "+" : "")\(feature.weight)"
        }.joined(separator: ", ")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A-<n>, <n> or the url.") var article: String
        @Option(help: "At most this many, best first.") var limit: Int = 20
        @OptionGroup var output: OutputOptions

        static let columns: [Column<CandidateRow>] = [
            .plain("number") { String($0.number) },
            .plain("score") { String($0.score) },
            .plain("features") { $0.features.map(\.name).joined(separator: ",") },
            .text("sentence", width: 80) { $0.sentence },
        ]

        func run() throws {
            guard limit >= 1 else { throw CLIError.usage("--limit \(limit) is not a positive number", hint: nil) }
            let session = try Session.open(global)
            let actor = try session.actor()
            let text = try session.store.keptText(ofArticle: article, by: actor).text
            let rows = CheckWorthiness.candidates(in: text).prefix(limit).map(CandidateRow.init)
            try Output(format: output.format).list(rows, columns: Self.columns)
        }
    }
}

/// One ranked sentence as `article candidates` prints it; the JSON field names are stable.
struct CandidateRow: Encodable {
    /// What `claim add --from-article ID --sentence N` takes.
    let number: Int
    let score: Int
    let sentence: String
    let paragraph: Int
    let features: [FeatureRow]

    struct FeatureRow: Encodable {
        let name: String
        let explanation: String
        let weight: Int
        /// The words of the sentence that made the feature fire.
        let matched: String
    }

    init(_ candidate: Candidate) {
        number = candidate.sentence.number
        score = candidate.score
        sentence = candidate.sentence.text
        paragraph = candidate.sentence.paragraph
        features = candidate.signals.map {
            FeatureRow(name: $0.feature.name, explanation: $0.feature.explanation, weight: $0.feature.weight,
                       matched: $0.evidence)
        }
    }
}

