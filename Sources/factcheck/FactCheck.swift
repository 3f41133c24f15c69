import ArgumentParser
import FactCheckCore
import FactCheckStore
import Foundation
import Postgres

@main
struct FactCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factcheck",
        abstract: "Track the claims a fact-checking desk checks, from logging to a published verdict.",
        discussion: """
            Editors log articles and claims; reviewers research them, attach sources and propose \
            verdicts; a second reviewer approves; editors publish. Every change is audited.

            Example:
              factcheck claim list --state researching --as ana
            """,
        version: "factcheck 0.9.0 (schema V\(Migration.all.last?.version ?? 0))",
        subcommands: [
            DBCommand.self, UserCommand.self, ScaleCommand.self, ArticleCommand.self, ClaimCommand.self,
            SourceCommand.self, VerdictCommand.self, AuditCommand.self, ExportCommand.self, ImportCommand.self, ReportCommand.self,
            TokenCommand.self, ServeCommand.self,
        ]
    )

    /// Parses, runs, and maps every failure to one `error:` line and SPEC's exit codes.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let unknown = CommandPath.unknownCommand(in: arguments, root: FactCheck.self) {
            let parent = (["factcheck"] + unknown.parent).joined(separator: " ")
            let hint = unknown.suggestion.map { "did you mean '\($0)'?" } ?? "see \(parent) --help for the commands"
            Foundation.exit(Failure.report(CLIError.usage("unknown command '\(unknown.typed)'", hint: hint)))
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error where error is CLIError || error is DomainError || error is StoreError || error is PostgresError {
            Foundation.exit(Failure.report(error))
        } catch {
            // --help, --version and completions print as ArgumentParser does; a usage mistake
            // becomes one `error:` line and a hint, like every other failure.
            let code = exitCode(for: error)
            guard code != .success, !(error is ExitCode) else { exit(withError: error) }
            let full = fullMessage(for: error)
            let first = full.split(separator: "\n").first.map(String.init) ?? full
            let message = first.hasPrefix("Error: ") ? String(first.dropFirst("Error: ".count)) : first
            let command = (["factcheck"] + CommandPath.walk(arguments, root: FactCheck.self).words).joined(separator: " ")
            FileHandle.standardError.write(Data("error: \(message)\nhint: see \(command) --help\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }
}
