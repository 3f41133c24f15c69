import FactCheckCore
import Foundation
import Postgres

/// The desk report: where the claims are, what the verdicts say, who did the work, how long
/// publishing takes, and what is late or stuck. Every figure covers the claims logged in the
/// window (all claims without one), as of one moment.
public struct DeskReport: Codable, Sendable {
    /// First and last day of the window (inclusive), nil when open.
    public let since: CalendarDate?
    public let until: CalendarDate?
    /// The moment every figure was read at.
    public let asOf: Date
    /// The newest audit event of the snapshot the figures were read from (the audit sequence):
    /// a report from a replica and one from the primary that name the same event agree.
    public let auditSequence: Int64
    /// The day (UTC) that due dates and waiting times are measured against.
    public let today: CalendarDate
    /// The active rating scale's name.
    public let scale: String
    public let totalClaims: Int
    /// Every state, in workflow order, zeros included.
    public let claimsByState: [StateCount]
    /// Current (approved) verdicts: the active scale best to worst, then retired labels in use.
    public let verdictsByRating: [RatingCount]
    /// Everyone who did any of the counted work, by handle.
    public let workByReviewer: [ReviewerWork]
    public let timeToPublish: TimeToPublish
    /// Past their due date and not published or rejected, most overdue first.
    public let overdue: [OverdueClaim]
    /// The claim that has waited longest in each state that is not final, in workflow order.
    public let oldestWaiting: [WaitingClaim]

    public struct StateCount: Codable, Sendable {
        public let state: ReviewState
        public let claims: Int
    }

    public struct RatingCount: Codable, Sendable {
        public let rating: String
        /// The label's value: higher is truer; 0 is off the scale (unverifiable and the like).
        public let value: Int
        /// A label of an earlier scale that current verdicts still carry.
        public let retired: Bool
        public let claims: Int
    }

    public struct ReviewerWork: Codable, Sendable {
        public let handle: String
        public let name: String?
        public let role: Role?
        /// Claims they took from logged to researching with `claim start`.
        public let claimsStarted: Int
        public let verdictsProposed: Int
        /// Verdicts they approved as the second reviewer, corrected ones included.
        public let verdictsApproved: Int
        public let verdictsReturned: Int
        /// Sources they added, retracted ones included.
        public let sourcesAdded: Int
        /// Claims assigned to them that are not published or rejected.
        public let openClaimsAssigned: Int
    }

    /// How many claims are published, and the time from logging to the first `claim publish`
    /// over those published through the desk. A claim imported already published was published
    /// before it was logged here: it counts as published, and is not timed.
    public struct TimeToPublish: Codable, Sendable {
        /// Every claim that is or was published (reopened for a correction since), archives' too.
        public let publishedClaims: Int
        /// Those published through the desk: the times below are over them.
        public let timedClaims: Int
        /// Imported already published, with the date the archive gave.
        public let importedDatedClaims: Int
        /// Imported already published, on a date the archive did not give.
        public let dateUnknownClaims: Int
        public let medianHours: Double?
        public let medianDays: Double?
        public let p90Hours: Double?
        public let p90Days: Double?
    }

    public struct OverdueClaim: Codable, Sendable {
        public let claimId: String
        public let text: String
        public let state: ReviewState
        public let priority: Priority
        public let assignee: String?
        public let dueDate: CalendarDate
        public let daysOverdue: Int
    }

    public struct WaitingClaim: Codable, Sendable {
        public let state: ReviewState
        /// Claims in this state; the fields below are nil when there are none.
        public let claims: Int
        public let claimId: String?
        public let text: String?
        public let assignee: String?
        public let since: Date?
        public let waitingHours: Double?
        public let waitingDays: Double?
    }
}

extension Store {
    /// The desk report over the claims logged from `since` to `until` (inclusive days, UTC),
    /// every figure read from one snapshot.
    public func deskReport(since: CalendarDate?, until: CalendarDate?, by actor: Actor) throws -> DeskReport {
        try Permissions.check(actor, .read)
        let inWindow = Store.conditions(ClaimFilter(since: since, until: until))
        return try readRetryingRecoveryConflict { conn in
            try conn.withTransaction(.repeatableRead) { conn in
                // now() is fixed for the transaction: every figure below is measured at it.
                let clock = try conn.query("""
                    SELECT now() AS as_of, current_date::text AS today,
                           (SELECT coalesce(max(id), 0) FROM audit_events) AS audit_seq
                    """).first!
                let scale = try activeScale(conn)
                return DeskReport(
                    since: since, until: until,
                    asOf: try clock.require("as_of"),
                    auditSequence: try clock.require("audit_seq"),
                    today: CalendarDate(iso: try clock.require("today"))!,
                    scale: scale.name,
                    totalClaims: try conn.query("SELECT count(*) AS n FROM claims c WHERE \(inWindow)")
                        .first!.require("n"),
                    claimsByState: try claimsByState(conn, inWindow),
                    verdictsByRating: try verdictsByRating(conn, inWindow, scale: scale),
                    workByReviewer: try workByReviewer(conn, inWindow),
                    timeToPublish: try timeToPublish(conn, inWindow),
                    overdue: try overdueClaims(conn, inWindow),
                    oldestWaiting: try oldestWaiting(conn, inWindow))
            }
        }
    }

    private func claimsByState(_ conn: Connection, _ inWindow: SQL) throws -> [DeskReport.StateCount] {
        try conn.query("""
            SELECT s.state, count(c.id) AS claims
            FROM unnest(\(ReviewState.allCases.map(\.rawValue))::text[]) WITH ORDINALITY AS s(state, n)
            LEFT JOIN claims c ON c.state = s.state AND \(inWindow)
            GROUP BY s.state, s.n ORDER BY s.n
            """).map { row in
            DeskReport.StateCount(state: ReviewState(rawValue: try row.require("state"))!,
                                  claims: try row.require("claims"))
        }
    }

    /// The active scale comes from the domain (a desk that never chose one has the default
    /// preset, with no rows stored yet), so it travels as arrays.
    private func verdictsByRating(_ conn: Connection, _ inWindow: SQL, scale: RatingScale) throws -> [DeskReport.RatingCount] {
        try conn.query("""
            WITH scale AS (
                SELECT s.label, s.value::int AS value, s.position
                FROM unnest(\(scale.labels.map(\.label))::text[], \(scale.labels.map { String($0.value) })::text[])
                     WITH ORDINALITY AS s(label, value, position)
            ), current AS (
                SELECT v.rating, count(*) AS claims
                FROM verdicts v JOIN claims c ON c.id = v.claim_id
                WHERE v.status = 'approved' AND \(inWindow)
                GROUP BY v.rating
            )
            SELECT coalesce(s.label, cur.rating) AS rating, coalesce(s.value, l.value, 0) AS value,
                   s.label IS NULL AS retired, coalesce(cur.claims, 0) AS claims
            FROM scale s
            FULL JOIN current cur ON cur.rating = s.label
            LEFT JOIN rating_labels l ON l.label = cur.rating
            ORDER BY s.label IS NULL, s.position, l.position, 1
            """).map { row in
            DeskReport.RatingCount(rating: try row.require("rating"), value: try row.require("value"),
                                   retired: try row.require("retired"), claims: try row.require("claims"))
        }
    }

    private func workByReviewer(_ conn: Connection, _ inWindow: SQL) throws -> [DeskReport.ReviewerWork] {
        try conn.query("""
            WITH w AS (
                SELECT c.id, c.state, c.assignee FROM claims c WHERE \(inWindow)
            ), started AS (
                SELECT e.actor AS handle, count(DISTINCT e.claim_id) AS n
                FROM audit_events e JOIN w ON w.id = e.claim_id
                WHERE e.action = 'claim.state_changed' AND e.after->>'state' = 'researching'
                GROUP BY e.actor
            ), proposed AS (
                SELECT v.proposed_by AS handle, count(*) AS n
                FROM verdicts v JOIN w ON w.id = v.claim_id GROUP BY v.proposed_by
            ), decided AS (
                SELECT v.decided_by AS handle,
                       count(*) FILTER (WHERE v.status IN ('approved', 'superseded')) AS approved,
                       count(*) FILTER (WHERE v.status = 'returned') AS returned
                FROM verdicts v JOIN w ON w.id = v.claim_id
                WHERE v.decided_by IS NOT NULL GROUP BY v.decided_by
            ), added AS (
                SELECT s.added_by AS handle, count(*) AS n
                FROM sources s JOIN w ON w.id = s.claim_id GROUP BY s.added_by
            ), assigned AS (
                SELECT w.assignee AS handle, count(*) AS n
                FROM w WHERE w.assignee IS NOT NULL AND w.state <> ALL (\(Store.closedStates)::text[])
                GROUP BY w.assignee
            ), people AS (
                SELECT handle FROM started UNION SELECT handle FROM proposed UNION SELECT handle FROM decided
                UNION SELECT handle FROM added UNION SELECT handle FROM assigned
            )
            SELECT p.handle, u.name, u.role,
                   coalesce(started.n, 0) AS claims_started, coalesce(proposed.n, 0) AS verdicts_proposed,
                   coalesce(decided.approved, 0) AS verdicts_approved, coalesce(decided.returned, 0) AS verdicts_returned,
                   coalesce(added.n, 0) AS sources_added, coalesce(assigned.n, 0) AS open_claims_assigned
            FROM people p
            LEFT JOIN started USING (handle) LEFT JOIN proposed USING (handle) LEFT JOIN decided USING (handle)
            LEFT JOIN added USING (handle) LEFT JOIN assigned USING (handle)
            LEFT JOIN users u ON u.handle = p.handle
            ORDER BY p.handle
            """).map { row in
            DeskReport.ReviewerWork(
                handle: try row.require("handle"), name: try row.decode("name"),
                role: try row.decode("role", as: String.self).flatMap(Role.init(rawValue:)),
                claimsStarted: try row.require("claims_started"), verdictsProposed: try row.require("verdicts_proposed"),
                verdictsApproved: try row.require("verdicts_approved"), verdictsReturned: try row.require("verdicts_returned"),
                sourcesAdded: try row.require("sources_added"), openClaimsAssigned: try row.require("open_claims_assigned"))
        }
    }

    /// The first `claim.published` event counts, so a correction republished later does not
    /// stretch the figure. A claim imported already published (its `claim.logged` event says so)
    /// was published before it was logged here: it is counted, by whether the archive gave its
    /// date, and not timed.
    private func timeToPublish(_ conn: Connection, _ inWindow: SQL) throws -> DeskReport.TimeToPublish {
        let row = try conn.query("""
            WITH w AS (
                SELECT c.id, c.created_at, c.state, c.published_at,
                       c.imported_from IS NOT NULL AND EXISTS (
                           SELECT 1 FROM audit_events e
                           WHERE e.claim_id = c.id AND e.action = 'claim.logged' AND e.after->>'state' = 'published'
                       ) AS imported_published
                FROM claims c WHERE \(inWindow)
            ), firsts AS (
                SELECT e.claim_id, min(e.occurred_at) AS first_published
                FROM audit_events e JOIN w ON w.id = e.claim_id
                WHERE e.action = 'claim.published'
                GROUP BY e.claim_id
            ), p AS (
                -- An imported claim republished on the desk after a correction has lost the
                -- archive's date to the republication: its first publication date is unknown.
                SELECT CASE WHEN f.first_published IS NOT NULL AND NOT w.imported_published
                            THEN extract(epoch FROM f.first_published - w.created_at)::float8 END AS seconds,
                       w.published_at < coalesce(f.first_published, 'infinity') AS dated
                FROM w LEFT JOIN firsts f ON f.claim_id = w.id
                WHERE w.state = 'published' OR w.imported_published OR f.first_published IS NOT NULL
            ), t AS (
                SELECT count(*) AS published, count(seconds) AS timed,
                       count(*) FILTER (WHERE seconds IS NULL AND dated) AS imported_dated,
                       count(*) FILTER (WHERE seconds IS NULL AND dated IS NOT TRUE) AS date_unknown,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90
                FROM p
            )
            SELECT published, timed, imported_dated, date_unknown,
                   round((median / 3600)::numeric, 1) AS median_hours, round((median / 86400)::numeric, 1) AS median_days,
                   round((p90 / 3600)::numeric, 1) AS p90_hours, round((p90 / 86400)::numeric, 1) AS p90_days
            FROM t
            """).first!
        return DeskReport.TimeToPublish(
            publishedClaims: try row.require("published"), timedClaims: try row.require("timed"),
            importedDatedClaims: try row.require("imported_dated"), dateUnknownClaims: try row.require("date_unknown"),
            medianHours: try row.decode("median_hours"), medianDays: try row.decode("median_days"),
            p90Hours: try row.decode("p90_hours"), p90Days: try row.decode("p90_days"))
    }

    /// The workflow's closed states, as the database spells them.
    static let closedStates = Workflow.closedStates.map(\.rawValue).sorted()

    private func overdueClaims(_ conn: Connection, _ inWindow: SQL) throws -> [DeskReport.OverdueClaim] {
        try conn.query("""
            SELECT c.id, c.text, c.state, c.priority, c.assignee, c.due_on::text AS due_on,
                   current_date - c.due_on AS days_overdue
            FROM claims c
            WHERE c.due_on < current_date AND c.state <> ALL (\(Store.closedStates)::text[]) AND \(inWindow)
            ORDER BY c.due_on, c.id
            """).map { row in
            DeskReport.OverdueClaim(
                claimId: ClaimNumber(try row.require("id")).description, text: try row.require("text"),
                state: ReviewState(rawValue: try row.require("state"))!,
                priority: Priority(rawValue: try row.require("priority")) ?? .normal,
                assignee: try row.decode("assignee"), dueDate: CalendarDate(iso: try row.require("due_on"))!,
                daysOverdue: try row.require("days_overdue"))
        }
    }

    /// One index probe per state on (state, state_changed_at, id).
    private func oldestWaiting(_ conn: Connection, _ inWindow: SQL) throws -> [DeskReport.WaitingClaim] {
        let waiting: [ReviewState] = [.logged, .researching, .inReview, .approved]
        return try conn.query("""
            SELECT s.state,
                   (SELECT count(*) FROM claims c WHERE c.state = s.state AND \(inWindow)) AS claims,
                   o.id, o.text, o.assignee, o.state_changed_at,
                   round((extract(epoch FROM now() - o.state_changed_at) / 3600)::numeric, 1) AS waiting_hours,
                   round((extract(epoch FROM now() - o.state_changed_at) / 86400)::numeric, 1) AS waiting_days
            FROM unnest(\(waiting.map(\.rawValue))::text[]) WITH ORDINALITY AS s(state, n)
            LEFT JOIN LATERAL (
                SELECT c.id, c.text, c.assignee, c.state_changed_at FROM claims c
                WHERE c.state = s.state AND \(inWindow)
                ORDER BY c.state_changed_at, c.id LIMIT 1
            ) o ON true
            ORDER BY s.n
            """).map { row in
            DeskReport.WaitingClaim(
                state: ReviewState(rawValue: try row.require("state"))!, claims: try row.require("claims"),
                claimId: try row.decode("id", as: Int64.self).map { ClaimNumber($0).description },
                text: try row.decode("text"), assignee: try row.decode("assignee"),
                since: try row.decode("state_changed_at"),
                waitingHours: try row.decode("waiting_hours"), waitingDays: try row.decode("waiting_days"))
        }
    }
}
