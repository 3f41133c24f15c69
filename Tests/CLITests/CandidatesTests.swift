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

    @Test func everySentenceScoredAndExplained() throws {
        let desk = try Self.deskWithArticle()
        let ranked = try Self.candidates(desk)
        #expect(ranked.count == 7, "every sentence of the sample is listed: \(ranked)")
        let sentences = ranked.compactMap { $0["sentence"] as? String }
        for leftOut in ["Copyright", "Clara Jensen", "Geneva talks end"] {
            #expect(!sentences.contains { $0.contains(leftOut) }, "\(leftOut) is not a candidate")
        }
        let troopsRank = try #require(sentences.firstIndex { $0.contains("4,000 troops") })
        let peopleRank = try #require(sentences.firstIndex { $0.contains("120,000 people") })
        let meetingRank = try #require(sentences.firstIndex { $0.contains("will meet again in Vienna") })
        #expect(troopsRank < 3 && peopleRank < 3, "\(sentences)")
        #expect(meetingRank > troopsRank && meetingRank > peopleRank)

        for candidate in ranked {
            #expect(Set(candidate.keys) == ["number", "score", "check_worthy", "sentence", "paragraph", "reasons"])
            let score = try #require(candidate["score"] as? Double)
            #expect((0...1).contains(score))
            #expect(candidate["check_worthy"] as? Bool == (score >= 0.5))
            let reasons = try #require(candidate["reasons"] as? [[String: Any]])
            #expect(!reasons.isEmpty)
            for reason in reasons {
                #expect(Set(reason.keys) == ["name", "explanation", "matched", "weight"])
            }
        }
        let scores = ranked.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))

        let troops = ranked[troopsRank]
        let figure = try #require((troops["reasons"] as? [[String: Any]])?.first { $0["name"] as? String == "figure" })
        #expect(figure["matched"] as? String == "4,000 troops")
        #expect(figure["explanation"] as? String == "states a quantity: \u{2018}4,000 troops\u{2019}")
        #expect((figure["weight"] as? Double ?? 0) > 0)
    }

    @Test func minScoreCuts() throws {
        let desk = try Self.deskWithArticle()
        let all = try Self.candidates(desk)
        let cut = try Self.candidates(desk, ["--min-score", "0.5"])
        #expect(cut.count < all.count && !cut.isEmpty, "\(cut.count) of \(all.count)")
        #expect(cut.allSatisfy { ($0["score"] as? Double ?? 0) >= 0.5 })
        #expect(cut.map { $0["number"] as? Int } == all.prefix(cut.count).map { $0["number"] as? Int })
        for bad in ["1.5", "-0.1"] {
            let out = try desk.run(["article", "candidates", "A-1", "--min-score", bad], as: Desk.editor)
            #expect(out.status == 64 && out.stderr.contains("--min-score"), "\(out)")
        }
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
        #expect(lines.first?.split(separator: " ") == ["NUMBER", "SCORE", "REASONS", "SENTENCE"])
        #expect(lines.dropFirst().allSatisfy { $0.contains("figure") }, "\(table.stdout)")
        #expect(lines.dropFirst().allSatisfy { $0.contains(" 1.00 ") || $0.contains(" 0.") }, "scores to two decimals")

        let csv = try desk.ok(["article", "candidates", "A-1", "--format", "csv"], as: Desk.editor)
        let records = try parseCSV(csv.stdout)
        #expect(records.first == ["number", "score", "reasons", "sentence"])
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
        for expected in ["Example", "factcheck article candidates A-1", "--limit", "--min-score", "--format", "--as",
                         "figure", "opinion", "ClaimBuster", "CheckThat!", "calibrated", "--from-article"] {
            #expect(help.contains(expected), "missing \(expected):\n\(candidates.stdout)")
        }
        let add = try cli.run(["claim", "add", "--help"])
        #expect(add.status == 0, "\(add)")
        #expect(add.stdout.contains("--from-article") && add.stdout.contains("--sentence <n>"), "\(add.stdout)")
        #expect(add.stdout.contains("factcheck claim add --from-article A-1 --sentence"), "\(add.stdout)")
    }
}
