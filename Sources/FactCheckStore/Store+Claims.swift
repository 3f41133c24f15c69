import FactCheckCore
import Foundation
import Postgres

/// A claim as the editor logs it; every field already validated by the domain.
public struct NewClaim: Sendable {
    public var text: String
    public var claimant: String
    public var article: String?
    public var saidOn: CalendarDate?
    public var appearances: [String]
    public var tags: [String]
    public var priority: Priority
    public var dueOn: CalendarDate?
    public var context: String?

    public init(text: String, claimant: String, article: String? = nil, saidOn: CalendarDate? = nil,
                appearances: [String] = [], tags: [String] = [], priority: Priority = .normal,
                dueOn: CalendarDate? = nil, context: String? = nil) {
        self.text = text; self.claimant = claimant; self.article = article; self.saidOn = saidOn
        self.appearances = appearances; self.tags = tags; self.priority = priority; self.dueOn = dueOn
        self.context = context
    }
}

/// The fields `claim edit` may change; nil leaves a field as it is.
public struct ClaimEdit: Sendable {
    public var text: String?
    public var claimant: String?
    public var tags: [String]?
    public var priority: Priority?
    public var dueOn: CalendarDate?
    public var saidOn: CalendarDate?
    public init(text: String? = nil, claimant: String? = nil, tags: [String]? = nil, priority: Priority? = nil,
                dueOn: CalendarDate? = nil, saidOn: CalendarDate? = nil) {
        self.text = text; self.claimant = claimant; self.tags = tags; self.priority = priority
        self.dueOn = dueOn; self.saidOn = saidOn
    }
    public var isEmpty: Bool {
        text == nil && claimant == nil && tags == nil && priority == nil && dueOn == nil && saidOn == nil
    }
}

/// The part of a stored claim that decisions read, with the version the write must match;
/// also what a change returns, straight from its UPDATE.
public struct ClaimState: Sendable {
    public let number: ClaimNumber
    public let state: ReviewState
    public let assignee: String?
    public let version: Int

    init(number: ClaimNumber, row: Row) throws {
        self.number = number
        state = ReviewState(rawValue: try row.require("state"))!
        assignee = try row.decode("assignee")
        version = try row.require("version")
    }

    /// `C-<n>`.
    public var id: String { number.description }
}

/// What logging a claim came to: the claim logged, or the claim already holding its text that
/// the appearances were linked to; and, for a new claim, the claims that read alike (the desk's
/// "already checked?").
public struct LoggedClaim: Sendable {
    public let claim: ClaimRecord
    public let linked: Bool
    public let similar: [SimilarClaim]
}

extension Store {
    // MARK: Logging and reading

    /// Logs a claim as either door takes it: when its text is already logged and `link` is
    /// asked, its appearances are added to that claim instead (refused without any); a new
    /// claim comes back with the near matches a desk should look at before checking it again.
    public func logClaim(_ claim: NewClaim, link: Bool = false, by actor: Actor) throws -> LoggedClaim {
        do {
            let stored = try addClaim(claim, by: actor)
            let similar = try similarClaims(to: stored.text, excluding: ClaimNumber(stored.number),
                                            threshold: 0.45, limit: 3, by: actor)
            return LoggedClaim(claim: stored, linked: false, similar: similar)
        } catch StoreError.duplicate(let existing, _) where link {
            guard !claim.appearances.isEmpty else { throw StoreError.linkNeedsAppearances(existing) }
            _ = try addAppearances(claim.appearances, to: existing, by: actor)
            return LoggedClaim(claim: try claimDetail(existing, by: actor).claim, linked: true, similar: [])
        }
    }

    public func addClaim(_ claim: NewClaim, by actor: Actor) throws -> ClaimRecord {
        try Permissions.check(actor, .addClaim)
        let normalized = ClaimText.normalized(claim.text)
        let key = UniqueKey.claimText(normalized: normalized)
        return try transaction(writing: [key]) { conn in
            var articleId: Int64?
            if let reference = claim.article {
                articleId = try self.articleId(reference, conn)
            }
            // A fast path: the unique index below is what holds the rule.
            if let taken = try key.collision(conn) { throw taken }
            // A writer logging the same text at the same moment holds its index entry: the insert
            // waits for it, then does nothing, and the winner's claim is the one to name.
            guard let inserted = try conn.query("""
                INSERT INTO claims (desk_id, text, normalized_text, claimant, said_on, article_id, context, tags,
                                    priority, due_on, created_by)
                VALUES (\(actor.desk), \(claim.text), \(normalized), \(claim.claimant), \(claim.saidOn?.description)::date,
                        \(articleId), \(claim.context), \(claim.tags)::text[], \(claim.priority.rawValue),
                        \(claim.dueOn?.description)::date, \(actor.handle))
                ON CONFLICT (text_digest(normalized_text), desk_id) WHERE duplicate_of IS NULL DO NOTHING
                RETURNING id
                """).first else {
                throw try key.collision(conn) ?? UniqueKey.collision(constraint: "claims_normalized_digest_idx")!
            }
            let id: Int64 = try inserted.require("id")
            for (index, url) in claim.appearances.enumerated() {
                try conn.run("""
                    INSERT INTO appearances (desk_id, claim_id, url, is_first, added_by)
                    VALUES (\(actor.desk), \(id), \(url), \(index == 0), \(actor.handle))
                    ON CONFLICT (claim_id, url, desk_id) DO NOTHING
                    """)
            }
            try audit(conn, actor: actor, action: "claim.logged", stream: "claim:\(id)", claim: id,
                      object: ClaimNumber(id).description,
                      after: AuditPayload([
                        "state": .text(ReviewState.logged.rawValue), "text": .text(claim.text),
                        "claimant": .text(claim.claimant), "said_on": .text(claim.saidOn?.description),
                        "article_id": .number(articleId), "tags": .list(claim.tags),
                        "priority": .text(claim.priority.rawValue), "due_on": .text(claim.dueOn?.description),
                        "appearances": .list(claim.appearances), "context": .text(claim.context),
                      ]))
            return try self.claim(id, conn)!
        }
    }

    public func claims(_ filter: ClaimFilter, by actor: Actor) throws -> [ClaimRecord] {
        try read(by: actor) { conn in
            try conn.query("""
                \(Store.claimSelect) WHERE \(Store.conditions(filter))
                ORDER BY c.id DESC LIMIT \(filter.limit ?? 100)
                """).map(ClaimRecord.init(row:))
        }
    }

    /// The plan PostgreSQL chooses for a `claim list` query (for the benchmark and the README).
    public func explainClaims(_ filter: ClaimFilter, by actor: Actor) throws -> String {
        try read(by: actor) { conn in
            try conn.query("""
                EXPLAIN ANALYZE \(Store.claimSelect) WHERE \(Store.conditions(filter))
                ORDER BY c.id DESC LIMIT \(filter.limit ?? 100)
                """).compactMap { $0[0] }.joined(separator: "\n")
        }
    }

    public func claimDetail(_ number: ClaimNumber, by actor: Actor) throws -> ClaimDetail {
        try read(by: actor) { conn in
            guard let claim = try claim(number.value, conn) else { throw StoreError.notFound("no claim \(number)") }
            let appearances = try conn.query("""
                SELECT url, is_first, added_by, added_at FROM appearances WHERE claim_id = \(number.value)
                ORDER BY is_first DESC, id
                """).map { row in
                AppearanceRecord(url: try row.require("url"), isFirst: try row.require("is_first"),
                                 addedBy: try row.require("added_by"), addedAt: try row.require("added_at"))
            }
            let sources = try conn.query("\(Store.sourceSelect) WHERE s.claim_id = \(number.value) ORDER BY s.id")
                .map(SourceRecord.init(row:))
            let verdicts = try conn.query("\(Store.verdictSelect) WHERE v.claim_id = \(number.value) ORDER BY v.id")
                .map(VerdictRecord.init(row:))
            let history = try conn.query("\(Store.auditSelect) WHERE e.claim_id = \(number.value) ORDER BY e.id")
                .map(AuditEventRecord.init(row:))
            let moves = Workflow.allowedActions(from: claim.state).map(\.command)
            return ClaimDetail(claim: claim, allowedMoves: moves, appearances: appearances, sources: sources,
                               verdicts: verdicts, history: history)
        }
    }

    // MARK: Changing a claim

    public func editClaim(_ number: ClaimNumber, _ edit: ClaimEdit, by actor: Actor) throws -> ClaimState {
        try Permissions.check(actor, .editClaim)
        let normalized = edit.text.map(ClaimText.normalized)
        let keys = normalized.map { [UniqueKey.claimText(normalized: $0, except: number.value)] } ?? []
        return try mutateClaim(number, writing: keys) { conn, current in
            let old = try self.claim(number.value, conn)!
            var changing: [String] = []
            if let text = edit.text, text != old.text { changing.append("text") }
            if let claimant = edit.claimant, claimant != old.claimant { changing.append("claimant") }
            if let said = edit.saidOn?.description, said != old.saidOn { changing.append("said_on") }
            try Workflow.checkEditable(current.state, changing: changing)
            var before: [String: AuditPayload.Value] = [:]
            var after: [String: AuditPayload.Value] = [:]
            if let text = edit.text, text != old.text {
                before["text"] = .text(old.text); after["text"] = .text(text)
            }
            if let claimant = edit.claimant, claimant != old.claimant {
                before["claimant"] = .text(old.claimant); after["claimant"] = .text(claimant)
            }
            if let tags = edit.tags, tags != old.tags {
                before["tags"] = .list(old.tags); after["tags"] = .list(tags)
            }
            if let priority = edit.priority, priority != old.priority {
                before["priority"] = .text(old.priority.rawValue); after["priority"] = .text(priority.rawValue)
            }
            if let due = edit.dueOn?.description, due != old.dueDate {
                before["due_on"] = .text(old.dueDate); after["due_on"] = .text(due)
            }
            if let said = edit.saidOn?.description, said != old.saidOn {
                before["said_on"] = .text(old.saidOn); after["said_on"] = .text(said)
            }
            guard !after.isEmpty else { throw StoreError.conflict("nothing to change: \(number) already has these values") }
            if after["text"] != nil, let key = keys.first, let taken = try key.collision(conn) { throw taken }
            let text = edit.text ?? old.text
            // A claim marked as a duplicate by V0010 stops being one when its wording changes
            // what it says; the unique index then holds it like any other.
            let updated = try self.updateClaim(conn, current, set: """
                text = \(text), normalized_text = \(ClaimText.normalized(text)),
                duplicate_of = CASE WHEN normalized_text = \(ClaimText.normalized(text)) THEN duplicate_of END,
                claimant = \(edit.claimant ?? old.claimant), tags = \(edit.tags ?? old.tags)::text[],
                priority = \((edit.priority ?? old.priority).rawValue),
                due_on = \(edit.dueOn?.description ?? old.dueDate)::date,
                said_on = \(edit.saidOn?.description ?? old.saidOn)::date
                """)
            try self.audit(conn, actor: actor, action: "claim.edited", stream: "claim:\(number.value)",
                           claim: number.value, object: number.description,
                           before: AuditPayload(before), after: AuditPayload(after))
            return updated
        }
    }

    public func assign(_ number: ClaimNumber, to assignee: String, note: String?, by actor: Actor) throws -> ClaimState {
        try Permissions.check(actor, .assign)
        return try mutateClaim(number) { conn, current in
            try Workflow.checkAssignable(current.state)
            let user = try self.requireActiveUser(assignee, conn)
            guard user.role != .editor else {
                throw StoreError.conflict("\(assignee) is an editor; claims are assigned to reviewers or admins")
            }
            guard current.assignee != assignee else {
                throw StoreError.conflict("\(number) is already assigned to \(assignee)")
            }
            let updated = try self.updateClaim(conn, current, set: "assignee = \(assignee)")
            try self.audit(conn, actor: actor, action: "claim.assigned", stream: "claim:\(number.value)",
                           claim: number.value, object: number.description,
                           before: AuditPayload(["assignee": .text(current.assignee)]),
                           after: AuditPayload(["assignee": .text(assignee), "note": .text(note)]))
            return updated
        }
    }

    /// Makes the move a door was asked for (a page's form, an API body), whichever it is.
    public func apply(_ request: MoveRequest, to number: ClaimNumber, by actor: Actor) throws {
        switch request {
        case let .assign(user, note): _ = try assign(number, to: user, note: note, by: actor)
        case let .transition(action, reason, url): _ = try move(number, action, by: actor, reason: reason, publishedURL: url)
        case let .propose(rating, conclusion): _ = try propose(number, rating: rating, conclusion: conclusion, by: actor)
        case let .decide(action, reason): _ = try decide(number, action, reason: reason, by: actor)
        }
    }

    /// `claim start`, `claim reject`, `claim publish` and `claim reopen`.
    public func move(_ number: ClaimNumber, _ action: Action, by actor: Actor, reason: String? = nil,
                     publishedURL: String? = nil) throws -> ClaimState {
        try mutateClaim(number) { conn, current in
            let target = try Workflow.decide(action, by: actor, state: current.state)
            let stream = "claim:\(number.value)"
            let updated: ClaimState
            switch action {
            case .start:
                let assignee = current.assignee ?? actor.handle
                updated = try self.updateClaim(conn, current, set: "state = \(target.rawValue), assignee = \(assignee)")
                try self.audit(conn, actor: actor, action: "claim.state_changed", stream: stream,
                               claim: number.value, object: number.description,
                               before: AuditPayload(["state": .text(current.state.rawValue)]),
                               after: AuditPayload(["state": .text(target.rawValue)]))
                if current.assignee == nil {
                    try self.audit(conn, actor: actor, action: "claim.assigned", stream: stream,
                                   claim: number.value, object: number.description,
                                   before: AuditPayload(["assignee": .text(nil)]),
                                   after: AuditPayload(["assignee": .text(assignee), "note": .text("took it on with claim start")]))
                }
            case .reject:
                updated = try self.updateClaim(conn, current, set: "state = \(target.rawValue)")
                try self.audit(conn, actor: actor, action: "claim.rejected", stream: stream,
                               claim: number.value, object: number.description,
                               before: AuditPayload(["state": .text(current.state.rawValue)]),
                               after: AuditPayload(["state": .text(target.rawValue), "reason": .text(reason)]))
            case .publish:
                updated = try self.updateClaim(conn, current, set: """
                    state = \(target.rawValue), published_at = now(), published_url = coalesce(\(publishedURL), published_url)
                    """)
                try self.audit(conn, actor: actor, action: "claim.published", stream: stream,
                               claim: number.value, object: number.description,
                               before: AuditPayload(["state": .text(current.state.rawValue)]),
                               after: AuditPayload(["state": .text(target.rawValue), "published_url": .text(publishedURL)]))
            case .reopen:
                updated = try self.updateClaim(conn, current, set: "state = \(target.rawValue)")
                try self.audit(conn, actor: actor, action: "claim.reopened", stream: stream,
                               claim: number.value, object: number.description,
                               before: AuditPayload(["state": .text(current.state.rawValue)]),
                               after: AuditPayload(["state": .text(target.rawValue), "reason": .text(reason),
                                                    "correction": .text(current.state == .published ? "true" : "false")]))
            default:
                preconditionFailure("\(action) is not a claim move")
            }
            return updated
        }
    }

    // MARK: The shared mechanism

    /// Reads the claim, runs the decision and writes in one transaction; `body` returns the
    /// claim's state as its `updateClaim` left it. Domain refusals are reported with the
    /// claim's number. (Only the state comes back, from the update itself: a new session pays
    /// for every table it touches, so the whole record is not re-read for a one-line answer.)
    func mutateClaim(_ number: ClaimNumber, writing keys: [UniqueKey] = [],
                     _ body: (Connection, ClaimState) throws -> ClaimState) throws -> ClaimState {
        do {
            return try transaction(writing: keys) { conn in
                try body(conn, try self.claimState(number, conn))
            }
        } catch let error as DomainError {
            throw StoreError.refused(error, claim: number)
        }
    }

    func claimState(_ number: ClaimNumber, _ conn: Connection) throws -> ClaimState {
        guard let row = try conn.query("""
            SELECT state, assignee, version FROM claims WHERE id = \(number.value)
            """).first else { throw StoreError.notFound("no claim \(number)") }
        let state = try ClaimState(number: number, row: row)
        if let expectedVersion, expectedVersion != state.version {
            throw StoreError.stale(number, version: state.version)
        }
        return state
    }

    /// The one write every claim change goes through: it succeeds only if nobody changed the
    /// claim since `current` was read (the version check), so no update is ever lost. Returns
    /// the claim's state as written.
    func updateClaim(_ conn: Connection, _ current: ClaimState, set assignments: SQL? = nil) throws -> ClaimState {
        guard let row = try conn.query("""
            UPDATE claims SET \(assignments.map { $0 + ", " } ?? "") version = version + 1, updated_at = now()
            WHERE id = \(current.number.value) AND version = \(current.version)
            RETURNING state, assignee, version
            """).first else { throw StoreError.concurrentChange(current.number.description) }
        return try ClaimState(number: current.number, row: row)
    }


    func claim(_ id: Int64, _ conn: Connection) throws -> ClaimRecord? {
        try conn.query("\(Store.claimSelect) WHERE c.id = \(id)").first.map(ClaimRecord.init(row:))
    }

    static let claimSelect: SQL = """
        SELECT c.id, c.state, c.text, c.claimant, c.said_on::text AS said_on, c.article_id, a.url AS article_url,
               c.context, c.tags, c.priority, c.due_on::text AS due_on, c.assignee,
               (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id AND v.status = 'approved') AS rating,
               c.created_by, c.created_at, c.updated_at, c.published_at, c.published_url, c.version
        FROM claims c LEFT JOIN articles a ON a.id = c.article_id
        """

    static func conditions(_ filter: ClaimFilter) -> SQL {
        var parts: [SQL] = ["true"]
        if let state = filter.state { parts.append("c.state = \(state.rawValue)") }
        if let assignee = filter.assignee { parts.append("c.assignee = \(assignee)") }
        if let tag = filter.tag { parts.append("c.tags @> ARRAY[\(tag)]::text[]") }
        if let claimant = filter.claimant { parts.append("lower(c.claimant) = lower(\(claimant))") }
        if let rating = filter.rating {
            parts.append("EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.status = 'approved' AND v.rating = \(rating))")
        }
        if let since = filter.since { parts.append("c.created_at >= \(since.description)::date") }
        if let until = filter.until { parts.append("c.created_at < \(until.description)::date + 1") }
        if let search = filter.search { parts.append("c.search @@ websearch_to_tsquery('simple', \(search))") }
        if let before = filter.before { parts.append("c.id < \(before)") }
        return SQL.joined(parts, separator: " AND ")
    }
}

extension ClaimRecord {
    init(row: Row) throws {
        let id: Int64 = try row.require("id")
        self.init(id: ClaimNumber(id).description, number: id,
                  state: ReviewState(rawValue: try row.require("state")) ?? .logged,
                  text: try row.require("text"), claimant: try row.require("claimant"),
                  saidOn: try row.decode("said_on"), articleId: try row.decode("article_id"),
                  articleUrl: try row.decode("article_url"), context: try row.decode("context"),
                  tags: try row.require("tags", as: TextArray.self).elements,
                  priority: Priority(rawValue: try row.require("priority")) ?? .normal,
                  dueDate: try row.decode("due_on"), assignee: try row.decode("assignee"),
                  rating: try row.decode("rating"), createdBy: try row.require("created_by"),
                  createdAt: try row.require("created_at"), updatedAt: try row.require("updated_at"),
                  publishedAt: try row.decode("published_at"), publishedUrl: try row.decode("published_url"),
                  version: try row.require("version"))
    }
}

extension Store {
    /// The claims marked as duplicates that still wait to be resolved (rejected), oldest first;
    /// none on a schema from before the mark existed.
    public func markedDuplicates() throws -> [MarkedDuplicate] {
        try read { conn in
            let present: Bool = try conn.query("""
                SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('claims')
                               AND attname = 'duplicate_of' AND NOT attisdropped) AS present
                """).first!.require("present")
            guard present else { return [] }
            return try conn.query("""
                SELECT id, duplicate_of, state FROM claims
                WHERE duplicate_of IS NOT NULL AND state <> 'rejected' ORDER BY id
                """).map { row in
                MarkedDuplicate(claimId: ClaimNumber(try row.require("id")).description,
                                duplicateOf: ClaimNumber(try row.require("duplicate_of")).description,
                                state: ReviewState(rawValue: try row.require("state")) ?? .logged)
            }
        }
    }
}
