import FactCheckCore
import Foundation
import Postgres

extension Store {
    /// `verdict propose`: a rating of the active scale and a conclusion, once the claim has at
    /// least one source that is not retracted.
    public func propose(_ number: ClaimNumber, rating: String, conclusion: String, by actor: Actor) throws -> VerdictRecord {
        var proposed: VerdictRecord?
        _ = try mutateClaim(number) { conn, current in
            let target = try Workflow.decide(.propose, by: actor, state: current.state)
            let scale = try self.storedScale(conn, desk: actor.desk)
            let label = try scale.label(rating)
            let sources: Int = try conn.query("""
                SELECT count(*) AS n FROM sources WHERE claim_id = \(number.value) AND retracted_at IS NULL
                """).first!.require("n")
            guard sources > 0 else {
                throw StoreError.conflict(
                    "\(number) has no source that is not retracted; a verdict needs one (factcheck source add \(number) --url URL)")
            }
            let updated = try self.updateClaim(conn, current, set: "state = \(target.rawValue)")
            let verdict = try VerdictRecord(row: try conn.query("""
                INSERT INTO verdicts (desk_id, claim_id, rating, rating_value, best_value, worst_value, conclusion, proposed_by)
                VALUES (\(actor.desk), \(number.value), \(label.label), \(label.value), \(scale.best), \(scale.worst), \(conclusion), \(actor.handle))
                RETURNING \(Store.verdictColumns)
                """).first!)
            proposed = verdict
            try self.audit(conn, actor: actor, action: "verdict.proposed", stream: "claim:\(number.value)",
                           claim: number.value, object: "V-\(verdict.id)",
                           before: AuditPayload(["state": .text(current.state.rawValue)]),
                           after: AuditPayload(["state": .text(target.rawValue), "rating": .text(label.label),
                                                "conclusion": .text(conclusion)]))
            return updated
        }
        return proposed!
    }

    /// `verdict approve` and `verdict return`, both by a reviewer other than the proposer.
    public func decide(_ number: ClaimNumber, _ action: Action, reason: String?, by actor: Actor) throws -> VerdictRecord {
        var decided: VerdictRecord?
        _ = try mutateClaim(number) { conn, current in
            let pending = try conn.query("""
                SELECT id, proposed_by FROM verdicts WHERE claim_id = \(number.value) AND status = 'proposed'
                """).first
            let proposer: String? = try pending?.decode("proposed_by")
            let target = try Workflow.decide(action, by: actor, state: current.state, proposer: proposer)
            guard let pending else { throw StoreError.notFound("\(number) has no proposed verdict") }
            let verdictId: Int64 = try pending.require("id")
            let updated = try self.updateClaim(conn, current, set: "state = \(target.rawValue)")
            if action == .approve {
                try conn.run("UPDATE verdicts SET status = 'superseded' WHERE claim_id = \(number.value) AND status = 'approved'")
            }
            decided = try VerdictRecord(row: try conn.query("""
                UPDATE verdicts SET status = \(action == .approve ? "approved" : "returned"), decided_by = \(actor.handle),
                                    decided_at = now(), return_reason = \(action == .approve ? nil : reason)
                WHERE id = \(verdictId)
                RETURNING \(Store.verdictColumns)
                """).first!)
            try self.audit(conn, actor: actor,
                           action: action == .approve ? "verdict.approved" : "verdict.returned",
                           stream: "claim:\(number.value)", claim: number.value, object: "V-\(verdictId)",
                           before: AuditPayload(["state": .text(current.state.rawValue), "verdict": .text("proposed")]),
                           after: AuditPayload(["state": .text(target.rawValue),
                                                "verdict": .text(action == .approve ? "approved" : "returned"),
                                                "reason": .text(reason)]))
            return updated
        }
        return decided!
    }

    /// A verdict's columns, for reads and for a change's RETURNING (the record without a re-read).
    static let verdictColumns: SQL = """
        id, claim_id, rating, rating_value, best_value, worst_value, conclusion, status,
        proposed_by, proposed_at, decided_by, decided_at, return_reason
        """
    static let verdictSelect: SQL = "SELECT \(verdictColumns) FROM verdicts v"
}

extension VerdictRecord {
    init(row: Row) throws {
        self.init(id: try row.require("id"), claimId: ClaimNumber(try row.require("claim_id")).description,
                  rating: try row.require("rating"), ratingValue: try row.require("rating_value"),
                  bestValue: try row.require("best_value"), worstValue: try row.require("worst_value"),
                  conclusion: try row.require("conclusion"), status: try row.require("status"),
                  proposedBy: try row.require("proposed_by"), proposedAt: try row.decode("proposed_at"),
                  decidedBy: try row.decode("decided_by"), decidedAt: try row.decode("decided_at"),
                  returnReason: try row.decode("return_reason"))
    }
}
