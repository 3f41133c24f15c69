import Foundation
import Postgres
import TestSupport
import Testing

/// The audit events each command writes: which actions, by whom, with which before/after.
@Suite struct AuditEventTests {
    /// Runs a command and checks the events it appended, oldest first, and nothing else.
    struct Recorder {
        let desk: Desk
        let dbRole: String
        var last: Int64

        init(_ desk: Desk) throws {
            self.desk = desk
            let conn = try desk.connection()
            defer { conn.close() }
            dbRole = try conn.query("SELECT current_user AS r").first!.require("r")
            last = try desk.lastEventId()
        }

        /// Runs `arguments` as `user` (which must succeed) and returns the new events, after
        /// checking their actions, actor and database role.
        @discardableResult
        mutating func expect(_ arguments: [String], as user: String?, actor: String? = nil, writes actions: [String],
                             claim: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Event] {
            try desk.ok(arguments, as: user)
            let events = try desk.events(after: last)
            last = events.last?.id ?? last
            #expect(events.map(\.action) == actions, "\(arguments.joined(separator: " ")): \(events)",
                    sourceLocation: sourceLocation)
            for event in events {
                #expect(event.actor == actor ?? user, "\(event)", sourceLocation: sourceLocation)
                #expect(event.dbRole == dbRole, "\(event) db_role", sourceLocation: sourceLocation)
                if let claim {
                    #expect(event.claimId == Desk.number(claim), "\(event) claim_id", sourceLocation: sourceLocation)
                    #expect(event.stream == "claim:\(Desk.number(claim))", "\(event) stream", sourceLocation: sourceLocation)
                }
            }
            return events
        }
    }

    @Test func everyCommandWritesItsEvents() throws {
        let desk = try Desk.empty()
        var r = try Recorder(desk)

        var e = try r.expect(["user", "add", "maria", "--name", "María Ortiz", "--role", "admin"], as: nil,
                             actor: "maria", writes: ["user.added"])
        #expect(e[0].after?["handle"] as? String == "maria")
        #expect(e[0].after?["role"] as? String == "admin")
        #expect(e[0].stream == "user:maria")
        for (handle, role) in [("ed", "editor"), ("ben", "reviewer"), ("chen", "reviewer"), ("eve", "editor")] {
            e = try r.expect(["user", "add", handle, "--name", handle.capitalized, "--role", role], as: "maria",
                             writes: ["user.added"])
            #expect(e[0].after?["handle"] as? String == handle)
            #expect(e[0].after?["role"] as? String == role)
            #expect(e[0].object == handle)
        }

        e = try r.expect(["article", "add", "--url", "https://news.example.org/summit", "--title", "Summit ends"],
                         as: "ed", writes: ["article.logged"])
        #expect(e[0].after?["url"] as? String == "https://news.example.org/summit")
        #expect(e[0].after?["title"] as? String == "Summit ends")
        #expect(e[0].claimId == nil)

        e = try r.expect(["claim", "add", "The talks lasted eleven hours.", "--claimant", "Lena Hart",
                          "--article", "A-1", "--tag", "diplomacy", "--priority", "high"],
                         as: "ed", writes: ["claim.logged"], claim: "C-1")
        #expect(e[0].before == nil)
        #expect(e[0].after?["state"] as? String == "logged")
        #expect(e[0].after?["text"] as? String == "The talks lasted eleven hours.")
        #expect(e[0].after?["claimant"] as? String == "Lena Hart")
        #expect(e[0].after?["tags"] as? [String] == ["diplomacy"])
        #expect(e[0].after?["priority"] as? String == "high")
        #expect(e[0].object == "C-1")

        e = try r.expect(["claim", "assign", "C-1", "ben", "--note", "you know the file"], as: "ed",
                         writes: ["claim.assigned"], claim: "C-1")
        #expect(e[0].before.map { isNull($0["assignee"]) } == true)
        #expect(e[0].after?["assignee"] as? String == "ben")
        #expect(e[0].after?["note"] as? String == "you know the file")

        e = try r.expect(["claim", "edit", "C-1", "--priority", "urgent", "--due", "2026-11-24"], as: "ed",
                         writes: ["claim.edited"], claim: "C-1")
        #expect(e[0].before?["priority"] as? String == "high")
        #expect(e[0].after?["priority"] as? String == "urgent")
        #expect(e[0].after?["due_on"] as? String == "2026-11-24")
        #expect(e[0].after?["text"] == nil, "unchanged fields are not in after: \(e[0].after ?? [:])")

        e = try r.expect(["claim", "start", "C-1"], as: "ben", writes: ["claim.state_changed"], claim: "C-1")
        #expect(e[0].before?["state"] as? String == "logged")
        #expect(e[0].after?["state"] as? String == "researching")

        e = try r.expect(["source", "add", "C-1", "--url", "https://gov.example.org/transcript", "--kind", "transcript",
                          "--stance", "refutes"], as: "ben", writes: ["source.added"], claim: "C-1")
        #expect(e[0].object == "S-1")
        #expect(e[0].after?["url"] as? String == "https://gov.example.org/transcript")
        #expect(e[0].after?["stance"] as? String == "refutes")
        try r.expect(["source", "add", "C-1", "--url", "https://parody.example.org/x"], as: "ben",
                     writes: ["source.added"], claim: "C-1")
        e = try r.expect(["source", "retract", "S-2", "--reason", "a parody site"], as: "ben",
                         writes: ["source.retracted"], claim: "C-1")
        #expect(e[0].object == "S-2")
        #expect(e[0].after?["reason"] as? String == "a parody site")

        e = try r.expect(["verdict", "propose", "C-1", "--rating", "false", "--conclusion", "Six hours."], as: "ben",
                         writes: ["verdict.proposed"], claim: "C-1")
        #expect(e[0].before?["state"] as? String == "researching")
        #expect(e[0].after?["state"] as? String == "in_review")
        #expect(e[0].after?["rating"] as? String == "false")
        #expect(e[0].after?["conclusion"] as? String == "Six hours.")
        let firstVerdict = try #require(e[0].object)

        e = try r.expect(["verdict", "return", "C-1", "--reason", "cite the transcript"], as: "chen",
                         writes: ["verdict.returned"], claim: "C-1")
        #expect(e[0].object == firstVerdict)
        #expect(e[0].before?["state"] as? String == "in_review")
        #expect(e[0].after?["state"] as? String == "researching")
        #expect(e[0].after?["reason"] as? String == "cite the transcript")

        try r.expect(["verdict", "propose", "C-1", "--rating", "mostly-false", "--conclusion", "Six hours, per the transcript."],
                     as: "ben", writes: ["verdict.proposed"], claim: "C-1")
        e = try r.expect(["verdict", "approve", "C-1"], as: "chen", writes: ["verdict.approved"], claim: "C-1")
        #expect(e[0].after?["state"] as? String == "approved")
        #expect(e[0].object != firstVerdict)

        e = try r.expect(["claim", "publish", "C-1", "--url", "https://checks.example.org/summit"], as: "ed",
                         writes: ["claim.published"], claim: "C-1")
        #expect(e[0].before?["state"] as? String == "approved")
        #expect(e[0].after?["state"] as? String == "published")
        #expect(e[0].after?["published_url"] as? String == "https://checks.example.org/summit")

        e = try r.expect(["claim", "reopen", "C-1", "--reason", "revised figures"], as: "ed",
                         writes: ["claim.reopened"], claim: "C-1")
        #expect(e[0].before?["state"] as? String == "published")
        #expect(e[0].after?["state"] as? String == "researching")
        #expect(e[0].after?["reason"] as? String == "revised figures")

        // A second claim: start without an assignee writes the take-over too; then rejected.
        try r.expect(["claim", "add", "Exports doubled since 2020.", "--claimant", "Trade Office"], as: "ed",
                     writes: ["claim.logged"], claim: "C-2")
        e = try r.expect(["claim", "start", "C-2"], as: "chen", writes: ["claim.state_changed", "claim.assigned"],
                         claim: "C-2")
        #expect(e[1].after?["assignee"] as? String == "chen")
        e = try r.expect(["claim", "reject", "C-2", "--reason", "no data exists"], as: "ed",
                         writes: ["claim.rejected"], claim: "C-2")
        #expect(e[0].before?["state"] as? String == "researching")
        #expect(e[0].after?["state"] as? String == "rejected")
        #expect(e[0].after?["reason"] as? String == "no data exists")
        e = try r.expect(["claim", "reopen", "C-2", "--reason", "the office published data"], as: "ed",
                         writes: ["claim.reopened"], claim: "C-2")
        #expect(e[0].after?["state"] as? String == "logged")

        e = try r.expect(["user", "deactivate", "eve"], as: "maria", writes: ["user.deactivated"])
        #expect(e[0].object == "eve")
        #expect(e[0].stream == "user:eve")

        e = try r.expect(["scale", "use", "politifact"], as: "maria", writes: ["scale.changed"])
        #expect(e[0].after?["scale"] as? String == "politifact")
        #expect((e[0].after?["labels"] as? [String])?.contains("pants-on-fire") == true)

        // Reads write nothing.
        for read in [["claim", "list"], ["claim", "show", "C-1"], ["audit", "log"], ["audit", "verify"],
                     ["user", "list"], ["source", "list", "C-1"], ["scale", "show"]] {
            try r.expect(read, as: "ed", writes: [])
        }

        // audit log --claim lists exactly the claim's events, oldest first, with their fields.
        let stored = try desk.events().filter { $0.claimId == 1 }
        let log = try desk.ok(["audit", "log", "--claim", "C-1", "--format", "json"], as: "ed")
        let listed = try #require(try parseJSON(log.stdout) as? [[String: Any]], "\(log)")
        #expect(listed.map { $0["action"] as? String } == stored.map(\.action))
        #expect(listed.map { ($0["id"] as? NSNumber)?.int64Value } == stored.map(\.id))
        #expect(listed.allSatisfy { $0["claim_id"] as? String == "C-1" })
        #expect(listed.map { $0["actor"] as? String } == stored.map(\.actor))
        let assigned = try #require(listed.first { $0["action"] as? String == "claim.assigned" })
        #expect(jsonObject(assigned["after"])?["assignee"] as? String == "ben")
        #expect(listed.allSatisfy { ($0["db_role"] as? String)?.isEmpty == false })

        // --actor filters by who acted.
        let chen = try desk.ok(["audit", "log", "--actor", "chen", "--format", "json"], as: "ed")
        let byChen = try #require(try parseJSON(chen.stdout) as? [[String: Any]])
        #expect(byChen.map { $0["action"] as? String } ==
                ["verdict.returned", "verdict.approved", "claim.state_changed", "claim.assigned"])

        // claim show's history is the same list.
        let history = try #require(try desk.detail("C-1")["history"] as? [[String: Any]])
        #expect(history.map { $0["action"] as? String } == stored.map(\.action))
    }

    /// `audit log` prints before/after as JSON objects, not strings holding JSON, so that a
    /// script can read `.after.assignee` directly.
    /// `--as` and the assignee are handles as typed: case and spaces do not make another user.
    @Test func handlesAsTypedNameTheStoredUsers() throws {
        let desk = try Desk.make()
        let claim = try desk.logClaim("Rents rose by a third.")
        try desk.ok(["claim", "assign", claim, " Chen "], as: " ED ")
        let assigned = try #require(try desk.events().last)
        #expect(assigned.actor == "ed" && assigned.after?["assignee"] as? String == "chen", "\(assigned)")
    }

    @Test func auditLogJSONCarriesObjects() throws {
        let desk = try Desk.make()
        let claim = try desk.logClaim("Rents rose 12 percent last year.")
        try desk.ok(["claim", "assign", claim, Desk.reviewer], as: Desk.editor)
        let log = try desk.ok(["audit", "log", "--claim", claim, "--format", "json"], as: Desk.editor)
        let listed = try #require(try parseJSON(log.stdout) as? [[String: Any]])
        let assigned = try #require(listed.last)
        #expect(assigned["after"] is [String: Any], "after is \(type(of: assigned["after"] as Any))")
    }

    /// The database role is recorded by the database, whatever the writer claims.
    @Test func dbRoleCannotBeSpoofedByTheWriter() throws {
        let desk = try Desk.make()
        let conn = try desk.connection()
        defer { conn.close() }
        let row = try #require(try conn.query("""
            INSERT INTO audit_events (stream, actor, db_role, action) VALUES ('scale', 'maria', 'someone_else', 'scale.changed')
            RETURNING db_role, current_user AS me
            """).first)
        let recorded: String = try row.require("db_role")
        let me: String = try row.require("me")
        #expect(recorded == me)
    }

    /// On an empty database `user add` needs no `--as`; a stray `--as` must not put a user who
    /// does not exist into the audit log as the actor.
    @Test func firstUserIsAuditedAsThemselves() throws {
        let desk = try Desk.empty()
        let outcome = try desk.run(["user", "add", "maria", "--name", "María Ortiz", "--role", "admin"], as: "ghost")
        let events = try desk.events()
        if outcome.status == 0 {
            #expect(events.map(\.action) == ["user.added"])
            #expect(events.first?.actor == "maria")
        } else {
            #expect(outcome.status == 77, "\(outcome)")
            #expect(events.isEmpty)
        }
    }
}
