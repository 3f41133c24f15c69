import Foundation
import Postgres
import TestSupport
import Testing

/// `export claims | sources | audit`: the columns SPEC promises, the filters, formula
/// neutralisation, and `--out` that never leaves half a file.
@Suite struct ReportExportTests {
    /// One desk for the suite; its tests only read (files go to scratch directories).
    /// C-1 `=HYPERLINK("x")` by O'Brien (elections, logged), C-2 in research with a source (crime),
    /// C-3 rejected (elections), logged "in 2020".
    static let shared: Result<Desk, any Error> = Result {
        let desk = try Desk.make()
        _ = try desk.logClaim("=HYPERLINK(\"x\")", claimant: "O'Brien", extra: [
            "--tag", "elections", "--said-on", "2026-01-05", "--due", "2026-03-01", "--priority", "high",
            "--appearance", "https://first.example/a",
        ])
        let c2 = try desk.logClaim("Crime fell 20% last year.", claimant: "Ana Lima", extra: ["--tag", "crime"])
        try desk.ok(["claim", "start", c2], as: Desk.reviewer)
        try desk.ok(["source", "add", c2, "--url", "https://gov.example.org/stats", "--title", "@risk report",
                     "--publisher", "+Gov Statistics", "--note", "=cmd|' /C calc'!A0", "--accessed", "2026-01-10",
                     "--kind", "official_data", "--stance", "refutes"], as: Desk.reviewer)
        let c3 = try desk.logClaim("+5% growth is what they promised.", claimant: "Ana Lima", extra: ["--tag", "elections"])
        try desk.ok(["claim", "reject", c3, "--reason", "Not a checkable claim"], as: Desk.editor)
        let conn = try desk.connection()
        defer { conn.close() }
        try conn.execute("UPDATE claims SET created_at = '2020-06-01T12:00:00Z' WHERE id = 3")
        return desk
    }

    func export(_ arguments: [String], as user: String = Desk.editor) throws -> (header: [String], rows: [[String: String]]) {
        let desk = try Self.shared.get()
        let out = try desk.ok(["export"] + arguments, as: user)
        return try csvRows(out.stdout)
    }

    /// The benchmark hands `--print-query` to `psql \copy` as "the same query": it must be.
    @Test func thePrintedQueryIsTheExportsOwn() throws {
        let desk = try Self.shared.get()
        let query = try desk.ok(["export", "claims", "--print-query"], as: Desk.editor).stdout
        let conn = try desk.connection()
        defer { conn.close() }
        var copied: [UInt8] = []
        _ = try conn.copyOut(SQL(stringLiteral: "COPY (\(query)) TO STDOUT WITH (FORMAT csv, HEADER)")) {
            copied.append(contentsOf: $0)
        }
        let exported = try desk.ok(["export", "claims"], as: Desk.editor).stdout
        #expect(String(decoding: copied, as: UTF8.self) == exported)
    }

    /// `claim list --explain` shows the plan of the list's own query (the benchmark prints it).
    @Test func theListPlanIsShown() throws {
        let plan = try Self.shared.get().ok(["claim", "list", "--state", "logged", "--explain"], as: Desk.editor).stdout
        #expect(plan.contains("Execution Time") && plan.contains("claims"), "\(plan)")
    }

    // MARK: Columns

    @Test func claimColumnsAreSpecsInOrder() throws {
        let (header, rows) = try export(["claims"])
        #expect(header == specClaimColumns)
        #expect(rows.count == 3)
        #expect(rows.map { $0["claim_id"] } == ["C-1", "C-2", "C-3"])
    }

    @Test func sourceColumns() throws {
        let (header, rows) = try export(["sources"])
        #expect(header == ["source_id", "claim_id", "url", "title", "publisher", "kind", "stance", "accessed_on",
                           "archived_url", "note", "added_by", "added_at", "retracted", "retracted_by", "retracted_at",
                           "retraction_reason"])
        #expect(rows.count == 1)
        #expect(rows.first?["claim_id"] == "C-2")
        #expect(rows.first?["source_id"] == "S-1")
    }

    @Test func auditColumns() throws {
        let (header, rows) = try export(["audit"])
        #expect(header == ["event_id", "occurred_at", "actor", "db_role", "action", "claim_id", "object", "before",
                           "after", "stream", "seq", "prev_hash", "hash", "channel", "via"])
        let desk = try Self.shared.get()
        #expect(rows.count == (try desk.tally("audit_events")))
    }

    // MARK: Filters

    @Test func stateFilter() throws {
        #expect(try export(["claims", "--state", "researching"]).rows.map { $0["claim_id"] } == ["C-2"])
        #expect(try export(["claims", "--state", "rejected"]).rows.map { $0["claim_id"] } == ["C-3"])
        #expect(try export(["claims", "--state", "published"]).rows.isEmpty)
    }

    @Test func tagFilter() throws {
        #expect(try export(["claims", "--tag", "elections"]).rows.map { $0["claim_id"] } == ["C-1", "C-3"])
        #expect(try export(["claims", "--tag", "Crime"]).rows.map { $0["claim_id"] } == ["C-2"])
        #expect(try export(["sources", "--tag", "elections"]).rows.isEmpty)
        #expect(try export(["sources", "--tag", "crime"]).rows.map { $0["source_id"] } == ["S-1"])
    }

    @Test func sinceFilter() throws {
        #expect(try export(["claims", "--since", "2021-01-01"]).rows.map { $0["claim_id"] } == ["C-1", "C-2"])
        #expect(try export(["claims", "--since", "2020-01-01"]).rows.count == 3)
        #expect(try export(["claims", "--until", "2020-12-31"]).rows.map { $0["claim_id"] } == ["C-3"])
        let none = try export(["claims", "--since", "2099-01-01"])
        #expect(none.header == specClaimColumns, "an empty export still has its header")
        #expect(none.rows.isEmpty)
    }

    @Test func aValueWithAQuoteIsABoundParameter() throws {
        #expect(try export(["claims", "--claimant", "O'Brien"]).rows.map { $0["claim_id"] } == ["C-1"])
        #expect(try export(["claims", "--claimant", "o'brien"]).rows.map { $0["claim_id"] } == ["C-1"])
        #expect(try export(["claims", "--claimant", "O'Brien' OR '1'='1"]).rows.isEmpty)
        let audit = try export(["audit", "--claimant", "O'Brien"])
        #expect(!audit.rows.isEmpty)
        #expect(Set(audit.rows.map { $0["claim_id"] }) == ["C-1"])
        #expect(try export(["sources", "--claimant", "O'Brien"]).rows.isEmpty)
    }

    @Test func rowsHoldTheClaimsFacts() throws {
        let rows = try export(["claims"]).rows
        let c1 = try #require(rows.first)
        #expect(c1["state"] == "logged")
        #expect(c1["claimant"] == "O'Brien")
        #expect(c1["tags"] == "elections")
        #expect(c1["priority"] == "high")
        #expect(c1["first_appearance_url"] == "https://first.example/a")
        #expect(c1["created_by"] == Desk.editor)
        let c2 = rows[1]
        #expect(c2["state"] == "researching")
        #expect(c2["assignee"] == Desk.reviewer)
        #expect(c2["sources"] == "https://gov.example.org/stats")
        #expect(rows[2]["created_at"] == "2020-06-01T12:00:00Z")
    }

    // MARK: Neutralisation

    @Test func formulaLikeTextGetsAnApostrophe() throws {
        let desk = try Self.shared.get()
        let raw = try desk.ok(["export", "claims"], as: Desk.editor).stdout
        #expect(raw.contains("\"'=HYPERLINK(\"\"x\"\")\""), "the cell is quoted with its quotes doubled: \(raw)")
        let rows = try csvRows(raw).rows
        #expect(rows[0]["claim"] == "'=HYPERLINK(\"x\")")
        #expect(rows[2]["claim"] == "'+5% growth is what they promised.")
        #expect(rows[1]["claim"] == "Crime fell 20% last year.", "ordinary text is untouched")

        let sources = try export(["sources"]).rows
        #expect(sources.first?["title"] == "'@risk report")
        #expect(sources.first?["publisher"] == "'+Gov Statistics")
        #expect(sources.first?["note"] == "'=cmd|' /C calc'!A0")
    }

    @Test func numbersDatesAndIdsAreUntouched() throws {
        let rows = try export(["claims"]).rows
        let c1 = try #require(rows.first)
        #expect(c1["claim_id"] == "C-1")
        #expect(c1["said_on"] == "2026-01-05")
        #expect(c1["due_date"] == "2026-03-01")
        let iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/
        for row in rows {
            #expect(row["created_at"]?.wholeMatch(of: iso) != nil, "\(row)")
            #expect(row["updated_at"]?.wholeMatch(of: iso) != nil, "\(row)")
        }
        let sources = try export(["sources"]).rows
        #expect(sources.first?["accessed_on"] == "2026-01-10")
        #expect(sources.first?["added_at"]?.wholeMatch(of: iso) != nil)
        let audit = try export(["audit"]).rows
        for row in audit {
            #expect(row["event_id"]?.allSatisfy(\.isNumber) == true, "\(row)")
            #expect(row["seq"]?.allSatisfy(\.isNumber) == true, "\(row)")
            #expect(row["occurred_at"]?.wholeMatch(of: iso) != nil, "\(row)")
            #expect(row["after"]?.hasPrefix("'") != true, "\(row)")
        }
    }

    // MARK: --out

    @Test func outWritesTheFileAndSaysSo() throws {
        let desk = try Self.shared.get()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let out = try desk.ok(["export", "claims", "--out", dir.file("claims.csv")], as: Desk.editor)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("exported 3 claims to \(dir.file("claims.csv"))"), "\(out)")
        #expect(try csvRows(try dir.read("claims.csv")).rows.count == 3)
        #expect(try dir.contents() == ["claims.csv"], "no partial file is left beside it")
    }

    @Test func outIntoAMissingDirectoryFailsAndWritesNothing() throws {
        let desk = try Self.shared.get()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let target = dir.file("missing/claims.csv")
        let out = try desk.run(["export", "claims", "--out", target], as: Desk.editor)
        #expect(out.status != 0, "\(out)")
        #expect(out.status == 66, "a file that cannot be written is 66: \(out)")
        expectErrorShape(out)
        #expect(out.stderr.contains("missing/claims.csv"))
        #expect(try dir.contents().isEmpty)
    }

    @Test func outOverADirectoryFailsAndLeavesNoPartialFile() throws {
        let desk = try Self.shared.get()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.file("taken"), withIntermediateDirectories: false)
        try dir.write("taken/keep.txt", "kept")
        let out = try desk.run(["export", "claims", "--out", dir.file("taken")], as: Desk.editor)
        #expect(out.status != 0, "\(out)")
        expectErrorShape(out)
        #expect(try dir.contents() == ["taken"], "no taken.partial left behind")
        #expect(try dir.read("taken/keep.txt") == "kept")
    }

    @Test func aRefusedExportCreatesNoFile() throws {
        let desk = try Self.shared.get()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let out = try desk.run(["export", "claims", "--out", dir.file("claims.csv")], as: "nobody")
        #expect(out.status == 77, "\(out)")
        #expect(try dir.contents().isEmpty)
    }

    @Test func aFailedExportKeepsThePreviousFile() throws {
        let desk = try Self.shared.get()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try dir.write("claims.csv", "yesterday's report\n")
        let out = try desk.run(["export", "claims", "--state", "nonsense", "--out", dir.file("claims.csv")],
                               as: Desk.editor)
        #expect(out.status == 64, "\(out)")
        #expect(try dir.read("claims.csv") == "yesterday's report\n")
        #expect(try dir.contents() == ["claims.csv"])
    }
}

/// `export claimreview`: schema.org ClaimReview JSON-LD for the published verdicts.
@Suite struct ReportClaimReviewTests {
    @Test func publishedVerdictsAsClaimReview() throws {
        let desk = try Desk.make()
        let c1 = try desk.logClaim("=Exports doubled since 2020.", claimant: "Finance Minister Ana Lima", extra: [
            "--said-on", "2026-01-05", "--appearance", "https://first.example/a", "--appearance", "https://second.example/b",
        ])
        try desk.toReview(c1, rating: "mostly-false")
        try desk.ok(["verdict", "approve", c1], as: Desk.secondReviewer)
        try desk.ok(["claim", "publish", c1, "--url", "https://ledger.example/checks/1"], as: Desk.editor)

        let c2 = try desk.logClaim("The mayor met the aliens twice.", claimant: "A blog")
        try desk.toReview(c2, rating: "unverifiable")
        try desk.ok(["verdict", "approve", c2], as: Desk.secondReviewer)
        try desk.ok(["claim", "publish", c2], as: Desk.editor)

        // Approved but not published, and merely logged: not in the feed.
        let c3 = try desk.logClaim("Crime fell 20% last year.")
        try desk.toReview(c3)
        try desk.ok(["verdict", "approve", c3], as: Desk.secondReviewer)
        _ = try desk.logClaim("Taxes rose for everyone.")

        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let out = try desk.ok(["export", "claimreview", "--publisher", "The Northern Ledger",
                               "--publisher-url", "https://northern-ledger.example", "--out", dir.file("cr.json")],
                              as: Desk.reviewer)
        #expect(out.stderr.contains("exported 2 ClaimReviews"), "\(out)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.file("cr.json"))))
            as? [[String: Any]])
        #expect(items.count == 2)
        let today = /\d{4}-\d{2}-\d{2}/
        for item in items {
            #expect(item["@context"] as? String == "https://schema.org")
            #expect(item["@type"] as? String == "ClaimReview")
            #expect((item["datePublished"] as? String)?.wholeMatch(of: today) != nil, "\(item)")
            let author = try #require(item["author"] as? [String: Any])
            #expect(author["name"] as? String == "The Northern Ledger")
            #expect(author["url"] as? String == "https://northern-ledger.example")
            let rating = try #require(item["reviewRating"] as? [String: Any])
            #expect((rating["bestRating"] as? NSNumber)?.intValue == 6)
            #expect((rating["worstRating"] as? NSNumber)?.intValue == 1)
            let claim = try #require(item["itemReviewed"] as? [String: Any])
            #expect(claim["@type"] as? String == "Claim")
            #expect((claim["author"] as? [String: Any])?["name"] is String)
            #expect(claim["appearance"] is [Any])
        }

        let first = try #require(items.first { $0["claimReviewed"] as? String == "=Exports doubled since 2020." },
                                 "JSON is no spreadsheet: the text is exact, without an apostrophe")
        #expect(first["url"] as? String == "https://ledger.example/checks/1")
        let rating = try #require(first["reviewRating"] as? [String: Any])
        #expect((rating["ratingValue"] as? NSNumber)?.intValue == 2)
        #expect(rating["alternateName"] as? String == "mostly-false")
        let item = try #require(first["itemReviewed"] as? [String: Any])
        #expect((item["author"] as? [String: Any])?["name"] as? String == "Finance Minister Ana Lima")
        #expect(item["datePublished"] as? String == "2026-01-05")
        #expect((item["appearance"] as? [[String: Any]])?.map { $0["url"] as? String }
            == ["https://first.example/a", "https://second.example/b"])
        #expect((item["firstAppearance"] as? [String: Any])?["url"] as? String == "https://first.example/a")

        let second = try #require(items.first { $0["claimReviewed"] as? String == "The mayor met the aliens twice." })
        let unverifiable = try #require(second["reviewRating"] as? [String: Any])
        #expect(unverifiable["ratingValue"] == nil, "unverifiable is not the worst rating")
        #expect(unverifiable["alternateName"] as? String == "unverifiable")
        #expect(second["url"] == nil)
        let item2 = try #require(second["itemReviewed"] as? [String: Any])
        #expect(item2["firstAppearance"] == nil, "no first appearance was marked")
        #expect(item2["datePublished"] == nil)

        // The published date is the claim's publication date, as the CSV report says it.
        let claims = try csvRows(try desk.ok(["export", "claims", "--state", "published"], as: Desk.editor).stdout).rows
        #expect(Set(claims.compactMap { $0["published_at"]?.prefix(10) }.map(String.init))
            == Set(items.compactMap { $0["datePublished"] as? String }))
    }

    /// An archive that gave no publication dates: every review is written, with every field
    /// ClaimReview requires, and without the dates nobody knows (none is made up).
    @Test func anArchiveWithoutDatesIsReviewedWhole() throws {
        let desk = try Desk.undatedArchive()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let out = try desk.ok(["export", "claimreview", "--publisher", "The Northern Ledger",
                               "--publisher-url", "https://northern-ledger.example", "--out", dir.file("cr.json")],
                              as: Desk.editor)
        #expect(out.stderr.contains("exported \(Desk.undatedArchiveSize) ClaimReviews"), "\(out)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.file("cr.json"))))
            as? [[String: Any]])
        #expect(items.count == Desk.undatedArchiveSize)
        var problems: [String] = []
        for (i, item) in items.enumerated() {
            func require(_ ok: Bool, _ what: String) { if !ok { problems.append("review \(i): \(what)") } }
            require(item["@type"] as? String == "ClaimReview" && item["@context"] as? String == "https://schema.org", "type")
            require((item["claimReviewed"] as? String)?.hasPrefix("Archived claim \(i):") == true, "claimReviewed")
            require(item["url"] as? String == "https://ledger.example/archive/\(i)", "url")
            require(item["datePublished"] == nil, "a datePublished nobody knows: \(item["datePublished"] ?? "")")
            let author = item["author"] as? [String: Any]
            require(author?["@type"] as? String == "Organization" && author?["name"] as? String == "The Northern Ledger"
                && author?["url"] as? String == "https://northern-ledger.example", "author")
            let rating = item["reviewRating"] as? [String: Any]
            let label = Desk.undatedArchiveRatings[i % Desk.undatedArchiveRatings.count]
            require(rating?["@type"] as? String == "Rating" && rating?["alternateName"] as? String == label, "rating label")
            require((rating?["ratingValue"] as? NSNumber)?.intValue == 6 - i % Desk.undatedArchiveRatings.count, "ratingValue")
            require((rating?["bestRating"] as? NSNumber)?.intValue == 6 && (rating?["worstRating"] as? NSNumber)?.intValue == 1,
                    "best and worst")
            let claim = item["itemReviewed"] as? [String: Any]
            require(claim?["@type"] as? String == "Claim", "itemReviewed")
            require((claim?["author"] as? [String: Any])?["name"] as? String == "Councillor \(i % 97)", "claimant")
            // Every other claim has no said_on: then the Claim has no datePublished either.
            if i % 2 == 0 {
                require((claim?["datePublished"] as? String)?.hasPrefix("2015-03-") == true, "said_on")
            } else {
                require(claim?["datePublished"] == nil, "a said_on nobody knows")
            }
        }
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(5))")
    }

    @Test func claimReviewNeedsAPublisherURL() throws {
        let desk = try Desk.adminOnly()
        let out = try desk.run(["export", "claimreview", "--publisher", "X", "--publisher-url", "not a url"], as: Desk.admin)
        #expect(out.status == 64, "\(out)")
        expectErrorShape(out)
    }
}
