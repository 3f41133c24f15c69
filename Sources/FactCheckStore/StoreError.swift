import FactCheckCore
import Postgres

/// What the store refuses or fails at, each a sentence a user can act on.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The database cannot be reached at all.
    case unreachable(target: String, reason: String)
    /// Migrations are missing from the database (named as the server names it, and where it
    /// was found), or the database is newer than the binary.
    case schemaBehind(pending: [String], database: String, location: DatabaseLocation?)
    case schemaAhead(unknown: [Int])
    /// The connected role may not change the schema (it is not its owner); nothing was applied.
    case migrationNotPermitted(role: String, database: String, owner: String?, reason: String)
    /// An applied migration file was edited after it ran.
    case checksumMismatch(file: String)
    /// Something the user named does not exist.
    case notFound(String)
    /// Somebody else changed the row between our read and our write.
    case concurrentChange(String)
    /// The acting user is unknown, or no acting user was named where one is needed.
    case unknownUser(String)
    case identityRequired
    case firstUserMustBeAdmin
    /// The domain refused (state, permission, four-eyes, validation).
    case refused(DomainError, claim: ClaimNumber?)
    /// The input conflicts with what is stored (a duplicate, a label in use).
    case conflict(String)
    /// The claim's text matches an already logged claim.
    case duplicate(ClaimNumber, state: String)
    /// Asked to link a duplicate's appearances to the claim already logged, without any.
    case linkNeedsAppearances(ClaimNumber)
    /// The article was logged without its text, so it has no sentences.
    case noKeptText(article: Int64)
    /// The article's kept text has `count` sentences, not sentence `asked`.
    case noSuchSentence(article: Int64, asked: Int, count: Int)
    /// A file to import that cannot be read as a table (no header, broken quoting in it).
    case badFile(String)
    /// Rows of a file to import that cannot be imported, each with its line; nothing was written.
    case badRows([RowProblems])
    /// The claim is no longer at the version the change was made against (an HTTP `If-Match`).
    case stale(ClaimNumber, version: Int)
    /// Too many failed logins for the account or the address; try again after `retryAfter` seconds.
    case throttled(retryAfter: Int)
    /// What needs a session of its own (`purpose`: db migrate, live updates) was pointed at a
    /// connection pooler in transaction mode.
    case needsDirectConnection(purpose: String, target: String)
    /// A write reached a read-only server (a standby): SQLSTATE 25006. Nothing was written.
    case readOnlyDatabase(target: String)
    /// A database error that none of the above explains.
    case database(PostgresError)

    public var description: String {
        switch self {
        case .unreachable(let target, let reason):
            return "cannot reach the database at \(target): \(reason)"
        case .schemaBehind(let pending, let database, _):
            return "the schema of database \(database) is behind this factcheck (\(pending.count) migration\(pending.count == 1 ? "" : "s") pending: \(pending.joined(separator: ", ")))"
        case .schemaAhead(let unknown):
            return "the database schema is newer than this factcheck (unknown migration\(unknown.count == 1 ? "" : "s") \(unknown.map { String($0) }.joined(separator: ", ")))"
        case .migrationNotPermitted(let role, let database, _, let reason):
            return "role \(role) may not change the schema of database \(database) (\(reason)); nothing was applied"
        case .checksumMismatch(let file):
            return "migration \(file) was edited after it was applied (checksum differs)"
        case .notFound(let what): return what
        case .concurrentChange(let what): return "\(what) was changed by someone else at the same moment; retry"
        case .unknownUser(let handle): return "there is no user \(handle)"
        case .identityRequired: return "this command must be run as a user"
        case .firstUserMustBeAdmin: return "the first user of a new database must be an admin"
        case .refused(let error, let claim): return error.message(claim: claim)
        case .conflict(let what): return what
        case .duplicate(let number, let state):
            return "this claim is already logged as \(number) (\(state))"
        case .linkNeedsAppearances(let number):
            return "linking to \(number), which already holds this text, needs the appearances to add to it"
        case .noKeptText(let article):
            return "A-\(article) was logged without its text, so it has no sentences to choose from"
        case .noSuchSentence(let article, let asked, let count):
            return "A-\(article) has no sentence \(asked): "
                + (count == 0 ? "its kept text has no sentences" : "its sentences are 1 to \(count)")
        case .badFile(let message): return message
        case .badRows(let rows):
            return "\(rows.count) row\(rows.count == 1 ? "" : "s") cannot be imported; nothing was imported"
        case .stale(let number, let version):
            return "\(number) was changed by someone else since you read it (it is now at version \(version)); reload it and retry"
        case .throttled(let seconds):
            return "too many failed logins; try again in \(seconds) second\(seconds == 1 ? "" : "s")"
        case .needsDirectConnection(let purpose, let target):
            return "\(purpose) needs a direct connection to PostgreSQL, and \(target) goes through a connection pooler in transaction mode"
        case .readOnlyDatabase(let target):
            return "the database at \(target) is read-only (a standby): nothing was written; changes go to the primary"
        case .database(let error): return "database error: \(error.description)"
        }
    }

    public var hint: String? {
        switch self {
        case .unreachable: return "start the local database with Scripts/db start, or pass --database-url / set FACTCHECK_DATABASE_URL"
        case .schemaAhead: return "use a factcheck built from the newer source"
        case .migrationNotPermitted(_, _, let owner, _):
            return "migrate as the schema's owner\(owner.map { " (role \($0))" } ?? ""); everyday work needs only factcheck_app"
        case .checksumMismatch: return "migrations are forward only: restore the file and add a new migration instead"
        case .unknownUser: return "check the handle with factcheck user list, or ask an admin to add you"
        case .identityRequired: return "pass --as HANDLE or set FACTCHECK_USER"
        case .firstUserMustBeAdmin: return "factcheck user add HANDLE --name NAME --role admin"
        case .refused(let error, _): return error.hint
        case .duplicate(let number, _):
            return "see factcheck claim show \(number); to record where else it appeared, repeat with --link --appearance URL"
        case .needsDirectConnection:
            return "set FACTCHECK_DIRECT_URL to the PostgreSQL server itself (not PgBouncer); everything else may go through the pooler"
        case .readOnlyDatabase:
            return "point the database URL at the primary; a replica serves only the read URL (exports and the report)"
        case .database(let error): return error.hint
        default: return nil
        }
    }
}
