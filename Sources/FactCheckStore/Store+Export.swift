import FactCheckCore
import Foundation
import Postgres

/// The reports: CSV straight from `COPY … TO STDOUT`, so exports run at the speed of
/// PostgreSQL's own COPY and in constant memory, whatever their size.
extension Store {
    /// The columns of `export claims`, in the order of SPEC section 6.
    public static let claimExportColumns = [
        "claim_id", "state", "claim", "claimant", "said_on", "article_url", "article_title", "outlet",
        "first_appearance_url", "tags", "priority", "assignee", "due_date", "rating", "conclusion", "proposed_by",
        "approved_by", "approved_at", "published_at", "published_url", "sources", "created_by", "created_at",
        "updated_at",
    ]

    public static let sourceExportColumns = [
        "source_id", "claim_id", "url", "title", "publisher", "kind", "stance", "accessed_on", "archived_url",
        "note", "added_by", "added_at", "retracted", "retracted_by", "retracted_at", "retraction_reason",
    ]

    public static let auditExportColumns = [
        "event_id", "occurred_at", "actor", "db_role", "action", "claim_id", "object", "before", "after",
        "stream", "seq", "prev_hash", "hash", "channel", "via",
    ]

    /// Streams every claim matching the filter as CSV with a header row; says how many rows and
    /// which snapshot (`ExportSnapshot`). `restart`, when given, is asked to take back what the
    /// sink was given if a standby cancels the read; it then runs once more on a new snapshot.
    /// The limit of the filter is ignored: exports have no cap.
    @discardableResult
    public func exportClaims(_ filter: ClaimFilter, by actor: Actor, restart: (() throws -> Bool)? = nil,
                             _ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> ExportSnapshot {
        try Permissions.check(actor, .export)
        return try export(Store.claimExportQuery(filter), restart: restart, sink)
    }

    /// The query behind `export claims`, for the benchmark to hand to `psql \copy`.
    public static func claimExportQuery(_ filter: ClaimFilter) -> SQL {
        """
            SELECT 'C-' || c.id AS claim_id, c.state, csv_text(c.text) AS claim, csv_text(c.claimant) AS claimant,
                   c.said_on, csv_text(a.url) AS article_url, csv_text(a.title) AS article_title,
                   csv_text(a.outlet) AS outlet, csv_text(fa.url) AS first_appearance_url,
                   csv_text(array_to_string(c.tags, ', ')) AS tags, c.priority, c.assignee, c.due_on AS due_date,
                   v.rating, csv_text(v.conclusion) AS conclusion, v.proposed_by, v.decided_by AS approved_by,
                   iso_time(v.decided_at) AS approved_at, iso_time(c.published_at) AS published_at,
                   csv_text(c.published_url) AS published_url, csv_text(src.urls) AS sources, c.created_by,
                   iso_time(c.created_at) AS created_at, iso_time(c.updated_at) AS updated_at
            FROM claims c
            LEFT JOIN articles a ON a.id = c.article_id
            LEFT JOIN verdicts v ON v.claim_id = c.id
                 AND v.status = CASE WHEN c.state = 'in_review' THEN 'proposed' ELSE 'approved' END
            LEFT JOIN (SELECT DISTINCT ON (claim_id) claim_id, url FROM appearances
                       ORDER BY claim_id, is_first DESC, id) fa ON fa.claim_id = c.id
            LEFT JOIN (SELECT claim_id, string_agg(url, ' ' ORDER BY id) AS urls FROM sources
                       WHERE retracted_at IS NULL GROUP BY claim_id) src ON src.claim_id = c.id
            WHERE \(Store.conditions(filter))
            ORDER BY c.id
            """
    }

    /// Streams the sources of every claim matching the filter, retracted ones included.
    @discardableResult
    public func exportSources(_ filter: ClaimFilter, by actor: Actor, restart: (() throws -> Bool)? = nil,
                             _ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> ExportSnapshot {
        try Permissions.check(actor, .export)
        return try export(Store.sourceExportQuery(filter), restart: restart, sink)
    }

    static func sourceExportQuery(_ filter: ClaimFilter) -> SQL {
        """
            SELECT 'S-' || s.id AS source_id, 'C-' || s.claim_id AS claim_id, csv_text(s.url) AS url,
                   csv_text(s.title) AS title, csv_text(s.publisher) AS publisher, s.kind, s.stance, s.accessed_on,
                   csv_text(s.archived_url) AS archived_url, csv_text(s.note) AS note, s.added_by,
                   iso_time(s.added_at) AS added_at, (s.retracted_at IS NOT NULL)::text AS retracted, s.retracted_by,
                   iso_time(s.retracted_at) AS retracted_at, csv_text(s.retraction_reason) AS retraction_reason
            FROM sources s
            WHERE s.claim_id IN (SELECT c.id FROM claims c WHERE \(Store.conditions(filter)))
            ORDER BY s.id
            """
    }

    /// Streams audit events: all of them, or with a claim filter those of the matching claims.
    @discardableResult
    public func exportAudit(_ filter: ClaimFilter, by actor: Actor, restart: (() throws -> Bool)? = nil,
                             _ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> ExportSnapshot {
        try Permissions.check(actor, .export)
        return try export(Store.auditExportQuery(filter), restart: restart, sink)
    }

    static func auditExportQuery(_ filter: ClaimFilter) -> SQL {
        let scope: SQL = filter.isEmpty
            ? "true"
            : "e.claim_id IN (SELECT c.id FROM claims c WHERE \(Store.conditions(filter)))"
        return """
            SELECT e.id AS event_id, iso_time(e.occurred_at) AS occurred_at, e.actor, e.db_role, e.action,
                   'C-' || e.claim_id AS claim_id, csv_text(e.object) AS object, csv_text(e.before::text) AS before,
                   csv_text(e.after::text) AS after, e.stream, e.seq, e.prev_hash, e.hash,
                   e.channel, csv_text(e.via) AS via
            FROM audit_events e
            WHERE \(scope)
            ORDER BY e.id
            """
    }

    /// One export in one read-only snapshot. On a standby, replay may need to remove rows the
    /// snapshot still sees and cancel the COPY (SQLSTATE 40001, "conflict with recovery"):
    /// then, if `restart` could take back what the sink was given, it runs once more on a new
    /// snapshot. Nothing on this path writes: no sequence, no temporary table, no LISTEN.
    private func export(_ query: SQL, restart: (() throws -> Bool)?,
                        _ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> ExportSnapshot {
        var retried = false
        while true {
            do {
                return try snapshot(retried: retried) { conn in
                    try conn.copyOut("COPY (\(query)) TO STDOUT WITH (FORMAT csv, HEADER)", sink)
                }
            } catch let error as PostgresError where error.isRecoveryConflict && !retried {
                // The standby cancels the statement, or ends the session when it cannot.
                guard let restart, try restart() else { throw translate(error) }
                if connection.isBroken { try reconnect() }
                retried = true
            } catch let error as PostgresError {
                throw translate(error)
            }
        }
    }

    /// Runs `body` in a read-only snapshot, with the newest audit event the snapshot holds.
    private func snapshot(retried: Bool, _ body: (Connection) throws -> Int) throws -> ExportSnapshot {
        // One snapshot for the whole file, even while the desk keeps working.
        try connection.executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            let sequence: Int64 = try connection.query("SELECT coalesce(max(id), 0) AS seq FROM audit_events")
                .first!.require("seq")
            let rows = try body(connection)
            try connection.executeScript("COMMIT")
            return ExportSnapshot(rows: rows, auditSequence: sequence, retried: retried)
        } catch {
            try? connection.executeScript("ROLLBACK")
            throw error
        }
    }

    /// `publishedVerdicts`, read in one snapshot with the newest audit event it holds; retried
    /// once on a new snapshot when a standby's replay cancels it.
    public func publishedVerdictsSnapshot(by actor: Actor) throws -> (verdicts: [PublishedVerdict], auditSequence: Int64) {
        try Permissions.check(actor, .export)
        return try readRetryingRecoveryConflict { conn in
            try conn.withTransaction(.repeatableRead) { conn in
                let sequence: Int64 = try conn.query("SELECT coalesce(max(id), 0) AS seq FROM audit_events")
                    .first!.require("seq")
                return (try Store.publishedVerdicts(conn), sequence)
            }
        }
    }

    /// A read that hands nothing out before it ends, run once more (on a new session if the
    /// standby ended ours) when a standby cancelled it for a conflict with recovery.
    func readRetryingRecoveryConflict<T>(_ body: (Connection) throws -> T) throws -> T {
        do {
            do {
                return try body(connection)
            } catch let error as PostgresError where error.isRecoveryConflict {
                if connection.isBroken { try reconnect() }
                return try body(connection)
            }
        } catch let error as PostgresError {
            throw translate(error)
        }
    }
}

/// What an export read: its rows and the snapshot they come from, named by the newest audit
/// event it holds (the audit sequence, as live updates number changes). Two exports that name
/// the same event, from the primary or a replica, hold the same rows.
public struct ExportSnapshot: Sendable {
    public let rows: Int
    public let auditSequence: Int64
    /// The first snapshot was cancelled by a standby's replay and the export ran again.
    public let retried: Bool
}

extension ClaimFilter {
    /// No filter at all (the limit does not count: exports ignore it).
    public var isEmpty: Bool {
        state == nil && assignee == nil && tag == nil && claimant == nil && rating == nil && since == nil
            && until == nil && search == nil
    }
}

/// A published claim with its current verdict, for ClaimReview.
public struct PublishedVerdict: Sendable {
    public let claim: String
    public let claimant: String
    public let saidOn: String?
    public let articleURL: String?
    public let appearances: [String]
    public let firstAppearance: String?
    public let rating: String
    public let ratingValue: Int
    public let bestValue: Int
    public let worstValue: Int
    /// Nil for a claim of an archive that did not say when it was published.
    public let publishedOn: String?
    public let publishedURL: String?
}

extension Store {
    /// Every published claim with its approved verdict, oldest publication first, those whose
    /// publication date is unknown last.
    static func publishedVerdicts(_ conn: Connection) throws -> [PublishedVerdict] {
        try conn.query("""
            SELECT c.text, c.claimant, c.said_on::text AS said_on, a.url AS article_url,
                   coalesce((SELECT array_agg(p.url ORDER BY p.is_first DESC, p.id) FROM appearances p
                             WHERE p.claim_id = c.id), '{}') AS appearances,
                   (SELECT p.url FROM appearances p WHERE p.claim_id = c.id AND p.is_first) AS first_appearance,
                   v.rating, v.rating_value, v.best_value, v.worst_value,
                   c.published_at::date::text AS published_on, c.published_url
            FROM claims c
            JOIN verdicts v ON v.claim_id = c.id AND v.status = 'approved'
            LEFT JOIN articles a ON a.id = c.article_id
            WHERE c.state = 'published'
            ORDER BY c.published_at NULLS LAST, c.id
            """).map { row in
            PublishedVerdict(
                claim: try row.require("text"), claimant: try row.require("claimant"),
                saidOn: try row.decode("said_on"), articleURL: try row.decode("article_url"),
                appearances: try row.require("appearances", as: TextArray.self).elements,
                firstAppearance: try row.decode("first_appearance"), rating: try row.require("rating"),
                ratingValue: try row.require("rating_value"), bestValue: try row.require("best_value"),
                worstValue: try row.require("worst_value"), publishedOn: try row.decode("published_on"),
                publishedURL: try row.decode("published_url"))
        }
    }

    /// schema.org ClaimReview for every published verdict, as `publisher` (at `publisherURL`)
    /// publishes them, read in one snapshot named by its newest audit event: what `export
    /// claimreview` writes and the API serves. A claim without appearances is reviewed where its
    /// article appeared.
    public func claimReviews(publisher: String, publisherURL: String,
                             by actor: Actor) throws -> (reviews: [ClaimReview], auditSequence: Int64) {
        let (published, sequence) = try publishedVerdictsSnapshot(by: actor)
        let reviews = published.map { v in
            ClaimReview(claim: v.claim, claimant: v.claimant, saidOn: v.saidOn,
                        appearances: v.appearances.isEmpty ? v.articleURL.map { [$0] } ?? [] : v.appearances,
                        firstAppearance: v.firstAppearance, rating: v.rating, ratingValue: v.ratingValue,
                        bestRating: v.bestValue, worstRating: v.worstValue, publishedAt: v.publishedOn,
                        url: v.publishedURL, publisher: publisher, publisherURL: publisherURL)
        }
        return (reviews, sequence)
    }
}
