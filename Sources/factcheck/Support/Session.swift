import FactCheckCore
import FactCheckStore
import Foundation

/// How every command opens the database and finds who is acting: one way, shared.
struct Session {
    let store: Store
    let options: GlobalOptions

    /// Connects and, unless the command manages the schema itself, refuses a schema the
    /// binary was not built for.
    ///
    /// `direct`: the command needs a session of its own (`db migrate`), so it connects to
    /// `FACTCHECK_DIRECT_URL` when that is set. `readURL`: the command only reads (exports, the
    /// report) and may be served by a replica: `--read-url`, else `FACTCHECK_READ_URL`.
    static func open(_ options: GlobalOptions, checkSchema: Bool = true, direct: Bool = false,
                     readURL: String? = nil) throws -> Session {
        let environment = ProcessInfo.processInfo.environment
        var location = DatabaseLocation.resolve(option: options.databaseURL, environment: environment)
        if direct { location = location.direct }
        if !direct, let read = DatabaseLocation.resolveRead(option: readURL, environment: environment) {
            location = read
        }
        let store = try Store(location: location)
        if checkSchema { try store.migrator.requireCurrent() }
        return Session(store: store, options: options)
    }

    /// Whether the command reads from a read URL (a replica) rather than the database.
    var readsElsewhere: Bool { [.readOption, .readVariable].contains(store.location.origin) }

    /// The handle named by `--as` or `FACTCHECK_USER`, if any.
    /// Handles are stored lowercase; `--as Ben` means ben.
    var handle: String? {
        let given = options.actingUser ?? ProcessInfo.processInfo.environment["FACTCHECK_USER"]
        guard let h = given.map(Validate.handleReference), !h.isEmpty else { return nil }
        return h
    }

    /// The acting user; refuses (exit 77) when none is named or the handle is unknown.
    func actor() throws -> Actor {
        guard let handle else { throw StoreError.identityRequired }
        return try store.actor(handle)
    }

    /// The acting user, checked for a permission up front (for reads and exports).
    func actor(allowedTo action: Action) throws -> Actor {
        let actor = try actor()
        try Permissions.check(actor, action)
        return actor
    }
}
