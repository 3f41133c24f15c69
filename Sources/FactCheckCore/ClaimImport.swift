import Foundation

/// What `import claims` reads from a spreadsheet: the columns it knows, how a header maps
/// onto them, and the checks each row passes before anything is written.
public enum ImportField: String, CaseIterable, Sendable {
    case externalID = "external_id"
    case claim, claimant
    case saidOn = "said_on"
    case articleURL = "article_url"
    case articleTitle = "article_title"
    case outlet
    case firstAppearanceURL = "first_appearance_url"
    case tags, priority
    case dueDate = "due_date"
    case assignee
    // An archive of checked claims (admins only):
    case state, rating, conclusion
    case proposedBy = "proposed_by"
    case approvedBy = "approved_by"
    case approvedAt = "approved_at"
    case publishedAt = "published_at"
    case publishedURL = "published_url"

    /// Fields that make a row part of an archive of already-checked claims.
    public var isArchive: Bool {
        switch self {
        case .state, .rating, .conclusion, .proposedBy, .approvedBy, .approvedAt, .publishedAt, .publishedURL: true
        default: false
        }
    }
}

/// Which column of the file feeds which field.
public struct ImportLayout: Sendable {
    public let columns: [ImportField: Int]
    /// Header names that feed nothing (an export's claim_id, created_at, …).
    public let ignored: [String]
    public let width: Int

    /// `map` renames file columns: `["Statement": "claim"]`.
    public init(header: [String], map: [String: String] = [:]) throws(DomainError) {
        var columns: [ImportField: Int] = [:]
        var ignored: [String] = []
        let renames = Dictionary(map.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        for (target) in renames.values where ImportField(rawValue: target.lowercased()) == nil {
            throw .invalid(field: "--map", reason: "\(quoted(target)) is not a field; use one of "
                + ImportField.allCases.map(\.rawValue).joined(separator: ", "))
        }
        for (index, raw) in header.enumerated() {
            let name = raw.trimming(.whitespaces)
            let target = (renames[name.lowercased()] ?? name).lowercased()
            guard let field = ImportField(rawValue: target) else {
                ignored.append(name)
                continue
            }
            if columns[field] != nil {
                throw .invalid(field: "header", reason: "two columns feed \(field.rawValue)")
            }
            columns[field] = index
        }
        for required in [ImportField.claim, .claimant] where columns[required] == nil {
            throw .invalid(field: "header", reason: "no \(required.rawValue) column"
                + " (found: \(header.joined(separator: ", "))); rename one with --map COLUMN=\(required.rawValue)")
        }
        self.columns = columns
        self.ignored = ignored
        width = header.count
    }

}

/// One row, checked and normalised, ready to store.
public struct ImportRow: Sendable, Equatable {
    public var line: Int
    /// What makes a re-import add nothing twice: the external id, else text and claimant.
    public var key: String
    public var text: String
    public var normalizedText: String
    public var claimant: String
    public var saidOn: CalendarDate?
    public var articleURL: String?
    public var articleTitle: String?
    public var outlet: String?
    public var firstAppearanceURL: String?
    public var tags: [String]
    public var priority: Priority
    public var dueOn: CalendarDate?
    public var assignee: String?
    public var state: ReviewState
    public var rating: String?
    public var conclusion: String?
    public var proposedBy: String?
    public var approvedBy: String?
    public var approvedAt: String?
    public var publishedAt: String?
    public var publishedURL: String?
}

extension ImportRow {
    /// Checks one record. Every problem of the row is returned, not only the first.
    /// `users` are the desk's handles, for assignee, proposed_by and approved_by.
    public static func parse(_ fields: [String], line: Int, layout: ImportLayout, scale: RatingScale,
                             by importer: Actor, users: Set<String>? = nil) -> Swift.Result<ImportRow, RowProblems> {
        let archiveAllowed = Permissions.allows(importer.role, .importArchive)
        var problems: [String] = []
        guard fields.count == layout.width else {
            return .failure(RowProblems(line: line, reasons: [
                "has \(fields.count) fields where the header has \(layout.width)",
            ]))
        }
        func cell(_ field: ImportField) -> String? {
            guard let i = layout.columns[field] else { return nil }
            let v = fields[i].trimming(.whitespaces)
            // An export's neutralising apostrophe comes off, so an export re-imports as is.
            return v.isEmpty ? nil : CSV.restored(fields[i])
        }
        func known(_ handle: String?, _ field: String) -> String? {
            if let handle, let users, !users.contains(handle) { problems.append("\(field): there is no user \(handle)") }
            return handle
        }
        func check<T>(_ body: () throws(DomainError) -> T) -> T? {
            do { return try body() } catch {
                problems.append(error.description)
                return nil
            }
        }
        let text = check { () throws(DomainError) in try Validate.claimText(cell(.claim) ?? "", field: "claim") }
        let claimant = check { () throws(DomainError) in try Validate.claimant(cell(.claimant) ?? "", field: "claimant") }
        let saidOn = cell(.saidOn).flatMap { v in check { () throws(DomainError) in try Validate.dateOrTime(v, field: "said_on") } }
        let articleURL = cell(.articleURL).flatMap { v in check { () throws(DomainError) in try Validate.url(v, field: "article_url") } }
        let title = check { () throws(DomainError) in try Validate.text(cell(.articleTitle), field: "article_title", max: 1000) } ?? nil
        let outlet = check { () throws(DomainError) in try Validate.text(cell(.outlet), field: "outlet", max: 300) } ?? nil
        let first = cell(.firstAppearanceURL).flatMap { v in check { () throws(DomainError) in try Validate.url(v, field: "first_appearance_url") } }
        let tags = cell(.tags).flatMap { v in check { () throws(DomainError) in try Validate.tags(splitting: v, field: "tags") } } ?? []
        let priority = cell(.priority).flatMap { v in check { () throws(DomainError) in try Validate.priority(v, field: "priority") } } ?? .normal
        let due = cell(.dueDate).flatMap { v in check { () throws(DomainError) in try Validate.dateOrTime(v, field: "due_date") } }
        let assignee = known(cell(.assignee).flatMap { v in check { () throws(DomainError) in try Validate.handle(v, field: "assignee") } }, "assignee")

        var state = ReviewState.logged
        var rating: String?
        var conclusion: String?
        // A row is part of an archive when it says more than "logged": an export of new
        // claims re-imports by an editor as well.
        let archiveCells = ImportField.allCases.filter { field in
            guard field.isArchive, let value = cell(field) else { return false }
            return !(field == .state && value.trimming(.whitespaces).lowercased() == "logged")
        }
        if !archiveCells.isEmpty && !archiveAllowed {
            problems.append("only an admin may import checked claims (\(archiveCells.map(\.rawValue).joined(separator: ", ")) given)")
        } else if !archiveCells.isEmpty {
            state = cell(.state).map { v in check { () throws(DomainError) in try Validate.state(v, field: "state") } ?? .logged } ?? .logged
            rating = cell(.rating).flatMap { v in
                check { () throws(DomainError) in try scale.label(v).label }
            }
            conclusion = cell(.conclusion).flatMap { v in check { () throws(DomainError) in try Validate.conclusion(v, field: "conclusion") } }
            let checked: Set<ReviewState> = [.inReview, .approved, .published]
            if checked.contains(state), rating == nil || conclusion == nil, problems.isEmpty {
                problems.append("a claim that is \(state.displayName) needs a rating and a conclusion")
            }
            // A claim reopened for a correction is researching and keeps its approved verdict.
            if !checked.contains(state) && state != .researching, rating != nil {
                problems.append("a rating needs a claim that is researching, in review, approved or published (state is \(state.rawValue))")
            }
        }
        let approvedAt = cell(.approvedAt).flatMap { v in check { () throws(DomainError) in try Validate.timestamp(v, field: "approved_at") } }
        let publishedAt = cell(.publishedAt).flatMap { v in check { () throws(DomainError) in try Validate.timestamp(v, field: "published_at") } }
        let publishedURL = cell(.publishedURL).flatMap { v in check { () throws(DomainError) in try Validate.url(v, field: "published_url") } }
        let givenProposer = known(cell(.proposedBy).flatMap { v in check { () throws(DomainError) in try Validate.handle(v, field: "proposed_by") } }, "proposed_by")
        let approvedBy = known(cell(.approvedBy).flatMap { v in check { () throws(DomainError) in try Validate.handle(v, field: "approved_by") } }, "approved_by")
        // An archive's verdict is proposed by its proposed_by, or else by the importing admin; the
        // four-eyes rule holds for archives too.
        let proposedBy = rating == nil ? givenProposer : givenProposer ?? importer.handle
        if [.approved, .published].contains(state), let approvedBy, approvedBy == proposedBy {
            problems.append("approved_by: \(approvedBy) also proposed this verdict; another reviewer approves it (four-eyes rule)")
        }

        guard problems.isEmpty, let text, let claimant else {
            return .failure(RowProblems(line: line, reasons: problems, needsAdmin: !archiveCells.isEmpty && !archiveAllowed))
        }
        let normalized = ClaimText.normalized(text)
        let key = cell(.externalID).map { "id:" + $0.trimming(.whitespaces) }
            ?? "text:" + normalized + "\u{1F}" + ClaimText.normalized(claimant)
        return .success(ImportRow(
            line: line, key: key, text: text, normalizedText: normalized, claimant: claimant, saidOn: saidOn,
            articleURL: articleURL, articleTitle: title, outlet: outlet, firstAppearanceURL: first, tags: tags,
            priority: priority, dueOn: due, assignee: assignee, state: state, rating: rating, conclusion: conclusion,
            proposedBy: proposedBy, approvedBy: approvedBy, approvedAt: approvedAt, publishedAt: publishedAt,
            publishedURL: publishedURL))
    }
}

/// Everything wrong with one row of a file.
public struct RowProblems: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let reasons: [String]
    /// The row holds what only an admin may import (an archive's state, rating, …).
    public let needsAdmin: Bool
    public init(line: Int, reasons: [String], needsAdmin: Bool = false) {
        self.line = line
        self.reasons = reasons
        self.needsAdmin = needsAdmin
    }
    public var description: String { "line \(line): " + reasons.joined(separator: "; ") }
}

extension Validate {
    /// `YYYY-MM-DD`, or an ISO 8601 time `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` (a space may stand
    /// for the T). Returned as given, for the database to read as timestamptz (UTC if no zone).
    public static func timestamp(_ text: String, field: String) throws(DomainError) -> String {
        let t = text.trimming(.whitespaces)
        _ = try date(String(t.prefix(10)), field: field)
        let rest = String(t.dropFirst(10))
        guard !rest.isEmpty else { return t }
        let bad = DomainError.invalid(field: field, reason: "\(quoted(t)) is not a date (YYYY-MM-DD) or an ISO 8601 time")
        guard let match = rest.firstMatch(of: #/^[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2})?)?$/#) else {
            throw bad
        }
        let hour = Int(match.1)!, minute = Int(match.2)!, second = match.3.map { Int($0)! } ?? 0
        let zoneHour = match.6.map { Int($0)! } ?? 0, zoneMinute = match.7.map { Int($0)! } ?? 0
        guard hour < 24, minute < 60, second <= 60, zoneHour <= 14, zoneMinute < 60 else { throw bad }
        return match.4 == nil ? t + "Z" : t
    }

    /// A date, or an ISO 8601 time whose date is taken (a spreadsheet's `said_on` may be either).
    public static func dateOrTime(_ text: String, field: String) throws(DomainError) -> CalendarDate {
        let t = text.trimming(.whitespaces)
        if t.count > 10 { _ = try timestamp(t, field: field) }
        return try date(String(t.prefix(10)), field: field)
    }
}
