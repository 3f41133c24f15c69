import Foundation

/// A move a user is offered on a claim: what it is, where it leads, and whether it needs a
/// reason. `refusal` is set when the user's role may make the move but the domain refuses it
/// now (four eyes), so a page can say why instead of silently leaving it out.
public struct Move: Sendable, Equatable {
    public let action: Action
    /// The state it leads to (nil for assign, which keeps the state).
    public let target: ReviewState?
    public let needsReason: Bool
    public let refusal: DomainError?

    public var isAllowed: Bool { refusal == nil }

    public init(action: Action, target: ReviewState?, needsReason: Bool, refusal: DomainError?) {
        self.action = action; self.target = target; self.needsReason = needsReason; self.refusal = refusal
    }
}

extension Workflow {
    /// The moves `actor` may make on a claim in `state` whose pending verdict (if any) was
    /// proposed by `proposer`, in the order of the transition table, then assign. Read from the
    /// transition table and the permissions, never a second list: every move returned as
    /// allowed is one `decide` accepts; a move the role may make but four eyes forbids comes
    /// back with its refusal; moves of other roles and other states are left out.
    public static func moves(for state: ReviewState, proposer: String?, by actor: Actor) -> [Move] {
        var moves: [Move] = []
        for transition in transitions where transition.from.contains(state) && Permissions.allows(actor.role, transition.action) {
            do {
                let target = try decide(transition.action, by: actor, state: state, proposer: proposer)
                moves.append(Move(action: transition.action, target: target, needsReason: transition.needsReason, refusal: nil))
            } catch .fourEyes(let handle, let action) {
                moves.append(Move(action: transition.action, target: transition.moves[state], needsReason: transition.needsReason,
                                  refusal: .fourEyes(handle: handle, action: action)))
            } catch {
                continue
            }
        }
        if (try? Permissions.check(actor, .assign)) != nil, states(allowing: .assign).contains(state) {
            moves.append(Move(action: .assign, target: nil, needsReason: false, refusal: nil))
        }
        return moves
    }

    /// Whether `actor` may add or retract sources on a claim in `state` now.
    public static func maySource(_ state: ReviewState, by actor: Actor) -> Bool {
        (try? Permissions.check(actor, .addSource)) != nil && states(allowing: .addSource).contains(state)
    }

    /// Whether `actor` may edit a claim's upkeep (tags, priority, due date) in `state` now.
    public static func mayEdit(_ state: ReviewState, by actor: Actor) -> Bool {
        (try? Permissions.check(actor, .editClaim)) != nil && states(allowing: .editClaim).contains(state)
    }

    /// Whether a claim's wording (text, claimant, date said) may change in `state`: not while a
    /// verdict reached on it is proposed or approved (`checkEditable` refuses it then).
    public static func mayEditWording(_ state: ReviewState) -> Bool {
        !wordingFrozenStates.contains(state)
    }
}
