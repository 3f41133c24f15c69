import Foundation

/// One row of the workflow table: an action and where it leads from each state it is allowed in.
public struct Transition: Sendable, Equatable {
    public let action: Action
    /// Target state per source state; reopen is the one move whose target depends on the source.
    public let moves: [ReviewState: ReviewState]
    /// Whether the user must give a reason, which the audit log keeps.
    public let needsReason: Bool

    public var from: Set<ReviewState> { Set(moves.keys) }

    /// The single target state, or nil when it depends on the source state (reopen).
    public var to: ReviewState? {
        let targets = Set(moves.values)
        return targets.count == 1 ? targets.first : nil
    }

    init(_ action: Action, from: Set<ReviewState>, to: ReviewState, needsReason: Bool = false) {
        self.init(action, moves: Dictionary(uniqueKeysWithValues: from.map { ($0, to) }), needsReason: needsReason)
    }

    init(_ action: Action, moves: [ReviewState: ReviewState], needsReason: Bool = false) {
        self.action = action
        self.moves = moves
        self.needsReason = needsReason
    }
}

/// The review workflow of SPEC section 3. Checks, messages and `claim show` all read `transitions`,
/// so they cannot disagree.
public enum Workflow {
    public static let transitions: [Transition] = [
        Transition(.start, from: [.logged], to: .researching),
        Transition(.reject, from: [.logged, .researching], to: .rejected, needsReason: true),
        Transition(.propose, from: [.researching], to: .inReview),
        Transition(.returnVerdict, from: [.inReview], to: .researching, needsReason: true),
        Transition(.approve, from: [.inReview], to: .approved),
        Transition(.publish, from: [.approved], to: .published),
        Transition(.reopen, moves: [.published: .researching, .rejected: .logged], needsReason: true),
    ]

    /// Assignment and edits stop once a claim is out of the workflow; reopening brings it back.
    /// A closed claim is no one's open work and is never overdue.
    public static let closedStates: Set<ReviewState> = [.published, .rejected]

    /// Sources are frozen once a verdict is approved, so the evidence behind it cannot shift
    /// silently; a correction reopens the claim first.
    private static let sourceStates: Set<ReviewState> = [.logged, .researching, .inReview]

    /// The actions a proposer may not take on their own verdict.
    private static let fourEyesActions: Set<Action> = [.approve, .returnVerdict]

    public static func transition(for action: Action) -> Transition? {
        transitions.first { $0.action == action }
    }

    /// The state after `action` from `state`, or throws `.transitionRefused` naming the state
    /// and the moves allowed from it. Actions that only work within a state (assign, edit,
    /// sources) leave it unchanged when allowed; actions unrelated to claims leave it unchanged.
    public static func target(of action: Action, from state: ReviewState) throws(DomainError) -> ReviewState {
        if let transition = transition(for: action) {
            guard let target = transition.moves[state] else { throw refusal(action, state) }
            return target
        }
        guard states(allowing: action).contains(state) else { throw refusal(action, state) }
        return state
    }

    /// The states in which `action` may be taken on a claim, in workflow order.
    public static func states(allowing action: Action) -> [ReviewState] {
        if let transition = transition(for: action) {
            return ReviewState.allCases.filter(transition.from.contains)
        }
        switch action {
        case .assign, .editClaim:
            return ReviewState.allCases.filter { !closedStates.contains($0) }
        case .addSource, .retractSource:
            return ReviewState.allCases.filter(sourceStates.contains)
        default:
            return ReviewState.allCases
        }
    }

    /// Moves allowed from a state, for messages and `claim show`: the transitions, then
    /// assign and edit where allowed.
    public static func allowedActions(from state: ReviewState) -> [Action] {
        let moves = transitions.filter { $0.from.contains(state) }.map(\.action)
        let upkeep = [Action.assign, .editClaim].filter { states(allowing: $0).contains(state) }
        return moves + upkeep
    }

    /// The full decision for `action` by `actor` on a claim in `state`, checked in the order a
    /// user should hear about it: the role (or a deactivated account), then the four-eyes rule
    /// against `proposer` (skipped when nil), then the state.
    public static func decide(
        _ action: Action, by actor: Actor, state: ReviewState, proposer: String? = nil
    ) throws(DomainError) -> ReviewState {
        try Permissions.check(actor, action)
        if fourEyesActions.contains(action), let proposer, sameHandle(proposer, actor.handle) {
            throw .fourEyes(handle: actor.handle, action: action)
        }
        return try target(of: action, from: state)
    }

    public static func checkAssignable(_ state: ReviewState) throws(DomainError) {
        _ = try target(of: .assign, from: state)
    }

    /// While a verdict is proposed or approved, the claim it checked cannot change under it:
    /// only its upkeep (tags, priority, due date) may be edited.
    static let wordingFrozenStates: Set<ReviewState> = [.inReview, .approved]

    /// `changing` names the fields an edit changes, as the user knows them.
    public static func checkEditable(_ state: ReviewState, changing fields: [String] = []) throws(DomainError) {
        _ = try target(of: .editClaim, from: state)
        let wording = fields.filter { ["text", "claimant", "said_on"].contains($0) }
        if wordingFrozenStates.contains(state), !wording.isEmpty {
            throw .wordingFrozen(state: state, fields: wording)
        }
    }

    /// Sources may be added or retracted while logged, in research or in review.
    public static func checkSourcesEditable(_ state: ReviewState) throws(DomainError) {
        _ = try target(of: .addSource, from: state)
    }

    private static func refusal(_ action: Action, _ state: ReviewState) -> DomainError {
        .transitionRefused(action: action, state: state, allowed: allowedActions(from: state))
    }

    // Handles are stored lowercase, but a stray capital must not let a proposer approve themselves.
    private static func sameHandle(_ a: String, _ b: String) -> Bool {
        a.lowercased() == b.lowercased()
    }
}
