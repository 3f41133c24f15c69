import ArgumentParser
import FactCheckCore
import FactCheckStore

extension UserCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a user with a role: editor, reviewer or admin.",
            discussion: """
                On a new database the first user needs no --as and must be an admin; after that \
                only admins add users. With --password-stdin the user can sign in to the service \
                (factcheck serve) at once: 12 to 128 characters, checked exactly as typed.

                Examples:
                  factcheck user add maria --name "María Ortiz" --role admin
                  factcheck user add ben --name "Ben Okafor" --role reviewer --as maria
                  printf '%s\\n' "$BEN_PASSWORD" | factcheck user add ben --name "Ben Okafor" --role reviewer --password-stdin --as maria
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Short lowercase handle, e.g. ana or j.smith.") var handle: String
        @Option(help: "Full name.") var name: String
        @Option(help: "editor, reviewer or admin.") var role: String
        @Flag(name: .customLong("password-stdin"), help: "Read a password for the browser desk from stdin (one line).")
        var passwordStdin = false
        @OptionGroup var output: OutputOptions

        func run() throws {
            let handle = try validated { () throws(DomainError) in try Validate.handle(self.handle) }
            let name = try validated { () throws(DomainError) in try Validate.personName(self.name) }
            let role = try validated { () throws(DomainError) in try Validate.role(self.role) }
            let hash = passwordStdin ? try PasswordInput.hashed(try PasswordInput.read(for: handle), handle: handle) : nil
            let session = try Session.open(global)
            let user = try session.store.addUser(handle: handle, name: name, role: role, passwordHash: hash, by: session.handle)
            if output.format == .table {
                print("added \(user.handle) (\(user.name)) as \(user.role.rawValue)")
            } else {
                try Output(format: output.format).list([user], columns: UserCommand.columns)
            }
        }
    }
}
