import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ArticleCommand {
    struct Candidates: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "candidates",
            abstract: "List an article's sentences ranked by check-worthiness.",
            discussion: """
                Reads the text kept by article add --text-file, cuts it into sentences (headline, byline, \
                dateline and the site's boilerplate left out) and scores every sentence with the learned \
                model compiled into factcheck: a logistic regression over the sentence's words and \
                character n-grams and its explained features (\(featureList)), trained on labelled \
                debate sentences (ClaimBuster, CheckThat! 2019) and calibrated so that the score reads as \
                the chance, 0 to 1, that a desk would check it; 0.5 and above reads as check-worthy.

                Every sentence is listed, best first (ties keep the article's order); --min-score cuts. \
                Each comes with its strongest reasons in words (the features that fired, with the words \
                that fired them, and the learned phrases that weighed most); --format json adds what each \
                reason added to the model's log-odds. The same text always gives the same scores and the \
                same ranking. Log a sentence as a claim by its number: \
                factcheck claim add --from-article A-1 --sentence N --claimant WHO

                Example:
                  factcheck article candidates A-1 --min-score 0.5 --limit 10 --as ana
                """
        )
        /// "figure, comparison, …, opinion".
        static let featureList = Feature.allCases.map(\.name).joined(separator: ", ")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A-<n>, <n> or the url.") var article: String
        @Option(help: ArgumentHelp("Only sentences scoring at least this (0 to 1).", valueName: "score"))
        var minScore: Double = 0
        @Option(help: "At most this many, best first (default: all).") var limit: Int?
        @OptionGroup var output: OutputOptions

        static let columns: [Column<CandidateRow>] = [
            .plain("number") { String($0.number) },
            .plain("score") { CandidateRow.percentText($0.score) },
            .text("reasons", width: 44) { $0.reasons.map(\.name).joined(separator: ",") },
            .text("sentence", width: 80) { $0.sentence },
        ]

        func run() throws {
            if let limit, limit < 1 { throw CLIError.usage("--limit \(limit) is not a positive number", hint: nil) }
            guard (0...1).contains(minScore) else {
                throw CLIError.usage("--min-score \(minScore) is not between 0 and 1", hint: nil)
            }
            let session = try Session.open(global)
            let actor = try session.actor()
            let text = try session.store.keptText(ofArticle: article, by: actor).text
            let ranked = CheckWorthiness.candidates(in: text).filter { $0.score >= minScore }
            let rows = ranked.prefix(limit ?? ranked.count).map(CandidateRow.init)
            try Output(format: output.format).list(rows, columns: Self.columns)
        }
    }
}

/// One ranked sentence as `article candidates` prints it; the JSON field names are stable.
struct CandidateRow: Encodable {
    /// What `claim add --from-article ID --sentence N` takes.
    let number: Int
    /// The calibrated probability, to three decimals.
    let score: Double
    /// The score is at least 0.5.
    let checkWorthy: Bool
    let sentence: String
    let paragraph: Int
    let reasons: [ReasonRow]

    struct ReasonRow: Encodable {
        let name: String
        let explanation: String
        /// The words of the sentence behind it.
        let matched: String
        /// What it added to the model's log-odds, to two decimals.
        let weight: Double
    }

    init(_ candidate: Candidate) {
        number = candidate.sentence.number
        score = (candidate.score * 1000).rounded() / 1000
        checkWorthy = candidate.isCheckWorthy
        sentence = candidate.sentence.text
        paragraph = candidate.sentence.paragraph
        reasons = candidate.reasons.map {
            ReasonRow(name: $0.name, explanation: $0.explanation, matched: $0.matched,
                      weight: ($0.weight * 100).rounded() / 100)
        }
    }

    /// "0.87" in a table.
    static func percentText(_ score: Double) -> String {
        let hundredths = Int((score * 100).rounded())
        return hundredths >= 100 ? "1.00" : "0." + (hundredths < 10 ? "0" : "") + String(hundredths)
    }
}
