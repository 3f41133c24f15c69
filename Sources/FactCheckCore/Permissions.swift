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

/// The door a change came through; the audit log records it with every event.
public enum Channel: String, Sendable, CaseIterable, Codable {
    case cli, web, api
}

/// The user a command runs as, and the door they came through: the command line, a browser
/// session (`via` is the session's short fingerprint) or an API token (`via` is its `T-n`).
public struct Actor: Sendable, Equatable {
    public var handle: String
    public var role: Role
    public var isActive: Bool
    public var channel: Channel
    public var via: String?
    /// The desk the work is done for: every row the actor writes belongs to it (docs/citus.md).
    /// Every user belongs to desk 1 until users are given desks.
    public var desk: Int64

    public init(handle: String, role: Role, isActive: Bool = true, channel: Channel = .cli, via: String? = nil,
                desk: Int64 = 1) {
        self.handle = handle
        self.role = role
        self.isActive = isActive
        self.channel = channel
        self.via = via
        self.desk = desk
    }
}

/// Who may do what. The one place that answers it, so the CLI, the store and the tests agree.
public enum Permissions {
    private static let granted: [Role: Set<Action>] = [
        .editor: [
            .addArticle, .addClaim, .editClaim, .assign, .reject, .publish, .reopen,
            .export, .importClaims, .read, .manageOwnAccount,
        ],
        .reviewer: [
            .start, .addSource, .retractSource, .propose, .approve, .returnVerdict,
            .export, .read, .manageOwnAccount,
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
