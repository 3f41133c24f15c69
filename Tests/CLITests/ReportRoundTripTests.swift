import Foundation
import TestSupport
import Testing

/// Spreadsheet → import → export → import elsewhere → export: 10,000 claims whose texts hold
/// everything that breaks naive CSV code, and nothing lost on the way.
@Suite struct ReportRoundTripTests {
    static let rowCount = 10_000

    static let claimants = [
        "Finance Minister Ana Lima", "Sen. \"Bo\" O'Brien, Jr.", "Ministère de la Santé", "שר האוצר", "وزير المالية",
        "@deskwatch", "-Anonymous poster", "+Plus Party", "=Equals Group", "Zoë 👩🏽‍⚖️ Ó Briain",
    ]
    static let tagSets = ["economy, health", "élections", "", "2026 budget; trade", "public  health, 🇺🇦",
                          "-minus, plus", "@risk"]
    static let priorities = ["low", "normal", "high", "urgent", "", "High"]

    /// A 5,000-scalar claim (the longest a claim may be) full of commas, quotes and line breaks.
    static func longText(_ row: Int) -> String {
        var text = "Long claim \(row): "
        let piece = "ab, \"c\"\né שלום 🧲 \\ "
        while text.unicodeScalars.count < 5_000 { text += piece }
        var scalars = String.UnicodeScalarView(text.unicodeScalars.prefix(4_999))
        scalars.append("x")
        return String(scalars)
    }

    /// The claim text of row `i` (1-based): distinct, and each kind of trouble many times over.
    static func text(_ i: Int) -> String {
        if i <= 4 { return longText(i) }
        switch i % 17 {
        case 0: return "Plain claim \(i), with a comma, and another"
        case 1: return "She said \"\(i) percent\" and then \"\"more\"\""
        case 2: return "Line one of \(i)\nline two\nline three"
        case 3: return "Windows line \(i)\r\nsecond line\r\n\r\nfourth"
        case 4: return "Tab\tseparated \(i)\tvalues"
        case 5: return "=SUM(A1:A\(i))"
        case 6: return "+\(i) jobs since May"
        case 7: return "-\(i)% in a year, she said"
        case 8: return "@minister claimed \(i) visits"
        case 9: return "Emoji 🧲👍🏽 \(i) 🇺🇦 👩🏽‍⚖️"
        case 10: return "עברית: המספר \(i) שלום"
        case 11: return "العربية \(i) مرحبا بالعالم"
        case 12: return "Combining e\u{301}\u{302} a\u{308} o\u{328}\u{301} \(i)"
        case 13: return "Back\\slash \\n is not a newline \(i) C:\\path\\ \\\\"
        case 14: return "=HYPERLINK(\"http://x.example/\(i)\",\"click\")"
        case 15: return "\"Quoted start\", \(i), 'single' and ‘curly’"
        default: return "Mixed \(i): =1+2, \"q\"\n\t-tab @at, עב, 🧲, e\u{301}"
        }
    }

    /// 10,000-character notes, in a column the importer ignores: the reader must still carry them.
    static func notes(_ i: Int) -> String {
        guard i % 2_500 == 7 else { return i % 3 == 0 ? "" : "note \(i)" }
        let piece = "n,\"o\"\r\n\t"
        return String(String(repeating: piece, count: 10_000 / piece.count + 1).prefix(10_000))
    }

    /// The spreadsheet to start from, and the claims it holds in order.
    static func generated() -> (file: String, texts: [String]) {
        var out = csvRecord(["claim", "claimant", "tags", "priority", "notes"])
        var texts: [String] = []
        out.reserveCapacity(2_000_000)
        for i in 1...rowCount {
            let text = text(i)
            texts.append(text)
            out += csvRecord([text, claimants[i % claimants.count], tagSets[i % tagSets.count],
                              priorities[i % priorities.count], notes(i)])
        }
        return (out, texts)
    }

    @Test func tenThousandClaimsSurviveTwoRoundTrips() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let (file, texts) = Self.generated()
        #expect(Set(texts).count == Self.rowCount, "the generated texts are distinct")
        #expect(texts.contains { $0.unicodeScalars.count == 5_000 })
        let source = try dir.write("generated.csv", file)

        // Python's csv module reads the generated file as written.
        let generated = try pythonCSV(source, column: "claim", in: dir)
        #expect(generated.rows == Self.rowCount)
        #expect(generated.widths == [5])
        #expect(generated.column == texts, "Python reads back the generated texts")

        let deskA = try Desk.adminOnly()
        let importA = try deskA.ok(["import", "claims", source], as: Desk.admin)
        #expect(importA.stdout == "imported \(Self.rowCount) claims from \(source)\n")
        let storedA = try deskA.storedClaims()
        #expect(storedA.count == Self.rowCount)
        #expect(storedA.map(\.id) == Array(1...Int64(Self.rowCount)))
        expectSame(storedA.map(\.text), texts, "texts stored in A")

        let aPath = dir.file("a.csv")
        try deskA.ok(["export", "claims", "--out", aPath], as: Desk.admin)
        let excelPath = dir.file("a-excel.csv")
        try deskA.ok(["export", "claims", "--out", excelPath, "--excel"], as: Desk.admin)

        let deskB = try Desk.adminOnly()
        let importB = try deskB.ok(["import", "claims", aPath], as: Desk.admin)
        #expect(importB.stdout == "imported \(Self.rowCount) claims from \(aPath)\n")
        let bPath = dir.file("b.csv")
        try deskB.ok(["export", "claims", "--out", bPath], as: Desk.admin)

        // Every file reads in Python with the right shape.
        let a = try pythonCSV(aPath, column: "claim", in: dir)
        let b = try pythonCSV(bPath, column: "claim", in: dir)
        for (name, report) in [("a.csv", a), ("b.csv", b)] {
            #expect(report.header == specClaimColumns, "\(name) header")
            #expect(report.rows == Self.rowCount, "\(name) rows")
            #expect(report.widths == [24], "\(name) has 24 fields in every record")
        }
        // The texts of both exports are the texts of the spreadsheet, once the neutralising
        // apostrophe is taken off, and identical to each other.
        expectSame(a.column.map(undoNeutralisation), texts, "a.csv texts")
        expectSame(b.column.map(undoNeutralisation), texts, "b.csv texts")
        expectSame(a.column, b.column, "a.csv and b.csv claim cells")
        #expect(a.column.contains { $0.hasPrefix("'=") } && a.column.contains { $0.hasPrefix("'@") },
                "formula-like texts are neutralised in the export")

        // What B stores is what A stores: the re-import takes the neutralising apostrophe off
        // again, for the text and for every other text column.
        let storedB = try deskB.storedClaims()
        #expect(storedB.count == Self.rowCount)
        expectSame(storedB.map(\.text), storedA.map(\.text), "texts stored in B vs A")
        expectSame(storedB.map(\.claimant), storedA.map(\.claimant), "claimants stored in B vs A")
        expectSame(storedB.map(\.tags), storedA.map(\.tags), "tags stored in B vs A")
        expectSame(storedB.map(\.priority), storedA.map(\.priority), "priorities stored in B vs A")

        // --excel: the byte-order mark first, and Python's utf-8-sig reads it as the same report.
        let excel = try dir.bytes("a-excel.csv")
        #expect(Array(excel.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(try dir.bytes("a.csv").prefix(9)) == Array("claim_id,".utf8), "without --excel, no BOM")
        let excelRead = try pythonCSV(excelPath, column: "claim", encoding: "utf-8-sig", in: dir)
        #expect(excelRead.header == specClaimColumns)
        #expect(excelRead.rows == Self.rowCount)
        #expect(excelRead.widths == [24])
        expectSame(excelRead.column, a.column, "--excel cells")

        // Every imported claim is audited once, and the chain verifies after 10,000 rows.
        for desk in [deskA, deskB] {
            #expect(try desk.tally("audit_events", where: "action = 'claim.logged'") == Self.rowCount)
            #expect(try desk.tally("audit_events", where: """
                action = 'claim.logged' AND after->>'imported_from' IS NOT NULL AND after ? 'line'
                """) == Self.rowCount)
            let verify = try desk.ok(["audit", "verify"], as: Desk.admin)
            #expect(verify.stdout.contains("verifies"), "\(verify)")
        }
    }

    /// The apostrophe the export adds before a formula-like cell is the export's, not the
    /// desk's: importing the export takes it off again. An apostrophe the text had itself stays.
    @Test func theNeutralisingApostropheIsTakenOffOnImport() throws {
        let deskA = try Desk.make()
        let texts = ["=HYPERLINK(\"http://x.example\",\"click\")", "+5% growth, they said.", "@minister wrote it.",
                     "'Tis the season for tax cuts.", "'quoted' at the start."]
        for text in texts { _ = try deskA.logClaim(text, claimant: "@deskwatch", extra: ["--tag=-minus", "--tag", "plus"]) }
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try deskA.ok(["export", "claims", "--out", dir.file("a.csv")], as: Desk.editor)
        let exported = try csvRows(try dir.read("a.csv")).rows
        #expect(exported.map { $0["claim"] } == ["'" + texts[0], "'" + texts[1], "'" + texts[2], texts[3], texts[4]])
        #expect(exported.first?["claimant"] == "'@deskwatch")
        #expect(exported.first?["tags"] == "'-minus, plus")

        let deskB = try Desk.adminOnly()
        try deskB.ok(["import", "claims", dir.file("a.csv")], as: Desk.admin)
        let stored = try deskB.storedClaims()
        #expect(stored.map(\.text) == texts)
        #expect(stored.map(\.claimant) == Array(repeating: "@deskwatch", count: texts.count))
        #expect(stored.map(\.tags) == Array(repeating: "-minus|plus", count: texts.count))
    }

    /// "An export re-imports as is" (SPEC section 6): a desk's export, claims in every state
    /// included, moves into a fresh desk with the same states and verdicts.
    @Test func anExportOfEveryStateReimportsAsIs() throws {
        let deskA = try Desk.make()
        _ = try deskA.logClaim("Logged only.", extra: ["--tag", "one", "--priority", "low"])
        let researching = try deskA.logClaim("In research.", extra: ["--due", "2026-12-01"])
        try deskA.ok(["claim", "start", researching], as: Desk.reviewer)
        let inReview = try deskA.logClaim("In review.")
        try deskA.toReview(inReview, rating: "half-true")
        let approved = try deskA.logClaim("Approved.")
        try deskA.toReview(approved, rating: "true")
        try deskA.ok(["verdict", "approve", approved], as: Desk.secondReviewer)
        let published = try deskA.logClaim("=Published, with a formula-like text.", claimant: "@minister")
        try deskA.toReview(published, rating: "mostly-false")
        try deskA.ok(["verdict", "approve", published], as: Desk.secondReviewer)
        try deskA.ok(["claim", "publish", published, "--url", "https://ledger.example/checks/5"], as: Desk.editor)
        let rejected = try deskA.logClaim("Rejected.")
        try deskA.ok(["claim", "reject", rejected, "--reason", "opinion"], as: Desk.editor)
        let corrected = try deskA.logClaim("Published, then reopened for a correction.")
        try deskA.toReview(corrected, rating: "false")
        try deskA.ok(["verdict", "approve", corrected], as: Desk.secondReviewer)
        try deskA.ok(["claim", "publish", corrected], as: Desk.editor)
        try deskA.ok(["claim", "reopen", corrected, "--reason", "new figures"], as: Desk.editor)

        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try deskA.ok(["export", "claims", "--out", dir.file("a.csv")], as: Desk.editor)
        let deskB = try Desk.make()
        let out = try deskB.run(["import", "claims", dir.file("a.csv")], as: Desk.admin)
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.hasPrefix("imported 7 claims"), "\(out)")
        try deskB.ok(["export", "claims", "--out", dir.file("b.csv")], as: Desk.editor)

        let a = try csvRows(try dir.read("a.csv")).rows
        let b = try csvRows(try dir.read("b.csv")).rows
        #expect(b.count == a.count)
        let kept = ["claim_id", "state", "claim", "claimant", "tags", "priority", "assignee", "due_date", "rating",
                    "conclusion", "proposed_by", "approved_by", "approved_at", "published_at", "published_url"]
        for (rowA, rowB) in zip(a, b) {
            for column in kept {
                #expect(rowB[column] == rowA[column], "\(rowA["claim_id"] ?? "?") \(column)")
            }
        }
        #expect(try deskB.storedClaims().map(\.content) == (try deskA.storedClaims().map(\.content)))
    }

    /// Compares long lists, naming the first few differences instead of printing 10,000 texts.
    func expectSame(_ actual: [String], _ expected: [String], _ what: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "\(what): \(actual.count) vs \(expected.count)",
                sourceLocation: sourceLocation)
        let differences = zip(actual, expected).enumerated().filter { $0.element.0 != $0.element.1 }
        let examples = differences.prefix(3).map { difference in
            let (got, wanted) = difference.element
            return "row \(difference.offset + 1): \(String(got.prefix(60)).debugDescription) ≠ "
                + String(wanted.prefix(60)).debugDescription
        }
        let same = differences.isEmpty
        #expect(same, "\(what): \(differences.count) differ, e.g. \(examples)", sourceLocation: sourceLocation)
    }
}
