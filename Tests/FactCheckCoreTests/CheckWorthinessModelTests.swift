import FactCheckCore
import Foundation
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

@Suite("Check-worthiness model")
struct CheckWorthinessModelTests {
    /// The probabilities Scripts/train-checkworthiness computed for these sentences (from the
    /// vectors this side printed, with the weights it wrote): the compiled model must agree, or
    /// the two sides have drifted apart (features, decoding, scoring or calibration).
    @Test func shippedModelGivesThePythonSidesProbabilities() throws {
        let text = try String(contentsOf: fixtures.appendingPathComponent("checkworthiness-scores.tsv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", maxSplits: 1) }
        #expect(rows.count >= 40)
        for row in rows {
            let expected = try #require(Double(row[0]))
            let sentence = String(row[1])
            let got = CheckWorthinessModel.shipped.probability(sentence)
            #expect(abs(got - expected) <= 1e-6, "\(sentence): Swift \(got), Python \(expected)")
        }
    }

    @Test func probabilitiesSpreadAndCalibrate() {
        let model = CheckWorthinessModel.shipped
        let figure = model.probability("Unemployment rose to 3.5 percent in March, the highest level since 2019.")
        let thanks = model.probability("Thank you very much.")
        #expect(figure > 0.5 && thanks < 0.1, "\(figure) \(thanks)")
    }
}

@Suite("Sentence features")
struct SentenceFeaturesTests {
    @Test func sparseSortedAndInRange() {
        let features = SentenceFeatures("Inflation rose to 3.1% in October, the Bureau of Labor Statistics said.")
        #expect(features.indices == features.indices.sorted())
        #expect(Set(features.indices).count == features.indices.count)
        #expect(features.indices.allSatisfy { (0..<SentenceFeatures.dimension).contains($0) })
        #expect(features.values.allSatisfy { $0 > 0 })
        // The cues: a figure with its unit, attribution, an official, a date, 12 words (short).
        let cues = Set(features.indices.filter { $0 >= SentenceFeatures.buckets }.map { $0 - SentenceFeatures.buckets })
        for cue in [SentenceFeatures.Cue.figure, .numberWithUnit, .attribution, .official, .date, .short] {
            #expect(cues.contains(cue.rawValue), "\(cue)")
        }
        #expect(!cues.contains(SentenceFeatures.Cue.opinion.rawValue))
    }

    @Test func digitsFoldToOneShape() {
        // Every run of digits is "0", so the figures differ only in the cues they fire.
        let a = SentenceFeatures("Prices rose 3.1% in 2025.")
        let b = SentenceFeatures("Prices rose 7.9% in 1998.")
        #expect(a.indices == b.indices && a.values == b.values)
        #expect(SentenceFeatures("Prices rose sharply.").indices != a.indices)
    }

    @Test func caseDoesNotMatter() {
        let a = SentenceFeatures("THE MINISTER SAID SO"), b = SentenceFeatures("the minister said so")
        // The word and character grams are the same; only cues read capitals (officials, names).
        let buckets = SentenceFeatures.buckets
        #expect(a.indices.filter { $0 < buckets } == b.indices.filter { $0 < buckets })
    }

    @Test func phrasesAreTheSentencesOwnWords() {
        let sentence = "Exports increased by 4,000 tonnes."
        let phrases = SentenceFeatures(sentence).phrases.map(\.text)
        #expect(phrases.contains("increased by") && phrases.contains("4,000") && phrases.contains("by 4,000"))
        #expect(phrases.allSatisfy(sentence.contains))
    }

    @Test func sameVectorOnEveryRun() {
        let sentence = "Belmark's delegation said Arvenia had agreed to withdraw 4,000 troops."
        let first = SentenceFeatures(sentence)
        for _ in 1...3 {
            let again = SentenceFeatures(sentence)
            #expect(again.indices == first.indices && again.values == first.values)
        }
    }
}

/// Realistic news articles (Fixtures/articles), their checkable sentences and boilerplate marked
/// in NAME.marks before the ranking was looked at.
@Suite("Check-worthiness on news articles")
struct NewsArticleTests {
    static let names = ["inflation", "hospital", "alliance", "platforms", "council"]

    struct Marks {
        var checkable: [String] = []
        var boilerplate: [String] = []
    }

    static func article(_ name: String) throws -> (text: String, marks: Marks) {
        let folder = fixtures.appendingPathComponent("articles")
        let text = try String(contentsOf: folder.appendingPathComponent("\(name).txt"), encoding: .utf8)
        var marks = Marks()
        for line in try String(contentsOf: folder.appendingPathComponent("\(name).marks"), encoding: .utf8)
            .split(separator: "\n") {
            if line.hasPrefix("checkable: ") { marks.checkable.append(String(line.dropFirst(11))) }
            if line.hasPrefix("boilerplate: ") { marks.boilerplate.append(String(line.dropFirst(13))) }
        }
        return (text, marks)
    }

    /// The target is every marked sentence in its article's top third. Measured when this test was
    /// written: 17 of the 23 marked sentences are (README, "Finding what to check" names the six
    /// misses; three articles have more marked sentences than a third of their length), and every
    /// one is in its top two thirds. The test holds that line, so a change that ranks them worse fails.
    @Test func markedSentencesRankHigh() throws {
        var inTopThird = 0, marked = 0
        for name in Self.names {
            let (text, marks) = try Self.article(name)
            let candidates = CheckWorthiness.candidates(in: text)
            let ranked = candidates.map(\.sentence.text)
            let listing = candidates.map { String(format: "%.3f ", $0.score) + $0.sentence.text }.joined(separator: "\n")
            for words in marks.checkable {
                let rank = try #require(ranked.firstIndex { $0.contains(words) }, "\(name): no sentence with \(words)")
                marked += 1
                if rank < (ranked.count + 2) / 3 { inTopThird += 1 }
                #expect(rank < (2 * ranked.count + 2) / 3,
                        "\(name): '\(words)' ranks \(rank + 1) of \(ranked.count):\n\(listing)")
            }
        }
        #expect(marked == 23)
        #expect(inTopThird >= 17, "\(inTopThird) of \(marked) marked sentences in their article's top third")
    }

    @Test(arguments: names)
    func boilerplateNeverRanksAboveAMarkedSentence(_ name: String) throws {
        let (text, marks) = try Self.article(name)
        let ranked = CheckWorthiness.candidates(in: text).map(\.sentence.text)
        let lastMarked = marks.checkable.compactMap { words in ranked.firstIndex { $0.contains(words) } }.max() ?? 0
        for words in marks.boilerplate {
            if let rank = ranked.firstIndex(where: { $0.contains(words) }) {
                #expect(rank > lastMarked, "\(name): boilerplate '\(words)' ranks \(rank + 1)")
            }
        }
    }

    @Test(arguments: names)
    func frontMatterIsNotASentence(_ name: String) throws {
        let (text, _) = try Self.article(name)
        let sentences = Sentences.split(text).map(\.text)
        let headline = String(text.prefix { $0 != "\n" })
        #expect(!sentences.contains { $0.contains(headline) }, "\(name): the headline is not a sentence")
        #expect(!sentences.contains { $0.hasPrefix("By ") }, "\(name): no byline")
        #expect(!sentences.contains { $0.hasPrefix("Published ") }, "\(name): no date line")
        #expect(!sentences.contains { $0.hasPrefix("Washington —") || $0.hasPrefix("LONDON") || $0.hasPrefix("BRUSSELS") },
                "\(name): no dateline")
    }
}
