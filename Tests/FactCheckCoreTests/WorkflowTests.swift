import Testing
import FactCheckCore

/// SPEC sections 1 and 3 written out by hand, so the tests do not read `Workflow.transitions`.
private enum Spec {
    static let targets: [Action: [ReviewState: ReviewState]] = [
        .start: [.logged: .researching],
        .reject: [.logged: .rejected, .researching: .rejected],
        .propose: [.researching: .inReview],
        .returnVerdict: [.inReview: .researching],
        .approve: [.inReview: .approved],
        .publish: [.approved: .published],
        .reopen: [.published: .researching, .rejected: .logged],
    ]

    static let roles: [Action: Set<Role>] = [
        .start: [.reviewer, .admin],
        .reject: [.editor, .admin],
        .propose: [.reviewer, .admin],
        .returnVerdict: [.reviewer, .admin],
        .approve: [.reviewer, .admin],
        .publish: [.editor, .admin],
        .reopen: [.editor, .admin],
    ]

    static let allowed: [ReviewState: [Action]] = [
        .logged: [.start, .reject, .assign, .editClaim],
        .researching: [.reject, .propose, .assign, .editClaim],
        .inReview: [.returnVerdict, .approve, .assign, .editClaim],
        .approved: [.publish, .assign, .editClaim],
        .published: [.reopen],
        .rejected: [.reopen],
    ]

    static let transitionActions: [Action] = [.start, .reject, .propose, .returnVerdict, .approve, .publish, .reopen]
}

struct DecideCase: Sendable, CustomTestStringConvertible {
    let state: ReviewState
    let action: Action
    let actor: Actor

    var testDescription: String {
        "\(actor.isActive ? "" : "inactive ")\(actor.role) \(action.command) from \(state)"
    }

    static let all: [DecideCase] = ReviewState.allCases.flatMap { state in
        Spec.transitionActions.flatMap { action in
            Role.allCases.flatMap { role in
                [true, false].map { active in
                    DecideCase(state: state, action: action, actor: Actor(handle: "ana", role: role, isActive: active))
                }
            }
        }
    }

    var expected: Result<ReviewState, DomainError> {
        guard actor.isActive else {
            return .failure(.notPermitted(handle: "ana", role: nil, action: action))
        }
        guard Spec.roles[action]!.contains(actor.role) else {
            return .failure(.notPermitted(handle: "ana", role: actor.role, action: action))
        }
        guard let target = Spec.targets[action]![state] else {
            return .failure(.transitionRefused(action: action, state: state, allowed: Spec.allowed[state]!))
        }
        return .success(target)
    }
}

@Suite("Workflow decisions")
struct WorkflowTests {
    @Test("every state × transition × role, active or not", arguments: DecideCase.all)
    func decide(_ c: DecideCase) {
        let result = Result { () throws(DomainError) -> ReviewState in
            try Workflow.decide(c.action, by: c.actor, state: c.state, proposer: "someone-else")
        }
        #expect(result == c.expected)
    }

    @Test func theMatrixCoversEveryCombination() {
        #expect(DecideCase.all.count == 6 * 7 * 3 * 2)
    }

    @Test func tableListsTheSevenTransitionsInWorkflowOrder() {
        #expect(Workflow.transitions.map(\.action) == Spec.transitionActions)
        #expect(Workflow.transition(for: .reopen)?.to == nil)
        #expect(Workflow.transition(for: .start)?.to == .researching)
        #expect(Workflow.transition(for: .reject)?.from == [.logged, .researching])
    }

    @Test("a reason is required to reject, return and reopen", arguments: Spec.transitionActions)
    func reasons(_ action: Action) throws {
        let transition = try #require(Workflow.transition(for: action))
        #expect(transition.needsReason == [.reject, .returnVerdict, .reopen].contains(action))
    }

    @Test("moves allowed from each state", arguments: ReviewState.allCases)
    func allowedActions(_ state: ReviewState) {
        #expect(Workflow.allowedActions(from: state) == Spec.allowed[state])
    }
}

@Suite("Four-eyes rule")
struct FourEyesTests {
    static let proposer = "rui"

    @Test("the proposer may not approve or return", arguments: [Action.approve, .returnVerdict], Role.allCases)
    func proposerRefused(_ action: Action, _ role: Role) {
        let actor = Actor(handle: Self.proposer, role: role, isActive: true)
        let error = refusal { () throws(DomainError) in
            try Workflow.decide(action, by: actor, state: .inReview, proposer: Self.proposer)
        }
        // An editor lacks the role, which is said first; reviewers and admins meet the rule.
        let expected: DomainError = role == .editor
            ? .notPermitted(handle: Self.proposer, role: .editor, action: action)
            : .fourEyes(handle: Self.proposer, action: action)
        #expect(error == expected)
    }

    @Test("another reviewer or admin may", arguments: [Action.approve, .returnVerdict], [Role.reviewer, .admin])
    func otherAllowed(_ action: Action, _ role: Role) throws {
        let actor = Actor(handle: "ana", role: role, isActive: true)
        let target = try Workflow.decide(action, by: actor, state: .inReview, proposer: Self.proposer)
        #expect(target == (action == .approve ? .approved : .researching))
    }

    @Test func handlesCompareWithoutCase() {
        let actor = Actor(handle: "Rui", role: .reviewer, isActive: true)
        let error = refusal { () throws(DomainError) in
            try Workflow.decide(.approve, by: actor, state: .inReview, proposer: "rui")
        }
        #expect(error == .fourEyes(handle: "Rui", action: .approve))
    }

    @Test func fourEyesComesBeforeTheState() {
        let actor = Actor(handle: Self.proposer, role: .reviewer, isActive: true)
        let error = refusal { () throws(DomainError) in
            try Workflow.decide(.approve, by: actor, state: .published, proposer: Self.proposer)
        }
        #expect(error == .fourEyes(handle: Self.proposer, action: .approve))
    }

    @Test func otherActionsIgnoreTheProposer() throws {
        let actor = Actor(handle: Self.proposer, role: .editor, isActive: true)
        #expect(try Workflow.decide(.publish, by: actor, state: .approved, proposer: Self.proposer) == .published)
    }
}

@Suite("Assigning, editing and sources per state")
struct UpkeepTests {
    static let open: Set<ReviewState> = [.logged, .researching, .inReview, .approved]
    static let sourceStates: Set<ReviewState> = [.logged, .researching, .inReview]

    @Test(arguments: ReviewState.allCases)
    func assign(_ state: ReviewState) {
        let error = refusal { () throws(DomainError) in try Workflow.checkAssignable(state) }
        if Self.open.contains(state) {
            #expect(error == nil)
        } else {
            #expect(error == .transitionRefused(action: .assign, state: state, allowed: [.reopen]))
        }
    }

    @Test(arguments: ReviewState.allCases)
    func edit(_ state: ReviewState) {
        let error = refusal { () throws(DomainError) in try Workflow.checkEditable(state) }
        if Self.open.contains(state) {
            #expect(error == nil)
        } else {
            #expect(error == .transitionRefused(action: .editClaim, state: state, allowed: [.reopen]))
        }
    }

    /// What a verdict checked (text, claimant, date said) is frozen while the verdict is
    /// proposed or approved; upkeep fields are not.
    @Test(arguments: ReviewState.allCases)
    func editWording(_ state: ReviewState) {
        let wording = refusal { () throws(DomainError) in try Workflow.checkEditable(state, changing: ["text", "said_on"]) }
        let upkeep = refusal { () throws(DomainError) in try Workflow.checkEditable(state, changing: ["tags", "priority"]) }
        switch state {
        case .logged, .researching:
            #expect(wording == nil && upkeep == nil)
        case .inReview, .approved:
            #expect(wording == .wordingFrozen(state: state, fields: ["text", "said_on"]))
            #expect(upkeep == nil)
            #expect(wording?.message(claim: ClaimNumber(3)) == "C-3 is \(state.displayName): its text and date said cannot change "
                + "while its verdict is \(state == .inReview ? "proposed" : "approved")")
        case .published, .rejected:
            #expect(wording == .transitionRefused(action: .editClaim, state: state, allowed: [.reopen]))
        }
    }

    @Test(arguments: ReviewState.allCases)
    func sources(_ state: ReviewState) {
        let error = refusal { () throws(DomainError) in try Workflow.checkSourcesEditable(state) }
        if Self.sourceStates.contains(state) {
            #expect(error == nil)
        } else {
            #expect(error == .transitionRefused(action: .addSource, state: state, allowed: Spec.allowed[state]!))
        }
    }

    @Test("decide checks the role, then the state, and keeps the state",
          arguments: [Action.assign, .editClaim, .addSource, .retractSource], ReviewState.allCases)
    func decideInPlace(_ action: Action, _ state: ReviewState) {
        let editor = Actor(handle: "ed", role: .editor, isActive: true)
        let reviewer = Actor(handle: "rev", role: .reviewer, isActive: true)
        let (allowedActor, refusedActor) = [.assign, .editClaim].contains(action) ? (editor, reviewer) : (reviewer, editor)
        let allowedStates = [.assign, .editClaim].contains(action) ? Self.open : Self.sourceStates

        let refused = refusal { () throws(DomainError) in try Workflow.decide(action, by: refusedActor, state: state) }
        #expect(refused == .notPermitted(handle: refusedActor.handle, role: refusedActor.role, action: action))

        let result = Result { () throws(DomainError) in try Workflow.decide(action, by: allowedActor, state: state) }
        if allowedStates.contains(state) {
            #expect(result == .success(state))
        } else {
            #expect(result == .failure(.transitionRefused(action: action, state: state, allowed: Spec.allowed[state]!)))
        }
    }
}
