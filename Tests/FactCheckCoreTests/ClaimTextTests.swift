import Testing
import FactCheckCore

@Suite("Claim text normalisation")
struct ClaimTextTests {
    @Test(arguments: [
        ("  Crime FELL by 20% last   year. ", "crime fell by 20 last year"),
        ("“Crime fell,” she said.", "crime fell she said"),
        ("Don’t believe it", "dont believe it"),
        ("Don't believe it", "dont believe it"),
        ("well-known — fact…", "well known fact"),
        ("Ｆｕｌｌ　ｗｉｄｔｈ", "full width"),
        ("ﬁnance", "finance"),
        ("STRASSE and Straße", "strasse and strasse"),
        ("ΟΔΟΣ", "οδοσ"),
        ("Café", "café"),
        ("Cafe\u{301}", "café"),
        ("zero\u{200B}width", "zerowidth"),
        ("line\none\ttab", "line one tab"),
        ("It costs $5 + €5 = 10", "it costs $5 + €5 = 10"),
        ("Unemployment is 3.5%", "unemployment is 3 5"),
        ("👍🏽 Great!!!", "👍🏽 great"),
        ("", ""),
        ("  ...  ", ""),
    ])
    func examples(_ input: String, _ expected: String) {
        #expect(ClaimText.normalized(input) == expected)
    }

    @Test func sameClaimDifferentTyping() {
        let a = ClaimText.normalized("The minister said: “We’ve cut taxes for 90% of families.”")
        let b = ClaimText.normalized("the minister said we've cut taxes for 90% of families")
        #expect(a == b)
    }

    @Test func differentFiguresStayApart() {
        #expect(ClaimText.normalized("Unemployment is 3.5%") != ClaimText.normalized("Unemployment is 35%"))
        #expect(ClaimText.normalized("It costs $5") != ClaimText.normalized("It costs €5"))
        #expect(ClaimText.normalized("résumé") != ClaimText.normalized("resume"))
    }

    @Test func idempotent() {
        for text in ["“Crime fell,” she said.", "Ｆｕｌｌ　ｗｉｄｔｈ", "Straße", "a - b"] {
            let once = ClaimText.normalized(text)
            #expect(ClaimText.normalized(once) == once)
        }
    }
}
