import DeskViews
import ArgumentParser
import FactCheckCore
import FactCheckStore
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read the audit log and verify its hash chains.",
        discussion: """
            Example:
              factcheck audit verify --as maria
            """,
        subcommands: [Log.self, Verify.self]
    )

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "List audit events, oldest first.",
            discussion: """
                Example:
                  factcheck audit log --claim C-3 --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Events of this claim.") var claim: String?
        @Option(help: "Events by this user.") var actor: String?
        @Option(help: ArgumentHelp("Events on or after.", valueName: "YYYY-MM-DD")) var since: String?
        @Option(help: "At most this many.") var limit: Int?
        @OptionGroup var output: OutputOptions

        func run() throws {
            let filter = try validated { () throws(DomainError) in
                AuditFilter(claim: try self.claim.map { s throws(DomainError) in try ClaimNumber(parsing: s) },
                            actor: self.actor,
                            since: try self.since.map { s throws(DomainError) in try Validate.date(s, field: "--since") },
                            limit: try self.limit.map { n throws(DomainError) in try Validate.limit(n, field: "--limit") })
            }
            let session = try Session.open(global)
            let actor = try session.actor()
            try Output(format: output.format).list(try session.store.auditEvents(filter, by: actor), columns: [
                .plain("event_id", table: "id") { String($0.id) },
                .plain("occurred_at") { output.format == .table ? $0.occurredAt.short : $0.occurredAt.iso },
                .plain("actor") { $0.actor },
                .plain("action") { $0.action },
                .plain("claim_id", table: "claim") { $0.claimId },
                .plain("object") { $0.object },
                .text("before", width: 50) { $0.before?.text },
                .text("after", width: 50) { $0.after?.text },
            ])
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recompute every hash chain; name the first event altered, removed or reordered.",
            discussion: """
                Prints the chain heads and one digest over them: publish the digest somewhere the \
                database cannot reach, and a later verify proves history since then was not rewritten.
                Exits 1 when the log does not verify.

                Example:
                  factcheck audit verify --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let session = try Session.open(global)
            let actor = try session.actor()
            let result = try session.store.verifyAudit(by: actor)
            switch output.format {
            case .json: try Output(format: .json).json(result)
            case .csv:
                try Output(format: .csv).list(result.heads, columns: [
                    .plain("stream") { $0.stream }, .plain("seq") { String($0.seq) }, .plain("hash") { $0.hash },
                ])
            case .table:
                if let problem = result.firstProblem {
                    print("audit log does NOT verify: \(problem.reason)")
                } else {
                    print("audit log verifies: \(result.events) events in \(result.streams) chains")
                }
                print("digest of chain heads: \(result.digest)")
                for head in result.heads { print("  \(head.stream) #\(head.seq) \(head.hash)") }
            }
            if let problem = result.firstProblem {
                FileHandle.standardError.write(Data("error: audit log does not verify: \(problem.reason)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
