import FactCheckStore
import Foundation
import Postgres

/// The store's synchronous libpq calls, run on threads of their own: one connection per
/// thread, a bounded queue of waiting calls, and a fast refusal (`ServiceError.busy`) when the
/// queue is full, so an overloaded desk answers 503 at once instead of hanging.
///
/// A call holds a thread (and its connection) for the length of one store call, never across
/// awaits. Not `NIOThreadPool.singleton`: that has as many threads as cores and is shared with
/// bcrypt and file I/O.
public final class StorePool: @unchecked Sendable {
    public struct Settings: Sendable {
        public var size: Int
        public var maxWaiting: Int
        /// `SET LOCAL statement_timeout` of every transaction, in milliseconds.
        public var statementTimeout: Int
        public init(size: Int = 8, maxWaiting: Int = 64, statementTimeout: Int = 15_000) {
            self.size = size
            self.maxWaiting = maxWaiting
            self.statementTimeout = statementTimeout
        }
    }

    private typealias Job = (Result<Store, Error>) -> Void

    public let location: DatabaseLocation
    public let settings: Settings
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var busyThreads = 0
    private var closed = false
    private var running = 0
    private let finished = DispatchGroup()

    public init(location: DatabaseLocation, settings: Settings = .init()) {
        self.location = location
        self.settings = settings
        for index in 0..<settings.size {
            finished.enter()
            let thread = Thread { [self] in self.work(); self.finished.leave() }
            thread.name = "factcheck-store-\(index)"
            thread.start()
        }
    }

    /// Calls in progress and calls waiting, for `/metrics`.
    public var load: (inUse: Int, waiting: Int) {
        condition.lock(); defer { condition.unlock() }
        return (busyThreads, jobs.count - head)
    }

    /// Runs `body` with a store of its own; `ServiceError.busy` when the queue is full,
    /// `.shuttingDown` once `close()` began.
    public func run<T: Sendable>(_ body: @escaping @Sendable (Store) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            condition.lock()
            if closed {
                condition.unlock()
                continuation.resume(throwing: ServiceError.shuttingDown)
                return
            }
            if jobs.count - head >= settings.maxWaiting {
                condition.unlock()
                continuation.resume(throwing: ServiceError.busy)
                return
            }
            jobs.append { store in
                continuation.resume(with: Result { try body(try store.get()) })
            }
            condition.signal()
            condition.unlock()
        }
    }

    /// Lets the calls already queued finish, then closes every connection.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    private func work() {
        var store: Store?
        while true {
            condition.lock()
            while head == jobs.count && !closed { condition.wait() }
            if head == jobs.count && closed {
                condition.unlock()
                break
            }
            let job = jobs[head]
            head += 1
            if head > 256 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            busyThreads += 1
            condition.unlock()

            if store == nil || store?.connection.isBroken == true {
                store = nil
                do {
                    let opened = try Store(location: location, preparesRepeatedStatements: true)
                    opened.statementTimeout = settings.statementTimeout
                    store = opened
                } catch {
                    job(.failure(error))
                }
            }
            if let store { job(.success(store)) }

            condition.lock()
            busyThreads -= 1
            condition.unlock()
        }
        store?.connection.close()
    }
}
