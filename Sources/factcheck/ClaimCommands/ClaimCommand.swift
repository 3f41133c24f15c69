import ArgumentParser
import FactCheckCore
import FactCheckStore

struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Log, find and move claims through the workflow.",
        discussion: """
            logged → researching (start) → in_review (verdict propose) → approved (verdict approve) \
            → published (publish); rejected (reject) from logged or researching; reopen for a correction.
            
            Example:
              factcheck claim list --state researching --as ed
            """,
        subcommands: [Add.self, List.self, Show.self, Similar.self, Edit.self, Assign.self, Start.self, Reject.self,
                      Publish.self, Reopen.self]
    )

    static let columns: [Column<ClaimRecord>] = [
        .plain("claim_id", table: "id") { $0.id },
        .plain("state") { $0.state.rawValue },
        .plain("priority") { $0.priority.rawValue },
        .text("claim", width: 60) { $0.text },
        .text("claimant", width: 24) { $0.claimant },
        .plain("assignee") { $0.assignee },
        .plain("rating") { $0.rating },
        .plain("due_date", table: "due") { $0.dueDate },
        .text("tags") { $0.tags.joined(separator: ";") },
    ]
}

/// A claim number as typed: `C-42` or `42`.
func claimNumber(_ text: String) throws -> ClaimNumber {
    try validated { () throws(DomainError) in try ClaimNumber(parsing: text) }
}
