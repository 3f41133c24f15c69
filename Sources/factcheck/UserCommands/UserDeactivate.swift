import ArgumentParser
import FactCheckCore

extension UserCommand {
    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deactivate",
            abstract: "Deactivate a user: they can no longer act; their history stays.",
            discussion: """
                Example:
                  factcheck user deactivate ben --as maria
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's handle.") var handle: String

        func run() throws {
            let session = try Session.open(global)
            let user = try session.store.deactivateUser(handle, by: try session.actor())
            print("deactivated \(user.handle)")
        }
    }
}
