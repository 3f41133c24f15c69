import ArgumentParser

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and deactivate the desk's users (admins only).",
        subcommands: [Add.self, List.self, Deactivate.self]
    )
}
