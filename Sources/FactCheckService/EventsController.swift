import FactCheckCore
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird
import Postgres
import ServiceLifecycle

/// Live updates as Server-Sent Events: `/api/v1/events` (every change) and
/// `/api/v1/claims/{id}/events` (one claim's). One dedicated LISTEN connection feeds every
/// stream; a NOTIFY carries ids only and is sent by the database on commit. The event id is the
/// audit event's id, so a reconnect with `Last-Event-ID` replays what it missed from the log.
struct EventsController {
    let pool: StorePool
    let listener: Listener

    init(pool: StorePool, database: DatabaseLocation) {
        self.pool = pool
        listener = Listener.shared(for: database)
    }

    struct Change: Codable, Sendable {
        let id: Int64
        let claimId: Int64?
        let stream: String
        let action: String
        var actor: String?

        enum CodingKeys: String, CodingKey { case id, claimId = "claim_id", stream, action, actor }

        /// Not a change: the listener's once-a-second pulse.
        static let tick = Change(id: 0, claimId: nil, stream: "", action: "")
        var isTick: Bool { id == 0 }
    }

    func add(to router: RouterGroup<DeskContext>) {
        router.get("events") { request, context in try await stream(request, context, claim: nil) }
        router.get("claims/:id/events") { request, context in
            try await stream(request, context, claim: try context.parameters.claim())
        }
    }

    func stream(_ request: Request, _ context: DeskContext, claim: ClaimNumber?) async throws -> Response {
        let actor = try context.requireActor()
        try Permissions.check(actor, .read)
        let lastSeen = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        // Subscribed before the replay is read, and live only once the LISTEN is: a change
        // committed after the client sees ": live" reaches it.
        let subscription = listener.subscribe()
        await listener.listening()
        // What the client missed, from the log; then whatever arrives, skipping what the replay held.
        let missed: [AuditEventRecord] = if let lastSeen {
            try await pool.run { store in try store.auditEvents(AuditFilter(claim: claim, limit: 1000, afterId: lastSeen), by: actor) }
        } else { [] }
        let claimValue = claim?.value
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
            HTTPField.Name("X-Accel-Buffering")!: "no",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            defer { subscription.cancel() }
            var newest = lastSeen ?? 0
            try await writer.write(ByteBuffer(string: "retry: 1000\n: live\n\n"))
            for event in missed {
                let change = Change(id: event.id, claimId: event.claimId.flatMap { Int64($0.dropFirst(2)) },
                                    stream: event.stream, action: event.action, actor: event.actor)
                try await writer.write(ByteBuffer(string: Self.frame(change)))
                newest = max(newest, event.id)
            }
            // A stream ends when the service shuts down (so SIGTERM does not wait for it), or
            // when a write fails: the listener's tick every second becomes a comment line every
            // fifteen, so a client that went away is noticed.
            try await withGracefulShutdownHandler {
                var ticks = 0
                for await change in subscription.changes {
                    if change.isTick {
                        ticks += 1
                        if ticks % 15 == 0 { try await writer.write(ByteBuffer(string: ": keep-alive\n\n")) }
                        continue
                    }
                    if let claimValue, change.claimId != claimValue { continue }
                    guard change.id > newest else { continue }
                    newest = change.id
                    try await writer.write(ByteBuffer(string: Self.frame(change)))
                }
            } onGracefulShutdown: {
                subscription.cancel()
            }
            try await writer.finish(nil)
        })
    }

    static func frame(_ change: Change) -> String {
        let data = (try? JSONEncoder().encode(change)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "id: \(change.id)\nevent: change\ndata: \(data)\n\n"
    }
}

/// The one LISTEN connection of a process, on a thread of its own (never through a pooler:
/// transaction pooling cannot keep a LISTEN). It reconnects when the connection is lost;
/// a subscriber that reconnects with its last event id loses nothing.
final class Listener: @unchecked Sendable {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var listeners: [String: Listener] = [:]

    static func shared(for location: DatabaseLocation) -> Listener {
        lock.lock(); defer { lock.unlock() }
        let key = location.listenConninfo
        if let existing = listeners[key] { return existing }
        let listener = Listener(conninfo: key)
        listeners[key] = listener
        return listener
    }

    final class Subscription: @unchecked Sendable {
        let changes: AsyncStream<EventsController.Change>
        let continuation: AsyncStream<EventsController.Change>.Continuation
        weak var listener: Listener?
        let id: Int
        init(id: Int, listener: Listener) {
            self.id = id
            self.listener = listener
            (changes, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1000))
        }
        func cancel() {
            continuation.finish()
            listener?.remove(id)
        }
    }

    private let conninfo: String
    private let lock = NSLock()
    private var subscribers: [Int: Subscription] = [:]
    private var nextId = 0
    private var started = false
    private var isListening = false
    private var waiting: [UUID: CheckedContinuation<Void, Never>] = [:]

    private init(conninfo: String) { self.conninfo = conninfo }

    /// Returns once the LISTEN is active, or after `patience` if the database cannot be
    /// reached (the stream then catches up when the listener does; Last-Event-ID covers it).
    func listening(patience: Duration = .seconds(10)) async {
        let ticket = UUID()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = lock.withLock {
                if isListening { return true }
                waiting[ticket] = continuation
                return false
            }
            if now { continuation.resume(); return }
            Task { [self] in
                try? await Task.sleep(for: patience)
                let late = lock.withLock { waiting.removeValue(forKey: ticket) }
                late?.resume()
            }
        }
    }

    private func setListening(_ value: Bool) {
        lock.lock()
        isListening = value
        let resumed = value ? Array(waiting.values) : []
        if value { waiting = [:] }
        lock.unlock()
        for continuation in resumed { continuation.resume() }
    }

    func subscribe() -> Subscription {
        lock.lock(); defer { lock.unlock() }
        nextId += 1
        let subscription = Subscription(id: nextId, listener: self)
        subscribers[nextId] = subscription
        if !started {
            started = true
            Thread.detachNewThread { [self] in self.run() }
        }
        return subscription
    }

    func remove(_ id: Int) {
        lock.lock(); defer { lock.unlock() }
        subscribers[id] = nil
    }

    private func run() {
        let decoder = JSONDecoder()
        while true {
            do {
                let connection = try Connection(conninfo)
                try connection.listen("factcheck_events")
                setListening(true)
                var lastTick = Date()
                while true {
                    if Date().timeIntervalSince(lastTick) >= 1 {
                        lastTick = Date()
                        lock.lock()
                        let targets = Array(subscribers.values)
                        lock.unlock()
                        for target in targets { target.continuation.yield(.tick) }
                    }
                    for note in try connection.notifications(waitingUpTo: 1000) {
                        guard let change = try? decoder.decode(EventsController.Change.self, from: Data(note.payload.utf8)) else { continue }
                        lock.lock()
                        let targets = Array(subscribers.values)
                        lock.unlock()
                        for target in targets { target.continuation.yield(change) }
                    }
                }
            } catch {
                setListening(false)
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }
}
