import Testing
import FactCheckCore

// A thumbs-up with a skin tone is one character on screen but two Unicode scalars,
// and lengths count scalars as PostgreSQL does.
private let toned = "👍🏽"

@Suite("Validation of free text")
struct TextValidationTests {
    @Test(arguments: [
        ("  Crime fell 20% last year.  ", "Crime fell 20% last year."),
        ("First line\n  second  line", "First line\n  second  line"),
        ("Die Arbeitslosigkeit sank um 5 % – sagt sie", "Die Arbeitslosigkeit sank um 5 % – sagt sie"),
        ("Vaccines make you 🧲 magnetic", "Vaccines make you 🧲 magnetic"),
        ("\u{00A0}Nearly\u{00A0}all\u{00A0}", "Nearly\u{00A0}all"),
        (repeated("a", 5000), repeated("a", 5000)),
        (repeated(toned, 2500), repeated(toned, 2500)),
    ])
    func claimTextAccepted(_ input: String, _ expected: String) throws {
        #expect(try Validate.claimText(input) == expected)
    }

    @Test(arguments: [
        "", "   ", "\n\t ", repeated("a", 5001), " \(repeated("é", 5001)) ", "abc\0def", repeated(toned, 2501),
    ])
    func claimTextRefused(_ input: String) {
        #expect(invalidField { () throws(DomainError) in try Validate.claimText(input) } == "claim text")
    }

    @Test(arguments: [
        (" Jane Doe ", "Jane Doe"),
        ("Ministère de la Santé", "Ministère de la Santé"),
        ("国家统计局", "国家统计局"),
        (repeated("b", 300), repeated("b", 300)),
    ])
    func claimantAccepted(_ input: String, _ expected: String) throws {
        #expect(try Validate.claimant(input) == expected)
    }

    @Test(arguments: ["", "   ", repeated("b", 301), "Jane\nDoe", "Jane\0Doe", "Jane\u{7}Doe"])
    func claimantRefused(_ input: String) {
        #expect(invalidField { () throws(DomainError) in try Validate.claimant(input) } == "claimant")
    }

    @Test(arguments: [("Ana Lima", "Ana Lima"), (" Zoë Ó Briain ", "Zoë Ó Briain"), ("李雷", "李雷"),
                      (repeated("n", 200), repeated("n", 200))])
    func personNameAccepted(_ input: String, _ expected: String) throws {
        #expect(try Validate.personName(input) == expected)
    }

    @Test(arguments: ["", " \t ", repeated("n", 201), "Ana\nLima", "\0"])
    func personNameRefused(_ input: String) {
        #expect(invalidField { () throws(DomainError) in try Validate.personName(input) } == "name")
    }

    @Test func reasonLimits() throws {
        #expect(try Validate.reason("  Not a factual claim  ") == "Not a factual claim")
        #expect(try Validate.reason(repeated("r", 2000)).count == 2000)
        for bad in ["", "  ", repeated("r", 2001), "no\0"] {
            #expect(invalidField { () throws(DomainError) in try Validate.reason(bad) } == "reason")
        }
    }

    @Test func conclusionLimits() throws {
        #expect(try Validate.conclusion("Figures from the statistics office show otherwise.\n\nSee S-1.")
            == "Figures from the statistics office show otherwise.\n\nSee S-1.")
        #expect(try Validate.conclusion(repeated("c", 10_000)).count == 10_000)
        for bad in ["", "\n", repeated("c", 10_001), "\0"] {
            #expect(invalidField { () throws(DomainError) in try Validate.conclusion(bad) } == "conclusion")
        }
    }

    @Test(arguments: [
        (nil, nil), ("", nil), ("   ", nil), (" The Daily Bugle ", "The Daily Bugle"),
        ("Le Monde — édition 🌍", "Le Monde — édition 🌍"), (repeated("t", 1000), repeated("t", 1000)),
    ] as [(String?, String?)])
    func optionalTextAccepted(_ input: String?, _ expected: String?) throws {
        #expect(try Validate.text(input, field: "outlet") == expected)
    }

    @Test(arguments: [repeated("t", 1001), "Bugle\0"])
    func optionalTextRefused(_ input: String) {
        #expect(invalidField { () throws(DomainError) in try Validate.text(input, field: "outlet") } == "outlet")
    }

    @Test func optionalTextHonoursItsLimit() throws {
        #expect(try Validate.text("abcd", field: "note", max: 4) == "abcd")
        #expect(invalidField { () throws(DomainError) in try Validate.text("abcde", field: "note", max: 4) } == "note")
    }

    @Test func tooLongSaysByHowMuch() {
        let error = refusal { () throws(DomainError) in try Validate.claimant(repeated("b", 301)) }
        #expect(error == .invalid(field: "claimant", reason: "is 301 characters long; the limit is 300"))
    }
}

@Suite("Validation of handles, URLs and dates")
struct FormatValidationTests {
    @Test func aHandleAsTypedNamesTheStoredOne() {
        #expect(Validate.handleReference("  Ben ") == "ben")
        #expect(Validate.handleReference("MARIA.O") == "maria.o")
    }

    @Test(arguments: [
        ("ana", "ana"), ("Ana", "ana"), (" ana.b_c-d ", "ana.b_c-d"), ("0day", "0day"),
        (repeated("h", 40), repeated("h", 40)),
    ])
    func handleAccepted(_ input: String, _ expected: String) throws {
        #expect(try Validate.handle(input) == expected)
    }

    @Test(arguments: ["", "  ", "-ana", ".ana", "_ana", "ana smith", "anä", "ana@desk", "😀", "a\0",
                      repeated("h", 41)])
    func handleRefused(_ input: String) {
        #expect(invalidField { () throws(DomainError) in try Validate.handle(input) } == "handle")
    }

    @Test(arguments: [
        ("https://example.org", "https://example.org"),
        ("http://example.org/a?b=c#d", "http://example.org/a?b=c#d"),
        (" HTTPS://Example.org/path ", "HTTPS://Example.org/path"),
        ("https://user@host.example:8080/x", "https://user@host.example:8080/x"),
        ("https://[2001:db8::1]:8443/", "https://[2001:db8::1]:8443/"),
        ("https://de.wikipedia.org/wiki/Köln", "https://de.wikipedia.org/wiki/Köln"),
        ("https://example.org/" + repeated("p", 2028), "https://example.org/" + repeated("p", 2028)),
    ])
    func urlAccepted(_ input: String, _ expected: String) throws {
        #expect(try Validate.url(input) == expected)
    }

    @Test(arguments: [
        "", "   ", "example.org", "www.example.org/page", "ftp://example.org", "https://", "https:///path",
        "https://exa mple.org", "https://example.org:99999/", "https://example.org:port/", "https://:80/",
        "mailto:desk@example.org", "javascript:alert(1)", "https://example.org/\0", "https://example.org/\tx",
        "https://example.org/" + repeated("p", 2029),
    ])
    func urlRefused(_ input: String) {
        #expect(invalidField { () throws(DomainError) in try Validate.url(input) } == "url")
    }

    @Test(arguments: [
        ("2026-11-27", "2026-11-27"), ("2024-02-29", "2024-02-29"), ("2000-02-29", "2000-02-29"),
        (" 2026-01-01 ", "2026-01-01"), ("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31"),
    ])
    func dateAccepted(_ input: String, _ expected: String) throws {
        #expect(try Validate.date(input).description == expected)
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
        "0000-01-01", "26-11-27", "2026-1-5", "2026/11/27", "27.11.2026", "", "2026-11-27T10:00",
        "２０２６-11-27", "+2026-11-27", "2026-11-2 ",
    ])
    func dateRefused(_ input: String) {
        #expect(invalidField { () throws(DomainError) in try Validate.date(input) } == "date")
    }

    @Test func impossibleDateIsCalledSo() {
        let error = refusal { () throws(DomainError) in try Validate.date("2026-02-30", field: "--due") }
        #expect(error == .invalid(field: "--due", reason: "'2026-02-30' is not a date on the calendar"))
        let shape = refusal { () throws(DomainError) in try Validate.date("27/11/2026") }
        #expect(shape == .invalid(field: "date", reason: "'27/11/2026' is not a date; use YYYY-MM-DD, e.g. 2026-11-27"))
    }

    @Test(arguments: [1, 50, 100_000])
    func limitAccepted(_ n: Int) throws {
        #expect(try Validate.limit(n) == n)
    }

    @Test(arguments: [0, -1, 100_001, Int.max])
    func limitRefused(_ n: Int) {
        #expect(invalidField { () throws(DomainError) in try Validate.limit(n) } == "limit")
    }
}

@Suite("Validation of choices and tags")
struct ChoiceValidationTests {
    @Test(arguments: [("low", Priority.low), ("HIGH", .high), (" Urgent ", .urgent), ("normal", .normal)])
    func priority(_ input: String, _ expected: Priority) throws {
        #expect(try Validate.priority(input) == expected)
    }

    @Test(arguments: [
        ("primary_document", SourceKind.primaryDocument), ("primary-document", .primaryDocument),
        ("Primary Document", .primaryDocument), ("OFFICIAL-DATA", .officialData), ("news-report", .newsReport),
        ("transcript", .transcript), ("Expert", .expert), ("interview", .interview), ("other", .other),
    ])
    func sourceKind(_ input: String, _ expected: SourceKind) throws {
        #expect(try Validate.sourceKind(input) == expected)
    }

    @Test(arguments: [("supports", Stance.supports), ("Refutes", .refutes), ("CONTEXT", .context)])
    func stance(_ input: String, _ expected: Stance) throws {
        #expect(try Validate.stance(input) == expected)
    }

    @Test(arguments: [("editor", Role.editor), ("Reviewer", .reviewer), ("ADMIN", .admin)])
    func role(_ input: String, _ expected: Role) throws {
        #expect(try Validate.role(input) == expected)
    }

    @Test(arguments: [
        ("in_review", ReviewState.inReview), ("in-review", .inReview), ("In Review", .inReview),
        ("LOGGED", .logged), ("researching", .researching), ("approved", .approved),
        ("published", .published), ("rejected", .rejected),
    ])
    func state(_ input: String, _ expected: ReviewState) throws {
        #expect(try Validate.state(input) == expected)
    }

    @Test func unknownChoicesListTheValidOnes() {
        let cases: [(DomainError?, DomainError)] = [
            (refusal { () throws(DomainError) in try Validate.priority("asap") },
             .invalid(field: "priority", reason: "'asap' is not one of low, normal, high, urgent")),
            (refusal { () throws(DomainError) in try Validate.sourceKind("blog") },
             .invalid(field: "kind", reason: "'blog' is not one of primary_document, official_data, transcript, "
                + "interview, expert, news_report, other")),
            (refusal { () throws(DomainError) in try Validate.stance("neutral") },
             .invalid(field: "stance", reason: "'neutral' is not one of supports, refutes, context")),
            (refusal { () throws(DomainError) in try Validate.role("root") },
             .invalid(field: "role", reason: "'root' is not one of editor, reviewer, admin")),
            (refusal { () throws(DomainError) in try Validate.state("done") },
             .invalid(field: "state", reason: "'done' is not one of logged, researching, in_review, approved, "
                + "published, rejected")),
            (refusal { () throws(DomainError) in try Validate.priority("") },
             .invalid(field: "priority", reason: "'' is not one of low, normal, high, urgent")),
        ]
        for (actual, expected) in cases {
            #expect(actual == expected)
        }
    }

    @Test(arguments: [
        (" Health ", "health"), ("Public  Health", "public health"), ("COVID-19", "covid-19"),
        ("Économie", "économie"), ("🌍", "🌍"), ("a\tb", "a b"), (repeated("t", 50), repeated("t", 50)),
    ])
    func tagAccepted(_ input: String, _ expected: String) throws {
        #expect(try Validate.tag(input) == expected)
    }

    @Test(arguments: ["", "   ", "health,economy", repeated("t", 51), "a\u{1}b", "a\0b"])
    func tagRefused(_ input: String) {
        #expect(invalidField { () throws(DomainError) in try Validate.tag(input) } == "tag")
    }

    @Test func tagsDedupeInOrder() throws {
        #expect(try Validate.tags(["Health", "economy", " HEALTH ", "health", "Economy"]) == ["health", "economy"])
        #expect(try Validate.tags([]) == [])
        #expect(invalidField { () throws(DomainError) in try Validate.tags(["ok", ""]) } == "tag")
    }

    @Test func tagsFromACell() throws {
        #expect(try Validate.tags(splitting: "health, economy,, Health ") == ["health", "economy"])
        #expect(try Validate.tags(splitting: "") == [])
    }
}
