import TestSupport
import Testing

@Suite struct HelpTests {
    @Test func rootHelpListsTheCommandGroups() throws {
        let outcome = try CLI(databaseURL: nil).run(["--help"])
        #expect(outcome.status == 0)
        for group in ["db", "user", "scale", "article", "claim", "source", "verdict", "audit"] {
            #expect(outcome.stdout.contains("  \(group)"), "missing \(group) in --help")
        }
    }
}
