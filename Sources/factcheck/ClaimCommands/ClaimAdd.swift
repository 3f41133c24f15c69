import Foundation
import ArgumentParser
import FactCheckCore
import FactCheckStore

extension ClaimCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Log a checkable claim, verbatim (editors).",
            discussion: """
                A claim whose text matches one already logged (ignoring case, spacing and \
                punctuation) is refused with that claim's number; with --link its --appearance \
                urls are added to that claim instead. Claims that merely read alike are shown \
                after logging, with their state and rating: already checked?

                With --from-article ID --sentence N the claim comes from sentence N of the article's \
                kept text, as article candidates numbers it: the claim is linked to the article and \
                the sentence is kept as its context. Without TEXT the sentence itself is the claim.

                Examples:
                  factcheck claim add "The talks lasted eleven hours." --claimant "Foreign Minister Lena Hart" \\
                    --article A-1 --said-on 2026-11-20 --tag diplomacy --priority high --due 2026-11-24 --as maria
                  factcheck article candidates A-1 --as maria
                  factcheck claim add --from-article A-1 --sentence 4 --claimant "UN humanitarian office" --as maria
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The claim, verbatim (with --from-article: the sentence itself when left out).")
        var text: String?
        @Option(help: "Who made the claim.") var claimant: String
        @Option(help: ArgumentHelp("The article it was found in.", valueName: "A-n|url")) var article: String?
        @Option(name: .customLong("from-article"),
                help: ArgumentHelp("Take the claim from this article's kept text (with --sentence).", valueName: "A-n|url"))
        var fromArticle: String?
        @Option(help: ArgumentHelp("The sentence's number, as article candidates shows it.", valueName: "n"))
        var sentence: Int?
        @Option(name: .customLong("said-on"), help: ArgumentHelp("When it was said.", valueName: "YYYY-MM-DD"))
        var saidOn: String?
        @Option(help: ArgumentHelp("Another place it appeared; the first given is its first appearance.", valueName: "url"))
        var appearance: [String] = []
        @Option(help: "A tag (repeatable).") var tag: [String] = []
        @Option(help: "low, normal, high or urgent.") var priority: String = "normal"
        @Option(help: ArgumentHelp("Due date.", valueName: "YYYY-MM-DD")) var due: String?
        @Flag(help: "If the claim is already logged, add its --appearance urls to that claim instead.")
        var link = false
        @OptionGroup var output: OutputOptions

        func run() throws {
            try checkSentenceOptions()
            var opened: Session?
            var quoted: Sentence?
            if let fromArticle, let sentence {
                opened = try Session.open(global)
                quoted = try Self.quotedSentence(sentence, of: fromArticle, opened!)
            }
            let claim = try validated { () throws(DomainError) in
                NewClaim(
                    text: try Validate.claimText(self.text ?? quoted?.text ?? ""),
                    claimant: try Validate.claimant(self.claimant, field: "--claimant"),
                    article: self.fromArticle ?? self.article,
                    saidOn: try self.saidOn.map { s throws(DomainError) in try Validate.date(s, field: "--said-on") },
                    appearances: try self.appearance.map { s throws(DomainError) in try Validate.url(s, field: "--appearance") },
                    tags: try Validate.tags(self.tag, field: "--tag"),
                    priority: try Validate.priority(self.priority, field: "--priority"),
                    dueOn: try self.due.map { s throws(DomainError) in try Validate.date(s, field: "--due") },
                    context: quoted?.text)
            }
            let session = try opened ?? Session.open(global)
            let logged = try session.store.logClaim(claim, link: link, by: try session.actor())
            if logged.linked {
                return print("\(logged.claim.id) is already logged; added \(claim.appearances.count) appearance(s) to it")
            }
            guard output.format == .table else {
                return try Output(format: output.format).list([logged.claim], columns: ClaimCommand.columns)
            }
            print("logged \(logged.claim.id): \(logged.claim.text)")
            // Already checked? Near matches, so the desk does not check the same claim twice.
            if !logged.similar.isEmpty {
                print("already checked? claims that read alike:")
                for s in logged.similar {
                    let verdict = s.rating.map { ", \($0)" } ?? ""
                    print("  \(s.id) (\(s.state.rawValue)\(verdict), similarity \(String(format: "%.2f", s.similarity))): \(s.text)")
                }
            }
        }

        /// TEXT, or --from-article with --sentence: what the command was given to log.
        private func checkSentenceOptions() throws {
            switch (fromArticle, sentence) {
            case (nil, nil):
                guard text != nil else {
                    throw CLIError.usage("missing the claim's text", hint: "give TEXT, or --from-article ID "
                                            + "--sentence N to log a sentence of an article")
                }
            case (nil, _?):
                throw CLIError.usage("--sentence needs --from-article", hint: "e.g. --from-article A-1 --sentence 4")
            case (_?, nil):
                throw CLIError.usage("--from-article needs --sentence N",
                                     hint: "factcheck article candidates ID lists the sentences with their numbers")
            case (_?, _?):
                guard article == nil else {
                    throw CLIError.usage("--from-article already links the article; leave out --article", hint: nil)
                }
            }
        }

        /// Sentence `number` of the article's kept text (out of range: exit 64, naming the range).
        static func quotedSentence(_ number: Int, of reference: String, _ session: Session) throws -> Sentence {
            try session.store.sentence(number, ofArticle: reference, by: try session.actor(allowedTo: .addClaim)).sentence
        }
    }
}
