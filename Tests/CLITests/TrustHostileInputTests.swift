import Foundation
import Postgres
import TestSupport
import Testing

/// Hostile input is stored verbatim or refused with a clear message, and a refusal writes
/// nothing.
@Suite struct TrustHostileInputTests {
    static let verbatim = [
        "'); DROP TABLE claims; --",
        "Robert'); DELETE FROM audit_events WHERE ('1'='1",
        "\\x00 \\\\ backslashes \\n not newlines",
        "quotes \" ' ` and $1 $$ dollar-quoting $$",
        "שלום — مرحبا — right-to-left text",
        "combining e\u{0301} and \u{200F}marks\u{202E}",
        "emoji 🧾👍🏽🇺🇦 in a claim",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
    ]

    @Test(arguments: verbatim)
    func storedVerbatim(_ text: String) throws {
        let desk = try Desk.make()
        let claim = try desk.logClaim(text + " (said on TV)", claimant: text)
        let shown = try desk.ok(["claim", "show", claim, "--format", "json"], as: Desk.editor)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let stored = try #require(json["claim"] as? [String: Any])
        #expect(stored["text"] as? String == text + " (said on TV)")
        #expect(stored["claimant"] as? String == text)
        // The same strings as filters are values, never SQL.
        let listed = try desk.run(["claim", "list", "--claimant", text, "--format", "json"], as: Desk.editor)
        #expect(listed.status == 0, "\(listed)")
        let searched = try desk.run(["claim", "list", "--search", text, "--format", "json"], as: Desk.editor)
        #expect(searched.status == 0, "\(searched)")
        #expect(try desk.run(["audit", "verify"], as: Desk.editor).status == 0)
    }

    @Test(arguments: [
        (["claim", "add", "", "--claimant", "X"], "claim text"),
        (["claim", "add", "   \t  ", "--claimant", "X"], "claim text"),
        (["claim", "add", "Fine text.", "--claimant", "   "], "claimant"),
        (["claim", "add", String(repeating: "x", count: 5_001), "--claimant", "X"], "claim text"),
        (["claim", "add", "Fine text.", "--claimant", "X", "--tag", ""], "tag"),
    ])
    func refusedWithAClearMessageAndNothingWritten(_ arguments: [String], _ names: String) throws {
        let desk = try Desk.make()
        let before = try desk.snapshot()
        let outcome = try desk.run(arguments, as: Desk.editor)
        #expect(outcome.status == 64, "\(outcome)")
        #expect(outcome.stderr.hasPrefix("error: ") && outcome.stderr.contains(names), "\(outcome)")
        #expect(try desk.snapshot() == before)
    }

    @Test func aOneMegabyteArticleTextIsKeptVerbatim() throws {
        let desk = try Desk.make()
        var text = ""
        while text.utf8.count < 1_048_576 { text += "The minister said exports rose by 4.5 percent in 2025. שלום 🧾\n" }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).txt").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try desk.ok(["article", "add", "--url", "https://big.example/a", "--text-file", file], as: Desk.editor)
        let conn = try desk.connection()
        defer { conn.close() }
        let stored: String = try conn.query("SELECT body FROM articles WHERE url = 'https://big.example/a'").first!.require("body")
        #expect(stored == text)
    }

    /// A bounded fuzz pass through the binary: mutated files either import whole (exit 0)
    /// or are refused (exit 65) with nothing written; never a crash, never a partial import.
    @Test func mutatedFilesImportWholeOrNotAtAll() throws {
        let desk = try Desk.make()
        let seed = Array("claim,claimant,priority,said_on\n\"Exports rose, \"\"officially\"\"\",Hart,high,2026-01-05\nPlain claim two,Ben,low,\n=Third claim,Ana,,2026-02-01\n".utf8)
        let bytes: [UInt8] = [0, 10, 13, 34, 44, 0xFF, 0xC3, 61, 9]
        var rng = SystemRandomNumberGenerator()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var outcomes: [Int32: Int] = [:]
        for round in 0..<40 {
            var file = seed
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = Int.random(in: 0..<file.count, using: &rng)
                file[at] = bytes.randomElement(using: &rng)!
            }
            // Fresh texts each round, so a good file always has something to add.
            let text = String(decoding: file, as: UTF8.self).replacingOccurrences(of: "claim", with: "claim r\(round)")
            let path = dir.appendingPathComponent("f\(round).csv").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let before = try desk.snapshot()
            let outcome = try desk.run(["import", "claims", path], as: Desk.admin)
            outcomes[outcome.status, default: 0] += 1
            #expect([0, 65].contains(outcome.status), "round \(round): \(outcome)")
            if outcome.status != 0 { #expect(try desk.snapshot() == before, "round \(round) wrote something") }
        }
        #expect(outcomes.values.reduce(0, +) == 40)
        #expect(try desk.run(["audit", "verify"], as: Desk.admin).status == 0)
    }
}
