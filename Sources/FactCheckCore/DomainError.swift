import Foundation

/// Every refusal of the domain layer, each a sentence a desk editor can act on.
///
/// `description` is one line without a trailing period; `hint` is an optional second line.
/// The CLI maps the cases to exit codes: `notPermitted`, `userInactive` and `fourEyes` to 77,
/// `transitionRefused` and `wordingFrozen` to 1, `invalid` to 65 (or 64 for a command-line option).
public enum DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `role` is nil when the user is deactivated.
    case notPermitted(handle: String, role: Role?, action: Action)
    case userInactive(handle: String)
    case fourEyes(handle: String, action: Action)
    case transitionRefused(action: Action, state: ReviewState, allowed: [Action])
    /// A change to what a proposed or approved verdict checked: the text, claimant or date.
    case wordingFrozen(state: ReviewState, fields: [String])
    case invalid(field: String, reason: String)

    public var description: String { message(claim: nil) }

    /// The message naming the claim concerned, e.g. "C-12 is published; …". The error itself
    /// does not know the claim, so callers that do should prefer this over `description`.
    public func message(claim: ClaimNumber?) -> String {
        switch self {
        case let .notPermitted(handle, nil, action):
            return "\(handle) is deactivated and may not \(action.activity) (\(action.command))"
        case let .notPermitted(handle, role?, action):
            return "\(handle) is \(role.withArticle), and \(role.withArticle) may not "
                + "\(action.activity) (\(action.command))"
        case let .userInactive(handle):
            return "\(handle) is deactivated"
        case let .fourEyes(handle, action):
            let verb = action == .returnVerdict ? "return" : "approve"
            return "\(handle) proposed this verdict and so may not \(verb) it too (four-eyes rule)"
        case let .transitionRefused(_, state, allowed):
            let subject = claim.map(\.description) ?? "the claim"
            let name = state.displayName
            let moves = allowed.map { "\($0.outcome) (\($0.command))" }
            switch moves.count {
            case 0:
                return "\(subject) is \(name); nothing more can be done with a claim that is \(name)"
            case 1:
                return "\(subject) is \(name); a claim that is \(name) can only be \(moves[0])"
            default:
                return "\(subject) is \(name); a claim that is \(name) can be \(listing(moves, joinedBy: "or"))"
            }
        case let .wordingFrozen(state, fields):
            let subject = claim.map(\.description) ?? "the claim"
            let names = fields.map { $0 == "said_on" ? "date said" : $0 }
            return "\(subject) is \(state.displayName): its \(listing(names, joinedBy: "and")) cannot change while its verdict is "
                + (state == .inReview ? "proposed" : "approved")
        case let .invalid(field, reason):
            return "invalid \(field): \(reason)"
        }
    }

    public var hint: String? {
        switch self {
        case .notPermitted(_, nil, _), .userInactive:
            return nil
        case let .notPermitted(_, _, action):
            let roles = Permissions.roles(allowing: action).map { $0.rawValue + "s" }
            return "\(action.command) is for \(listing(roles, joinedBy: "and"))"
        case let .fourEyes(_, action):
            return "another reviewer must run \(action.command)"
        case let .transitionRefused(action, _, _):
            let states = Workflow.states(allowing: action).map(\.displayName)
            guard !states.isEmpty else { return nil }
            return "\(action.command) needs a claim that is \(listing(states, joinedBy: "or"))"
        case let .wordingFrozen(state, _):
            return state == .inReview
                ? "return the verdict first (verdict return), or change only tags, priority and due date"
                : "reopen the claim after publication for a correction (claim reopen), or change only tags, priority and due date"
        case .invalid:
            return nil
        }
    }
}

/// "a", "a or b", "a, b or c".
func listing(_ items: [String], joinedBy conjunction: String) -> String {
    guard let last = items.last else { return "" }
    guard items.count > 1 else { return last }
    return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
}
