/// A workflow move as a door receives it (a page's form, an API body), its fields read by the
/// one rule both doors share: a move the transition table marks `needsReason` must carry a
/// reason, the other moves may carry a note as their reason; publish may name where it was
/// published; assign names a user; propose a rating and a conclusion.
public enum MoveRequest: Sendable, Equatable {
    case assign(user: String, note: String?)
    /// start, reject, reopen or publish.
    case transition(Action, reason: String?, publishedURL: String?)
    case propose(rating: String, conclusion: String)
    /// approve or return.
    case decide(Action, reason: String?)

    /// What a form or body carried, as typed (nil or empty: not given).
    public struct Fields: Sendable {
        public var user: String?
        public var note: String?
        public var reason: String?
        public var url: String?
        public var rating: String?
        public var conclusion: String?

        public init(user: String? = nil, note: String? = nil, reason: String? = nil, url: String? = nil,
                    rating: String? = nil, conclusion: String? = nil) {
            func given(_ text: String?) -> String? { text.flatMap { $0.trimming(.whitespacesAndNewlines).isEmpty ? nil : $0 } }
            self.user = given(user); self.note = given(note); self.reason = given(reason); self.url = given(url)
            self.rating = rating; self.conclusion = conclusion
        }
    }

    /// The moves a door may be asked for, by the name a form posts (`Action.moveName`).
    public static let actions: [Action] = Workflow.transitions.map(\.action) + [.assign]

    /// The move `action` with its fields checked; a value out of bounds is the validator's error.
    public static func validated(_ action: Action, _ fields: Fields) throws(DomainError) -> MoveRequest {
        let needsReason = Workflow.transitions.first { $0.action == action }?.needsReason ?? false
        let reason = needsReason ? try Validate.reason(fields.reason ?? "") : try Validate.note(fields.reason, field: "reason")
        switch action {
        case .assign:
            return .assign(user: Validate.handleReference(fields.user ?? ""), note: try Validate.note(fields.note ?? fields.reason))
        case .propose:
            return .propose(rating: fields.rating ?? "", conclusion: try Validate.conclusion(fields.conclusion ?? ""))
        case .approve, .returnVerdict:
            return .decide(action, reason: reason)
        case .start, .reject, .reopen, .publish:
            let url: String? = switch fields.url {
            case let text?: try Validate.url(text, field: "url")
            case nil: nil
            }
            return .transition(action, reason: reason, publishedURL: url)
        default:
            throw .invalid(field: "move", reason: "\(action.moveName) is not a move of the workflow")
        }
    }

    /// The move a form names (`start`, `return`, …), validated as `validated(_:_:)`.
    public static func validated(named name: String, _ fields: Fields) throws(DomainError) -> MoveRequest {
        guard let action = actions.first(where: { $0.moveName == name }) else {
            throw .invalid(field: "move", reason: "there is no move \"\(name)\"; the moves are \(actions.map(\.moveName).joined(separator: ", "))")
        }
        return try validated(action, fields)
    }
}

extension Action {
    /// The one word a move goes by in a form and a route: `start`, `approve`, `return`, …
    public var moveName: String {
        switch self {
        case .returnVerdict: "return"
        default: String(command.split(separator: " ").last ?? Substring(command))
        }
    }
}
