import FactCheckCore
import FactCheckService
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Postgres
import TestSupport

/// A desk behind the service on its own migrated database: admin maria, editor ed, reviewers
/// ben and chen, each with the same password (hashed once per run: bcrypt is slow on purpose)
/// and an API token.
struct ServiceDesk: @unchecked Sendable {
    static let password = "quiet harbour lantern 42"
    static let hash = Store.hashPassword(password)

    let conninfo: String
    let service: DeskService
    let store: Store
    var tokens: [String: String] = [:]

    init(publicURL: String = "http://127.0.0.1:8080", pool: StorePool.Settings = .init(size: 4, maxWaiting: 64),
         throttle: LoginThrottle = .init(), sessions: SessionPolicy = .init()) throws {
        conninfo = try TestDatabase.migrated()
        let location = DatabaseLocation(conninfo: conninfo, origin: .option)
        store = try Store(location: location)
        _ = try store.addUser(handle: "maria", name: "María Ortiz", role: .admin, passwordHash: Self.hash, by: nil)
        for (handle, name, role) in [("ed", "Ed Park", Role.editor), ("ben", "Ben Okafor", .reviewer), ("chen", "Chen Wei", .reviewer)] {
            _ = try store.addUser(handle: handle, name: name, role: role, passwordHash: Self.hash, by: "maria")
        }
        for handle in ["maria", "ed", "ben", "chen"] {
            tokens[handle] = try store.createToken(name: "tests", expiresOn: nil, by: try store.actor(handle)).secret
        }
        service = DeskService(configuration: ServiceConfiguration(
            host: "127.0.0.1", port: 0, publicURL: URL(string: publicURL)!, database: location, pool: pool,
            sessions: sessions, throttle: throttle, maxBodyBytes: 1 << 20))
    }

    var application: some ApplicationProtocol {
        Application(router: service.router())
    }

    func bearer(_ handle: String) -> HTTPFields {
        [.authorization: "Bearer \(tokens[handle]!)", .contentType: "application/json"]
    }

    func count(_ sql: String) throws -> Int {
        try store.connection.query(SQL(stringLiteral: sql)).first!.require("n")
    }

    var cli: CLI { CLI(databaseURL: conninfo) }

    func close() { service.pool.close() }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}

func body(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
}
