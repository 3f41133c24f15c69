import Foundation

/// What a user is on the desk; it decides what they may do (SPEC section 1).
public enum Role: String, CaseIterable, Sendable, Codable {
    case editor, reviewer, admin

    /// "an editor", "a reviewer", "an admin", for sentences.
    var withArticle: String {
        switch self {
        case .editor: "an editor"
        case .reviewer: "a reviewer"
        case .admin: "an admin"
        }
    }
}

/// The user a command runs as.
public struct Actor: Sendable, Equatable {
    public var handle: String
    public var role: Role
    public var isActive: Bool

    public init(handle: String, role: Role, isActive: Bool = true) {
        self.handle = handle
        self.role = role
        self.isActive = isActive
    }
}

/// Who may do what. The one place that answers it, so the CLI, the store and the tests agree.
public enum Permissions {
    private static let granted: [Role: Set<Action>] = [
        .editor: [
            .addArticle, .addClaim, .editClaim, .assign, .reject, .publish, .reopen,
            .export, .importClaims, .read,
        ],
        .reviewer: [
            .start, .addSource, .retractSource, .propose, .approve, .returnVerdict,
            .export, .read,
        ],
        .admin: Set(Action.allCases),
    ]

    public static func allows(_ role: Role, _ action: Action) -> Bool {
        granted[role, default: []].contains(action)
    }

    /// The roles that may do `action`, in the order of `Role.allCases`.
    public static func roles(allowing action: Action) -> [Role] {
        Role.allCases.filter { allows($0, action) }
    }

    /// Throws `DomainError.notPermitted` for an inactive user or a role without the right;
    /// a deactivated user's error carries no role.
    public static func check(_ actor: Actor, _ action: Action) throws(DomainError) {
        guard actor.isActive else {
            throw .notPermitted(handle: actor.handle, role: nil, action: action)
        }
        guard allows(actor.role, action) else {
            throw .notPermitted(handle: actor.handle, role: actor.role, action: action)
        }
    }
}
