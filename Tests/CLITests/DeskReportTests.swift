import Foundation
import Postgres
import TestSupport
import Testing

/// `factcheck report`: the desk's figures, checked exactly on a small desk built through the
/// binary, in every output format and as a web page.
@Suite struct DeskReportTests {
    static let trickyText = #"Tax <b>cuts</b> & "reforms" paid for themselves."#

    /// Eight claims, one in each corner of the workflow:
    ///
    /// | claim | story | ends |
    /// |---|---|---|
    /// | 1 | ben proposes false, chen approves, ed publishes | published, false |
    /// | 2 | chen proposes, ben returns it, chen proposes mostly-true, ben approves, ed publishes | published, mostly-true |
    /// | 3 | ben proposes half-true, chen approves | approved, ben |
    /// | 4 | due 2020-01-01, ben starts | researching, ben, overdue |
    /// | 5 | due 2020-01-02, ed rejects | rejected, not overdue |
    /// | 6 | logged, then assigned to chen after 7 is logged | logged, chen |
    /// | 7 | due far ahead | logged |
    /// | 8 | chen proposes misleading | in_review, chen |
    struct Built {
        let desk: Desk
        let c: [String]   // c[1] … c[8]; c[0] unused
    }

    static func build() throws -> Built {
        let desk = try Desk.make()
        var c = [""]
        for text in ["The talks lasted eleven hours.", "Exports doubled in a year.", "Crime fell by a third.",
                     trickyText, "The bridge cost twice the budget.", "Half of teachers plan to leave.",
                     "The river never floods in October.", "Wind supplied a third of the power."] {
            let due: [String] = switch c.count {
            case 4: ["--due", "2020-01-01"]
            case 5: ["--due", "2020-01-02"]
            case 7: ["--due", "2999-12-31"]
            default: []
            }
            c.append(try desk.logClaim(text, extra: due))
        }
        let (ben, chen, ed) = (Desk.reviewer, Desk.secondReviewer, Desk.editor)

        try desk.toReview(c[1], proposer: ben, rating: "false")
        try desk.ok(["verdict", "approve", c[1]], as: chen)
        try desk.ok(["claim", "publish", c[1]], as: ed)

        try desk.toReview(c[2], proposer: chen, rating: "mostly-false")
        try desk.ok(["verdict", "return", c[2], "--reason", "cite the customs data"], as: ben)
        try desk.ok(["verdict", "propose", c[2], "--rating", "mostly-true", "--conclusion", "Customs data agree."], as: chen)
        try desk.ok(["verdict", "approve", c[2]], as: ben)
        try desk.ok(["claim", "publish", c[2]], as: ed)

        try desk.toReview(c[3], proposer: ben, rating: "half-true")
        try desk.ok(["verdict", "approve", c[3]], as: chen)

        try desk.ok(["claim", "start", c[4]], as: ben)
        try desk.ok(["claim", "reject", c[5], "--reason", "an opinion, not a fact"], as: ed)
        try desk.ok(["claim", "assign", c[6], chen], as: ed)
        try desk.toReview(c[8], proposer: chen, rating: "misleading")
        return Built(desk: desk, c: c)
    }

    func report(_ desk: Desk, _ extra: [String] = []) throws -> [String: Any] {
        let out = try desk.ok(["report", "--format", "json"] + extra, as: Desk.admin)
        return try #require(try parseJSON(out.stdout) as? [String: Any], "report JSON is not an object: \(out)")
    }

    func counts(_ list: Any?, key: String) throws -> [(String, Int)] {
        let items = try #require(list as? [[String: Any]])
        return items.map { ($0[key] as? String ?? "?", $0["claims"] as? Int ?? -1) }
    }

    @Test func figuresOfASmallDesk() throws {
        let built = try Self.build()
        let (desk, c) = (built.desk, built.c)
        // Two publications, ten and thirty hours after logging, to check the percentiles exactly.
        let conn = try desk.connection()
        defer { conn.close() }
        try conn.run("UPDATE claims SET created_at = now() - interval '10 hours' WHERE id = \(Desk.number(c[1]))")
        try conn.run("UPDATE claims SET created_at = now() - interval '30 hours' WHERE id = \(Desk.number(c[2]))")
        let daysSince2020: Int = try conn.query("SELECT current_date - date '2020-01-01' AS n").first!.require("n")

        let r = try report(desk)
        #expect(r["total_claims"] as? Int == 8)
        #expect(isNull(r["since"]) && isNull(r["until"]))
        #expect(r["scale"] as? String == "newsroom")

        let states = try counts(r["claims_by_state"], key: "state")
        #expect(states.map(\.0) == ["logged", "researching", "in_review", "approved", "published", "rejected"])
        #expect(states.map(\.1) == [2, 1, 1, 1, 2, 1])

        let ratings = try counts(r["verdicts_by_rating"], key: "rating")
        #expect(ratings.map(\.0) == ["true", "mostly-true", "half-true", "misleading", "mostly-false", "false", "unverifiable"])
        #expect(ratings.map(\.1) == [0, 1, 1, 0, 0, 1, 0])

        let work = try #require(r["work_by_reviewer"] as? [[String: Any]])
        #expect(work.map { $0["handle"] as? String } == ["ben", "chen"], "only people who did counted work: \(work)")
        let fields = ["claims_started", "verdicts_proposed", "verdicts_approved", "verdicts_returned", "sources_added",
                      "open_claims_assigned"]
        #expect(fields.map { work[0][$0] as? Int } == [3, 2, 1, 1, 2, 2], "ben: \(work[0])")
        #expect(fields.map { work[1][$0] as? Int } == [2, 3, 2, 0, 2, 2], "chen: \(work[1])")
        #expect(work[0]["name"] as? String == "Ben Okafor")

        let time = try #require(r["time_to_publish"] as? [String: Any])
        #expect(time["published_claims"] as? Int == 2)
        #expect(time["median_hours"] as? Double == 20.0)
        #expect(time["p90_hours"] as? Double == 28.0)
        #expect(time["median_days"] as? Double == 0.8)
        #expect(time["p90_days"] as? Double == 1.2)

        let overdue = try #require(r["overdue"] as? [[String: Any]])
        #expect(overdue.map { $0["claim_id"] as? String } == [c[4]], "the rejected claim is not overdue: \(overdue)")
        #expect(overdue.first?["state"] as? String == "researching")
        #expect(overdue.first?["assignee"] as? String == Desk.reviewer)
        #expect(overdue.first?["due_date"] as? String == "2020-01-01")
        #expect(overdue.first?["days_overdue"] as? Int == daysSince2020)
        #expect(overdue.first?["text"] as? String == Self.trickyText)

        let waiting = try #require(r["oldest_waiting"] as? [[String: Any]])
        #expect(waiting.map { $0["state"] as? String } == ["logged", "researching", "in_review", "approved"])
        // Claim 6 was assigned after 7 was logged: assignment does not restart the wait.
        #expect(waiting.map { $0["claim_id"] as? String } == [c[6], c[4], c[8], c[3]])
        #expect(waiting.map { $0["claims"] as? Int } == [2, 1, 1, 1])
        #expect(waiting.allSatisfy { ($0["waiting_hours"] as? Double).map { $0 >= 0 } == true })
    }

    @Test func windowsSelectByLoggingDay() throws {
        let desk = try Self.build().desk
        for window in [["--since", "2999-01-01"], ["--until", "2000-01-01"]] {
            let r = try report(desk, window)
            #expect(r["total_claims"] as? Int == 0, "\(window)")
            #expect(try counts(r["claims_by_state"], key: "state").map(\.1) == [0, 0, 0, 0, 0, 0], "\(window)")
            #expect(try counts(r["verdicts_by_rating"], key: "rating").allSatisfy { $0.1 == 0 }, "\(window)")
            #expect((r["work_by_reviewer"] as? [Any])?.isEmpty == true, "\(window)")
            #expect((r["overdue"] as? [Any])?.isEmpty == true, "\(window)")
            let time = try #require(r["time_to_publish"] as? [String: Any])
            #expect(time["published_claims"] as? Int == 0)
            #expect(isNull(time["median_hours"]) && isNull(time["p90_days"]))
            let waiting = try #require(r["oldest_waiting"] as? [[String: Any]])
            #expect(waiting.allSatisfy { isNull($0["claim_id"]) && $0["claims"] as? Int == 0 })
        }
        let all = try report(desk, ["--since", "2000-01-01", "--until", "2999-12-31"])
        #expect(all["total_claims"] as? Int == 8)
        #expect(all["since"] as? String == "2000-01-01")
        #expect(all["until"] as? String == "2999-12-31")

        let backwards = try desk.run(["report", "--since", "2026-02-01", "--until", "2026-01-01"], as: Desk.admin)
        #expect(backwards.status == 64, "\(backwards)")
        expectErrorShape(backwards)
        let badDate = try desk.run(["report", "--since", "yesterday"], as: Desk.admin)
        #expect(badDate.status == 64, "\(badDate)")
    }

    @Test func tableAndCSV() throws {
        let built = try Self.build()
        let (desk, c) = (built.desk, built.c)
        // Every active user may read the report.
        let table = try desk.ok(["report"], as: Desk.otherEditor).stdout
        for heading in ["Claims by state", "Current verdicts by rating", "Work by reviewer",
                        "Time from logged to first published (2 published)", "Overdue (1,", "Waiting longest"] {
            #expect(table.contains(heading), "missing \(heading): \(table)")
        }
        #expect(table.contains(c[4]))

        let csv = try csvRows(try desk.ok(["report", "--format", "csv"], as: Desk.reviewer).stdout)
        #expect(csv.header == ["section", "key", "value"])
        func value(_ section: String, _ key: String) -> String? {
            csv.rows.first { $0["section"] == section && $0["key"] == key }?["value"]
        }
        #expect(value("report", "total_claims") == "8")
        #expect(value("claims_by_state", "published") == "2")
        #expect(value("claims_by_state", "in_review") == "1")
        #expect(value("verdicts_by_rating", "half-true") == "1")
        #expect(value("work_by_reviewer.verdicts_returned", "ben") == "1")
        #expect(value("overdue.due_date", c[4]) == "2020-01-01")
        #expect(value("overdue.claim", c[4]) == Self.trickyText)
        #expect(value("oldest_waiting.claim_id", "approved") == c[3])
        #expect(value("time_to_publish", "published_claims") == "2")

        let stranger = try desk.run(["report"], as: "nobody")
        #expect(stranger.status == 77, "\(stranger)")
    }

    @Test func htmlPage() throws {
        let built = try Self.build()
        let (desk, c) = (built.desk, built.c)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("desk-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("report.html").path

        let out = try desk.ok(["report", "--html", path], as: Desk.editor)
        #expect(out.stdout.isEmpty, "with only --html nothing else is printed: \(out)")
        #expect(out.stderr.contains(path))
        let html = try String(contentsOfFile: path, encoding: .utf8)

        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>"))
        #expect(html.contains("<svg"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("@import"))
        let external = html.matches(of: try Regex(#"(?i)(src|href)\s*=\s*["']?\s*(https?:)?//"#))
        #expect(external.isEmpty, "the page must not fetch anything")
        #expect(!html.contains("url("), "no CSS resources")

        // Every figure is on the page.
        for (state, count) in [("logged", 2), ("researching", 1), ("in_review", 1), ("approved", 1), ("published", 2),
                               ("rejected", 1)] {
            #expect(html.contains("<title>\(state): \(count)</title>"), "state \(state) \(count)")
        }
        for (rating, count) in [("mostly-true", 1), ("half-true", 1), ("false", 1), ("true", 0), ("unverifiable", 0)] {
            #expect(html.contains("<title>\(rating): \(count)</title>"), "rating \(rating) \(count)")
        }
        #expect(html.contains("<td class=\"id\">\(c[4])</td>"), "the overdue claim")
        #expect(html.contains("Overdue: 1"))
        for id in [c[6], c[8], c[3]] { #expect(html.contains(">\(id)<"), "waiting longest \(id)") }
        #expect(html.contains("Ben Okafor (ben)") && html.contains("Chen Li (chen)"))

        // Text from the desk is escaped, wherever it appears.
        #expect(html.contains("Tax &lt;b&gt;cuts&lt;/b&gt; &amp; &quot;reforms&quot; paid for themselves."))
        #expect(!html.contains("<b>cuts"))
        let unbalanced = unbalancedTags(html)
        #expect(unbalanced.isEmpty, "tags must balance: \(unbalanced)")

        // With --format as well, both.
        let both = try desk.ok(["report", "--html", path, "--format", "json"], as: Desk.editor)
        #expect((try parseJSON(both.stdout) as? [String: Any])?["total_claims"] as? Int == 8)
    }

    /// An archive imported already published, without dates: its claims count as published,
    /// with their date unknown, and only the claim published through the desk is timed; one
    /// archived claim that gave its date counts as such.
    @Test func anArchiveWithoutDatesCountsAsPublished() throws {
        let desk = try Desk.undatedArchive()
        let size = Desk.undatedArchiveSize
        let fresh = try desk.logClaim("The ferry carried a record 2 million people.")
        try desk.toReview(fresh, proposer: Desk.reviewer, rating: "true")
        try desk.ok(["verdict", "approve", fresh], as: Desk.secondReviewer)
        try desk.ok(["claim", "publish", fresh], as: Desk.editor)
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let dated = try dir.write("dated.csv", csvFile([
            ["claim", "claimant", "state", "rating", "conclusion", "proposed_by", "approved_by", "published_at"],
            ["The tunnel opened in 1994.", "Ana Lima", "published", "true", "It did.", "ben", "chen", "2016-05-01"],
        ]))
        try desk.ok(["import", "claims", dated], as: Desk.admin)
        let published = size + 2

        let r = try report(desk)
        let time = try #require(r["time_to_publish"] as? [String: Any])
        #expect(time["published_claims"] as? Int == published, "\(time)")
        #expect(time["timed_claims"] as? Int == 1, "\(time)")
        #expect(time["imported_dated_claims"] as? Int == 1, "\(time)")
        #expect(time["date_unknown_claims"] as? Int == size, "\(time)")
        #expect((time["median_hours"] as? Double).map { $0 >= 0 } == true, "the desk's own claim is timed: \(time)")
        let states = try counts(r["claims_by_state"], key: "state")
        #expect(states.first { $0.0 == "published" }?.1 == published)
        let ratings = try counts(r["verdicts_by_rating"], key: "rating")
        #expect(ratings.map(\.1).reduce(0, +) == published, "every archived verdict is current: \(ratings)")

        let table = try desk.ok(["report"], as: Desk.editor).stdout
        #expect(table.contains("Time from logged to first published (\(published) published)"), "\(table)")
        #expect(table.contains("of which 1 through the desk (timed); 1 imported already published, with their date; "
            + "\(size) imported already published, date unknown"), "\(table)")
        #expect(!table.contains("nothing published"), "\(table)")

        let csv = try csvRows(try desk.ok(["report", "--format", "csv"], as: Desk.editor).stdout)
        func value(_ key: String) -> String? {
            csv.rows.first { $0["section"] == "time_to_publish" && $0["key"] == key }?["value"]
        }
        #expect([value("published_claims"), value("timed_claims"), value("imported_dated_claims"),
                 value("date_unknown_claims")] == [String(published), "1", "1", String(size)])

        let path = dir.file("report.html")
        try desk.ok(["report", "--html", path], as: Desk.editor)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("\(published) published, of which 1 through the desk (timed)"), "the card says so")
        #expect(html.contains("\(size) imported already published, date unknown"))
        #expect(!html.contains("Nothing published"))
        #expect(unbalancedTags(html).isEmpty)
    }

    /// The same archive with no claim published through the desk: counted, not timed, and the
    /// report says why there is no time instead of "nothing published".
    @Test func anArchiveAloneHasNoTimeButIsPublished() throws {
        let desk = try Desk.undatedArchive()
        let size = Desk.undatedArchiveSize
        let time = try #require(try report(desk)["time_to_publish"] as? [String: Any])
        #expect(time["published_claims"] as? Int == size && time["date_unknown_claims"] as? Int == size, "\(time)")
        #expect(time["timed_claims"] as? Int == 0 && isNull(time["median_hours"]), "\(time)")
        let table = try desk.ok(["report"], as: Desk.editor).stdout
        #expect(table.contains("Time from logged to first published (\(size) published)\n"
            + "of which 0 through the desk (timed); \(size) imported already published, date unknown\n"
            + "(nothing published through the desk yet)\n"), "\(table)")
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try desk.ok(["report", "--html", dir.file("r.html")], as: Desk.editor)
        let html = try dir.read("r.html")
        #expect(html.contains("Nothing published through the desk yet.") && !html.contains("Nothing published yet."))
    }

    @Test func stateChangedAtFollowsTheState() throws {
        let desk = try Desk.make()
        let claim = try desk.logClaim("Turnout reached a record 81 per cent.")
        let conn = try desk.connection()
        defer { conn.close() }
        func stamp() throws -> Double {
            try conn.query("""
                SELECT extract(epoch FROM state_changed_at)::float8 AS t FROM claims WHERE id = \(Desk.number(claim))
                """).first!.require("t")
        }
        let logged = try stamp()
        try desk.ok(["claim", "assign", claim, Desk.reviewer], as: Desk.editor)
        try desk.ok(["claim", "edit", claim, "--priority", "high"], as: Desk.editor)
        #expect(try stamp() == logged, "assignment and edits leave it alone")
        try desk.ok(["claim", "start", claim], as: Desk.reviewer)
        #expect(try stamp() > logged, "a state change moves it")
    }
}

/// Elements opened and not closed (or closed and not opened), void elements aside. All text
/// on the page is escaped, so every `<` starts a tag.
func unbalancedTags(_ html: String) -> [String] {
    let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"]
    var stack: [String] = []
    var problems: [String] = []
    for match in html.matches(of: #/<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>/#) {
        let name = match.2.lowercased()
        if void.contains(name) || !match.3.isEmpty { continue }
        if match.1.isEmpty {
            stack.append(name)
        } else if stack.last == name {
            stack.removeLast()
        } else {
            problems.append("</\(name)> closes <\(stack.last ?? "nothing")>")
        }
    }
    return problems + stack.map { "<\($0)> never closed" }
}
