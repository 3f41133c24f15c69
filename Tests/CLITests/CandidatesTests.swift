import Foundation
import TestSupport
import Testing

/// `article candidates` ranks the sentences of an article's kept text, and `claim add
/// --from-article ID --sentence N` logs one of them, linked, with the sentence as its context.
@Suite struct CandidatesTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/sample/summit-article.txt").path
    static let url = "https://ledger.example.org/geneva-talks"

    /// A desk with the sample article logged with its text as A-1.
    static func deskWithArticle() throws -> Desk {
        let desk = try Desk.make()
        try desk.ok(["article", "add", "--url", url, "--title", "Geneva talks end with partial deal",
                     "--outlet", "The Northern Ledger", "--text-file", sample], as: Desk.editor)
        return desk
    }

    /// `article candidates A-1 --format json`, parsed.
    static func candidates(_ desk: Desk, _ extra: [String] = []) throws -> [[String: Any]] {
        let out = try desk.ok(["article", "candidates", "A-1", "--format", "json"] + extra, as: Desk.editor)
        return try #require(try parseJSON(out.stdout) as? [[String: Any]], "\(out)")
    }

    static func number(of words: String, in candidates: [[String: Any]]) throws -> Int {
        let found = candidates.first { ($0["sentence"] as? String)?.contains(words) == true }
        return try #require(found?["number"] as? Int, "no candidate with \(words)")
    }

    @Test func rankedWithFiguresFirstAndExplained() throws {
        let desk = try Self.deskWithArticle()
        let ranked = try Self.candidates(desk)
        #expect(ranked.count == 7, "every sentence of the sample has something checkable: \(ranked)")
        let sentences = ranked.compactMap { $0["sentence"] as? String }
        #expect(sentences.prefix(2).allSatisfy { $0.contains("4,000 troops") || $0.contains("120,000 people") },
                "\(sentences)")
        #expect(sentences.last == "The ministers will meet again in Vienna in February.")
        for leftOut in ["Copyright", "Clara Jensen", "Geneva talks end"] {
            #expect(!sentences.contains { $0.contains(leftOut) }, "\(leftOut) is not a candidate")
        }

        for candidate in ranked {
            #expect(Set(candidate.keys) == ["number", "score", "sentence", "paragraph", "features"])
            let features = try #require(candidate["features"] as? [[String: Any]])
            #expect(!features.isEmpty)
            for feature in features {
                #expect(Set(feature.keys) == ["name", "explanation", "weight", "matched"])
            }
            let weights = features.compactMap { $0["weight"] as? Int }
            #expect(candidate["score"] as? Int == weights.reduce(0, +), "the score is the sum of its features")
        }
        let scores = ranked.compactMap { $0["score"] as? Int }
        #expect(scores == scores.sorted(by: >))

        let troops = try #require(ranked.first { ($0["sentence"] as? String)?.contains("4,000 troops") == true })
        let figure = try #require((troops["features"] as? [[String: Any]])?.first { $0["name"] as? String == "figure" })
        #expect(figure["matched"] as? String == "4,000 troops")
        #expect(figure["weight"] as? Int == 3)
    }

    @Test func sameOutputEveryTime() throws {
        let desk = try Self.deskWithArticle()
        let first = try desk.ok(["article", "candidates", "A-1", "--format", "json"], as: Desk.reviewer)
        let second = try desk.ok(["article", "candidates", Self.url, "--format", "json"], as: Desk.editor)
        #expect(first.stdout == second.stdout, "by number or by url, as any reader, the same ranking")
    }

    @Test func tableAndCSV() throws {
        let desk = try Self.deskWithArticle()
        let table = try desk.ok(["article", "candidates", "A-1", "--limit", "2"], as: Desk.editor)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 3, "a header and two rows: \(table.stdout)")
        #expect(lines.first?.split(separator: " ") == ["NUMBER", "SCORE", "FEATURES", "SENTENCE"])
        #expect(lines.dropFirst().allSatisfy { $0.contains("figure") })

        let csv = try desk.ok(["article", "candidates", "A-1", "--format", "csv"], as: Desk.editor)
        let records = try parseCSV(csv.stdout)
        #expect(records.first == ["number", "score", "features", "sentence"])
        #expect(records.count == 8)
        let troops = "Belmark's delegation said Arvenia had agreed to withdraw 4,000 troops from the frontier by the end "
            + "of January, a concession Arvenian officials did not confirm."
        #expect(records.contains { $0.last == troops }, "CSV keeps the whole sentence")
    }

    @Test func claimFromASentenceIsLinkedWithItsContext() throws {
        let desk = try Self.deskWithArticle()
        let ranked = try Self.candidates(desk)
        let n = try Self.number(of: "more than 120,000 people", in: ranked)
        let sentence = "According to the UN humanitarian office, more than 120,000 people have crossed the border "
            + "since the crossings closed."

        let out = try desk.ok(["claim", "add", "--from-article", "A-1", "--sentence", String(n),
                               "--claimant", "UN humanitarian office"], as: Desk.editor)
        #expect(out.stdout == "logged C-1: \(sentence)\n")
        let claim = try desk.claim("C-1")
        #expect(claim["text"] as? String == sentence)
        #expect(claim["context"] as? String == sentence)
        #expect(claim["article_id"] as? Int == 1)
        #expect(claim["claimant"] as? String == "UN humanitarian office")

        // With TEXT, TEXT is the claim and the sentence its context.
        let troops = try Self.number(of: "4,000 troops", in: ranked)
        try desk.ok(["claim", "add", "Arvenia agreed to withdraw 4,000 troops by the end of January.",
                     "--from-article", Self.url, "--sentence", String(troops), "--claimant", "Belmark's delegation"],
                    as: Desk.editor)
        let second = try desk.claim("C-2")
        #expect(second["text"] as? String == "Arvenia agreed to withdraw 4,000 troops by the end of January.")
        #expect((second["context"] as? String)?.hasPrefix("Belmark's delegation said Arvenia had agreed") == true)
        #expect(second["article_id"] as? Int == 1)

        let article = try desk.ok(["article", "show", "A-1", "--format", "json"], as: Desk.editor)
        let shown = try #require(try parseJSON(article.stdout) as? [[String: Any]])
        #expect(shown.first?["claim_count"] as? Int == 2)
    }

    @Test(arguments: [
        (["--claimant", "X"], "missing the claim's text"),
        (["--from-article", "A-1", "--claimant", "X"], "--from-article needs --sentence"),
        (["Some claim.", "--sentence", "2", "--claimant", "X"], "--sentence needs --from-article"),
        (["--from-article", "A-1", "--sentence", "99", "--claimant", "X"], "the sentences of A-1 are 1 to 7"),
        (["--from-article", "A-1", "--sentence", "0", "--claimant", "X"], "the sentences of A-1 are 1 to 7"),
        (["--from-article", "A-1", "--sentence", "2", "--article", "A-1", "--claimant", "X"], "leave out --article"),
    ] as [([String], String)])
    func usageRefusals(_ arguments: [String], _ message: String) throws {
        let desk = try Self.deskWithArticle()
        let before = try desk.snapshot()
        let out = try desk.run(["claim", "add"] + arguments, as: Desk.editor)
        #expect(out.status == 64, "\(out)")
        #expect(out.stderr.hasPrefix("error: ") && out.stderr.contains(message), "\(out)")
        #expect(out.stdout.isEmpty)
        #expect(try desk.snapshot() == before, "a refusal logs nothing")
    }

    @Test func missingSentenceOptionNeedsNoDatabase() throws {
        let cli = CLI(databaseURL: "host=/nonexistent port=1 dbname=nothing connect_timeout=1")
        let out = try cli.run(["claim", "add", "--from-article", "A-1", "--claimant", "X"], as: Desk.editor)
        #expect(out.status == 64, "\(out)")
    }

    @Test func articleWithoutKeptTextIsRefused() throws {
        let desk = try Self.deskWithArticle()
        try desk.ok(["article", "add", "--url", "https://ledger.example.org/no-text"], as: Desk.editor)
        let before = try desk.snapshot()
        for arguments in [["article", "candidates", "A-2"],
                          ["claim", "add", "--from-article", "A-2", "--sentence", "1", "--claimant", "X"]] {
            let out = try desk.run(arguments, as: Desk.editor)
            #expect(out.status == 1, "\(out)")
            #expect(out.stderr.contains("A-2 was logged without its text") && out.stderr.contains("--text-file"), "\(out)")
        }
        let missing = try desk.run(["article", "candidates", "A-9"], as: Desk.editor)
        #expect(missing.status == 1 && missing.stderr.contains("no article A-9"), "\(missing)")
        #expect(try desk.snapshot() == before)
    }

    @Test func permissions() throws {
        let desk = try Self.deskWithArticle()
        // Any reader may list candidates; only those who may log claims may log one.
        try desk.ok(["article", "candidates", "A-1"], as: Desk.reviewer)
        let out = try desk.run(["claim", "add", "--from-article", "A-1", "--sentence", "1", "--claimant", "X"],
                               as: Desk.reviewer)
        #expect(out.status == 77, "\(out)")
        let nobody = try desk.run(["article", "candidates", "A-1"])
        #expect(nobody.status == 77, "\(nobody)")
        let badLimit = try desk.run(["article", "candidates", "A-1", "--limit", "0"], as: Desk.editor)
        #expect(badLimit.status == 64, "\(badLimit)")
    }

    @Test func helpExplainsTheScoring() throws {
        let cli = CLI(databaseURL: "host=/nonexistent port=1 dbname=nothing connect_timeout=1")
        let candidates = try cli.run(["article", "candidates", "--help"])
        #expect(candidates.status == 0, "\(candidates)")
        let help = candidates.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for expected in ["Example", "factcheck article candidates A-1", "--limit", "--format", "--as",
                         "figure +3", "opinion -2", "--from-article"] {
            #expect(help.contains(expected), "missing \(expected):\n\(candidates.stdout)")
        }
        let add = try cli.run(["claim", "add", "--help"])
        #expect(add.status == 0, "\(add)")
        #expect(add.stdout.contains("--from-article") && add.stdout.contains("--sentence <n>"), "\(add.stdout)")
        #expect(add.stdout.contains("factcheck claim add --from-article A-1 --sentence"), "\(add.stdout)")
    }
}
