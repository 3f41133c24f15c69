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

    /// A mistyped command is named as a command, with the nearest one, before its options are
    /// read (ArgumentParser alone answered `Unknown option '--as'` and pointed at a `--help`
    /// that does not exist).
    @Test(arguments: [
        (["claim", "lst", "--as", "ed"], "claim lst", "claim list"),
        (["claims", "list", "--as", "ed"], "claims", "claim list"),
        (["claim", "lsit"], "claim lsit", "claim list"),
        (["clam", "show", "C-1"], "clam", "claim show"),
        (["db", "migrat"], "db migrat", "db migrate"),
        (["verdict", "aprove", "C-2"], "verdict aprove", "verdict approve"),
        (["rep", "--since", "2026-01-01"], "rep", "report"),
        (["help", "claim", "lst"], "claim lst", "claim list"),
    ])
    func aMistypedCommandIsNamedWithTheNearestOne(arguments: [String], typed: String, nearest: String) throws {
        let outcome = try CLI(databaseURL: nil).run(arguments)
        #expect(outcome.status == 64, "\(outcome)")
        #expect(outcome.stdout.isEmpty, "\(outcome)")
        #expect(outcome.stderr == "error: unknown command '\(typed)'\nhint: did you mean '\(nearest)'?\n", "\(outcome)")
    }

    /// With nothing close, the hint points at a help that exists: the enclosing command's.
    @Test func anUnknownCommandWithNothingCloseNamesTheHelpToRead() throws {
        let outcome = try CLI(databaseURL: nil).run(["claim", "xyzzy", "--as", "ed"])
        #expect(outcome.status == 64, "\(outcome)")
        #expect(outcome.stderr == "error: unknown command 'claim xyzzy'\nhint: see factcheck claim --help for the commands\n", "\(outcome)")
        let help = try CLI(databaseURL: nil).run(["claim", "--help"])
        #expect(help.status == 0, "\(help)")
    }

    /// A usage mistake after a real command still points at that command's help, and only its.
    @Test func aUsageMistakePointsAtTheCommandsOwnHelp() throws {
        let outcome = try CLI(databaseURL: nil).run(["report", "2026"])
        #expect(outcome.status == 64, "\(outcome)")
        #expect(outcome.stderr.hasSuffix("hint: see factcheck report --help\n"), "\(outcome)")
        #expect(try CLI(databaseURL: nil).run(["report", "--help"]).status == 0)
    }
}
