import FactCheckCore
import Foundation
import Postgres

/// A stored claim that reads like another, with how alike they are (0…1).
public struct SimilarClaim: Sendable, Codable, Equatable {
    public let id: String
    public let state: ReviewState
    public let text: String
    public let claimant: String
    public let rating: String?
    public let similarity: Double
}

extension Store {
    /// Claims whose normalised text reads like `text` (pg_trgm similarity at least `threshold`),
    /// most similar first. `excluding` leaves out the claim the text came from.
    ///
    /// On a small desk every claim is compared, through the trigram index's `%`. On a large one
    /// that takes seconds: claims share their phrasing ("fell by", "percent", "says the
    /// minister"), so a 12-word text has trigrams in common with half of a million claims, and
    /// each must be rechecked. There the trigram index first finds the claims that contain the
    /// text's rare words (any of them, as long as together they occur in at most 2,000 claims),
    /// or, when even its rarest word is common, the claims that contain its two or three rarest
    /// words together; those are then compared. Rarity comes from the table's statistics
    /// (pg_stats on the full-text column) and, for words too rare to be listed there, from a
    /// count through the index. Figures never lead: a claim with other figures is the related
    /// claim a desk most wants to see.
    public func similarClaims(to text: String, excluding: ClaimNumber? = nil, threshold: Double = 0.3,
                              limit: Int = 10) throws -> [SimilarClaim] {
        try read { conn in
            try conn.withTransaction { conn in
                try conn.query(try similarQuery(text, excluding: excluding, threshold: threshold, limit: limit, conn))
                    .map { row in
                        SimilarClaim(id: ClaimNumber(try row.require("id")).description,
                                     state: ReviewState(rawValue: try row.require("state")) ?? .logged,
                                     text: try row.require("text"), claimant: try row.require("claimant"),
                                     rating: try row.decode("rating"), similarity: try row.require("score"))
                    }
            }
        }
    }

    /// The plan of the similarity query `similarClaims` would run (for the benchmark).
    public func explainSimilar(to text: String) throws -> String {
        try read { conn in
            try conn.withTransaction { conn in
                let query = try similarQuery(text, excluding: nil, threshold: 0.3, limit: 10, conn)
                return try conn.query("EXPLAIN ANALYZE \(query)").compactMap { $0[0] }.joined(separator: "\n")
            }
        }
    }

    /// Desks up to this size compare every claim.
    static let comparedInFull = 5_000
    /// At most this many claims are compared on a larger desk (expected, from the statistics).
    static let candidateBudget = 2_000.0

    /// Which claims a similarity query compares.
    enum Candidates: Equatable {
        /// Every claim, through `%` (a small desk).
        case all
        /// Claims containing any of these words.
        case anyOf([String])
        /// Claims containing all of these words.
        case allOf([String])
        /// None: no word of the text occurs in any claim.
        case none
    }

    /// The query behind `similarClaims`; sets the `%` threshold for the transaction when it uses it.
    func similarQuery(_ text: String, excluding: ClaimNumber?, threshold: Double, limit: Int,
                      _ conn: Connection) throws -> SQL {
        let normalized = ClaimText.normalized(text)
        let select: SQL = """
            SELECT c.id, c.state, c.text, c.claimant, similarity(c.normalized_text, \(normalized)) AS score,
                   (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id AND v.status = 'approved') AS rating
            FROM claims c
            """
        let order: SQL = "ORDER BY score DESC, c.id LIMIT \(limit)"
        let excluded = excluding?.value ?? 0
        let containing: (String) -> SQL = { "c.normalized_text LIKE \("%" + $0 + "%")" }
        let candidates: SQL
        switch try similarCandidates(normalized, excluding: excluding, conn) {
        case .all:
            try conn.query("SELECT set_config('pg_trgm.similarity_threshold', \(String(threshold)), true)")
            return "\(select) WHERE c.normalized_text % \(normalized) AND c.id <> \(excluded) \(order)"
        case .anyOf(let words): candidates = "(" + SQL.joined(words.map(containing), separator: " OR ") + ")"
        case .allOf(let words): candidates = SQL.joined(words.map(containing), separator: " AND ")
        case .none: candidates = "false"
        }
        // The candidates first (materialised, so the planner cannot compare every claim instead).
        return """
            WITH candidates AS MATERIALIZED (SELECT c.id FROM claims c WHERE \(candidates) AND c.id <> \(excluded))
            \(select) JOIN candidates USING (id)
            WHERE similarity(c.normalized_text, \(normalized)) >= \(threshold) \(order)
            """
    }

    /// Chooses the candidates from how many claims contain each word of the text (three letters
    /// or more, not a figure). A word found only in the excluded claim does not count.
    func similarCandidates(_ normalized: String, excluding: ClaimNumber?, _ conn: Connection) throws -> Candidates {
        let words = Array(Set(normalized.split(separator: " ").map(String.init).filter { word in
            word.unicodeScalars.count >= 3 && word.unicodeScalars.contains { $0.properties.isAlphabetic }
                && !word.contains(where: { "%_\\".contains($0) })
        })).sorted()
        let rows = try conn.query("""
            WITH common AS (
                SELECT e.word, e.freq
                FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(word, freq)
                WHERE s.schemaname = current_schema() AND s.tablename = 'claims' AND s.attname = 'search'
            ), total AS (
                SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'claims'::regclass
            )
            SELECT w.word, t.n AS total,
                   coalesce((SELECT freq * t.n FROM common WHERE common.word = w.word),
                            CASE WHEN t.n > \(Store.comparedInFull) THEN
                                (SELECT count(*) FROM (SELECT FROM claims c
                                                       WHERE c.normalized_text LIKE '%' || w.word || '%'
                                                         AND c.id <> \(excluding?.value ?? 0) LIMIT 5000) x)
                            END)::float8 AS claims
            FROM total t LEFT JOIN unnest(\(words)::text[]) AS w(word) ON true
            """)
        let total: Double = try rows.first?.require("total") ?? 0
        guard total > Double(Store.comparedInFull) else { return .all }
        let counted = try rows.compactMap { row -> (word: String, claims: Double)? in
            guard let word: String = try row.decode("word"), let claims: Double = try row.decode("claims"), claims > 0
            else { return nil }
            return (word, claims)
        }.sorted { ($0.claims, $0.word) < ($1.claims, $1.word) }
        guard let rarest = counted.first else { return .none }
        if rarest.claims <= Store.candidateBudget {
            var sum = 0.0
            return .anyOf(counted.prefix { word in
                sum += word.claims
                return sum <= Store.candidateBudget
            }.map(\.word))
        }
        var required: [String] = []
        var expected = total
        for word in counted where required.count < 3 && expected > Store.candidateBudget / 4 {
            required.append(word.word)
            expected *= word.claims / total
        }
        return .allOf(required)
    }

    /// The text of a stored claim.
    public func claimText(_ number: ClaimNumber) throws -> String {
        try read { conn in
            guard let text: String = try conn.query("SELECT text FROM claims WHERE id = \(number.value)").first?.decode("text") else {
                throw StoreError.notFound("no claim \(number)")
            }
            return text
        }
    }

    /// Adds further appearances to an existing claim (how a duplicate is linked, not logged twice).
    public func addAppearances(_ urls: [String], to number: ClaimNumber, by actor: Actor) throws -> ClaimState {
        try Permissions.check(actor, .editClaim)
        return try mutateClaim(number) { conn, current in
            var added: [String] = []
            for url in urls {
                let n = try conn.run("""
                    INSERT INTO appearances (claim_id, url, is_first, added_by)
                    VALUES (\(number.value), \(url), NOT EXISTS (SELECT 1 FROM appearances WHERE claim_id = \(number.value)), \(actor.handle))
                    ON CONFLICT (claim_id, url) DO NOTHING
                    """)
                if n > 0 { added.append(url) }
            }
            guard !added.isEmpty else {
                throw StoreError.conflict("\(number) already lists \(urls.count == 1 ? "this appearance" : "these appearances")")
            }
            try self.updateClaim(conn, current)
            try self.audit(conn, actor: actor.handle, action: "claim.appearance_added", stream: "claim:\(number.value)",
                           claim: number.value, object: number.description,
                           after: AuditPayload(["appearances": .list(added)]))
        }
    }
}
