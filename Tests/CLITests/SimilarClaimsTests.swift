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
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["id"] as? String == first)
        let score = try #require(rows.first?["similarity"] as? Double)
        #expect(score > 0.3 && score <= 1)
        #expect(rows.allSatisfy { ($0["text"] as? String)?.contains("ships") == false })
        let byNumber = try desk.ok(["claim", "similar", first], as: Desk.reviewer)
        #expect(!byNumber.stdout.contains("\(first) "), "a claim is not similar to itself: \(byNumber)")
    }
}
