import ArgumentParser
import FactCheckCore
import FactCheckStore

struct ScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Show or choose the rating scale verdicts use.",
        discussion: """
            Example:
              factcheck scale show --as ben
            """,
        subcommands: [Show.self, Use.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the active rating scale, best label first.",
            discussion: """
                A label's aliases are other names its publisher gave it (PolitiFact's barely-true \
                is its mostly-false); verdict propose and import claims accept them and store the label.

                Example:
                  factcheck scale show --as ana
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let session = try Session.open(global)
            let actor = try session.actor()
            let scale = try session.store.scale(by: actor)
            if output.format == .table { print("scale: \(scale.name)") }
            try Output(format: output.format).list(scale.labels, columns: [
                .plain("label") { $0.label },
                .plain("value") { String($0.value) },
                .plain("aliases") { $0.aliases.joined(separator: ", ") },
                .text("description") { $0.description },
            ])
        }
    }

    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "use",
            abstract: "Switch to a preset scale: newsroom, politifact, snopes or fever (admins only).",
            discussion: """
                Labels that existing verdicts use are kept, so no verdict loses its rating.

                Example:
                  factcheck scale use politifact --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "newsroom, politifact, snopes or fever.") var preset: String

        func run() throws {
            let scale = try validated { () throws(DomainError) in try RatingScale.preset(named: self.preset) }
            let session = try Session.open(global)
            try session.store.useScale(scale, by: try session.actor())
            print("now using the \(scale.name) scale: \(scale.labels.map(\.label).joined(separator: ", "))")
        }
    }
}
