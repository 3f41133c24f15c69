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
    /// Claims whose normalised text is trigram-similar to `text`, most similar first, served by
    /// the trigram index. `excluding` leaves out the claim the text came from.
    public func similarClaims(to text: String, excluding: ClaimNumber? = nil, threshold: Double = 0.3,
                              limit: Int = 10) throws -> [SimilarClaim] {
        let normalized = ClaimText.normalized(text)
        return try read { conn in
            try conn.withTransaction { conn in
                // The threshold of pg_trgm's % operator, for this transaction only.
                try conn.query("SELECT set_config('pg_trgm.similarity_threshold', \(String(threshold)), true)")
                return try conn.query("""
                    SELECT c.id, c.state, c.text, c.claimant, similarity(c.normalized_text, \(normalized)) AS score,
                           (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id AND v.status = 'approved') AS rating
                    FROM claims c
                    WHERE c.normalized_text % \(normalized) AND c.id <> \(excluding?.value ?? 0)
                    ORDER BY score DESC, c.id
                    LIMIT \(limit)
                    """).map { row in
                    SimilarClaim(id: ClaimNumber(try row.require("id")).description,
                                 state: ReviewState(rawValue: try row.require("state")) ?? .logged,
                                 text: try row.require("text"), claimant: try row.require("claimant"),
                                 rating: try row.decode("rating"), similarity: try row.require("score"))
                }
            }
        }
    }

    /// The plan of a similarity query (for the benchmark).
    public func explainSimilar(to text: String) throws -> String {
        let normalized = ClaimText.normalized(text)
        return try read { conn in
            try conn.query("""
                EXPLAIN ANALYZE SELECT c.id, similarity(c.normalized_text, \(normalized)) AS score FROM claims c
                WHERE c.normalized_text % \(normalized) ORDER BY score DESC, c.id LIMIT 10
                """).compactMap { $0[0] }.joined(separator: "\n")
        }
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
