import ArgumentParser
import FactCheckStore

struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Apply and inspect the database schema's migrations.",
        discussion: """
            Example:
              factcheck db migrate
            """,
        subcommands: [Migrate.self, Status.self]
    )

    /// How many marked duplicates `migrate` and `status` name one by one.
    static let duplicatesShown = 50

    /// Claims that repeated an earlier claim's text when V0010 made the rule one claim per text:
    /// each kept and marked, each to be resolved by the desk.
    static func printDuplicates(_ duplicates: [MarkedDuplicate]) {
        guard !duplicates.isEmpty else { return }
        let count = duplicates.count
        print("\(count) claim\(count == 1 ? " repeats" : "s repeat") the text of an earlier claim; "
              + "kept and marked as duplicate\(count == 1 ? "" : "s") until resolved:")
        for d in duplicates.prefix(duplicatesShown) {
            print("  \(d.claimId) (\(d.state.rawValue)) repeats \(d.duplicateOf): "
                  + "factcheck claim reject \(d.claimId) --reason \"duplicate of \(d.duplicateOf)\"")
        }
        if count > duplicatesShown {
            print("  … and \(count - duplicatesShown) more (factcheck db status --format json lists them all)")
        }
        print("a duplicate past research is first returned or reopened, then rejected; "
              + "add its appearances to the original with claim add TEXT --link --appearance URL")
    }
}
