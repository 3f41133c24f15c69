import FactCheckCore
import Foundation
import Postgres

extension Store {
    /// `verdict propose`: a rating of the active scale and a conclusion, once the claim has at
    /// least one source that is not retracted.
    public func propose(_ number: ClaimNumber, rating: String, conclusion: String, by actor: Actor) throws -> VerdictRecord {
        var verdictId: Int64 = 0
        _ = try mutateClaim(number) { conn, current in
            let target = try Workflow.decide(.propose, by: actor, state: current.state)
            try self.ensureScaleStored(conn)
            let scale = try self.activeScale(conn)
            let label = try scale.label(rating)
            let sources: Int = try conn.query("""
                SELECT count(*) AS n FROM sources WHERE claim_id = \(number.value) AND retracted_at IS NULL
                """).first!.require("n")
            guard sources > 0 else {
                throw StoreError.conflict(
                    "\(number) has no source that is not retracted; a verdict needs one (factcheck source add \(number) --url URL)")
            }
            try self.updateClaim(conn, current, set: "state = \(target.rawValue)")
            verdictId = try conn.query("""
                INSERT INTO verdicts (claim_id, rating, rating_value, best_value, worst_value, conclusion, proposed_by)
                VALUES (\(number.value), \(label.label), \(label.value), \(scale.best), \(scale.worst), \(conclusion), \(actor.handle))
                RETURNING id
                """).first!.require("id")
            try self.audit(conn, actor: actor.handle, action: "verdict.proposed", stream: "claim:\(number.value)",
                           claim: number.value, object: "V-\(verdictId)",
                           before: AuditPayload(["state": .text(current.state.rawValue)]),
                           after: AuditPayload(["state": .text(target.rawValue), "rating": .text(label.label),
                                                "conclusion": .text(conclusion)]))
        }
        return try verdict(verdictId)
    }

    /// `verdict approve` and `verdict return`, both by a reviewer other than the proposer.
    public func decide(_ number: ClaimNumber, _ action: Action, reason: String?, by actor: Actor) throws -> VerdictRecord {
        var verdictId: Int64 = 0
        _ = try mutateClaim(number) { conn, current in
            let pending = try conn.query("""
                SELECT id, proposed_by FROM verdicts WHERE claim_id = \(number.value) AND status = 'proposed'
                """).first
            let proposer: String? = try pending?.decode("proposed_by")
            let target = try Workflow.decide(action, by: actor, state: current.state, proposer: proposer)
            guard let pending else { throw StoreError.notFound("\(number) has no proposed verdict") }
            verdictId = try pending.require("id")
            try self.updateClaim(conn, current, set: "state = \(target.rawValue)")
            if action == .approve {
                try conn.run("UPDATE verdicts SET status = 'superseded' WHERE claim_id = \(number.value) AND status = 'approved'")
                try conn.run("""
                    UPDATE verdicts SET status = 'approved', decided_by = \(actor.handle), decided_at = now()
                    WHERE id = \(verdictId)
                    """)
            } else {
                try conn.run("""
                    UPDATE verdicts SET status = 'returned', decided_by = \(actor.handle), decided_at = now(),
                                        return_reason = \(reason)
                    WHERE id = \(verdictId)
                    """)
            }
            try self.audit(conn, actor: actor.handle,
                           action: action == .approve ? "verdict.approved" : "verdict.returned",
                           stream: "claim:\(number.value)", claim: number.value, object: "V-\(verdictId)",
                           before: AuditPayload(["state": .text(current.state.rawValue), "verdict": .text("proposed")]),
                           after: AuditPayload(["state": .text(target.rawValue),
                                                "verdict": .text(action == .approve ? "approved" : "returned"),
                                                "reason": .text(reason)]))
        }
        return try verdict(verdictId)
    }

    func verdict(_ id: Int64) throws -> VerdictRecord {
        try read { conn in
            guard let row = try conn.query("\(Store.verdictSelect) WHERE v.id = \(id)").first else {
                throw StoreError.notFound("no verdict V-\(id)")
            }
            return try VerdictRecord(row: row)
        }
    }

    static let verdictSelect: SQL = """
        SELECT v.id, v.claim_id, v.rating, v.rating_value, v.best_value, v.worst_value, v.conclusion, v.status,
               v.proposed_by, v.proposed_at, v.decided_by, v.decided_at, v.return_reason
        FROM verdicts v
        """
}

extension VerdictRecord {
    init(row: Row) throws {
        self.init(id: try row.require("id"), claimId: ClaimNumber(try row.require("claim_id")).description,
                  rating: try row.require("rating"), ratingValue: try row.require("rating_value"),
                  bestValue: try row.require("best_value"), worstValue: try row.require("worst_value"),
                  conclusion: try row.require("conclusion"), status: try row.require("status"),
                  proposedBy: try row.require("proposed_by"), proposedAt: try row.require("proposed_at"),
                  decidedBy: try row.decode("decided_by"), decidedAt: try row.decode("decided_at"),
                  returnReason: try row.decode("return_reason"))
    }
}
