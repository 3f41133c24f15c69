import Postgres
import TestSupport
import Testing

@Suite struct ConnectionTests {
    @Test func boundValuesRoundTrip() throws {
        let conn = try Connection(try TestDatabase.empty())
        let text = "quote ' double \" backslash \\ emoji 🧾 rtl שלום combining é"
        let row = try #require(try conn.query("SELECT \(text)::text AS t, \(nil as String?)::text AS n").first)
        #expect(try row.decode("t", as: String.self) == text)
        #expect(try row.decode("n", as: String.self) == nil)
    }
}
