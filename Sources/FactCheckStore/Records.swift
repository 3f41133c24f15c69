import FactCheckCore
import Foundation

// Read models: what the store hands back to the CLI. Field names are the stable JSON names
// (snake_case, applied by the CLI's encoder).

public struct UserRecord: Sendable, Codable, Equatable {
    public let handle: String
    public let name: String
    public let role: Role
    public let active: Bool
    public let createdAt: Date
    public let createdBy: String?
}

public struct ArticleRecord: Sendable, Codable, Equatable {
    public let id: Int64
    public let url: String
    public let title: String?
    public let outlet: String?
    public let byline: String?
    public let publishedOn: String?
    public let hasText: Bool
    public let claimCount: Int
    public let createdBy: String
    public let createdAt: Date
}

public struct ClaimRecord: Sendable, Codable, Equatable {
    public let id: String            // "C-42"
    public let number: Int64
    public let state: ReviewState
    public let text: String
    public let claimant: String
    public let saidOn: String?
    public let articleId: Int64?
    public let articleUrl: String?
    public let context: String?
    public let tags: [String]
    public let priority: Priority
    public let dueDate: String?
    public let assignee: String?
    public let rating: String?
    public let createdBy: String
    public let createdAt: Date
    public let updatedAt: Date
    public let publishedAt: Date?
    public let publishedUrl: String?
    public let version: Int
}

public struct AppearanceRecord: Sendable, Codable, Equatable {
    public let url: String
    public let isFirst: Bool
    public let addedBy: String
    public let addedAt: Date
}

public struct SourceRecord: Sendable, Codable, Equatable {
    public let id: String            // "S-7"
    public let number: Int64
    public let claimId: String
    public let url: String
    public let title: String?
    public let publisher: String?
    public let kind: SourceKind
    public let stance: Stance
    public let accessedOn: String?
    public let archivedUrl: String?
    public let note: String?
    public let addedBy: String
    public let addedAt: Date
    public let retracted: Bool
    public let retractedBy: String?
    public let retractedAt: Date?
    public let retractionReason: String?
}

public struct VerdictRecord: Sendable, Codable, Equatable {
    public let id: Int64
    public let claimId: String
    public let rating: String
    public let ratingValue: Int
    public let bestValue: Int
    public let worstValue: Int
    public let conclusion: String
    public let status: String
    public let proposedBy: String
    /// Nil for a verdict of an imported archive, which does not say when it was proposed.
    public let proposedAt: Date?
    public let decidedBy: String?
    public let decidedAt: Date?
    public let returnReason: String?
}

public struct AuditEventRecord: Sendable, Codable, Equatable {
    public let id: Int64
    public let stream: String
    public let seq: Int64
    public let occurredAt: Date
    public let actor: String
    public let dbRole: String
    public let action: String
    public let claimId: String?
    public let object: String?
    public let before: JSONText?
    public let after: JSONText?
    public let hash: String
    /// The door the change came through (cli, web, api) and, for the service, its token or session.
    public let channel: String
    public let via: String?
}

/// JSON the database produced, kept as text; written as JSON (not as a string) in JSON output.
public struct JSONText: Sendable, Codable, Equatable, CustomStringConvertible {
    public let text: String
    public init(_ text: String) { self.text = text }
    public var description: String { text }
    public init(from decoder: Decoder) throws { text = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

public struct ClaimDetail: Sendable, Codable {
    public let claim: ClaimRecord
    public let allowedMoves: [String]
    public let appearances: [AppearanceRecord]
    public let sources: [SourceRecord]
    public let verdicts: [VerdictRecord]
    public let history: [AuditEventRecord]
}

/// The filters of `claim list` (and of the exports that share them).
public struct ClaimFilter: Sendable {
    public var state: ReviewState?
    public var assignee: String?
    public var tag: String?
    public var claimant: String?
    public var rating: String?
    public var since: CalendarDate?
    public var until: CalendarDate?
    public var search: String?
    public var limit: Int?
    /// Only claims numbered below this one: the next page of a list, newest first (a cursor).
    public var before: Int64?

    public init(state: ReviewState? = nil, assignee: String? = nil, tag: String? = nil, claimant: String? = nil,
                rating: String? = nil, since: CalendarDate? = nil, until: CalendarDate? = nil,
                search: String? = nil, limit: Int? = nil) {
        self.state = state; self.assignee = assignee; self.tag = tag; self.claimant = claimant
        self.rating = rating; self.since = since; self.until = until; self.search = search; self.limit = limit
    }
}

/// What `audit verify` found.
public struct AuditVerification: Sendable, Codable {
    public struct Head: Sendable, Codable { public let stream: String; public let seq: Int64; public let hash: String }
    public struct Problem: Sendable, Codable {
        public let eventId: Int64?
        public let stream: String
        public let seq: Int64
        public let reason: String
    }
    public let events: Int
    public let streams: Int
    public let heads: [Head]
    /// SHA-256 over every stream head, one line to publish outside the database.
    public let digest: String
    public let firstProblem: Problem?
    public var ok: Bool { firstProblem == nil }
}

/// A claim that repeats the text of an earlier one, found when V0010 made the rule one claim
/// per normalised text: kept, marked as a duplicate of the earliest, and not yet rejected.
public struct MarkedDuplicate: Sendable, Codable, Equatable {
    public let claimId: String       // "C-42"
    public let duplicateOf: String   // "C-7"
    public let state: ReviewState
}
