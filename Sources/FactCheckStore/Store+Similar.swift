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
    /// each must be rechecked. There the trigram index first finds candidates: the claims with
    /// any of the text's rare words, and those with two of its three rarest common words (see
    /// `similarCandidates`); only those are compared. Figures never lead: a claim with other
    /// figures is the related claim a desk most wants to see.
    public func similarClaims(to text: String, excluding: ClaimNumber? = nil, threshold: Double = 0.3,
                              limit: Int = 10, by actor: Actor) throws -> [SimilarClaim] {
        try read(by: actor) { conn in
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
    public func explainSimilar(to text: String, by actor: Actor) throws -> String {
        try read(by: actor) { conn in
            try conn.withTransaction { conn in
                let query = try similarQuery(text, excluding: nil, threshold: 0.3, limit: 10, conn)
                return try conn.query("EXPLAIN ANALYZE \(query)").compactMap { $0[0] }.joined(separator: "\n")
            }
        }
    }

    /// Desks up to this size compare every claim.
    static let comparedInFull = 5_000
    /// At most this many claims are compared on a larger desk (expected, from the statistics).
    static let candidateBudget = 1_000.0
    /// And never more than this many, whatever the statistics expected: past it, the answer
    /// comes from the first claims found (a text made of common words on a large desk).
    static let compared = 1_500

    /// Which claims a similarity query compares.
    enum Candidates: Equatable {
        /// Every claim, through `%` (a small desk).
        case all
        /// Claims containing all the words of at least one group.
        case containing([[String]])
        /// None: the text has no word to look for.
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
        let candidates: SQL
        switch try similarCandidates(normalized, conn) {
        case .all:
            try conn.query("SELECT set_config('pg_trgm.similarity_threshold', \(String(threshold)), true)")
            return "\(select) WHERE c.normalized_text % \(normalized) AND c.id <> \(excluded) \(order)"
        case .containing(let groups):
            // Read the candidates through the index even under the cap below: a scan of the
            // table in its own order would stop at the first claims with a common word.
            try conn.query("SELECT set_config('enable_seqscan', 'off', true)")
            // A word's first eight letters find it: every further trigram is one more posting list
            // to read, and endings ("-tion", "-ment") are in half the claims.
            let all = groups.map { group in
                "(" + SQL.joined(group.map { "c.normalized_text LIKE \("%" + String($0.prefix(8)) + "%")" },
                                 separator: " AND ") + ")"
            }
            candidates = "(" + SQL.joined(all, separator: " OR ") + ")"
        case .none:
            candidates = "false"
        }
        // The candidates are scored where they are found (materialised, so the planner cannot
        // score every claim instead); only the best are read in full.
        return """
            WITH scored AS MATERIALIZED (
                SELECT c.id, similarity(c.normalized_text, \(normalized)) AS score
                FROM claims c WHERE \(candidates) AND c.id <> \(excluded)
                LIMIT \(Store.compared)
            ), best AS (
                SELECT id, score FROM scored WHERE score >= \(threshold) ORDER BY score DESC, id LIMIT \(limit)
            )
            SELECT c.id, c.state, c.text, c.claimant, best.score,
                   (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id AND v.status = 'approved') AS rating
            FROM best JOIN claims c USING (id)
            ORDER BY best.score DESC, c.id
            """
    }

    /// Chooses the candidates from how many claims contain each word of the text (three letters
    /// or more, not a figure), as the statistics of the full-text column tell it: ANALYZE keeps
    /// the frequencies of its most common words, and a word not among them is rarer than all.
    func similarCandidates(_ normalized: String, _ conn: Connection) throws -> Candidates {
        let sequence = normalized.split(separator: " ").map(String.init)
        // Words of five letters or more, if the text has any: a shorter one is in many longer
        // words ("list" in "journalist"), and has too few trigrams to find it alone.
        let shortest = sequence.contains { $0.unicodeScalars.count >= 5 } ? 5 : 3
        var positions: [String: [Int]] = [:]
        for (i, word) in sequence.enumerated()
        where word.unicodeScalars.count >= shortest && word.unicodeScalars.contains(where: \.properties.isAlphabetic)
            && !word.contains(where: { "%_\\".contains($0) }) {
            positions[word, default: []].append(i)
        }
        let stats = try conn.query("""
            SELECT greatest(c.reltuples, 0)::float8 AS total, s.most_common_elems::text AS words,
                   s.most_common_elem_freqs::text[] AS freqs
            FROM pg_class c
            LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'claims' AND s.attname = 'search'
            WHERE c.oid = 'claims'::regclass
            """).first
        let total: Double = try stats?.require("total") ?? 0
        // A small desk, or a large one never analysed: compare every claim.
        guard total > Double(Store.comparedInFull), let listed: String = try stats?.decode("words"),
              let freqText: String = try stats?.decode("freqs") else { return .all }
        let words = try TextArray(postgresText: listed).elements
        // The array ends with the least and greatest frequency and that of empty values.
        let freqs = try TextArray(postgresText: freqText).elements.compactMap(Double.init)
        guard freqs.count >= words.count, let least = freqs.prefix(words.count).min() else { return .all }
        // A word is looked for as a piece of text, so it is in as many claims as the listed words
        // it is part of ("number" in "numbers"); one listed nowhere is rarer than all of them.
        let listedFreqs = Array(zip(words, freqs))
        let counted = positions.keys.map { word in
            (word: word, claims: max(listedFreqs.reduce(0) { $1.0.contains(word) ? $0 + $1.1 : $0 }, least / 2) * total)
        }.sorted { ($0.claims, $0.word) < ($1.claims, $1.word) }
        guard !counted.isEmpty else { return .none }
        // The rare words, any of them, as many as half the budget allows; then the common ones in
        // pairs, so that a claim worded without the rare ones (another speaker, another place
        // name for the same town) is found too.
        var sum = 0.0
        let rare = counted.prefix { word in
            sum += word.claims
            return sum <= Store.candidateBudget / 2
        }
        let groups = rare.map { [$0.word] } + Store.commonGroups(Array(counted.dropFirst(rare.count)), positions, total: total,
                                                                 alone: rare.isEmpty)
        return groups.isEmpty ? .none : .containing(groups)
    }

    /// Claims with two of the three rarest common words, pairs rare enough (or, failing that,
    /// the rarest pair, or all three together). Words next to a chosen one are passed over, as
    /// they come with it ("vera lukin", "think tank", "minimum wage"). `alone`: nothing else is
    /// looked for, so one common word is better than none.
    static func commonGroups(_ counted: [(word: String, claims: Double)], _ positions: [String: [Int]], total: Double,
                             alone: Bool) -> [[String]] {
        var chosen: [(word: String, claims: Double)] = []
        for word in counted where chosen.count < 3 {
            let taken = chosen.flatMap { positions[$0.word]! }
            guard !positions[word.word]!.contains(where: { p in taken.contains { abs($0 - p) == 1 } }) else { continue }
            chosen.append(word)
        }
        guard chosen.count > 1 else { return alone ? chosen.map { [$0.word] } : [] }
        let expected = { (group: [(word: String, claims: Double)]) in group.reduce(total) { $0 * $1.claims / total } }
        let pairs = [[chosen[0], chosen[1]]] + (chosen.count == 3 ? [[chosen[0], chosen[2]], [chosen[1], chosen[2]]] : [])
        let cheap = pairs.filter { expected($0) <= Store.candidateBudget / 3 }
        if !cheap.isEmpty { return cheap.map { $0.map(\.word) } }
        return [expected(pairs[0]) <= Store.candidateBudget / 2 ? pairs[0].map(\.word) : chosen.map(\.word)]
    }

    /// The text of a stored claim.
    public func claimText(_ number: ClaimNumber, by actor: Actor) throws -> String {
        try read(by: actor) { conn in
            guard let text: String = try conn.query("SELECT text FROM claims WHERE id = \(number.value)").first?.decode("text") else {
                throw StoreError.notFound("no claim \(number)")
            }
            return text
        }
    }

    /// Adds further appearances to an existing claim (how a duplicate is linked, not logged twice).
    /// Appearances only add up, so linkers at the same moment do not refuse one another: each
    /// waits for the claim's row in turn, rather than losing the version check.
    public func addAppearances(_ urls: [String], to number: ClaimNumber, by actor: Actor) throws -> ClaimState {
        try Permissions.check(actor, .editClaim)
        return try transaction(writing: urls.map { .appearance(claim: number, url: $0) }) { conn in
            guard let row = try conn.query("""
                SELECT state, assignee, version FROM claims WHERE id = \(number.value) FOR UPDATE
                """).first else { throw StoreError.notFound("no claim \(number)") }
            let current = try ClaimState(number: number, row: row)
            var added: [String] = []
            for url in urls {
                let n = try conn.run("""
                    INSERT INTO appearances (desk_id, claim_id, url, is_first, added_by)
                    VALUES (\(actor.desk), \(number.value), \(url),
                            NOT EXISTS (SELECT 1 FROM appearances WHERE claim_id = \(number.value) AND desk_id = \(actor.desk)),
                            \(actor.handle))
                    ON CONFLICT (claim_id, url, desk_id) DO NOTHING
                    """)
                if n > 0 { added.append(url) }
            }
            guard !added.isEmpty else { throw UniqueKey.listed(number, count: urls.count) }
            let updated = try self.updateClaim(conn, current)
            try self.audit(conn, actor: actor, action: "claim.appearance_added", stream: "claim:\(number.value)",
                           claim: number.value, object: number.description,
                           after: AuditPayload(["appearances": .list(added)]))
            return updated
        }
    }
}
