import ArgumentParser
import FactCheckCore
import FactCheckStore

extension UserCommand {
    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd",
            abstract: "Set a password for the browser desk: your own, or anyone's as an admin.",
            discussion: """
                The password is read from stdin (asked twice, without echo, on a terminal): 12 to \
                128 characters, checked exactly as typed (nothing is trimmed or cut), at most 72 \
                bytes of UTF-8, not a commonly used password. It is stored as a bcrypt hash; every \
                session of the user ends.

                Examples:
                  factcheck user passwd ben --as ben
                  printf '%s\\n' "$NEW_PASSWORD" | factcheck user passwd ben --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Whose password.") var handle: String

        func run() throws {
            let handle = Validate.handleReference(self.handle)
            let session = try Session.open(global)
            let actor = try session.actor()
            try Permissions.check(actor, handle == actor.handle ? .manageOwnAccount : .manageUsers)
            let hash = try PasswordInput.hashed(try PasswordInput.read(for: handle), handle: handle)
            try session.store.setPassword(of: handle, hash: hash, by: actor)
            print("set the password of \(handle); their sessions have ended")
        }
    }
}
