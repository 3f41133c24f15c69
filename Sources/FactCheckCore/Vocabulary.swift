import Foundation

/// Where a claim is in the review workflow (SPEC section 3). Raw values are stored and exported.
public enum ReviewState: String, CaseIterable, Sendable, Codable {
    case logged, researching, inReview = "in_review", approved, published, rejected

    /// The state as a desk editor would say it after "is": "C-12 is in review".
    public var displayName: String {
        switch self {
        case .logged: "logged"
        case .researching: "in research"
        case .inReview: "in review"
        case .approved: "approved"
        case .published: "published"
        case .rejected: "rejected"
        }
    }
}

public enum Priority: String, CaseIterable, Sendable, Codable {
    case low, normal, high, urgent
}

/// What kind of evidence a source is.
public enum SourceKind: String, CaseIterable, Sendable, Codable {
    case primaryDocument = "primary_document"
    case officialData = "official_data"
    case transcript, interview, expert
    case newsReport = "news_report"
    case other
}

/// How a source bears on the claim.
public enum Stance: String, CaseIterable, Sendable, Codable {
    case supports, refutes, context
}
