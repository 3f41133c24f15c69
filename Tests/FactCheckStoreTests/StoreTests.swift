import FactCheckCore
import FactCheckStore
import Postgres
import TestSupport
import Testing

@Suite struct StoreTests {
    /// A desk on a fresh database: admin maria, editor ed, reviewers ben and chen.
    func desk() throws -> Store {
        let store = try Store(location: DatabaseLocation(conninfo: try TestDatabase.migrated(), origin: .option))
        _ = try store.addUser(handle: "maria", name: "María Ortiz", role: .admin, by: nil)
        _ = try store.addUser(handle: "ed", name: "Ed Park", role: .editor, by: "maria")
        _ = try store.addUser(handle: "ben", name: "Ben Okafor", role: .reviewer, by: "maria")
        _ = try store.addUser(handle: "chen", name: "Chen Wei", role: .reviewer, by: "maria")
        return store
    }

    func count(_ store: Store, _ table: String) throws -> Int {
        switch table {
        case "audit_events": return try store.connection.query("SELECT count(*) AS n FROM audit_events").first!.require("n")
        default: return try store.connection.query("SELECT count(*) AS n FROM verdicts").first!.require("n")
        }
    }

    /// Every read and export checks its reader in the store, whichever door asked: a deactivated
    /// user reads nothing, a live one reads everything (each line fails if its guard goes).
    @Test func everyReadChecksItsReader() throws {
        let store = try desk()
        let ed = try store.actor("ed")
        let claim = ClaimNumber(try store.addClaim(NewClaim(text: "Exports doubled.", claimant: "Hart"), by: ed).number)
        let article = try store.addArticle(NewArticle(url: "https://news.example/a", body: "Exports doubled. Trade fell."), by: ed)
        let gone = Actor(handle: "ed", role: .editor, isActive: false)
        let reads: [(String, (Actor) throws -> Void)] = [
            ("claims", { _ = try store.claims(ClaimFilter(), by: $0) }),
            ("explainClaims", { _ = try store.explainClaims(ClaimFilter(), by: $0) }),
            ("claimDetail", { _ = try store.claimDetail(claim, by: $0) }),
            ("claimText", { _ = try store.claimText(claim, by: $0) }),
            ("sources", { _ = try store.sources(of: claim, by: $0) }),
            ("similarClaims", { _ = try store.similarClaims(to: "Exports doubled", by: $0) }),
            ("explainSimilar", { _ = try store.explainSimilar(to: "Exports doubled", by: $0) }),
            ("auditEvents", { _ = try store.auditEvents(AuditFilter(), by: $0) }),
            ("verifyAudit", { _ = try store.verifyAudit(by: $0) }),
            ("deskReport", { _ = try store.deskReport(since: nil, until: nil, by: $0) }),
            ("scale", { _ = try store.scale(by: $0) }),
            ("users", { _ = try store.users(by: $0) }),
            ("articles", { _ = try store.articles(by: $0) }),
            ("article", { _ = try store.article("A-\(article.id)", by: $0) }),
            ("articleText", { _ = try store.articleText(id: article.id, by: $0) }),
            ("publishedVerdicts", { _ = try store.publishedVerdictsSnapshot(by: $0) }),
            ("exportClaims", { _ = try store.exportClaims(ClaimFilter(), by: $0) { _ in } }),
            ("exportSources", { _ = try store.exportSources(ClaimFilter(), by: $0) { _ in } }),
            ("exportAudit", { _ = try store.exportAudit(ClaimFilter(), by: $0) { _ in } }),
        ]
        for (name, read) in reads {
            #expect(throws: DomainError.self, "\(name) read for a deactivated user") { try read(gone) }
            #expect(throws: Never.self, "\(name)") { try read(ed) }
        }
    }

    @Test func aRefusedMoveWritesNothing() throws {
        let store = try desk()
        let ed = try store.actor("ed")
        let claim = try store.addClaim(NewClaim(text: "The talks lasted eleven hours.", claimant: "Hart"), by: ed)
        let events = try count(store, "audit_events")
        #expect(throws: StoreError.self) {
            try store.move(ClaimNumber(claim.number), .publish, by: ed)
        }
        #expect(try count(store, "audit_events") == events)
        #expect(try store.claimDetail(ClaimNumber(claim.number), by: ed).claim.version == claim.version)
    }

    /// The version check: a write based on a stale read is refused as a concurrent change,
    /// however the two writers interleave.
    @Test func aStaleWriterLosesWithConcurrentChange() throws {
        let store = try desk()
        let other = try Store(location: store.location)
        let ed = try store.actor("ed")
        let claim = try store.addClaim(NewClaim(text: "Trade fell by half.", claimant: "Hart"), by: ed)
        let number = ClaimNumber(claim.number)
        // `other` holds the row lock of an uncommitted assignment while `store` assigns too:
        // `store` must wait, then see the new version and refuse.
        try other.connection.executeScript("BEGIN")
        try other.connection.run("UPDATE claims SET version = version + 1, assignee = 'chen' WHERE id = \(claim.number)")
        let outcome = Box<Error?>()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let writer = store
        DispatchQueue.global().async {
            do { _ = try writer.assign(number, to: "ben", note: nil, by: ed); outcome.value = .some(nil) } catch {
                outcome.value = error
            }
            done.signal()
        }
        // Commit only once the writer is really waiting for the row, however busy the machine.
        let watcher = try Connection(store.location.conninfo)
        for _ in 0..<400 {
            let waiting = try watcher.query("""
                SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """).count > 0
            if waiting { break }
            usleep(25_000)
        }
        try other.connection.executeScript("COMMIT")
        done.wait()
        let error = try #require(outcome.value ?? nil)
        guard case StoreError.concurrentChange = error else {
            Issue.record("expected concurrentChange, got \(error)")
            return
        }
        #expect(try store.claimDetail(number, by: ed).claim.assignee == "chen")
    }

    /// Exports neutralise in SQL (csv_text), lists in Swift (CSV.neutralized): one rule, two
    /// places, so they are held to agree on every awkward start a cell can have.
    @Test func theSQLAndSwiftNeutralisersAgree() throws {
        let conn = try Connection(try TestDatabase.migrated())
        let starts = ["", "'", "''", "'''", "a", " ", "\u{00A0}", "0", "-1", "1-"]
        let triggers = ["=", "+", "-", "@", "\t", "\r", "\n", "a", "'", "=\u{0301}", "\u{FF1D}", "🧾"]
        for start in starts {
            for trigger in triggers {
                let text = start + trigger + "SUM(A1)"
                let sql: String = try conn.query("SELECT csv_text(\(text)) AS v").first!.require("v")
                #expect(sql == CSV.neutralized(text), "\(text.debugDescription)")
                #expect(CSV.restored(sql) == text, "\(text.debugDescription)")
            }
        }
    }

    @Test func theFirstUserMustBeAnAdmin() throws {
        let store = try Store(location: DatabaseLocation(conninfo: try TestDatabase.migrated(), origin: .option))
        #expect(throws: StoreError.self) { try store.addUser(handle: "ed", name: "Ed", role: .editor, by: nil) }
        _ = try store.addUser(handle: "maria", name: "María", role: .admin, by: nil)
        #expect(throws: StoreError.self) { try store.addUser(handle: "x", name: "X", role: .admin, by: nil) }
    }

    /// A change answers from its own UPDATE or INSERT … RETURNING; what it answers must be
    /// what a later read finds, for every kind of change.
    @Test func aChangeAnswersWithWhatIsStored() throws {
        let store = try desk()
        let (ed, ben, chen) = (try store.actor("ed"), try store.actor("ben"), try store.actor("chen"))
        let claim = ClaimNumber(try store.addClaim(NewClaim(text: "Exports doubled.", claimant: "Hart"), by: ed).number)
        let stored = { () throws -> ClaimRecord in try store.claimDetail(claim, by: ed).claim }

        let assigned = try store.assign(claim, to: "ben", note: nil, by: ed)
        let afterAssign = try stored()
        #expect(assigned.assignee == "ben" && assigned.state == .logged && afterAssign.assignee == "ben")
        let started = try store.move(claim, .start, by: ben)
        let afterStart = try stored()
        #expect(started.state == .researching && afterStart.state == .researching)
        _ = try store.addSource(to: claim, NewSource(url: "https://stats.example/exports"), by: ben)

        let proposed = try store.propose(claim, rating: "false", conclusion: "They rose by a tenth.", by: ben)
        #expect(proposed.status == "proposed" && proposed.decidedBy == nil)
        #expect(try store.claimDetail(claim, by: ed).verdicts == [proposed])
        let returned = try store.decide(claim, .returnVerdict, reason: "Cite the table.", by: chen)
        #expect(returned.status == "returned" && returned.decidedBy == "chen" && returned.returnReason == "Cite the table.")
        #expect(try store.claimDetail(claim, by: ed).verdicts.last == returned)

        let again = try store.propose(claim, rating: "mostly-false", conclusion: "They rose by 11%.", by: ben)
        let approved = try store.decide(claim, .approve, reason: "Checked the table.", by: chen)
        #expect(approved.id == again.id && approved.status == "approved" && approved.returnReason == nil)
        #expect(try store.claimDetail(claim, by: ed).verdicts.last == approved)
        let final = try stored()
        #expect(final.state == .approved && final.rating == "mostly-false")
    }

    /// A migration changes the schema under the session's prepared statements: the migrator
    /// drops them, so none keeps a plan or a row shape from before.
    @Test func migratingDropsTheSessionsPreparedStatements() throws {
        let store = try Store(location: DatabaseLocation(conninfo: try TestDatabase.emptyDirect(), origin: .option),
                              preparesRepeatedStatements: true)
        for _ in 1...Connection.prepareThreshold { try store.connection.query("SELECT \(1)::int AS one") }
        #expect(store.connection.preparedStatementCount == 1)
        _ = try store.migrator.migrate(appliedBy: nil)
        #expect(store.connection.preparedStatementCount == 0)
        let left: Int = try store.connection.query("SELECT count(*) AS n FROM pg_prepared_statements").first!.require("n")
        #expect(left == 0)
    }

    /// The event hash is a SQL function that the audit trigger's expression must absorb (an
    /// inlined function is not run through the SQL-function executor on every transaction).
    /// PostgreSQL inlines it only while its declared volatility is no lower than its body's.
    @Test func theEventHashIsInlinedIntoItsCallers() throws {
        let store = try desk()
        let plan = try store.connection.query("""
            EXPLAIN (VERBOSE) SELECT audit_event_hash(hash, stream, seq, updated_at, 'ed', 'app', 'claim.assigned',
                                                      1, 'C-1', NULL, NULL) FROM audit_heads
            """).map { row -> String in try row.require("QUERY PLAN") }.joined(separator: "\n")
        #expect(plan.contains("sha256("), "\(plan)")
        #expect(!plan.contains("audit_event_hash("), "\(plan)")
    }
}

final class Box<T>: @unchecked Sendable { var value: T? }

import Foundation
