import DeskViews
import ArgumentParser
import FactCheckCore
import FactCheckStore

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "API tokens for scripts and the newsroom's CMS (sent as Authorization: Bearer).",
        discussion: """
            A token acts as the user who made it, with that user's role, through the JSON API of \
            factcheck serve. It is shown once, when made; only its hash is kept.

            Example:
              factcheck token create --name "CMS" --expires 2027-06-30 --as ed
            """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    static let columns: [Column<TokenRecord>] = [
        .plain("id") { $0.id },
        .text("name", width: 30) { $0.name },
        .plain("user") { $0.user },
        .plain("created_at") { $0.createdAt.short },
        .plain("expires_on") { $0.expiresOn },
        .plain("last_used_at") { $0.lastUsedAt?.short },
        .plain("revoked_at") { $0.revokedAt?.short },
    ]

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Make a token for yourself; it is printed once.",
            discussion: """
                Example:
                  factcheck token create --name "nightly export" --expires 2027-01-31 --as ed
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "What the token is for.") var name: String
        @Option(help: ArgumentHelp("Last day it works.", valueName: "YYYY-MM-DD")) var expires: String?
        @OptionGroup var output: OutputOptions

        func run() throws {
            let (name, expires) = try validated { () throws(DomainError) in
                (try Validate.tokenName(self.name, field: "--name"),
                 try self.expires.map { s throws(DomainError) in try Validate.date(s, field: "--expires") })
            }
            let session = try Session.open(global)
            let grant = try session.store.createToken(name: name, expiresOn: expires, by: try session.actor())
            switch output.format {
            case .json:
                struct Created: Encodable { let token: TokenRecord; let secret: String }
                try Output(format: .json).json(Created(token: grant.token, secret: grant.secret))
            default:
                print("created \(grant.token.id) \(grant.token.name) for \(grant.token.user); it is shown only now:")
                print(grant.secret)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Your tokens (an admin sees everyone's); never their secrets.",
            discussion: """
                Example:
                  factcheck token list --as ed
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let session = try Session.open(global)
            try Output(format: output.format).list(try session.store.tokens(by: try session.actor()), columns: TokenCommand.columns)
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Stop a token at once: your own, or anyone's as an admin.",
            discussion: """
                Example:
                  factcheck token revoke T-3 --as ed
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The token.", valueName: "T-n")) var id: String

        func run() throws {
            let number = try validated { () throws(DomainError) in try TokenNumber(parsing: self.id) }
            let session = try Session.open(global)
            let token = try session.store.revokeToken(number, by: try session.actor())
            print("revoked \(token.id) \(token.name) of \(token.user)")
        }
    }
}
