import ArgumentParser

struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Apply and inspect the database schema's migrations.",
        subcommands: [Migrate.self, Status.self]
    )
}
