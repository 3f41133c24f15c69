import ArgumentParser
import FactCheckCore

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user (default: $FACTCHECK_USER).", valueName: "handle"))
    var actingUser: String?

    @Option(name: .customLong("database-url"),
            help: ArgumentHelp("libpq connection string or URL (default: $FACTCHECK_DATABASE_URL, $DATABASE_URL, PG* variables, then the local database of Scripts/db).", valueName: "url"))
    var databaseURL: String?
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Options of commands that list or show.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table
}

/// Parses a user-typed value with the domain's validation; a bad value is a usage error.
func validated<T>(_ body: () throws(DomainError) -> T) throws -> T {
    do { return try body() } catch { throw CLIError.usage(error.description, hint: error.hint) }
}
