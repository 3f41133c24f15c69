import Foundation
import Postgres
import TestSupport
import Testing

/// The progress line: drawn on a terminal, cleared when done, and never in a script's output.
@Suite struct ReportProgressTests {
    /// Runs the binary on a pseudo-terminal (util-linux `script`), as a desk editor at a shell
    /// would; what the terminal showed comes back as one string.
    func onTerminal(_ desk: Desk, _ arguments: [String]) throws -> CLI.Outcome {
        let quoted = ([CLI.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try CLI(databaseURL: desk.url).run(["-qec", quoted.joined(separator: " "), "/dev/null"],
                                                  binary: "/usr/bin/script")
    }

    @Test func exportAndImportShowProgressOnATerminalOnly() throws {
        let desk = try Desk.make()
        let conn = try desk.connection()
        defer { conn.close() }
        try conn.execute("""
            INSERT INTO claims (text, normalized_text, claimant, created_by)
            SELECT 'Claim number ' || g || '.', 'claim number ' || g, 'Someone', 'ed' FROM generate_series(1, 12000) g
            """)
        let dir = try ScratchDirectory()
        defer { dir.remove() }

        let shown = try onTerminal(desk, ["export", "claims", "--out", dir.file("all.csv"), "--as", Desk.editor])
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.contains("claims: 9999 rows…"), "\(shown.stdout.debugDescription)")
        #expect(shown.stdout.contains("\r\u{1B}[Kexported 12000 claims"), "the line is cleared before the summary: \(shown.stdout.debugDescription)")
        let exported = try String(contentsOfFile: dir.file("all.csv"), encoding: .utf8)
        #expect(exported.split(separator: "\n").count == 12_001)

        // The same export in a pipe: no progress line at all.
        let piped = try desk.ok(["export", "claims", "--out", dir.file("piped.csv")], as: Desk.editor)
        #expect(!piped.stderr.contains("rows…") && !piped.stderr.contains("\u{1B}"), "\(piped)")

        let csv = "claim,claimant\n" + (1...3000).map { "Imported claim \($0).,Someone\n" }.joined()
        let file = try dir.write("sheet.csv", csv)
        let imported = try onTerminal(desk, ["import", "claims", file, "--as", Desk.editor])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("checking: "), "\(imported.stdout.debugDescription)")
        #expect(imported.stdout.contains("imported 3000 claims"), "\(imported.stdout.debugDescription)")
    }
}
