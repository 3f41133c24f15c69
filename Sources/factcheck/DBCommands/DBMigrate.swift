import ArgumentParser
import FactCheckCore
import FactCheckStore

extension DBCommand {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply the pending migrations, each in its own transaction.",
            discussion: """
                Safe to run twice, and from two places at once: runs serialise on an advisory lock. \
                Stops, naming the file, if an applied migration was edited since. Lists the claims \
                that repeat an earlier claim's text (kept, and marked as duplicates by V0010), \
                with the command that resolves each.

                Migrating needs a session of its own (the advisory lock): behind PgBouncer in \
                transaction mode, set FACTCHECK_DIRECT_URL to the PostgreSQL server itself and \
                db migrate connects there; pointed at a transaction pooler, it stops and says so.

                Example:
                  factcheck db migrate --database-url postgres://factcheck@localhost/factcheck
                """
        )

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = try Session.open(global, checkSchema: false, direct: true)
            // On a database with users, only an admin migrates; a new one has nobody to ask.
            if let handle = session.handle, try session.store.hasUsers() {
                try Permissions.check(try session.store.actor(handle), .migrate)
            }
            let applied = try session.store.migrator.migrate(appliedBy: session.handle)
            if applied.isEmpty {
                print("schema is up to date (\(Migration.all.count) migrations)")
            } else {
                for m in applied { print("applied \(m.file)") }
                print("schema is up to date (\(Migration.all.count) migrations)")
            }
            DBCommand.printDuplicates(try session.store.markedDuplicates())
        }
    }
}
