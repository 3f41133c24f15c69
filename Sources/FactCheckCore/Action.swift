import Foundation

/// Everything a user can ask the system to do; permissions are keyed by it.
///
/// The raw values are stable: they name actions in the audit log.
public enum Action: String, CaseIterable, Sendable {
    case addArticle = "article.add"
    case addClaim = "claim.add"
    case editClaim = "claim.edit"
    case assign = "claim.assign"
    case start = "claim.start"
    case reject = "claim.reject"
    case publish = "claim.publish"
    case reopen = "claim.reopen"
    case addSource = "source.add"
    case retractSource = "source.retract"
    case propose = "verdict.propose"
    case approve = "verdict.approve"
    case returnVerdict = "verdict.return"
    case export = "export"
    case importClaims = "import.claims"
    case importArchive = "import.archive"
    case manageUsers = "user.manage"
    /// One's own password and API tokens.
    case manageOwnAccount = "account.manage"
    case manageScale = "scale.manage"
    case migrate = "db.migrate"
    case read = "read"

    /// The command a user types for this action, so that messages can point at it.
    public var command: String {
        switch self {
        case .addArticle: "article add"
        case .addClaim: "claim add"
        case .editClaim: "claim edit"
        case .assign: "claim assign"
        case .start: "claim start"
        case .reject: "claim reject"
        case .publish: "claim publish"
        case .reopen: "claim reopen"
        case .addSource: "source add"
        case .retractSource: "source retract"
        case .propose: "verdict propose"
        case .approve: "verdict approve"
        case .returnVerdict: "verdict return"
        case .export: "export"
        // An archive is imported with the same command; its rows carry states and verdicts.
        case .importClaims, .importArchive: "import claims"
        case .manageUsers: "user add | deactivate"
        case .manageOwnAccount: "user passwd | token"
        case .manageScale: "scale use"
        case .migrate: "db migrate"
        case .read: "claim list | show"
        }
    }

    /// What the action does, phrased to follow "may not": "approve a verdict".
    public var activity: String {
        switch self {
        case .addArticle: "log an article"
        case .addClaim: "log a claim"
        case .editClaim: "edit a claim"
        case .assign: "assign a claim"
        case .start: "start research on a claim"
        case .reject: "reject a claim"
        case .publish: "publish a verdict"
        case .reopen: "reopen a claim"
        case .addSource: "add a source"
        case .retractSource: "retract a source"
        case .propose: "propose a verdict"
        case .approve: "approve a verdict"
        case .returnVerdict: "return a verdict"
        case .export: "export reports"
        case .importClaims: "import claims"
        case .importArchive: "import already-checked claims"
        case .manageUsers: "manage users"
        case .manageOwnAccount: "manage their own password and tokens"
        case .manageScale: "change the rating scale"
        case .migrate: "migrate the database"
        case .read: "read claims"
        }
    }

    /// What the action makes of a claim, phrased to follow "a claim that is … can be".
    var outcome: String {
        switch self {
        case .start: "started"
        case .reject: "rejected"
        case .propose: "given a proposed verdict"
        case .returnVerdict: "returned to research"
        case .approve: "approved"
        case .publish: "published"
        case .reopen: "reopened"
        case .assign: "assigned"
        case .editClaim: "edited"
        case .addSource: "given sources"
        case .retractSource: "stripped of a source"
        default: activity
        }
    }
}
