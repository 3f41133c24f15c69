import ArgumentParser

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
}
