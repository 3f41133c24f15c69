import ArgumentParser
import FactCheckCore
import FactCheckStore
import Foundation
import Postgres

/// Errors the command-line layer raises itself.
enum CLIError: Error {
    case usage(String, hint: String?)
    case badInput(String)
    /// Rows of an input file that cannot be imported (each reported on stderr); nothing was written.
    case badRows([RowProblems])
    case fileUnreadable(String)
}

/// Maps every error to SPEC section 4's exit codes and prints it as one line on stderr.
enum Failure {
    static func exitCode(_ error: Error) -> Int32 {
        switch error {
        case let error as CLIError:
            switch error {
            case .usage: return 64
            case .badInput, .badRows: return 65
            case .fileUnreadable: return 66
            }
        case let error as DomainError:
            return exitCode(error)
        case let error as StoreError:
            switch error {
            case .unreachable, .readOnlyDatabase: return 69
            case .needsDirectConnection: return 64
            case .concurrentChange, .throttled, .stale: return 75
            case .badFile, .badRows: return 65
            case .linkNeedsAppearances, .noSuchSentence: return 64
            case .unknownUser, .identityRequired, .firstUserMustBeAdmin, .migrationNotPermitted: return 77
            case .refused(let domain, _): return exitCode(domain)
            case .database(let pg): return pg.isConnectionFailure ? 69 : pg.isSerializationFailure ? 75 : 1
            case .schemaBehind, .schemaAhead, .checksumMismatch, .notFound, .conflict, .duplicate, .noKeptText: return 1
            }
        case let error as PostgresError:
            return error.isConnectionFailure ? 69 : error.isSerializationFailure ? 75 : 1
        default:
            return 1
        }
    }

    static func exitCode(_ error: DomainError) -> Int32 {
        switch error {
        case .notPermitted, .userInactive, .fourEyes: return 77
        case .transitionRefused, .wordingFrozen: return 1
        case .invalid: return 64
        }
    }

    static func message(_ error: Error) -> (String, String?) {
        switch error {
        case let error as CLIError:
            switch error {
            case .usage(let m, let hint): return (m, hint)
            case .badInput(let m), .fileUnreadable(let m): return (m, nil)
            case .badRows(let rows):
                return ("\(rows.count) row\(rows.count == 1 ? "" : "s") cannot be imported; nothing was imported", nil)
            }
        case let error as DomainError: return (error.description, error.hint)
        case let error as StoreError: return message(error)
        case let error as PostgresError: return (error.description, nil)
        default: return ("\(error)", nil)
        }
    }

    /// The CLI's wording of store errors whose hint names a command or an option.
    static func message(_ error: StoreError) -> (String, String?) {
        switch error {
        case .schemaBehind(let pending, let database, let location):
            let files = pending.count <= 3 ? pending.joined(separator: ", ")
                : "\(pending.first!) … \(pending.last!)"
            let found = location.map { " (\(whereFound($0)))" } ?? ""
            return ("the schema of database \(database)\(found) is behind this factcheck: "
                        + "\(pending.count) migration\(pending.count == 1 ? "" : "s") pending (\(files))",
                    "migrate it as the schema's owner with factcheck db migrate, "
                        + "or point factcheck at your desk's database with --database-url or FACTCHECK_DATABASE_URL")
        case .migrationNotPermitted(_, _, let owner, _):
            return (error.description, "run factcheck db migrate as the schema's owner\(owner.map { " (role \($0))" } ?? ""), "
                        + "with --database-url naming that role; everyday work needs only a member of factcheck_app")
        case .linkNeedsAppearances(let number):
            return ("--link needs the --appearance urls to add to \(number)", nil)
        case .noSuchSentence(let article, let asked, let count):
            let range = count == 0 ? "none: its kept text has no sentences" : "1 to \(count)"
            return ("--sentence \(asked) is out of range: the sentences of A-\(article) are \(range)",
                    "factcheck article candidates A-\(article) lists them with their numbers")
        case .noKeptText:
            return (error.description + "; only articles logged with article add --text-file FILE keep theirs", nil)
        default:
            return (error.description, error.hint)
        }
    }

    /// Where a database was found, as a newcomer needs to read it: which setting named it,
    /// and its connection string without the password.
    static func whereFound(_ location: DatabaseLocation) -> String {
        switch location.origin {
        case .localCluster: return "the local development database, \(location.redacted)"
        case .libpqEnvironment: return "from libpq's PG* variables"
        default: return "from \(location.origin.rawValue): \(location.redacted)"
        }
    }

    /// Prints `error: …` (and `hint: …`) and returns the exit code.
    static func report(_ error: Error) -> Int32 {
        let (message, hint) = message(error)
        var text = "error: \(oneLine(message))\n"
        if let hint { text += "hint: \(oneLine(hint))\n" }
        FileHandle.standardError.write(Data(text.utf8))
        return exitCode(error)
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
