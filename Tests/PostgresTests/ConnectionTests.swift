import Foundation
@testable import Postgres
import TestSupport
import Testing

@Suite struct ConnectionTests {
    static let secret = "s3cret-value"

    /// Servers that are not there, each conninfo carrying the password in a different place.
    static let unreachable = [
        "host=127.0.0.1 port=1 user=fc password=\(secret) connect_timeout=2",
        "host=127.0.0.1 port=1 user=fc password='\(secret) with space' connect_timeout=2",
        "postgresql://fc:\(secret)@127.0.0.1:1/x?connect_timeout=2",
        "postgres://127.0.0.1:1/x?user=fc&password=\(secret)&connect_timeout=2",
        "host=/nonexistent/factcheck-socket-dir port=5432 password=\(secret)",
        // Malformed: libpq's message quotes the whole URI.
        "postgresql://fc:\(secret)@[::1/x",
    ]

    @Test(arguments: unreachable)
    func refusedConnectionIsAConnectionErrorWithoutThePassword(conninfo: String) throws {
        let error = try #require(postgresError { _ = try Connection(conninfo) })
        #expect(error.kind == .connection)
        #expect(error.isConnectionFailure)
        #expect(!error.message.isEmpty)
        #expect(!printed(error).contains(Self.secret), "\(printed(error))")
        #expect(!printed(error).contains("s3cret"), "\(printed(error))")
    }

    @Test func unknownDatabaseOnALiveServerIsAConnectionError() throws {
        let conninfo = try TestDatabase.adminConninfo() + " dbname=fc_no_such_database_\(getpid())"
        let error = try #require(postgresError { _ = try Connection(conninfo) })
        #expect(error.kind == .connection)
        #expect(error.message.contains("does not exist"))
    }

    @Test func uniqueViolationCarriesSQLStateAndConstraint() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE people (id int PRIMARY KEY, email text CONSTRAINT people_email_key UNIQUE)")
        let email = "ana.secret-address@example.org"
        try conn.run("INSERT INTO people VALUES (1, \(email))")
        let error = try #require(postgresError { try conn.run("INSERT INTO people VALUES (2, \(email))") })
        #expect(error.kind == .server)
        #expect(error.sqlState == "23505")
        #expect(error.isUniqueViolation)
        #expect(!error.isForeignKeyViolation && !error.isCheckViolation && !error.isConnectionFailure)
        #expect(error.constraint == "people_email_key")
        #expect(error.table == "people")
        // The detail quotes the row; it is carried for the code, but never printed.
        #expect(error.detail?.contains(email) == true)
        #expect(!printed(error).contains(email), "\(printed(error))")
        #expect(error.description.contains("23505"))
        // A failed statement outside a transaction leaves the connection usable.
        #expect(try conn.query("SELECT count(*) AS n FROM people").first?.require("n", as: Int.self) == 1)
    }

    @Test func otherConstraintViolationsAreClassified() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("""
            CREATE TABLE parent (id int PRIMARY KEY);
            CREATE TABLE child (id int PRIMARY KEY, parent int CONSTRAINT child_parent_fkey REFERENCES parent,
                                n int CONSTRAINT child_n_check CHECK (n > 0), label text NOT NULL DEFAULT 'x')
            """)
        let fk = try #require(postgresError { try conn.run("INSERT INTO child (id, parent, n) VALUES (1, \(7), 1)") })
        #expect(fk.isForeignKeyViolation && fk.sqlState == "23503" && fk.constraint == "child_parent_fkey")
        let check = try #require(postgresError { try conn.run("INSERT INTO child (id, n) VALUES (1, \(-1))") })
        #expect(check.isCheckViolation && check.sqlState == "23514" && check.constraint == "child_n_check")
        let notNull = try #require(postgresError {
            try conn.run("INSERT INTO child (id, n, label) VALUES (1, 1, \(nil as String?))")
        })
        #expect(notNull.sqlState == "23502" && notNull.column == "label")
        let raised = try #require(postgresError {
            try conn.execute("DO $$ BEGIN RAISE EXCEPTION 'refused' USING ERRCODE = 'P0001', HINT = 'try later'; END $$")
        })
        #expect(raised.isRaisedException && raised.message == "refused" && raised.hint == "try later")
    }

    // MARK: Transactions

    @Test func transactionCommitsTheBodysWork() throws {
        let (conninfo, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (v text)")
        let value = try conn.withTransaction { c in
            try c.run("INSERT INTO t VALUES (\("kept"))")
            return 42
        }
        #expect(value == 42)
        let other = try Connection(conninfo)
        #expect(try other.query("SELECT v FROM t").first?.require("v", as: String.self) == "kept")
    }

    @Test(arguments: [Connection.IsolationLevel.readCommitted, .repeatableRead, .serializable])
    func throwingBodyLeavesNothingAndRethrowsItsOwnError(isolation: Connection.IsolationLevel) throws {
        let (conninfo, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (v text)")
        let thrown = #expect(throws: BodyError.self) {
            try conn.withTransaction(isolation) { c in
                try c.run("INSERT INTO t VALUES (\("discarded"))")
                throw BodyError(tag: "body")
            }
        }
        #expect(thrown == BodyError(tag: "body"))
        let other = try Connection(conninfo)
        #expect(try other.query("SELECT count(*) AS n FROM t").first?.require("n", as: Int.self) == 0)
        // The connection is out of the transaction: the next statement commits on its own.
        try conn.run("INSERT INTO t VALUES (\("after"))")
        #expect(try other.query("SELECT count(*) AS n FROM t").first?.require("n", as: Int.self) == 1)
    }

    @Test func failedStatementInBodyRollsBackAndConnectionStaysUsable() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (id int PRIMARY KEY)")
        let error = try #require(postgresError {
            try conn.withTransaction { c in
                try c.run("INSERT INTO t VALUES (\(1))")
                try c.run("INSERT INTO t VALUES (\(1))")
            }
        })
        #expect(error.isUniqueViolation)
        // Not stuck in an aborted transaction (25P02).
        #expect(try conn.query("SELECT count(*) AS n FROM t").first?.require("n", as: Int.self) == 0)
    }

    @Test func failedCommitThrowsAndLeavesNothing() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (id int CONSTRAINT t_id_key UNIQUE DEFERRABLE INITIALLY DEFERRED)")
        let error = try #require(postgresError {
            try conn.withTransaction { c in
                _ = try c.run("INSERT INTO t VALUES (\(1)), (\(1))")  // checked only at COMMIT
            }
        })
        #expect(error.isUniqueViolation && error.constraint == "t_id_key")
        #expect(try conn.query("SELECT count(*) AS n FROM t").first?.require("n", as: Int.self) == 0)
    }

    @Test func bodysErrorSurvivesARollbackOnADeadConnection() throws {
        let (conninfo, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (v text)")
        let killer = try Connection(conninfo)
        let thrown = #expect(throws: BodyError.self) {
            try conn.withTransaction { c in
                try c.run("INSERT INTO t VALUES (\("lost"))")
                // Waits (up to 5 s) until the backend is gone, so the ROLLBACK meets a dead link.
                let ended = try killer.query("SELECT pg_terminate_backend(\(c.backendPID), 5000) AS ok")
                #expect(try ended.first?.require("ok", as: Bool.self) == true)
                throw BodyError(tag: "after kill")
            }
        }
        #expect(thrown == BodyError(tag: "after kill"))
        // The link really was dead, so the path under test was the failing rollback.
        let after = try #require(postgresError { try conn.query("SELECT 1 AS one") })
        #expect(after.isConnectionFailure)
        #expect(try killer.query("SELECT count(*) AS n FROM t").first?.require("n", as: Int.self) == 0)
    }

    @Test func transactionsDoNotNest() throws {
        let (conninfo, conn) = try emptyDatabase()
        try conn.execute("CREATE TABLE t (v text)")
        let error = try #require(postgresError {
            try conn.withTransaction { outer in
                try outer.run("INSERT INTO t VALUES (\("outer"))")
                try outer.withTransaction { inner in
                    _ = try inner.run("INSERT INTO t VALUES (\("inner"))")
                }
            }
        })
        #expect(error.kind == .usage)
        // The inner attempt did not commit the outer work half-way: all of it was rolled back.
        let other = try Connection(conninfo)
        #expect(try other.query("SELECT count(*) AS n FROM t").first?.require("n", as: Int.self) == 0)
        // A manually opened transaction counts too.
        try conn.execute("BEGIN")
        #expect(postgresError { try conn.withTransaction { _ in } }?.kind == .usage)
        try conn.execute("ROLLBACK")
        try conn.withTransaction { _ in }
    }

    // MARK: Lifetime

    @Test func closedConnectionRefusesUse() throws {
        let (_, conn) = try emptyDatabase()
        conn.close()
        conn.close()  // twice is harmless
        let error = try #require(postgresError { try conn.query("SELECT 1 AS one") })
        #expect(error.kind == .usage)
    }

    @Test func thousandOpenCloseCyclesLeaveNoBackendBehind() throws {
        let (conninfo, observer) = try emptyDatabase()
        let database: String = try #require(try observer.query("SELECT current_database() AS d").first?.require("d"))
        func sessions() throws -> Int {
            try #require(try observer.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = \(database)")
                .first?.require("n"))
        }
        let baseline = try sessions()
        for cycle in 0..<1_000 {
            let conn = try Connection(conninfo)
            if cycle.isMultiple(of: 2) {
                conn.close()  // explicit close
            }  // else: released by deinit at the end of the iteration
        }
        // A backend exits a moment after the client has gone.
        var now = Int.max
        let settled = try eventually(seconds: 10) {
            now = try sessions()
            return now <= baseline
        }
        #expect(settled, "sessions: \(now), baseline: \(baseline)")
    }

    @Test func failedConnectionsLeakNoFileDescriptors() throws {
        let conninfo = try TestDatabase.adminConninfo() + " dbname=fc_missing_\(getpid())"
        func openDescriptors() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
        }
        let before = try openDescriptors()
        for _ in 0..<300 {
            #expect(postgresError { _ = try Connection(conninfo) }?.kind == .connection)
        }
        // Other tests run in this process at the same time; 300 leaked sockets stand out.
        #expect(try openDescriptors() - before < 100)
    }
}

/// The statement cache of long sessions: a text's third run prepares it on the session, and
/// later runs execute the prepared statement.
@Suite struct PreparedStatementTests {
    /// A new empty database and a long-session connection to it (the plain one runs DDL).
    func longSession() throws -> (plain: Connection, long: Connection) {
        let (conninfo, plain) = try emptyDatabase()
        return (plain, try Connection(conninfo, preparesRepeatedStatements: true))
    }

    /// Executions of this session's prepared statements, by name, as the server counts them.
    func executions(_ conn: Connection) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        // Each test reads this at most twice per session, so the reading itself is never prepared.
        for row in try conn.query("SELECT name, generic_plans + custom_plans AS n FROM pg_prepared_statements") {
            counts[try row.require("name")] = try row.require("n")
        }
        return counts
    }

    @Test func aTextRunThreeTimesIsPreparedAndStillBindsEachRunsValues() throws {
        let (plain, conn) = try longSession()
        try plain.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)")
        for id in 1...6 {
            try conn.run("INSERT INTO notes (id, body) VALUES (\(id), \("note \(id)"))")
            #expect(conn.preparedStatementCount == (id >= Connection.prepareThreshold ? 1 : 0), "after run \(id)")
        }
        let bodies: [String] = try plain.query("SELECT body FROM notes ORDER BY id").map { try $0.require("body") }
        #expect(bodies == (1...6).map { "note \($0)" })
        // Runs 3 to 6 went through the prepared statement, under the name of its text.
        let name = "fc0_" + Connection.fingerprint("INSERT INTO notes (id, body) VALUES ($1, $2)")
        #expect(try executions(conn) == [name: 4])
        // A failing run still reports its own error.
        let error = try #require(postgresError { try conn.run("INSERT INTO notes (id, body) VALUES (\(1), \("again"))") })
        #expect(error.sqlState == "23505")
    }

    @Test func aCommandSessionPreparesNothing() throws {
        let (_, conn) = try emptyDatabase()
        for _ in 1...(Connection.prepareThreshold + 3) { try conn.query("SELECT \(1)::int AS one") }
        #expect(conn.preparedStatementCount == 0)
        #expect(try executions(conn).isEmpty)
    }

    @Test func aTextRunTwiceIsNotPrepared() throws {
        let (_, conn) = try longSession()
        for _ in 1..<Connection.prepareThreshold { try conn.query("SELECT \(1)::int AS one") }
        #expect(conn.preparedStatementCount == 0)
        #expect(try executions(conn).isEmpty)
    }

    @Test func aStatementPreparedInARolledBackTransactionStaysUsable() throws {
        let (_, conn) = try longSession()
        try conn.executeScript("BEGIN")
        for _ in 1...Connection.prepareThreshold { try conn.query("SELECT \(1)::int AS one") }
        try conn.executeScript("ROLLBACK")
        let one: Int = try conn.query("SELECT \(1)::int AS one").first!.require("one")
        #expect(one == 1)
        #expect(try executions(conn).values.first == 2)
    }

    /// The server lost the statements (DEALLOCATE behind the cache's back, or a pooler that
    /// moved the session): one run fails with 26000, and the next ones prepare afresh.
    @Test func statementsTheServerLostArePreparedAgain() throws {
        let (_, conn) = try longSession()
        for _ in 1...Connection.prepareThreshold { try conn.query("SELECT \(1)::int AS one") }
        try conn.executeScript("DEALLOCATE ALL")
        let error = try #require(postgresError { try conn.query("SELECT \(1)::int AS one") })
        #expect(error.sqlState == "26000")
        for _ in 1...Connection.prepareThreshold { try conn.query("SELECT \(2)::int AS one") }
        let two: Int = try conn.query("SELECT \(2)::int AS one").first!.require("one")
        #expect(two == 2)
        #expect(try executions(conn) == ["fc1_" + Connection.fingerprint("SELECT $1::int AS one"): 2])
    }

    /// Two sessions meeting on one server connection (behind a pooler) name a text alike, so
    /// a statement found under its name is the same statement: it is used, not refused.
    @Test func aStatementAlreadyPreparedUnderItsNameIsUsed() throws {
        let (_, conn) = try longSession()
        let name = "fc0_" + Connection.fingerprint("SELECT $1::int AS one")
        try conn.executeScript("PREPARE \(name) (int) AS SELECT $1::int AS one")
        for _ in 1...(Connection.prepareThreshold + 1) { try conn.query("SELECT \(7)::int AS one") }
        #expect(conn.preparedStatementCount == 1)
        #expect(try executions(conn) == [name: 2])
    }

    @Test func aPreparedSelectStarFailsOnceAfterItsTableChangesThenSeesTheNewColumn() throws {
        let (plain, conn) = try longSession()
        try plain.execute("CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes VALUES (1, 'a')")
        for _ in 1...Connection.prepareThreshold { try conn.query("SELECT * FROM notes WHERE id = \(1)") }
        #expect(conn.preparedStatementCount == 1)
        try plain.execute("ALTER TABLE notes ADD COLUMN tag text")
        // PostgreSQL refuses the old plan's row shape once; the statement is then forgotten and
        // later runs see the new column.
        let error = try #require(postgresError { try conn.query("SELECT * FROM notes WHERE id = \(1)") })
        #expect(error.sqlState == "0A000")
        #expect(conn.preparedStatementCount == 0)
        let row = try #require(try conn.query("SELECT * FROM notes WHERE id = \(1)").first)
        #expect(try row.decode("tag") as String? == nil)
    }

    @Test func forgettingDeallocatesOnTheServer() throws {
        let (_, conn) = try longSession()
        for _ in 1...Connection.prepareThreshold { try conn.query("SELECT \(1)::int AS one") }
        #expect(try executions(conn).count == 1)
        try conn.forgetPreparedStatements()
        #expect(conn.preparedStatementCount == 0)
        #expect(try executions(conn).isEmpty)
    }
}
