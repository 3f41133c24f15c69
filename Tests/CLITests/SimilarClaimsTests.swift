import Foundation
import Postgres
import TestSupport
import Testing

/// Duplicates are refused with the existing claim's number or linked as appearances;
/// near matches are shown as "already checked?" hints and by `claim similar`.
@Suite struct SimilarClaimsTests {
    @Test func anExactDuplicateIsRefusedOrLinkedNeverLoggedTwice() throws {
        let desk = try Desk.make()
        let first = try desk.logClaim("More than 120,000 people have crossed the border since March.")
        let duplicate = try desk.run(["claim", "add", "  MORE than 120,000 people have crossed the border — since March!  ",
                                      "--claimant", "Someone", "--appearance", "https://tv.example/clip"], as: Desk.editor)
        #expect(duplicate.status == 1, "\(duplicate)")
        #expect(duplicate.stderr.contains("already logged as \(first)"), "\(duplicate)")
        let linked = try desk.run(["claim", "add", "More than 120,000 people have crossed the border since March",
                                   "--claimant", "Someone", "--appearance", "https://tv.example/clip", "--link"],
                                  as: Desk.editor)
        #expect(linked.status == 0, "\(linked)")
        let conn = try desk.connection()
        defer { conn.close() }
        let count: Int = try conn.query("SELECT count(*) AS n FROM claims").first!.require("n")
        #expect(count == 1)
        let appearance = try conn.query("SELECT url FROM appearances WHERE claim_id = \(Int64(first.dropFirst(2))!)")
        #expect(appearance.first?["url"] == "https://tv.example/clip")
        let events: Int = try conn.query("SELECT count(*) AS n FROM audit_events WHERE action = 'claim.appearance_added'")
            .first!.require("n")
        #expect(events == 1)
    }

    @Test func nearMatchesAreHintedAndListedWithTheirScore() throws {
        let desk = try Desk.make()
        let first = try desk.logClaim("Unemployment fell by half in the northern region last year.")
        _ = try desk.logClaim("The port handled a record 4,000 ships in March.")
        let hinted = try desk.ok(["claim", "add", "Unemployment in the northern region fell by half last year",
                                  "--claimant", "Governor"], as: Desk.editor)
        #expect(hinted.stdout.contains("already checked?"), "\(hinted)")
        #expect(hinted.stdout.contains(first), "\(hinted)")
        #expect(!hinted.stdout.contains("4,000 ships"), "\(hinted)")
        let listed = try desk.ok(["claim", "similar", "unemployment fell by half in the north", "--format", "json"],
                                 as: Desk.reviewer)
        let rows = try #require(try parseJSON(listed.stdout) as? [[String: Any]])
        #expect(rows.first?["id"] as? String == first)
        let score = try #require(rows.first?["similarity"] as? Double)
        #expect(score > 0.3 && score <= 1)
        #expect(rows.allSatisfy { ($0["text"] as? String)?.contains("ships") == false })
        let byNumber = try desk.ok(["claim", "similar", first], as: Desk.reviewer)
        #expect(!byNumber.stdout.contains("\(first) "), "a claim is not similar to itself: \(byNumber)")
    }

    /// A large desk: candidates must contain the text's rarest words, found by the trigram
    /// index; the answer is the same kind of list, and the plan shows the index.
    @Test func onALargeDeskTheRarestWordsLeadTheTrigramIndex() throws {
        // 6,000 claims sharing their phrasing, as a desk's do: 20 subjects x 30 places x figures.
        let desk = try Self.lookAlikes(
            subjects: ["exports", "imports", "rents", "wages", "fares", "taxes", "tariffs", "pensions", "fees", "prices",
                       "rates", "costs", "sales", "debts", "loans", "grants", "fines", "bonuses", "tolls", "levies"],
            places: ["arvenia", "belmark", "corvale", "dunmore", "elsby", "felstad", "gorran", "halden", "ilsby", "jarrow",
                     "kestrel", "lindvik", "marren", "newhall", "orla", "pellgrave", "quarry", "redmarsh", "stavik",
                     "tornby", "ulden", "varnholm", "westmere", "yarrow", "zelna", "ashford", "brenna", "castel",
                     "drumlin", "eastmoor"],
            speakers: ["the minister"])
        let original = try desk.logClaim("Unemployment in Quixotania fell by half since the floods, says the minister.")
        let restated = try desk.logClaim("The minister says unemployment in Quixotania has halved since the floods.",
                                         claimant: "A viral post")
        let plan = try desk.ok(["claim", "similar", original, "--explain"], as: Desk.reviewer).stdout
        // Only claims with the text's rare words are compared (the trigram index finds them on a
        // desk of a million; on this one the planner may read the table, as it should).
        #expect(plan.contains("'%quixotan%'"), "the rare words lead (their first eight letters): \(plan)")
        #expect(!plan.contains("'%minister%'") && !plan.contains("'%says%'"), "common words do not: \(plan)")
        #expect(!plan.contains(" % "), "not the full comparison: \(plan)")

        let listed = try desk.ok(["claim", "similar", original, "--format", "json"], as: Desk.reviewer)
        let rows = try #require(try parseJSON(listed.stdout) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == [restated], "\(listed)")
        #expect((rows.first?["similarity"] as? Double ?? 0) >= 0.3)

        // The many claims that only share "rose by … percent, says the minister" are not hits.
        let common = try desk.ok(["claim", "similar", "Rents in Marren rose by 12 percent last year, says the minister",
                                  "--format", "json"], as: Desk.reviewer)
        let commonRows = try #require(try parseJSON(common.stdout) as? [[String: Any]])
        #expect(commonRows.count == 10, "\(common)")
        #expect(commonRows.allSatisfy { ($0["text"] as? String)?.hasPrefix("rents in marren") == true }, "\(common)")

        // Words that occur nowhere: nothing reads like it, and that is quick to say.
        let nowhere = try desk.ok(["claim", "similar", "Zyxq wobblefrot plinth", "--format", "json"], as: Desk.reviewer)
        #expect((try parseJSON(nowhere.stdout) as? [Any])?.isEmpty == true, "\(nowhere)")
    }

    /// A restatement by another speaker: the speaker's words are rare but not in the original,
    /// so the common words are also looked for in pairs, and the original is found among
    /// hundreds of look-alikes.
    @Test func commonWordsInPairsFindARestatementByAnotherSpeaker() throws {
        // 6,000 claims over 6 subjects, 6 places and 5 speakers: every word is in 1,000 claims or more.
        let desk = try Self.lookAlikes(
            subjects: ["exports", "rents", "wages", "fares", "pensions", "tariffs"],
            places: ["arvenia", "belmark", "marren", "halden", "tornby", "westmere"],
            speakers: ["the minister", "the mayor", "a union leader", "the governor", "a think tank"])
        let original = try desk.logClaim("Pensions in Halden rose by 9999 percent last year, says the mayor.")
        let restated = try desk.logClaim("Councillor Quentin Ashworth says pensions in Halden rose by 9999 percent last year.",
                                         claimant: "Quentin Ashworth")
        let plan = try desk.ok(["claim", "similar", restated, "--explain"], as: Desk.reviewer).stdout
        #expect(plan.contains("'%quentin%'"), "the rare words, alone: \(plan)")
        #expect(plan.contains("'%pensions%'") && plan.contains("'%halden%'") && plan.contains(" AND "),
                "and the common ones in pairs: \(plan)")
        let listed = try desk.ok(["claim", "similar", restated, "--format", "json"], as: Desk.reviewer)
        let rows = try #require(try parseJSON(listed.stdout) as? [[String: Any]])
        #expect(rows.first?["id"] as? String == original, "\(listed)")
        let scores = rows.compactMap { $0["similarity"] as? Double }
        #expect(scores == scores.sorted(by: >), "most similar first")
    }

    /// A desk of 6,000 claims worded alike: "<subject> in <place> rose by <n> percent last
    /// year, says <speaker>.", the subjects changing fastest, then the places, then the
    /// speakers; analysed, as autovacuum would have.
    static func lookAlikes(subjects: [String], places: [String], speakers: [String]) throws -> Desk {
        let desk = try Desk.make()
        let conn = try desk.connection()
        defer { conn.close() }
        try conn.run("""
            INSERT INTO claims (text, normalized_text, claimant, created_by)
            SELECT t, lower(regexp_replace(t, '[.,]', '', 'g')), 'Speaker ' || g % 50, 'ed'
            FROM (SELECT g, s[1 + g % cardinality(s)] || ' in ' || p[1 + (g / cardinality(s)) % cardinality(p)]
                            || ' rose by ' || g || ' percent last year, says '
                            || w[1 + (g / (cardinality(s) * cardinality(p))) % cardinality(w)] || '.' AS t
                  FROM generate_series(1, 6000) g,
                       (SELECT \(subjects)::text[] AS s, \(places)::text[] AS p, \(speakers)::text[] AS w) lists) x
            """)
        try conn.execute("ANALYZE claims")
        return desk
    }
}
