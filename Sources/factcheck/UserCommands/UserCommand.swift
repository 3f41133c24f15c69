import ArgumentParser

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add and deactivate the desk's users (admins); list them (everyone); set passwords.",
        discussion: """
            Example:
              factcheck user add ben --name "Ben Okafor" --role reviewer --as maria
            """,
        subcommands: [Add.self, List.self, Deactivate.self, Passwd.self]
    )
}
