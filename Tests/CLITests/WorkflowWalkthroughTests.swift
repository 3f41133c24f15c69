import Foundation
import TestSupport
import Testing

/// A claim's whole life through the binary, as a desk lives it (SPEC section 3).
@Suite struct WorkflowWalkthroughTests {
    @Test func claimFromLoggedToPublishedThenCorrected() throws {
        let desk = try Desk.make()
        let article = try desk.logArticle()
        let claim = try desk.logClaim(
            "The talks lasted eleven hours.",
            extra: ["--article", article, "--said-on", "2026-11-20", "--tag", "diplomacy", "--tag", "Summit",
                    "--priority", "high", "--due", "2026-11-24",
                    "--appearance", "https://tv.example.org/interview", "--appearance", "https://social.example.org/post/1"])

        var detail = try desk.detail(claim)
        var c = try #require(detail["claim"] as? [String: Any])
        #expect(c["id"] as? String == claim)
        #expect(c["state"] as? String == "logged")
        #expect(c["text"] as? String == "The talks lasted eleven hours.")
        #expect(c["claimant"] as? String == "Foreign Minister Lena Hart")
        #expect(c["said_on"] as? String == "2026-11-20")
        #expect(c["priority"] as? String == "high")
        #expect(c["due_date"] as? String == "2026-11-24")
        #expect(c["tags"] as? [String] == ["diplomacy", "summit"])
        #expect(c["article_url"] as? String == "https://news.example.org/summit")
        #expect(isNull(c["assignee"]))
        #expect(isNull(c["rating"]))
        #expect(c["created_by"] as? String == Desk.editor)
        let appearances = try #require(detail["appearances"] as? [[String: Any]])
        #expect(appearances.map { $0["url"] as? String } == ["https://tv.example.org/interview", "https://social.example.org/post/1"])
        #expect(appearances.map { $0["is_first"] as? Bool } == [true, false])

        // Assign, then the assignee starts research.
        try desk.ok(["claim", "assign", claim, Desk.reviewer, "--note", "you covered the summit"], as: Desk.editor)
        #expect(try desk.claim(claim)["assignee"] as? String == Desk.reviewer)
        try desk.ok(["claim", "start", claim], as: Desk.reviewer)
        c = try desk.claim(claim)
        #expect(c["state"] as? String == "researching")
        #expect(c["assignee"] as? String == Desk.reviewer)

        // Evidence, a proposal, a return with a reason, a second proposal.
        let added = try desk.ok(["source", "add", claim, "--url", "https://gov.example.org/transcript",
                                 "--title", "Press conference transcript", "--publisher", "Foreign Ministry",
                                 "--kind", "transcript", "--stance", "refutes", "--accessed", "2026-11-21",
                                 "--archived-url", "https://archive.example.org/t"], as: Desk.reviewer)
        #expect(added.stdout.contains("S-"))
        try desk.ok(["verdict", "propose", claim, "--rating", "false", "--conclusion", "They lasted six hours."],
                    as: Desk.reviewer)
        #expect(try desk.claim(claim)["state"] as? String == "in_review")
        try desk.ok(["verdict", "return", claim, "--reason", "cite the official transcript"], as: Desk.secondReviewer)
        detail = try desk.detail(claim)
        #expect((detail["claim"] as? [String: Any])?["state"] as? String == "researching")
        var verdicts = try #require(detail["verdicts"] as? [[String: Any]])
        #expect(verdicts.map { $0["status"] as? String } == ["returned"])
        #expect(verdicts.first?["return_reason"] as? String == "cite the official transcript")
        #expect(verdicts.first?["decided_by"] as? String == Desk.secondReviewer)

        try desk.ok(["verdict", "propose", claim, "--rating", "mostly-false",
                     "--conclusion", "The transcript shows six hours of talks."], as: Desk.reviewer)
        try desk.ok(["verdict", "approve", claim], as: Desk.secondReviewer)
        detail = try desk.detail(claim)
        c = try #require(detail["claim"] as? [String: Any])
        #expect(c["state"] as? String == "approved")
        #expect(c["rating"] as? String == "mostly-false")
        verdicts = try #require(detail["verdicts"] as? [[String: Any]])
        #expect(verdicts.map { $0["status"] as? String } == ["returned", "approved"])
        #expect(verdicts.last?["proposed_by"] as? String == Desk.reviewer)
        #expect(verdicts.last?["decided_by"] as? String == Desk.secondReviewer)

        // Publish with a url.
        try desk.ok(["claim", "publish", claim, "--url", "https://checks.example.org/summit-hours"], as: Desk.editor)
        c = try desk.claim(claim)
        #expect(c["state"] as? String == "published")
        #expect(c["published_url"] as? String == "https://checks.example.org/summit-hours")
        #expect(!isNull(c["published_at"]))
        var published = try csvRows(try desk.ok(["claim", "list", "--state", "published", "--format", "csv"],
                                                as: Desk.editor).stdout)
        #expect(published.rows.map { $0["claim_id"] } == [claim])
        #expect(published.rows.first?["rating"] == "mostly-false")
        #expect(published.rows.first?["assignee"] == Desk.reviewer)
        #expect(published.rows.first?["claim"] == "The talks lasted eleven hours.")

        // A correction: reopen, re-propose, approve by the other reviewer, publish again.
        try desk.ok(["claim", "reopen", claim, "--reason", "the ministry revised its figures"], as: Desk.editor)
        #expect(try desk.claim(claim)["state"] as? String == "researching")
        let researching = try csvRows(try desk.ok(["claim", "list", "--state", "researching", "--format", "csv"],
                                                  as: Desk.editor).stdout)
        #expect(researching.rows.map { $0["claim_id"] } == [claim])
        try desk.ok(["verdict", "propose", claim, "--rating", "false",
                     "--conclusion", "Revised figures: five hours."], as: Desk.secondReviewer)
        try desk.ok(["verdict", "approve", claim], as: Desk.reviewer)
        try desk.ok(["claim", "publish", claim], as: Desk.editor)
        detail = try desk.detail(claim)
        c = try #require(detail["claim"] as? [String: Any])
        #expect(c["state"] as? String == "published")
        #expect(c["rating"] as? String == "false")
        verdicts = try #require(detail["verdicts"] as? [[String: Any]])
        #expect(verdicts.map { $0["status"] as? String } == ["returned", "superseded", "approved"])
        #expect(verdicts.map { $0["rating"] as? String } == ["false", "mostly-false", "false"])
        published = try csvRows(try desk.ok(["claim", "list", "--state", "published", "--format", "csv"],
                                            as: Desk.editor).stdout)
        #expect(published.rows.map { $0["claim_id"] } == [claim])
        #expect(published.rows.first?["rating"] == "false")
        let history = try #require(detail["history"] as? [[String: Any]]).compactMap { $0["action"] as? String }
        #expect(history.filter { $0 == "claim.published" }.count == 2)
        #expect(history.contains("claim.reopened"))
        let sources = try #require(detail["sources"] as? [[String: Any]])
        #expect(sources.count == 1)
        #expect(sources.first?["stance"] as? String == "refutes")
        #expect(sources.first?["kind"] as? String == "transcript")

        // A second claim: rejected as not checkable, then reopened back to logged.
        let opinion = try desk.logClaim("The summit was a triumph of the human spirit.", claimant: "Columnist Jo Park")
        try desk.ok(["claim", "reject", opinion, "--reason", "opinion, not a checkable fact"], as: Desk.editor)
        #expect(try desk.claim(opinion)["state"] as? String == "rejected")
        let rejected = try csvRows(try desk.ok(["claim", "list", "--state", "rejected", "--format", "csv"],
                                               as: Desk.editor).stdout)
        #expect(rejected.rows.map { $0["claim_id"] } == [opinion])
        try desk.ok(["claim", "reopen", opinion, "--reason", "the column cites a poll"], as: Desk.editor)
        #expect(try desk.claim(opinion)["state"] as? String == "logged")
        let logged = try csvRows(try desk.ok(["claim", "list", "--state", "logged", "--format", "csv"],
                                             as: Desk.editor).stdout)
        #expect(logged.rows.map { $0["claim_id"] } == [opinion])
        #expect(logged.rows.first?["claimant"] == "Columnist Jo Park")
        let noneRejected = try csvRows(try desk.ok(["claim", "list", "--state", "rejected", "--format", "csv"],
                                                   as: Desk.editor).stdout)
        #expect(noneRejected.rows.isEmpty)
        #expect(noneRejected.header.first == "claim_id")

        let verify = try desk.ok(["audit", "verify"], as: Desk.admin)
        #expect(verify.stdout.contains("verifies"))
    }

    @Test func startingAnUnassignedClaimMakesTheReviewerItsAssignee() throws {
        let desk = try Desk.make()
        let claim = try desk.logClaim("Unemployment fell to 3.1 percent in October.")
        try desk.ok(["claim", "start", "\(Desk.number(claim))"], as: Desk.secondReviewer)   // bare number accepted
        let c = try desk.claim(claim)
        #expect(c["state"] as? String == "researching")
        #expect(c["assignee"] as? String == Desk.secondReviewer)
        // Reassignment keeps the state; an assigned reviewer stays when someone else starts nothing.
        try desk.ok(["claim", "assign", claim, Desk.reviewer], as: Desk.editor)
        #expect(try desk.claim(claim)["assignee"] as? String == Desk.reviewer)
        #expect(try desk.claim(claim)["state"] as? String == "researching")
    }

    @Test func factcheckUserWorksLikeAs() throws {
        let desk = try Desk.make()
        let claim = try desk.logClaim("The bridge cost 40 million euros.")
        func env(_ user: String) -> CLI { CLI(databaseURL: desk.url, environment: ["FACTCHECK_USER": user]) }

        // An editor named by the variable is refused like with --as, and nothing is written.
        let before = try desk.snapshot()
        let refused = try env(Desk.editor).run(["claim", "start", claim])
        #expect(refused.status == 77, "\(refused)")
        expectErrorShape(refused)
        let unknown = try env("nobody").run(["claim", "start", claim])
        #expect(unknown.status == 77, "\(unknown)")
        #expect(unknown.stderr.contains("nobody"))
        let blank = try env("").run(["claim", "start", claim])
        #expect(blank.status == 77, "\(blank)")
        #expect(try desk.snapshot() == before)

        // A reviewer named by the variable acts, and the audit log names them.
        let last = try desk.lastEventId()
        let started = try env(Desk.secondReviewer).run(["claim", "start", claim])
        #expect(started.status == 0, "\(started)")
        let events = try desk.events(after: last)
        #expect(events.map(\.action) == ["claim.state_changed", "claim.assigned"])
        #expect(events.allSatisfy { $0.actor == Desk.secondReviewer })
        #expect(try desk.claim(claim)["assignee"] as? String == Desk.secondReviewer)

        // --as wins over the variable.
        let sourced = try env(Desk.editor).run(["source", "add", claim, "--url", "https://stats.example.org/bridge",
                                                "--as", Desk.reviewer])
        #expect(sourced.status == 0, "\(sourced)")
        #expect(try desk.events(after: last).last?.actor == Desk.reviewer)

        // Reads work through the variable too.
        let listed = try env(Desk.editor).run(["claim", "list", "--format", "json"])
        #expect(listed.status == 0, "\(listed)")
        #expect((try parseJSON(listed.stdout) as? [Any])?.count == 1)
    }

    /// A transition, its audit events and its side effects commit together or not at all: when
    /// the audit event cannot be written, the claim stays as it was.
    @Test func aTransitionWhoseEventFailsLeavesNothing() throws {
        let desk = try Desk.make()
        let claim = try desk.logClaim("The bridge cost 40 million euros.")
        try desk.toReview(claim)
        try desk.ok(["verdict", "approve", claim], as: Desk.secondReviewer)
        let conn = try desk.connection()
        defer { conn.close() }
        try conn.execute("""
            CREATE FUNCTION refuse_publish_event() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.action = 'claim.published' THEN RAISE EXCEPTION 'injected failure'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER zz_refuse_publish_event BEFORE INSERT ON audit_events
                FOR EACH ROW EXECUTE FUNCTION refuse_publish_event();
            """)
        let before = try desk.snapshot()
        let outcome = try desk.run(["claim", "publish", claim, "--url", "https://checks.example.org/bridge"], as: Desk.editor)
        #expect(outcome.status != 0, "\(outcome)")
        expectErrorShape(outcome)
        #expect(try desk.snapshot() == before, "the claim moved although its event was not written")
        #expect(try desk.claim(claim)["state"] as? String == "approved")

        try conn.execute("DROP TRIGGER zz_refuse_publish_event ON audit_events")
        try desk.ok(["claim", "publish", claim], as: Desk.editor)
        #expect(try desk.claim(claim)["state"] as? String == "published")
    }
}
