import ArgumentParser
import FactCheckCore
import Foundation

extension ArticleCommand {
    /// The vectors Scripts/train-checkworthiness fits and the scores Scripts/eval-checkworthiness
    /// ranks by: one implementation of the features, here, for both. Hidden: a tool of the scripts.
    struct Features: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "features",
            abstract: "Print the check-worthiness features or scores of labelled sentences (for the training scripts).",
            discussion: """
                Reads a TSV with the header doc_id, id, label, speaker, text on stdin. Prints one line per \
                sentence: its label and its sparse features (svmlight, zero-based indices), or with --scores \
                doc_id, id, label, the shipped model's probability and its log-odds, tab-separated. Needs no \
                database.

                Example:
                  factcheck article features < ../shared/data/checkworthiness/claimbuster-dev.tsv
                """,
            shouldDisplay: false
        )

        @Flag(help: "Print the shipped model's scores instead of the features.") var scores = false

        func run() throws {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            guard let text = String(data: input, encoding: .utf8) else {
                throw CLIError.badInput("the input is not UTF-8")
            }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            guard let header = lines.first, header.hasPrefix("doc_id\t") else {
                throw CLIError.badInput("the input needs the header doc_id, id, label, speaker, text")
            }
            lines.removeFirst()
            let model = CheckWorthinessModel.shipped
            var out = ""
            out.reserveCapacity(1 << 20)
            let stdout = FileHandle.standardOutput
            for (number, line) in lines.enumerated() {
                let fields = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
                guard fields.count == 5 else {
                    throw CLIError.badInput("line \(number + 2) has \(fields.count) fields, not 5")
                }
                let features = SentenceFeatures(String(fields[4]))
                if scores {
                    let z = model.logit(features)
                    out += "\(fields[0])\t\(fields[1])\t\(fields[2])\t\(model.probability(logit: z))\t\(z)\n"
                } else {
                    out += fields[2]
                    for (index, value) in zip(features.indices, features.values) { out += " \(index):\(value)" }
                    out += "\n"
                }
                if out.utf8.count > 1 << 20 { stdout.write(Data(out.utf8)); out = "" }
            }
            stdout.write(Data(out.utf8))
        }
    }
}
