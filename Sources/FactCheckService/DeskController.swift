import DeskViews
import FactCheckCore
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOPosix

/// Users, tokens, the scale, the audit log, the report and the exports.
struct DeskController {
    let pool: StorePool
    let limits: ServiceConfiguration

    struct NewUserBody: Decodable { let handle: String; let name: String; let role: String; var password: String? }
    struct NewTokenBody: Decodable { let name: String; var expires: String? }
    struct CreatedToken: Encodable {
        let token: TokenRecord
        /// Shown this once; only its hash is kept.
        let secret: String
    }
    struct Me: Encodable { let handle: String; let role: String; let channel: String; let via: String? }
    struct ScaleView: Encodable { let name: String; let labels: [RatingLabel] }

    func add(to router: RouterGroup<DeskContext>) {
        router.get("me") { _, context in
            let actor = try context.requireActor()
            return try HTTP.json(Me(handle: actor.handle, role: actor.role.rawValue, channel: actor.channel.rawValue, via: actor.via))
        }
        router.get("users", use: users)
        router.post("users", use: addUser)
        router.post("users/:handle/deactivate", use: deactivate)
        router.get("tokens", use: tokens)
        router.post("tokens", use: createToken)
        router.post("tokens/:id/revoke", use: revokeToken)
        router.get("scale", use: scale)
        router.get("audit", use: audit)
        router.get("audit/verify", use: verify)
        router.get("report", use: report)
        router.post("imports/claims", use: importClaims)
        router.get("exports/claims.csv") { try await export(.claims, $0, $1) }
        router.get("exports/sources.csv") { try await export(.sources, $0, $1) }
        router.get("exports/audit.csv") { try await export(.audit, $0, $1) }
    }

    func users(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let users = try await pool.run { store in
            try store.users(by: actor)
        }
        return try HTTP.json(users)
    }

    func addUser(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let body = try await HTTP.decode(NewUserBody.self, from: request, limit: limits.maxBodyBytes)
        let (handle, name, role, password) = try HTTP.validated { () throws(DomainError) in
            let handle = try Validate.handle(body.handle)
            return (handle, try Validate.personName(body.name), try Validate.role(body.role),
                    try body.password.map { p throws(DomainError) in try Validate.password(p, handle: handle) })
        }
        try Permissions.check(actor, .manageUsers)
        // bcrypt is slow on purpose: hash on the NIO pool, not on a database thread.
        let hash = try await password.asyncMap { p in try await NIOThreadPool.singleton.runIfActive { Store.hashPassword(p) } }
        let user = try await pool.run { store in
            let added = try store.addUser(handle: handle, name: name, role: role, by: actor.handle)
            if let hash { try store.setPassword(of: handle, hash: hash, by: actor) }
            return added
        }
        return try HTTP.json(user, status: .created, location: "/api/v1/users/\(user.handle)")
    }

    func deactivate(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let handle = Validate.handleReference(context.parameters.get("handle") ?? "")
        let user = try await pool.run { store in try store.deactivateUser(handle, by: actor) }
        return try HTTP.json(user)
    }

    func tokens(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        return try HTTP.json(try await pool.run { store in try store.tokens(by: actor) })
    }

    func createToken(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let body = try await HTTP.decode(NewTokenBody.self, from: request, limit: limits.maxBodyBytes)
        let (name, expires) = try HTTP.validated { () throws(DomainError) in
            (try Validate.tokenName(body.name), try body.expires.map { s throws(DomainError) in try Validate.date(s, field: "expires") })
        }
        let grant = try await pool.run { store in try store.createToken(name: name, expiresOn: expires, by: actor) }
        return try HTTP.json(CreatedToken(token: grant.token, secret: grant.secret), status: .created)
    }

    func revokeToken(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        guard let text = context.parameters.get("id"), let number = try? TokenNumber(parsing: text) else {
            throw ServiceError.notFound("no such token")
        }
        return try HTTP.json(try await pool.run { store in try store.revokeToken(number, by: actor) })
    }

    func scale(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let scale = try await pool.run { store in
            try store.scale(by: actor)
        }
        return try HTTP.json(ScaleView(name: scale.name, labels: scale.labels))
    }

    func audit(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = Query(request)
        var filter = AuditFilter()
        if let claim = query.text("claim") {
            filter.claim = try HTTP.validated { () throws(DomainError) in try ClaimNumber(parsing: claim) }
        }
        filter.actor = query.text("actor").map(Validate.handleReference)
        filter.since = try query.date("since")
        filter.limit = try query.int("limit").map { n in try HTTP.validated { () throws(DomainError) in try Validate.limit(n) } } ?? 100
        let chosen = filter
        let events = try await pool.run { store in
            try store.auditEvents(chosen, by: actor)
        }
        return try HTTP.json(events)
    }

    func verify(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let result = try await pool.run { store in
            try store.verifyAudit(by: actor)
        }
        return try HTTP.json(result)
    }

    func report(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = Query(request)
        let (since, until) = (try query.date("since"), try query.date("until"))
        let window = try HTTP.validated { () throws(DomainError) in try Validate.window(since: since, until: until) }
        let report = try await pool.run { store in
            try store.deskReport(since: window.since, until: window.until, by: actor)
        }
        return try HTTP.json(report)
    }

    /// `import claims` as an upload: the CSV (or TSV) is the body, all or nothing, with the same
    /// line-numbered report of bad rows (422, `rows`).
    func importClaims(_ request: Request, context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permissions.check(actor, .importClaims)
        let query = Query(request)
        var renames: [String: String] = [:]
        for pair in query.parameters.getAll("map") {
            guard let (column, field) = ImportRequest.pair(pair) else { throw ServiceError.badRequest("map \(pair) is not COLUMN=FIELD") }
            renames[column] = field
        }
        let ratingMap = try query.parameters.getAll("map_rating").map { pair -> (from: String, to: String) in
            guard let (from, to) = ImportRequest.pair(pair) else { throw ServiceError.badRequest("map_rating \(pair) is not LABEL=SCALE_LABEL") }
            return (from, to)
        }
        let tsv = query.text("tsv") == "true" || (request.headers[.contentType] ?? "").hasPrefix("text/tab-separated-values")
        let name = query.text("name").map { String($0.prefix(200)) } ?? "upload.\(tsv ? "tsv" : "csv")"
        let importRequest = ImportRequest(fileName: name, delimiter: tsv ? UInt8(ascii: "\t") : UInt8(ascii: ","),
                                          renames: renames, ratingMap: ratingMap,
                                          dryRun: query.text("dry_run") == "true")
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limits.maxUploadBytes) } catch {
            throw ServiceError.tooLarge(limit: limits.maxUploadBytes)
        }
        let bytes = [UInt8](buffer.readableBytesView)
        let summary = try await pool.run { store in
            try bytes.withUnsafeBufferPointer { try store.importFile($0, importRequest, by: actor) }
        }
        return try HTTP.json(summary, status: importRequest.dryRun ? .ok : .created)
    }

    enum Export { case claims, sources, audit }

    /// CSV streamed from COPY as PostgreSQL writes it: constant memory, no cap, one snapshot.
    /// The database thread waits while the client is slower than the database.
    func export(_ kind: Export, _ request: Request, _ context: DeskContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = Query(request)
        let chosen = try query.claimFilter()
        let excel = query.text("excel") == "true" || query.text("excel") == "1"
        let pipe = ChunkPipe()
        let pool = self.pool
        let task = Task {
            do {
                _ = try await pool.run { store in
                    // COPY hands over one row at a time; they cross to the writer in 64 KiB batches.
                    var batch: [UInt8] = excel ? [0xEF, 0xBB, 0xBF] : []
                    batch.reserveCapacity(1 << 16)
                    let sink: (UnsafeRawBufferPointer) throws -> Void = { bytes in
                        batch.append(contentsOf: bytes)
                        if batch.count >= 1 << 16 {
                            try pipe.send(batch)
                            batch.removeAll(keepingCapacity: true)
                        }
                    }
                    let rows = switch kind {
                    case .claims: try store.exportClaims(chosen, by: actor, sink).rows
                    case .sources: try store.exportSources(chosen, by: actor, sink).rows
                    case .audit: try store.exportAudit(chosen, by: actor, sink).rows
                    }
                    if !batch.isEmpty { try pipe.send(batch) }
                    return rows
                }
                pipe.finish(nil)
            } catch {
                pipe.finish(error)
            }
        }
        // The first bytes decide the status: an error before any row is a problem response.
        let first: [UInt8]?
        do {
            first = try await pipe.next()
        } catch {
            task.cancel()
            throw error
        }
        let name = switch kind { case .claims: "claims"; case .sources: "sources"; case .audit: "audit" }
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"\(name).csv\"",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            do {
                if let first { try await writer.write(ByteBuffer(bytes: first)) }
                while let chunk = try await pipe.next() {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            } catch {
                pipe.cancel()
                throw error
            }
        })
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

/// Chunks from a database thread to an async response writer, at most `capacity` waiting:
/// the producer blocks when the consumer is slower, so memory stays flat.
final class ChunkPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var done = false
    private var failure: Error?
    private var cancelled = false
    private var waiter: CheckedContinuation<[UInt8]?, Error>?
    private let capacity = 16

    struct Cancelled: Error {}

    /// Called on the database thread; throws once the client went away, which ends the COPY.
    func send(_ chunk: [UInt8]) throws {
        condition.lock()
        while chunks.count >= capacity && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw Cancelled()
        }
        if let waiter {
            self.waiter = nil
            condition.unlock()
            waiter.resume(returning: chunk)
            return
        }
        chunks.append(chunk)
        condition.unlock()
    }

    func finish(_ error: Error?) {
        condition.lock()
        done = true
        failure = error
        let waiter = self.waiter
        self.waiter = nil
        condition.unlock()
        if let waiter {
            if let error { waiter.resume(throwing: error) } else { waiter.resume(returning: nil) }
        }
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func next() async throws -> [UInt8]? {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if !chunks.isEmpty {
                let chunk = chunks.removeFirst()
                condition.signal()
                condition.unlock()
                continuation.resume(returning: chunk)
            } else if done {
                let failure = self.failure
                condition.unlock()
                if let failure { continuation.resume(throwing: failure) } else { continuation.resume(returning: nil) }
            } else {
                waiter = continuation
                condition.unlock()
            }
        }
    }
}
