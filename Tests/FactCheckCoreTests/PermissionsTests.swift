import Testing
import FactCheckCore

@Suite("Permissions")
struct PermissionsTests {
    /// SPEC section 1, by hand; admins may everything. Everyone keeps their own password and
    /// API tokens (SPEC section 10).
    static let editorMay: Set<Action> = [
        .addArticle, .addClaim, .editClaim, .assign, .reject, .publish, .reopen, .export, .importClaims, .read, .manageOwnAccount,
    ]
    static let reviewerMay: Set<Action> = [
        .start, .addSource, .retractSource, .propose, .approve, .returnVerdict, .export, .read, .manageOwnAccount,
    ]

    static func expected(_ role: Role, _ action: Action) -> Bool {
        switch role {
        case .editor: editorMay.contains(action)
        case .reviewer: reviewerMay.contains(action)
        case .admin: true
        }
    }

    @Test("every role × every action", arguments: Role.allCases, Action.allCases)
    func allows(_ role: Role, _ action: Action) {
        #expect(Permissions.allows(role, action) == Self.expected(role, action))
    }

    @Test("check agrees with allows for an active user", arguments: Role.allCases, Action.allCases)
    func check(_ role: Role, _ action: Action) {
        let actor = Actor(handle: "ana", role: role, isActive: true)
        let error = refusal { () throws(DomainError) in try Permissions.check(actor, action) }
        #expect(error == (Self.expected(role, action) ? nil : .notPermitted(handle: "ana", role: role, action: action)))
    }

    @Test("an inactive user may nothing", arguments: Role.allCases, Action.allCases)
    func inactive(_ role: Role, _ action: Action) {
        let actor = Actor(handle: "ana", role: role, isActive: false)
        let error = refusal { () throws(DomainError) in try Permissions.check(actor, action) }
        #expect(error == .notPermitted(handle: "ana", role: nil, action: action))
    }

    @Test func adminOnlyActions() {
        for action in [Action.importArchive, .manageUsers, .manageScale, .migrate] {
            #expect(Permissions.roles(allowing: action) == [.admin])
        }
        #expect(Permissions.roles(allowing: .export) == [.editor, .reviewer, .admin])
    }

    @Test("every action has a command and an activity for messages", arguments: Action.allCases)
    func wording(_ action: Action) {
        #expect(!action.command.isEmpty)
        #expect(!action.activity.isEmpty)
    }

    @Test func workflowCommandsAreTheCLIs() {
        #expect(Action.start.command == "claim start")
        #expect(Action.returnVerdict.command == "verdict return")
        #expect(Action.retractSource.command == "source retract")
    }
}
