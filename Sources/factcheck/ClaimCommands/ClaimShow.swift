import DeskViews
import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ClaimCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a claim with its appearances, sources, verdicts and history.",
            discussion: """
                Example:
                  factcheck claim show C-3 --as ana
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "C-<n> or <n>.") var claim: String
        @OptionGroup var output: OutputOptions

        func run() throws {
            let number = try claimNumber(claim)
            let session = try Session.open(global)
            let actor = try session.actor()
            let detail = try session.store.claimDetail(number, by: actor)
            let out = Output(format: output.format)
            switch output.format {
            case .json: try out.json(detail)
            case .csv: try out.list([detail.claim], columns: ClaimCommand.columns)
            case .table: print(Self.rendered(detail), terminator: "")
            }
        }

        static func rendered(_ d: ClaimDetail) -> String {
            let c = d.claim
            var fields = Fields()
            fields.add("claim", "\(c.id)  [\(c.state.rawValue)]")
            fields.add("text", c.text)
            fields.add("claimant", c.claimant)
            fields.add("said on", c.saidOn)
            fields.add("article", c.articleUrl.map { "A-\(c.articleId!) \($0)" })
            fields.add("context", c.context)
            fields.add("priority", c.priority.rawValue)
            fields.add("due", c.dueDate)
            fields.add("tags", c.tags.joined(separator: ", "))
            fields.add("assignee", c.assignee ?? "(nobody)")
            fields.add("rating", c.rating)
            // A claim of an archive may be published on a day the archive did not give.
            let publishedOn = c.publishedAt?.short ?? (c.state == .published || c.publishedUrl != nil ? "date unknown" : nil)
            fields.add("published", publishedOn.map { "\($0)\(c.publishedUrl.map { " at \($0)" } ?? "")" })
            fields.add("logged", "\(c.createdAt.short) by \(c.createdBy)")
            fields.add("next moves", d.allowedMoves.isEmpty ? "(none)" : d.allowedMoves.joined(separator: ", "))
            var out = fields.rendered()
            if !d.appearances.isEmpty {
                out += "\nAppearances\n"
                for a in d.appearances { out += "  \(a.isFirst ? "first " : "")\(a.url)\n" }
            }
            out += "\nSources\n"
            if d.sources.isEmpty { out += "  (none yet)\n" }
            for s in d.sources {
                out += "  \(s.id) \(s.stance.rawValue) \(s.kind.rawValue): \(s.title ?? s.url)"
                out += s.retracted ? "  [retracted: \(s.retractionReason ?? "")]\n" : "\n"
                if s.title != nil { out += "      \(s.url)\n" }
            }
            out += "\nVerdicts\n"
            if d.verdicts.isEmpty { out += "  (none yet)\n" }
            for v in d.verdicts {
                out += "  V-\(v.id) \(v.rating) [\(v.status)] proposed by \(v.proposedBy) \(v.proposedAt?.short ?? "(date unknown)")"
                if let by = v.decidedBy { out += ", \(v.status == "returned" ? "returned" : "approved") by \(by)" }
                out += "\n      \(Failure.oneLine(v.conclusion))\n"
                if let r = v.returnReason { out += "      returned: \(Failure.oneLine(r))\n" }
            }
            out += "\nHistory\n"
            for e in d.history {
                out += "  \(e.occurredAt.short)  \(e.actor)  \(e.action)\(e.object.map { " \($0)" } ?? "")\n"
            }
            return out
        }
    }
}
