import Foundation
import Testing
import FactCheckCore

@Suite("Claim and source numbers")
struct IdentifierTests {
    @Test(arguments: [
        ("C-42", 42), ("c-42", 42), ("42", 42), ("  C-42\n", 42), ("C-007", 7), ("1", 1),
        ("9223372036854775807", Int64.max),
    ] as [(String, Int64)])
    func claimAccepted(_ input: String, _ value: Int64) throws {
        #expect(try ClaimNumber(parsing: input) == ClaimNumber(value))
    }

    @Test(arguments: [
        "", "  ", "C-", "C42x", "C42", "C 42", "0", "C-0", "-5", "C--5", "+5", "C-+5", "4 2", "C-4.2", "S-42",
        "C-9223372036854775808", "99999999999999999999", "٤٢", "４２",
    ])
    func claimRefused(_ input: String) {
        #expect(invalidField { () throws(DomainError) in try ClaimNumber(parsing: input) } == "claim")
    }

    @Test(arguments: [("S-7", 7), ("s-7", 7), ("7", 7), (" S-12 ", 12)] as [(String, Int64)])
    func sourceAccepted(_ input: String, _ value: Int64) throws {
        #expect(try SourceNumber(parsing: input) == SourceNumber(value))
    }

    @Test(arguments: ["", "S-", "S7x", "0", "-7", "C-7", "S-99999999999999999999"])
    func sourceRefused(_ input: String) {
        #expect(invalidField { () throws(DomainError) in try SourceNumber(parsing: input) } == "source")
    }

    @Test func shownWithTheirPrefix() {
        #expect(ClaimNumber(42).description == "C-42")
        #expect(SourceNumber(7).description == "S-7")
        #expect([10, 9, 100].map(ClaimNumber.init).sorted().map(\.value) == [9, 10, 100])
    }

    @Test func refusalSaysWhatANumberLooksLike() {
        let error = refusal { () throws(DomainError) in try ClaimNumber(parsing: "C42x") }
        #expect(error == .invalid(field: "claim", reason: "'C42x' is not a claim number; use C-42 or 42"))
        let zero = refusal { () throws(DomainError) in try ClaimNumber(parsing: "C-0") }
        #expect(zero == .invalid(field: "claim", reason: "claim numbers start at 1"))
    }
}

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test(arguments: [
        ("1970-01-01", 0), ("1969-12-31", -1), ("2000-03-01", 11017), ("2024-02-29", 19782),
        ("2026-11-27", 20784), ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
    ])
    func daysSince1970(_ iso: String, _ days: Int) throws {
        let date = try #require(CalendarDate(iso: iso))
        #expect(date.daysSince1970 == days)
        #expect(CalendarDate(daysSince1970: days) == date)
    }

    @Test func roundTripsAcrossTheWholeRange() {
        for days in stride(from: -719_162, through: 2_932_896, by: 997) {
            let date = CalendarDate(daysSince1970: days)
            #expect(date?.daysSince1970 == days)
            #expect(date.flatMap { CalendarDate(iso: $0.description) } == date)
        }
        #expect(CalendarDate(daysSince1970: -719_163) == nil)
        #expect(CalendarDate(daysSince1970: 2_932_897) == nil)
    }

    @Test func ordersAndAdds() throws {
        let leapDay = try #require(CalendarDate(year: 2024, month: 2, day: 29))
        #expect(leapDay.adding(days: 1) == CalendarDate(year: 2024, month: 3, day: 1))
        #expect(leapDay.adding(days: -60) == CalendarDate(year: 2023, month: 12, day: 31))
        #expect(try #require(CalendarDate(iso: "2026-01-09")) < #require(CalendarDate(iso: "2026-01-10")))
        #expect(try #require(CalendarDate(iso: "2025-12-31")) < #require(CalendarDate(iso: "2026-01-01")))
        #expect(CalendarDate(year: 5, month: 3, day: 7)?.description == "0005-03-07")
    }

    @Test func leapYears() {
        #expect(CalendarDate.isLeap(2024))
        #expect(CalendarDate.isLeap(2000))
        #expect(!CalendarDate.isLeap(1900))
        #expect(!CalendarDate.isLeap(2026))
    }

    @Test func codableAsTheISOString() throws {
        let date = try #require(CalendarDate(iso: "2026-11-27"))
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2026-11-27"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
