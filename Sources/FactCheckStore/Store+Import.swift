import FactCheckCore
import Foundation
import Postgres

/// What an import did (or, on a dry run, would do).
public struct ImportSummary: Sendable, Codable {
    public let rows: Int
    public let imported: Int
    /// Rows whose claim was already stored (same key or same text): a re-import adds nothing.
    public let alreadyStored: Int
    /// Rows repeating an earlier row of the same file.
    public let duplicateLines: [Int]
    public let articlesCreated: Int
    public let dryRun: Bool
}

/// Hands checked rows to the store while the file is still being read.
public final class ImportSink {
    let writer: CopyWriter
    public private(set) var rows = 0

    init(writer: CopyWriter) { self.writer = writer }

    public func add(_ row: ImportRow) throws {
        rows += 1
        line.removeAll(keepingCapacity: true)
        let fields: [String?] = [
            String(row.line), row.key, row.text, row.normalizedText, row.claimant, row.saidOn?.description,
            row.articleURL, row.articleTitle, row.outlet, row.firstAppearanceURL, TextArray(row.tags).postgresText,
            row.priority.rawValue, row.dueOn?.description, row.assignee, row.state.rawValue, row.rating,
            row.conclusion, row.proposedBy, row.approvedBy, row.approvedAt, row.publishedAt, row.publishedURL,
        ]
        for (i, field) in fields.enumerated() {
            if i > 0 { line.append(UInt8(ascii: "\t")) }
            ImportSink.appendCopyText(field, to: &line)
        }
        line.append(UInt8(ascii: "\n"))
        try writer.write(bytes: line)
    }

    private var line: [UInt8] = []

    /// COPY's text format: backslash escapes for the four bytes that would break a row. They
    /// are ASCII, so UTF-8 is escaped byte by byte and multi-byte characters pass untouched.
    static func appendCopyText(_ value: String?, to out: inout [UInt8]) {
        guard let value else { return out.append(contentsOf: "\\N".utf8) }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
            default: out.append(byte)
            }
        }
    }
}

extension Store {
    /// Key of the advisory lock an import holds from its staging to its commit.
    static let importLockKey: Int64 = 0x6661_6374_6368_6b01

    /// Imports claims in one transaction: rows stream through COPY into a staging table, then
    /// land with their articles, appearances, verdicts and `claim.logged` events in a few
    /// set-based statements. If `produce` throws (a bad row), nothing is written. A dry run
    /// does all of it and rolls back.
    /// Rows of an archive (state, rating, …) are admitted by the domain for admins only.
    public func importClaims(file: String, by actor: Actor, dryRun: Bool,
                             _ produce: (ImportSink) throws -> Void) throws -> ImportSummary {
        try Permissions.check(actor, .importClaims)
        try connection.executeScript("BEGIN")
        do {
            let summary = try importInTransaction(file: file, actor: actor, dryRun: dryRun, produce)
            try connection.executeScript(dryRun ? "ROLLBACK" : "COMMIT")
            return summary
        } catch {
            try? connection.executeScript("ROLLBACK")
            if let error = error as? PostgresError { throw translate(error) }
            throw error
        }
    }

    private func importInTransaction(file: String, actor: Actor, dryRun: Bool,
                                     _ produce: (ImportSink) throws -> Void) throws -> ImportSummary {
        let conn = connection
        try ensureScaleStored(conn, desk: actor.desk)
        try conn.execute("""
            CREATE TEMP TABLE import_rows (
                line int, import_key text, text text, normalized_text text, claimant text, said_on date,
                article_url text, article_title text, outlet text, first_appearance text, tags text[],
                priority text, due_on date, assignee text, state text, rating text, conclusion text,
                proposed_by text, approved_by text, approved_at timestamptz, published_at timestamptz,
                published_url text
            ) ON COMMIT DROP
            """)
        var sink: ImportSink!
        _ = try conn.copyIn("COPY import_rows FROM STDIN") { writer in
            sink = ImportSink(writer: writer)
            try produce(sink)
        }
        // Hash indexes: a btree entry must fit in a third of a page, and a key holding a claim's
        // text of 5,000 characters need not.
        try conn.execute("""
            CREATE INDEX ON import_rows USING hash (import_key); CREATE INDEX ON import_rows USING hash (normalized_text);
            ANALYZE import_rows
            """)

        // Imports take turns from here (a dry run need not): each then sees what the one before
        // it stored, and two cannot wait for each other's rows. A claim logged meanwhile by anyone
        // else is met by the unique indexes below.
        if !dryRun { try conn.run("SELECT pg_advisory_xact_lock(\(Store.importLockKey))") }
        // Which rows land: the first of each key in the file, and none already stored.
        try conn.execute("""
            CREATE TEMP TABLE import_first ON COMMIT DROP AS
            SELECT r.*, row_number() OVER (PARTITION BY import_key ORDER BY line) = 1
                        AND row_number() OVER (PARTITION BY normalized_text ORDER BY line) = 1 AS first
            FROM import_rows r;
            CREATE TEMP TABLE import_new ON COMMIT DROP AS
            SELECT r.* FROM import_first r
            WHERE r.first
              AND NOT EXISTS (SELECT 1 FROM claims c WHERE text_digest(c.import_key) = text_digest(r.import_key)
                                                       AND c.import_key IS NOT NULL AND c.import_key = r.import_key)
              AND NOT EXISTS (SELECT 1 FROM claims c WHERE text_digest(c.normalized_text) = text_digest(r.normalized_text)
                                                       AND c.duplicate_of IS NULL AND c.normalized_text = r.normalized_text)
            """)
        // A row repeating an earlier one (same key, or the same claim text) is reported, not imported.
        let duplicates: [Int] = try conn.query("SELECT line FROM import_first WHERE NOT first ORDER BY line")
            .map { try $0.require("line") }
        let counts = try conn.query("""
            SELECT (SELECT count(*) FROM import_rows) AS rows, (SELECT count(*) FROM import_new) AS fresh
            """).first!
        let rows: Int = try counts.require("rows")
        var fresh: Int = try counts.require("fresh")

        if dryRun {
            // Stop before the inserts: a dry run must not even use up claim numbers.
            let articles: Int = try conn.query("""
                SELECT count(DISTINCT article_url) AS n FROM import_new r
                WHERE article_url IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.url = r.article_url)
                """).first!.require("n")
            return ImportSummary(rows: rows, imported: fresh, alreadyStored: rows - fresh - duplicates.count,
                                 duplicateLines: duplicates, articlesCreated: articles, dryRun: true)
        }
        let articles = try conn.run("""
            INSERT INTO articles (desk_id, url, title, outlet, created_by)
            SELECT DISTINCT ON (article_url) \(actor.desk)::bigint, article_url, article_title, outlet, \(actor.handle)::text
            FROM import_new WHERE article_url IS NOT NULL ORDER BY article_url, line
            ON CONFLICT (url, desk_id) DO NOTHING
            """)
        try conn.run("""
            CREATE TEMP TABLE import_done ON COMMIT DROP AS
            WITH inserted AS (
                INSERT INTO claims (desk_id, text, normalized_text, claimant, said_on, article_id, tags, priority, due_on,
                                    assignee, state, created_by, published_at, published_url, import_key, imported_from)
                SELECT \(actor.desk)::bigint, r.text, r.normalized_text, r.claimant, r.said_on, a.id, r.tags, r.priority, r.due_on,
                       r.assignee, r.state, \(actor.handle)::text, r.published_at, r.published_url, r.import_key, \(file)::text
                FROM import_new r LEFT JOIN articles a ON a.url = r.article_url AND a.desk_id = \(actor.desk)
                ORDER BY r.line
                -- The same text logged by `claim add` since import_new was drawn up: that claim stays.
                ON CONFLICT DO NOTHING
                RETURNING id, import_key
            )
            SELECT i.id, r.* FROM inserted i JOIN import_new r USING (import_key)
            """)
        fresh = try conn.query("SELECT count(*) AS n FROM import_done").first!.require("n")
        try conn.run("""
            INSERT INTO appearances (desk_id, claim_id, url, is_first, added_by)
            SELECT \(actor.desk)::bigint, id, first_appearance, true, \(actor.handle)::text FROM import_done WHERE first_appearance IS NOT NULL
            """)
        // An archive's verdicts: approved for approved and published claims, proposed for those
        // in review (the domain named the proposer and held the four-eyes rule). An archive does
        // not say when a verdict was proposed, and may not say when it was approved: those dates
        // stay unknown (NULL), as does a publication date it does not give; none is made up.
        try conn.run("""
            INSERT INTO verdicts (desk_id, claim_id, rating, rating_value, best_value, worst_value, conclusion, status,
                                  proposed_by, proposed_at, decided_by, decided_at)
            SELECT \(actor.desk)::bigint, d.id, d.rating, l.value, s.best, s.worst, d.conclusion,
                   CASE WHEN d.state = 'in_review' THEN 'proposed' ELSE 'approved' END,
                   d.proposed_by, NULL,
                   CASE WHEN d.state = 'in_review' THEN NULL ELSE d.approved_by END,
                   CASE WHEN d.state = 'in_review' THEN NULL ELSE d.approved_at END
            FROM import_done d
            JOIN rating_labels l ON l.label = d.rating
            CROSS JOIN (SELECT max(value) AS best, min(value) FILTER (WHERE value > 0) AS worst
                        FROM rating_labels WHERE NOT retired) s
            WHERE d.rating IS NOT NULL
            """)
        // Each imported claim starts its own stream, so the events go in as a set (in batches
        // that keep each array a few tens of megabytes), chained by the database.
        try conn.run("""
            SELECT sum(audit_append_first_events(events, \(actor.channel.rawValue)::text, \(actor.via)::text,
                                                 \(actor.desk)::bigint)) FROM (
                SELECT array_agg(ROW('claim:' || id, \(actor.handle)::text, 'claim.logged', id, 'C-' || id, NULL,
                           jsonb_strip_nulls(jsonb_build_object(
                               'state', state, 'text', text, 'claimant', claimant, 'said_on', said_on,
                               'article_url', article_url, 'tags', tags, 'priority', priority, 'due_on', due_on,
                               'assignee', assignee, 'rating', rating, 'conclusion', conclusion,
                               'imported_from', \(file)::text, 'line', line)))::audit_event_input ORDER BY id) AS events
                FROM (SELECT d.*, (row_number() OVER (ORDER BY id) - 1) / 20000 AS batch FROM import_done d) d
                GROUP BY batch ORDER BY batch
            ) b
            """)
        return ImportSummary(rows: rows, imported: fresh, alreadyStored: rows - fresh - duplicates.count,
                             duplicateLines: duplicates, articlesCreated: articles, dryRun: dryRun)
    }
}
