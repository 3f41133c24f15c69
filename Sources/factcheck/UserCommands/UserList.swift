import DeskViews
import ArgumentParser
import FactCheckCore
import FactCheckStore

extension UserCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List users with their roles.",
            discussion: """
                Example:
                  factcheck user list --as maria --format csv
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let session = try Session.open(global)
            let actor = try session.actor()
            try Output(format: output.format).list(try session.store.users(by: actor), columns: UserCommand.columns)
        }
    }

    static let columns: [Column<UserRecord>] = [
        .plain("handle") { $0.handle },
        .text("name") { $0.name },
        .plain("role") { $0.role.rawValue },
        .plain("active") { $0.active ? "yes" : "no" },
        .plain("created_at") { $0.createdAt.short },
        .plain("created_by") { $0.createdBy },
    ]
}
