import Foundation
import TestSupport
import Testing

@Suite struct HelpTests {
    /// `--version` names the schema the binary was built for, so a desk can match binary and database.
    @Test func versionNamesTheSchema() throws {
        let outcome = try CLI(databaseURL: nil).run(["--version"])
        #expect(outcome.status == 0, "\(outcome)")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let newest = try FileManager.default.contentsOfDirectory(atPath: root + "/Migrations")
            .filter { $0.hasPrefix("V") && $0.hasSuffix(".sql") }.sorted().last.map { String($0.prefix(5)) }
        #expect(outcome.stdout.hasPrefix("factcheck "), "\(outcome)")
        #expect(outcome.stdout.contains("(schema \(newest.map { "V" + String(Int($0.dropFirst())!) } ?? "?"))"), "\(outcome)")
    }

    @Test func rootHelpListsTheCommandGroups() throws {
        let outcome = try CLI(databaseURL: nil).run(["--help"])
        #expect(outcome.status == 0)
        for group in ["db", "user", "scale", "article", "claim", "source", "verdict", "audit"] {
            #expect(outcome.stdout.contains("  \(group)"), "missing \(group) in --help")
        }
    }
}
