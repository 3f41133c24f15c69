import Foundation
import TestSupport
import Testing

/// Every refusal: its exit code (SPEC section 4), its message, its one-line shape, and that it
/// wrote nothing at all.
@Suite struct WorkflowRefusalTests {
    /// Where the desk stands when the refused command runs. The claim is always C-1.
    enum Stage: String, Sendable {
        /// No users yet.
        case emptyDatabase
        /// C-1 logged by ed.
        case logged
        /// C-1 started by ben, no sources.
        case researching
        /// C-1 started by ben, its only source retracted.
        case researchingRetractedSource
        /// C-1 proposed by ben.
        case inReview
        /// C-1 logged; the editor eve deactivated.
        case loggedEveDeactivated
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let stage: Stage
        let arguments: [String]
        let user: String?
        let status: Int32
        /// Each must appear in stderr (case-insensitive).
        let mentions: [String]

        var testDescription: String { name }

        init(_ name: String, _ stage: Stage, _ arguments: [String], as user: String?, exit status: Int32,
             mentions: [String] = []) {
            self.name = name; self.stage = stage; self.arguments = arguments; self.user = user
            self.status = status; self.mentions = mentions
        }
    }

    static let refusals: [Refusal] = [
        // 77: who may do what.
        Refusal("editor starts research", .logged, ["claim", "start", "C-1"], as: "ed", exit: 77,
                mentions: ["ed", "editor", "claim start"]),
        Refusal("reviewer publishes", .logged, ["claim", "publish", "C-1"], as: "ben", exit: 77,
                mentions: ["ben", "reviewer", "claim publish"]),
        Refusal("reviewer logs a claim", .logged, ["claim", "add", "A new claim.", "--claimant", "X"], as: "ben",
                exit: 77, mentions: ["reviewer"]),
        Refusal("editor proposes a verdict", .researching,
                ["verdict", "propose", "C-1", "--rating", "false", "--conclusion", "No."], as: "ed", exit: 77,
                mentions: ["editor"]),
        Refusal("reviewer assigns", .logged, ["claim", "assign", "C-1", "chen"], as: "ben", exit: 77,
                mentions: ["reviewer"]),
        Refusal("unknown --as", .logged, ["claim", "start", "C-1"], as: "nobody", exit: 77, mentions: ["nobody"]),
        Refusal("no --as and no FACTCHECK_USER", .logged, ["claim", "start", "C-1"], as: nil, exit: 77,
                mentions: ["--as"]),
        Refusal("no --as for a read", .logged, ["claim", "list"], as: nil, exit: 77, mentions: ["--as"]),
        Refusal("deactivated user acts", .loggedEveDeactivated, ["claim", "assign", "C-1", "ben"], as: "eve",
                exit: 77, mentions: ["eve", "deactivated"]),
        Refusal("deactivated user reads", .loggedEveDeactivated, ["claim", "list"], as: "eve", exit: 77,
                mentions: ["deactivated"]),
        Refusal("proposer approves own verdict", .inReview, ["verdict", "approve", "C-1"], as: "ben", exit: 77,
                mentions: ["four-eyes", "ben"]),
        Refusal("proposer returns own verdict", .inReview, ["verdict", "return", "C-1", "--reason", "more"],
                as: "ben", exit: 77, mentions: ["four-eyes"]),
        Refusal("first user is not an admin", .emptyDatabase,
                ["user", "add", "zed", "--name", "Zed", "--role", "editor"], as: nil, exit: 77, mentions: ["admin"]),
        Refusal("non-admin adds a user", .logged, ["user", "add", "zed", "--name", "Zed", "--role", "editor"],
                as: "ed", exit: 77, mentions: ["ed", "admin"]),
        Refusal("non-admin deactivates a user", .logged, ["user", "deactivate", "ben"], as: "ed", exit: 77),
        Refusal("non-admin changes the scale", .logged, ["scale", "use", "politifact"], as: "ben", exit: 77),

        // 1: the workflow refuses, or the thing does not exist.
        Refusal("publish a logged claim", .logged, ["claim", "publish", "C-1", "--url", "https://x.example.org/c"],
                as: "ed", exit: 1, mentions: ["C-1", "logged", "claim start", "claim reject", "approved"]),
        Refusal("approve a logged claim", .logged, ["verdict", "approve", "C-1"], as: "chen", exit: 1,
                mentions: ["logged", "claim start"]),
        Refusal("reopen a logged claim", .logged, ["claim", "reopen", "C-1", "--reason", "why"], as: "ed", exit: 1,
                mentions: ["logged", "claim start"]),
        Refusal("start a claim in review", .inReview, ["claim", "start", "C-1"], as: "chen", exit: 1,
                mentions: ["in review", "verdict approve", "verdict return"]),
        Refusal("edit the text under a proposed verdict", .inReview,
                ["claim", "edit", "C-1", "--text", "The talks lasted twelve hours.", "--priority", "high"], as: "ed",
                exit: 1, mentions: ["C-1", "in review", "text", "verdict return"]),
        Refusal("edit the claimant under a proposed verdict", .inReview,
                ["claim", "edit", "C-1", "--claimant", "Someone else"], as: "ed", exit: 1, mentions: ["claimant"]),
        Refusal("reject a claim in review", .inReview, ["claim", "reject", "C-1", "--reason", "no"], as: "ed", exit: 1,
                mentions: ["in review"]),
        Refusal("propose without any source", .researching,
                ["verdict", "propose", "C-1", "--rating", "false", "--conclusion", "No."], as: "ben", exit: 1,
                mentions: ["source"]),
        Refusal("propose with only a retracted source", .researchingRetractedSource,
                ["verdict", "propose", "C-1", "--rating", "false", "--conclusion", "No."], as: "ben", exit: 1,
                mentions: ["source"]),
        Refusal("unknown claim shown", .logged, ["claim", "show", "C-999"], as: "ed", exit: 1, mentions: ["C-999"]),
        Refusal("unknown claim started", .logged, ["claim", "start", "C-999"], as: "ben", exit: 1,
                mentions: ["C-999"]),
        Refusal("duplicate claim text", .logged,
                ["claim", "add", "  the TALKS lasted, eleven hours!! ", "--claimant", "Someone else"], as: "ed",
                exit: 1, mentions: ["C-1"]),

        // 64: usage.
        Refusal("bad claim id", .logged, ["claim", "start", "C-x"], as: "ben", exit: 64, mentions: ["C-x"]),
        Refusal("bad priority", .logged, ["claim", "add", "A new claim.", "--claimant", "X", "--priority", "huge"],
                as: "ed", exit: 64, mentions: ["--priority", "huge"]),
        Refusal("bad due date", .logged, ["claim", "add", "A new claim.", "--claimant", "X", "--due", "2026-02-30"],
                as: "ed", exit: 64, mentions: ["--due"]),
        Refusal("bad date shape", .logged,
                ["claim", "add", "A new claim.", "--claimant", "X", "--said-on", "20/11/2026"], as: "ed", exit: 64,
                mentions: ["--said-on", "YYYY-MM-DD"]),
        Refusal("bad source url", .logged, ["source", "add", "C-1", "--url", "notaurl"], as: "ben", exit: 64,
                mentions: ["--url"]),
        Refusal("bad appearance url", .logged,
                ["claim", "add", "A new claim.", "--claimant", "X", "--appearance", "ftp://files.example.org/x"],
                as: "ed", exit: 64, mentions: ["--appearance"]),
        Refusal("bad state filter", .logged, ["claim", "list", "--state", "done"], as: "ed", exit: 64,
                mentions: ["--state"]),
    ]

    /// A copy of the stage's desk, built once per test process.
    static func prepare(_ stage: Stage) throws -> Desk {
        if stage == .emptyDatabase { return try Desk.empty() }
        return try Desk.cloned("refusal-\(stage.rawValue)") { try build(stage) }
    }

    static func build(_ stage: Stage) throws -> Desk {
        let desk = try Desk.make()
        let claim = try desk.logClaim("The talks lasted eleven hours.")
        #expect(claim == "C-1")
        switch stage {
        case .emptyDatabase, .logged:
            break
        case .loggedEveDeactivated:
            try desk.ok(["user", "deactivate", Desk.otherEditor], as: Desk.admin)
        case .researching:
            try desk.ok(["claim", "start", claim], as: Desk.reviewer)
        case .researchingRetractedSource:
            try desk.ok(["claim", "start", claim], as: Desk.reviewer)
            try desk.ok(["source", "add", claim, "--url", "https://parody.example.org/x"], as: Desk.reviewer)
            try desk.ok(["source", "retract", "S-1", "--reason", "a parody site"], as: Desk.reviewer)
        case .inReview:
            try desk.toReview(claim)
        }
        return desk
    }

    /// Under a proposed verdict the claim's upkeep still moves: tags, priority, due date.
    @Test func upkeepEditsPassUnderAProposedVerdict() throws {
        let desk = try Self.prepare(.inReview)
        try desk.ok(["claim", "edit", "C-1", "--priority", "urgent", "--tag", "summit", "--due", "2026-12-01"], as: Desk.editor)
        let claim = try desk.claim("C-1")
        #expect(claim["priority"] as? String == "urgent")
        #expect(claim["state"] as? String == "in_review")
        // Giving the same text again changes nothing, so it is not refused either.
        try desk.ok(["claim", "edit", "C-1", "--text", "The talks lasted eleven hours.", "--priority", "low"], as: Desk.editor)
    }

    /// Mistakes the argument parser catches exit 64 too, and should read like every other error.
    @Test(arguments: [
        ["claim", "add", "A new claim."],                       // a required option missing
        ["claim", "start"],                                     // a required argument missing
        ["claim", "start", "C-1", "C-2"],                       // an argument too many
        ["claim", "list", "--limit", "many"],                   // a value of the wrong type
        ["claim", "list", "--colour", "red"],                   // an unknown option
        ["claim", "bogus"],                                     // an unknown command
    ])
    func parseErrorsAreUsageErrors(_ arguments: [String]) throws {
        let desk = try Self.prepare(.logged)
        let before = try desk.snapshot()
        let outcome = try desk.run(arguments, as: Desk.editor)
        #expect(outcome.status == 64, "\(outcome)")
        expectErrorShape(outcome)
        #expect(try desk.snapshot() == before)
    }

    /// An unreachable database exits 69 with one line that never shows the password.
    @Test func unreachableDatabase() throws {
        let cli = CLI(databaseURL: "postgresql://desk:s3cret-pw@/factcheck?host=/nonexistent/socket&port=1&connect_timeout=2")
        let outcome = try cli.run(["claim", "list"], as: Desk.editor)
        #expect(outcome.status == 69, "\(outcome)")
        expectErrorShape(outcome)
        #expect(!outcome.stderr.contains("s3cret"), "\(outcome)")
    }

    @Test(arguments: refusals)
    func refusedWithExitCodeAndMessageAndNothingWritten(_ refusal: Refusal) throws {
        let desk = try Self.prepare(refusal.stage)
        let before = try desk.snapshot()
        let outcome = try desk.run(refusal.arguments, as: refusal.user)
        #expect(outcome.status == refusal.status, "\(refusal.name): \(outcome)")
        expectErrorShape(outcome)
        for mention in refusal.mentions {
            #expect(outcome.stderr.lowercased().contains(mention.lowercased()),
                    "\(refusal.name): stderr should mention \(mention): \(outcome)")
        }
        let after = try desk.snapshot()
        #expect(after.events == before.events, "\(refusal.name) wrote audit events")
        #expect(after == before, "\(refusal.name) changed the database")
    }
}
