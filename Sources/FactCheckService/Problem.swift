import FactCheckCore
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird
import Postgres

/// What the HTTP layer refuses itself.
public enum ServiceError: Error, Sendable {
    /// No identity, or one that is not (or no longer) valid.
    case unauthenticated(String)
    /// A state-changing form post without the session's CSRF token, or from another site.
    case forgedRequest(String)
    case badRequest(String)
    case notFound(String)
    case tooLarge(limit: Int)
    case preconditionRequired(String)
    /// The store's queue is full: answer at once, with Retry-After.
    case busy
    case shuttingDown
    case methodNotAllowed
}

/// An RFC 9457 problem: a stable `type` per error, the same message the CLI prints as `title`
/// … `detail`, and the HTTP status of SPEC section 10.
public struct Problem: Error, Sendable, Encodable {
    public let type: String
    public let title: String
    public let status: Int
    public let detail: String
    public let hint: String?
    /// The claim an error is about, or the claim a duplicate already is.
    public let claimId: String?
    public var retryAfter: Int?
    /// For an import: every bad row, `line N: reason; reason`.
    public var rows: [String]?

    enum CodingKeys: String, CodingKey { case type, title, status, detail, hint, claimId = "claim_id", rows }

    init(_ slug: String, _ status: HTTPResponse.Status, _ detail: String, hint: String? = nil, claim: String? = nil,
         retryAfter: Int? = nil) {
        type = "urn:factcheck:problem:\(slug)"
        title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.hint = hint
        claimId = claim
        self.retryAfter = retryAfter
    }

    /// The one mapping of every error of the lower layers to HTTP, beside the CLI's one mapping
    /// to exit codes: both switch over the same cases, so a new case fails to compile until
    /// both doors say what it means.
    public static func from(_ error: Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as ServiceError:
            switch error {
            case .unauthenticated(let m): return Problem("unauthenticated", .unauthorized, m)
            case .forgedRequest(let m): return Problem("forged-request", .forbidden, m)
            case .badRequest(let m): return Problem("bad-request", .badRequest, m)
            case .notFound(let m): return Problem("not-found", .notFound, m)
            case .tooLarge(let limit):
                return Problem("too-large", .contentTooLarge, "the request body is larger than \(limit) bytes")
            case .preconditionRequired(let m): return Problem("precondition-required", .preconditionRequired, m)
            case .busy:
                return Problem("busy", .serviceUnavailable, "the desk is busy; retry in a moment", retryAfter: 1)
            case .shuttingDown:
                return Problem("shutting-down", .serviceUnavailable, "the service is restarting; retry in a moment", retryAfter: 2)
            case .methodNotAllowed: return Problem("method-not-allowed", .methodNotAllowed, "method not allowed")
            }
        case let error as DomainError:
            return from(error, claim: nil)
        case let error as StoreError:
            switch error {
            case .unreachable:
                return Problem("database-unreachable", .serviceUnavailable, "the database cannot be reached", retryAfter: 5)
            case .migrationNotPermitted:
                return Problem("not-permitted", .forbidden, "the service's role may not change the schema; migrate as its owner")
            case .readOnlyDatabase, .needsDirectConnection:
                return Problem("database-misconfigured", .serviceUnavailable, error.description)
            case .schemaBehind, .schemaAhead, .checksumMismatch:
                return Problem("schema-not-current", .serviceUnavailable, error.description, retryAfter: 30)
            case .notFound(let m): return Problem("not-found", .notFound, m)
            case .concurrentChange(let what):
                return Problem("concurrent-change", .conflict, error.description, claim: what.hasPrefix("C-") ? what : nil)
            case .stale(let number, _):
                return Problem("stale", .preconditionFailed, error.description, claim: number.description)
            case .unknownUser: return Problem("unknown-user", .forbidden, error.description)
            case .identityRequired: return Problem("unauthenticated", .unauthorized, error.description)
            case .firstUserMustBeAdmin: return Problem("first-user-must-be-admin", .unprocessableContent, error.description)
            case .refused(let domain, let claim): return from(domain, claim: claim)
            case .conflict(let m): return Problem("conflict", .conflict, m)
            case .duplicate(let number, _):
                return Problem("duplicate", .conflict, error.description, claim: number.description)
            case .badFile(let m): return Problem("bad-file", .unprocessableContent, m)
            case .linkNeedsAppearances(let number):
                return Problem("invalid", .unprocessableContent, error.description, claim: number.description)
            case .noSuchSentence: return Problem("no-such-sentence", .unprocessableContent, error.description)
            case .noKeptText: return Problem("no-kept-text", .conflict, error.description)
            case .badRows(let rows):
                var problem = Problem("bad-rows", .unprocessableContent, error.description)
                problem.rows = rows.map(\.description)
                return problem
            case .throttled(let seconds):
                return Problem("throttled", .tooManyRequests, error.description, retryAfter: seconds)
            case .database(let pg):
                if pg.isConnectionFailure {
                    return Problem("database-unreachable", .serviceUnavailable, "the database cannot be reached", retryAfter: 5)
                }
                if pg.sqlState == "57014" {
                    return Problem("timeout", .serviceUnavailable, "the request took too long and was cancelled", retryAfter: 5)
                }
                return Problem("internal", .internalServerError, "the request failed; it was logged")
            }
        case let error as PostgresError:
            return from(StoreError.database(error))
        case let error as HTTPError:
            return Problem(error.status == .contentTooLarge ? "too-large" : "http", error.status,
                           error.body ?? error.status.reasonPhrase)
        case is DecodingError:
            return Problem("bad-request", .badRequest, "the request body is not the JSON this route takes")
        default:
            return Problem("internal", .internalServerError, "the request failed; it was logged")
        }
    }

    static func from(_ error: DomainError, claim: ClaimNumber?) -> Problem {
        let message = error.message(claim: claim)
        switch error {
        case .notPermitted, .userInactive:
            return Problem("not-permitted", .forbidden, message, hint: error.hint, claim: claim?.description)
        case .fourEyes:
            return Problem("four-eyes", .forbidden, message, hint: error.hint, claim: claim?.description)
        case .transitionRefused:
            return Problem("transition-refused", .conflict, message, hint: error.hint, claim: claim?.description)
        case .wordingFrozen:
            return Problem("wording-frozen", .conflict, message, hint: error.hint, claim: claim?.description)
        case .invalid:
            return Problem("invalid", .unprocessableContent, message, hint: error.hint, claim: claim?.description)
        }
    }

    public var httpStatus: HTTPResponse.Status { HTTPResponse.Status(code: status) }

    /// `application/problem+json`, with `Retry-After` where the client should wait.
    public func response() -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return Response(status: httpStatus, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
