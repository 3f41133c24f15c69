import Foundation
import TestSupport
import Testing

/// `--help` on every command exits 0 and shows an example; it needs no database.
@Suite struct WorkflowHelpTests {
    static let commands = [
        "user add", "user list", "user deactivate",
        "scale show", "scale use",
        "article add", "article list", "article show",
        "claim add", "claim list", "claim show", "claim edit", "claim assign", "claim start", "claim reject",
        "claim publish", "claim reopen",
        "source add", "source list", "source retract",
        "verdict propose", "verdict approve", "verdict return",
        "audit log", "audit verify",
        "db migrate", "db status",
    ]

    @Test(arguments: commands)
    func helpShowsAnExample(_ command: String) throws {
        // A database that does not exist: help must not try to connect.
        let cli = CLI(databaseURL: "host=/nonexistent port=1 dbname=nothing connect_timeout=1")
        let out = try cli.run(command.split(separator: " ").map(String.init) + ["--help"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("Example"), "\(command) --help has no example:\n\(out.stdout)")
        #expect(out.stdout.contains("factcheck \(command)"), "the example or usage names the command")
        #expect(out.stdout.contains("--as"), "every command takes --as")
        #expect(out.stderr.isEmpty, "\(out)")
    }
}
