import FactCheckCore
import FactCheckStore
import Foundation
import Postgres
import TestSupport
import Testing

/// One claim per normalised text, proven at the store (both doors inherit it): writers at the
/// same moment, and a database that held duplicates before the rule was a constraint.
@Suite struct DuplicateRuleTests {
    static let threads = 8

    /// A desk (admin maria, editors ed and eve) with article A-1, on a fresh database.
    static func desk() throws -> Store {
        let store = try Store(location: DatabaseLocation(conninfo: try TestDatabase.migrated(), origin: .option))
        _ = try store.addUser(handle: "maria", name: "María Ortiz", role: .admin, by: nil)
        _ = try store.addUser(handle: "ed", name: "Ed Park", role: .editor, by: "maria")
        _ = try store.addUser(handle: "eve", name: "Eve Adams", role: .editor, by: "maria")
        _ = try store.addArticle(NewArticle(url: "https://news.example.org/summit"), by: try store.actor("ed"))
        return store
    }

    /// Runs `body` on `threads` threads at once, each with its own store, held at A-1's row (which
    /// every claim insert locks after taking its index entry) until all of them wait: every writer
    /// has looked for an existing claim before any commits.
    static func together<T: Sendable>(_ location: DatabaseLocation, _ body: @escaping @Sendable (Store, Int) throws -> T) throws -> [Result<T, Error>] {
        let stores = try (0..<threads).map { _ in try Store(location: location) }
        let gate = try Connection(location.conninfo)
        defer { gate.close() }
        try gate.execute("BEGIN")
        try gate.query("SELECT id FROM articles WHERE id = 1 FOR UPDATE")
        let results = Results<T>(count: threads)
        let group = DispatchGroup()
        for (i, store) in stores.enumerated() {
            nonisolated(unsafe) let store = store
            group.enter()
            Thread {
                results.set(i, Result { try body(store, i) })
                group.leave()
            }.start()
        }
        var waiting = 0
        let reachable = TestDatabase.lockWaitersPossible(threads)
        for _ in 0..<1_000 where waiting < reachable {
            try gate.query("SELECT pg_stat_clear_snapshot()")
            waiting = try gate.query("""
                SELECT count(*) AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """).first!.require("n")
            usleep(10_000)
        }
        #expect(waiting >= reachable, "only \(waiting) of \(threads) writers (\(reachable) possible) reached the gate")
        try gate.execute("ROLLBACK")
        group.wait()
        for store in stores { store.connection.close() }
        return results.all
    }

    static func count(_ store: Store, _ sql: SQL) throws -> Int {
        try store.connection.query(sql).first!.require("n")
    }

    @Test func eightWritersOfOneTextLogOneClaim() throws {
        let store = try Self.desk()
        for round in 1...20 {
            let results = try Self.together(store.location) { store, i in
                let text = i % 2 == 0 ? "Exports rose \(round) percent." : "EXPORTS  ROSE \(round) PERCENT!"
                return try store.addClaim(NewClaim(text: text, claimant: "Claimant \(i)", article: "A-1"),
                                          by: try store.actor(i % 2 == 0 ? "ed" : "eve")).id
            }
            let logged = results.compactMap { try? $0.get() }
            #expect(logged.count == 1, "round \(round): \(results)")
            let winner = try #require(logged.first)
            for case .failure(let error) in results {
                guard case StoreError.duplicate(let existing, let state) = error else {
                    Issue.record("round \(round): expected the duplicate error, got \(error)")
                    continue
                }
                #expect(existing.description == winner && state == "logged", "round \(round)")
            }
        }
        #expect(try Self.count(store, "SELECT count(*) AS n FROM claims") == 20)
        #expect(try Self.count(store, "SELECT count(DISTINCT normalized_text) AS n FROM claims") == 20)
        #expect(try Self.count(store, "SELECT count(*) AS n FROM audit_events WHERE action = 'claim.logged'") == 20)
    }

    @Test func eightLinkersOfOneTextAddEveryAppearance() throws {
        let store = try Self.desk()
        let results = try Self.together(store.location) { store, i in
            let ed = try store.actor("ed")
            let url = "https://video.example/\(i)"
            do {
                return try store.addClaim(NewClaim(text: "The bridge cost two billion.", claimant: "Mayor Osei",
                                                   article: "A-1", appearances: [url]), by: ed).id
            } catch StoreError.duplicate(let existing, _) {
                return try store.addAppearances([url], to: existing, by: ed).id
            }
        }
        let ids = try results.map { try $0.get() }
        #expect(Set(ids).count == 1, "\(ids)")
        #expect(try Self.count(store, "SELECT count(*) AS n FROM claims") == 1)
        #expect(try Self.count(store, "SELECT count(*) AS n FROM appearances") == Self.threads)
        #expect(try Self.count(store, "SELECT count(*) AS n FROM appearances WHERE is_first") == 1)
        #expect(try Self.count(store, "SELECT count(*) AS n FROM audit_events WHERE action = 'claim.appearance_added'")
                == Self.threads - 1)
    }

    /// A url taken by a writer that committed after this one looked reads as if the look had found it.
    @Test func aUniqueViolationReadsAsTheLookUp() throws {
        let store = try Self.desk()
        let other = try Store(location: store.location)
        let ed = try store.actor("ed")
        let edit = try store.addClaim(NewClaim(text: "Crime fell.", claimant: "Hart"), by: ed)
        let original = try store.addClaim(NewClaim(text: "Crime rose.", claimant: "Hart"), by: ed)
        // An edit may not make a claim repeat another either.
        do {
            _ = try store.editClaim(ClaimNumber(edit.number), ClaimEdit(text: "crime ROSE!"), by: ed)
            Issue.record("the edit made C-\(edit.number) repeat C-\(original.number)")
        } catch StoreError.duplicate(let existing, _) {
            #expect(existing.value == original.number)
        }
        // Its own wording, changed in punctuation only, is no duplicate of itself.
        _ = try store.editClaim(ClaimNumber(edit.number), ClaimEdit(text: "Crime fell!"), by: ed)
        // Another writer's article url, not yet committed when this one looks.
        try other.connection.execute("BEGIN")
        try other.connection.run("""
            INSERT INTO articles (url, created_by) VALUES ('https://news.example.org/late', 'ed')
            """)
        let outcome = Box<Error>()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let writer = store
        Thread {
            do { _ = try writer.addArticle(NewArticle(url: "https://news.example.org/late"), by: ed) } catch {
                outcome.value = error
            }
            done.signal()
        }.start()
        let watcher = try Connection(store.location.conninfo)
        defer { watcher.close() }
        for _ in 0..<400 {
            let waiting = try watcher.query("""
                SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """).count > 0
            if waiting { break }
            usleep(25_000)
        }
        try other.connection.execute("COMMIT")
        done.wait()
        let id: Int64 = try store.connection.query("SELECT id FROM articles WHERE url = 'https://news.example.org/late'")
            .first!.require("id")
        let error = try #require(outcome.value)
        #expect("\(error)" == "an article with this url is already logged as article \(id)")
    }

    // MARK: A database that already holds duplicates

    @Test func migratingADatabaseWithDuplicatesKeepsAndReportsThem() throws {
        let url = try TestDatabase.emptyDirect()
        let store = try Store(location: DatabaseLocation(conninfo: url, origin: .option))
        _ = try Migrator(connection: store.connection, migrations: Migration.all.filter { $0.version <= 9 })
            .migrate(appliedBy: "tests")
        // Logged before the rule was a constraint, as racing editors could.
        try store.connection.execute("""
            INSERT INTO users (handle, name, role) VALUES ('maria', 'María Ortiz', 'admin');
            INSERT INTO users (handle, name, role, created_by) VALUES ('ed', 'Ed Park', 'editor', 'maria');
            """)
        let seeded: [(String, String)] = [
            ("Exports doubled.", "logged"), ("Crime fell.", "logged"), ("exports  DOUBLED!", "logged"),
            ("CRIME FELL", "published"), ("Exports doubled", "rejected"), ("A claim of its own.", "logged"),
        ]
        for (text, state) in seeded {
            try store.connection.run("""
                INSERT INTO claims (text, normalized_text, claimant, state, created_by)
                VALUES (\(text), \(ClaimText.normalized(text)), 'Hart', \(state), 'ed')
                """)
        }
        let before = try store.connection.query("SELECT id, text, state FROM claims ORDER BY id")
            .map { "\(try $0.require("id", as: Int64.self)) \(try $0.require("text", as: String.self)) \(try $0.require("state", as: String.self))" }

        let cli = CLI(databaseURL: url)
        let migrate = try cli.run(["db", "migrate"], as: "maria")
        #expect(migrate.status == 0, "\(migrate)")
        #expect(migrate.stdout.contains("applied V0010__one_claim_per_text.sql"), "\(migrate)")
        #expect(migrate.stdout.contains("2 claims repeat the text of an earlier claim"), "\(migrate)")
        #expect(migrate.stdout.contains(#"C-3 (logged) repeats C-1: factcheck claim reject C-3 --reason "duplicate of C-1""#), "\(migrate)")
        #expect(migrate.stdout.contains(#"C-4 (published) repeats C-2: factcheck claim reject C-4"#), "\(migrate)")
        #expect(!migrate.stdout.contains("C-5"), "a rejected duplicate is resolved already: \(migrate)")
        #expect(migrate.stderr.isEmpty, "\(migrate)")

        // Every claim is in place, as it was; the later ones are marked, and the marks audited.
        let after = try store.connection.query("SELECT id, text, state FROM claims ORDER BY id")
            .map { "\(try $0.require("id", as: Int64.self)) \(try $0.require("text", as: String.self)) \(try $0.require("state", as: String.self))" }
        #expect(after == before)
        let marks = try store.connection.query("SELECT id, duplicate_of FROM claims WHERE duplicate_of IS NOT NULL ORDER BY id")
            .map { "\(try $0.require("id", as: Int64.self))→\(try $0.require("duplicate_of", as: Int64.self))" }
        #expect(marks == ["3→1", "4→2", "5→1"])
        let events = try store.connection.query("""
            SELECT object, after->>'duplicate_of' AS of FROM audit_events WHERE action = 'claim.marked_duplicate' ORDER BY id
            """).map { "\(try $0.require("object", as: String.self))→\(try $0.require("of", as: String.self))" }
        #expect(events == ["C-3→C-1", "C-4→C-2", "C-5→C-1"])

        let status = try cli.run(["db", "status"], as: "maria")
        #expect(status.status == 0, "\(status)")
        #expect(status.stdout.contains("C-3 (logged) repeats C-1"), "\(status)")
        let json = try cli.run(["db", "status", "--format", "json"], as: "maria")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let listed = try #require(object["duplicates"] as? [[String: Any]], "\(json)")
        #expect(listed.map { "\($0["claim_id"] ?? "")→\($0["duplicate_of"] ?? "") \($0["state"] ?? "")" }
                == ["C-3→C-1 logged", "C-4→C-2 published"])

        // The rule holds from here on, and the desk resolves a duplicate as the report says.
        let ed = try store.actor("ed")
        do {
            _ = try store.addClaim(NewClaim(text: "EXPORTS DOUBLED", claimant: "Someone"), by: ed)
            Issue.record("a fourth claim of the text was logged")
        } catch StoreError.duplicate(let existing, _) {
            #expect(existing.description == "C-1")
        }
        let reject = try cli.run(["claim", "reject", "C-3", "--reason", "duplicate of C-1"], as: "ed")
        #expect(reject.status == 0, "\(reject)")
        #expect(try store.markedDuplicates().map(\.claimId) == ["C-4"])
        let verify = try cli.run(["audit", "verify"], as: "maria")
        #expect(verify.status == 0, "\(verify)")
    }
}

final class Results<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Result<T, Error>?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<T, Error>) {
        lock.lock(); defer { lock.unlock() }
        items[i] = value
    }
    var all: [Result<T, Error>] {
        lock.lock(); defer { lock.unlock() }
        return items.map { $0! }
    }
}
