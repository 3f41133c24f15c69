import Postgres
import TestSupport
import Testing

@Suite struct SQLTests {
    @Test func interpolatedValuesBecomeNumberedBinds() {
        let name = "O'Brien"
        let sql: SQL = "SELECT * FROM users WHERE handle = \(name) AND active = \(true) AND note = \(nil as String?)"
        let (text, binds) = sql.rendered()
        #expect(text == "SELECT * FROM users WHERE handle = $1 AND active = $2 AND note = $3")
        #expect(binds == ["O'Brien", "t", nil])
    }

    @Test func fragmentsAreRenumberedWhereverTheyLand() throws {
        let state: SQL = "state = \("researching")"
        let assignee: SQL = "assignee = \("ben")"
        let tag: SQL = "\("health") = ANY(tags)"
        let conditions = SQL.joined([state, assignee, tag], separator: " AND ")
        let query: SQL = "SELECT id FROM claims WHERE owner = \("maria") AND \(conditions) LIMIT \(50)"
        let (text, binds) = query.rendered()
        #expect(text == "SELECT id FROM claims WHERE owner = $1 AND state = $2 AND assignee = $3 AND $4 = ANY(tags) LIMIT $5")
        #expect(binds == ["maria", "researching", "ben", "health", "50"])

        // The same fragment twice, nested fragments, and `+`.
        let inner: SQL = "x = \(1)"
        let nested: SQL = "(\(inner) OR \(SQL.joined([inner, "y = \(2)"], separator: " AND ")))"
        let combined = nested + " AND z = \(3)"
        let rendered = combined.rendered()
        #expect(rendered.text == "(x = $1 OR x = $2 AND y = $3) AND z = $4")
        #expect(rendered.binds == ["1", "1", "2", "3"])

        #expect(SQL.joined([], separator: " AND ").rendered().text == "")
        #expect(SQL.joined([inner], separator: " AND ").rendered().text == "x = $1")
    }

    @Test func composedQueryRunsWithTheRightValueInEachPlace() throws {
        let (_, conn) = try emptyDatabase()
        try conn.execute("""
            CREATE TABLE claims (id int, state text, assignee text, tags text[]);
            INSERT INTO claims VALUES (1, 'researching', 'ben', '{health}'), (2, 'researching', 'ana', '{health}'),
                                      (3, 'logged', 'ben', '{health}'), (4, 'researching', 'ben', '{money}'),
                                      (5, 'researching', 'ben', '{health,money}')
            """)
        var filters: [SQL] = []
        filters.append("state = \("researching")")
        filters.append("assignee = \("ben")")
        filters.append("\("health") = ANY(tags)")
        let query: SQL = "SELECT id FROM claims WHERE id > \(0) AND \(SQL.joined(filters, separator: " AND ")) ORDER BY id LIMIT \(10)"
        let ids = try conn.query(query).map { try $0.require("id", as: Int.self) }
        #expect(ids == [1, 5])
    }

    @Test func descriptionShowsPlaceholdersNotValues() {
        let secret = "private-claimant-name"
        let filter: SQL = "claimant = \(secret)"
        let sql: SQL = "SELECT id FROM claims WHERE \(filter) AND due < \(99)"
        #expect(sql.description == "SELECT id FROM claims WHERE claimant = $1 AND due < $2")
        #expect(!"\(sql)".contains(secret))
        #expect(!String(reflecting: sql).contains(secret))
    }
}
