import Foundation
import Postgres
import TestSupport
import Testing

/// The duplicate rule and every unique key a user can collide with, under concurrency: one
/// claim per normalised text however the writers interleave, and a loser told in the same words
/// as when it comes second.
@Suite struct DuplicateRaceTests {
    static let rounds = 20
    static let racers = 4

    /// A desk with one article, A-1, that every racing claim names: the gate holds its row, which
    /// each `claim add` must lock after inserting its claim, so all racers have passed the look-up
    /// for an existing claim before any commits, and only the unique index can stop them.
    static func deskWithArticle() throws -> Desk {
        try Desk.cloned("duplicate-races") {
            let desk = try Desk.make()
            try desk.logArticle()
            return desk
        }
    }

    static func articleGate(_ desk: Desk) throws -> ConcurrencyTests.Gate {
        try ConcurrencyTests.Gate(desk, locking: "SELECT id FROM articles WHERE id = 1 FOR UPDATE")
    }

    /// Starts the processes, lets them meet at `gate`, and waits for all of them.
    static func race(_ commands: [([String], String)], through gate: ConcurrencyTests.Gate, desk: Desk) throws -> [RaceOutcome] {
        let processes = commands.map { Launched($0.0, as: $0.1, databaseURL: desk.url) }
        for p in processes { try p.start() }
        try gate.open(whenWaiting: commands.count)
        return processes.map { $0.finish() }
    }

    static func expectNoRawDatabaseError(_ outcomes: [RaceOutcome], sourceLocation: SourceLocation = #_sourceLocation) {
        for o in outcomes {
            for raw in ["SQLSTATE", "database error", "duplicate key"] {
                #expect(!o.stdout.contains(raw) && !o.stderr.contains(raw), "\(o)", sourceLocation: sourceLocation)
            }
        }
    }

    /// How many claims each normalised text has; every count must be 1.
    static func claimsPerText(_ desk: Desk) throws -> [String: Int] {
        let conn = try desk.connection()
        defer { conn.close() }
        var out: [String: Int] = [:]
        for row in try conn.query("SELECT normalized_text AS t, count(*) AS n FROM claims GROUP BY 1") {
            out[try row.require("t")] = try row.require("n")
        }
        return out
    }

    @Test func concurrentClaimAddsOfOneTextLogOneClaim() throws {
        let desk = try Self.deskWithArticle()
        let claimants = ["Minister Hart", "Mayor Osei", "Senator Lind", "Governor Pike"]
        for round in 1...Self.rounds {
            // The same claim as four editors type it: case, spacing and punctuation differ.
            let texts = ["Exports rose \(round) percent in May.", "exports rose \(round) percent in may",
                         "Exports  rose \(round) percent in May!", "EXPORTS ROSE \(round) PERCENT IN MAY."]
            let commands = (0..<Self.racers).map { i in
                (["claim", "add", texts[i], "--claimant", claimants[i], "--article", "A-1"],
                 i % 2 == 0 ? Desk.editor : Desk.otherEditor)
            }
            let outcomes = try Self.race(commands, through: try Self.articleGate(desk), desk: desk)

            let winners = outcomes.filter { $0.status == 0 }
            #expect(winners.count == 1, "round \(round): \(outcomes)")
            let winner = try #require(winners.first.flatMap { firstCapture($0.stdout, #/logged (C-\d+): /#) },
                                      "round \(round): \(outcomes)")
            for loser in outcomes where loser.status != 0 {
                #expect(loser.status == 1, "round \(round): \(loser)")
                #expect(loser.stderr.contains("this claim is already logged as \(winner) (logged)"), "round \(round): \(loser)")
                expectErrorShape(loser)
            }
            Self.expectNoRawDatabaseError(outcomes)
        }
        let counts = try Self.claimsPerText(desk)
        #expect(counts.count == Self.rounds)
        #expect(counts.values.allSatisfy { $0 == 1 }, "\(counts)")
        let verify = try desk.run(["audit", "verify"], as: Desk.admin)
        #expect(verify.status == 0, "\(verify)")
    }

    @Test func concurrentLinkedClaimAddsAddEveryAppearance() throws {
        let desk = try Self.deskWithArticle()
        for round in 1...5 {
            let text = "The bridge cost \(round) billion."
            let commands = (0..<Self.racers).map { i in
                (["claim", "add", text, "--claimant", "Mayor Osei", "--article", "A-1", "--link",
                  "--appearance", "https://video.example/\(round)/\(i)"], i % 2 == 0 ? Desk.editor : Desk.otherEditor)
            }
            let outcomes = try Self.race(commands, through: try Self.articleGate(desk), desk: desk)

            #expect(outcomes.allSatisfy { $0.status == 0 }, "round \(round): \(outcomes)")
            #expect(outcomes.filter { $0.stdout.hasPrefix("logged C-") }.count == 1, "round \(round): \(outcomes)")
            #expect(outcomes.filter { $0.stdout.contains("is already logged; added 1 appearance(s) to it") }.count
                    == Self.racers - 1, "round \(round): \(outcomes)")
            Self.expectNoRawDatabaseError(outcomes)

            let conn = try desk.connection()
            defer { conn.close() }
            let row = try #require(try conn.query("""
                SELECT count(DISTINCT c.id) AS claims, count(a.id) AS appearances,
                       count(a.id) FILTER (WHERE a.is_first) AS first
                FROM claims c JOIN appearances a ON a.claim_id = c.id
                WHERE c.normalized_text = (SELECT normalized_text FROM claims WHERE text = \(text))
                """).first)
            #expect(try row.require("claims", as: Int.self) == 1, "round \(round)")
            #expect(try row.require("appearances", as: Int.self) == Self.racers, "round \(round)")
            #expect(try row.require("first", as: Int.self) == 1, "round \(round)")
        }
        let linked = try desk.events().filter { $0.action == "claim.appearance_added" }
        #expect(linked.count == 5 * (Self.racers - 1))
        let verify = try desk.run(["audit", "verify"], as: Desk.admin)
        #expect(verify.status == 0, "\(verify)")
    }

    @Test func concurrentImportsOfOverlappingFilesStoreEachTextOnce() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        func sheet(_ range: ClosedRange<Int>, claimant: String) -> String {
            csvFile([["claim", "claimant"]] + range.map { ["Exports rose \($0) percent in May.", claimant] })
        }
        // Rows 21–30 are in both files, with another claimant: the same claims, not new ones.
        let first = try dir.write("first.csv", sheet(1...30, claimant: "Minister Hart"))
        let second = try dir.write("second.csv", sheet(21...50, claimant: "Mayor Osei"))
        // And two editors log claims of the second file while the imports run.
        let outcomes = try together([
            (["import", "claims", first], Desk.admin), (["import", "claims", second], Desk.admin),
            (["claim", "add", "Exports rose 45 percent in May.", "--claimant", "Senator Lind"], Desk.editor),
            (["claim", "add", "exports rose 25 percent in may", "--claimant", "Governor Pike"], Desk.otherEditor),
        ], databaseURL: desk.url)

        #expect(outcomes[0].status == 0 && outcomes[1].status == 0, "\(outcomes)")
        let imported = outcomes[0...1].compactMap { firstCapture($0.stdout, /imported (\d+) claims/).flatMap { Int($0) } }
        let added = outcomes[2...3].filter { $0.status == 0 }.count
        #expect(imported.reduce(0, +) + added == 50, "\(outcomes)")
        for refused in outcomes[2...3] where refused.status != 0 {
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderr.contains("this claim is already logged as C-"), "\(refused)")
            expectErrorShape(refused)
        }
        Self.expectNoRawDatabaseError(outcomes)
        let counts = try Self.claimsPerText(desk)
        #expect(counts.count == 50)
        #expect(counts.values.allSatisfy { $0 == 1 }, "\(counts)")
        let logged = try desk.events().filter { $0.action == "claim.logged" }
        #expect(logged.count == 50, "one claim.logged per claim")
        let verify = try desk.run(["audit", "verify"], as: Desk.admin)
        #expect(verify.status == 0, "\(verify)")
    }

    @Test func concurrentArticleAddsOfOneUrlHaveOneWinner() throws {
        let desk = try Desk.make()
        for round in 1...5 {
            let url = "https://news.example.org/round-\(round)"
            // The gate holds the editors' user rows, which each insert locks after taking its url.
            let gate = try ConcurrencyTests.Gate(desk, locking: "SELECT handle FROM users WHERE handle IN ('ed', 'eve') FOR UPDATE")
            let commands = (0..<Self.racers).map { i in
                (["article", "add", "--url", url, "--title", "Round \(round)"], i % 2 == 0 ? Desk.editor : Desk.otherEditor)
            }
            let outcomes = try Self.race(commands, through: gate, desk: desk)

            #expect(outcomes.filter { $0.status == 0 }.count == 1, "round \(round): \(outcomes)")
            let winner = try #require(outcomes.first { $0.status == 0 }.flatMap { firstCapture($0.stdout, /logged A-(\d+)/) })
            for loser in outcomes where loser.status != 0 {
                #expect(loser.status == 1, "\(loser)")
                #expect(loser.stderr.contains("an article with this url is already logged as article \(winner)"), "\(loser)")
                expectErrorShape(loser)
            }
            Self.expectNoRawDatabaseError(outcomes)
        }
    }

    @Test func concurrentUserAddsOfOneHandleHaveOneWinner() throws {
        let desk = try Desk.make()
        for round in 1...5 {
            let handle = "newcomer\(round)"
            let outcomes = try together((0..<Self.racers).map { i in
                (arguments: ["user", "add", handle, "--name", "Newcomer \(i)", "--role", "reviewer"], user: Desk.admin)
            }, databaseURL: desk.url)

            #expect(outcomes.filter { $0.status == 0 }.count == 1, "round \(round): \(outcomes)")
            for loser in outcomes where loser.status != 0 {
                #expect(loser.status == 1, "\(loser)")
                #expect(loser.stderr.contains("user \(handle) already exists"), "\(loser)")
                expectErrorShape(loser)
            }
            Self.expectNoRawDatabaseError(outcomes)
        }
    }

    /// A claim of the longest text allowed, which no plain btree entry could hold, logs and
    /// imports; the same text again is still refused.
    @Test func theLongestClaimIsHeldByTheRuleToo() throws {
        let desk = try Desk.make()
        // 5,000 characters that do not compress: words from a fixed pseudo-random sequence.
        var seed: UInt64 = 42
        var words: [String] = []
        while words.joined(separator: " ").count < 4_990 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            words.append(String(seed >> 20, radix: 36))
        }
        let text = String(words.joined(separator: " ").prefix(5_000))
        let logged = try desk.logClaim(text)
        let again = try desk.run(["claim", "add", text.uppercased(), "--claimant", "Someone else"], as: Desk.editor)
        #expect(again.status == 1, "\(again)")
        #expect(again.stderr.contains("already logged as \(logged)"), "\(again)")

        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let other = String(text.reversed())
        let file = try dir.write("long.csv", csvFile([["claim", "claimant"], [other, "Mayor Osei"], [text, "Mayor Osei"]]))
        let out = try desk.ok(["import", "claims", file], as: Desk.admin)
        #expect(out.stdout.contains("imported 1 claims"), "\(out)")
        #expect(out.stdout.contains("1 already stored"), "\(out)")
    }
}
