import FactCheckCore
import FactCheckStore
import Foundation
import Postgres
import TestSupport
import Testing

/// The store behind PgBouncer in `pool_mode=transaction` (Scripts/test starts one with three
/// server connections per database): what keeps a session is refused or kept inside one
/// transaction, and the rest works as on the server itself.
@Suite struct PoolerTests {
    /// A migrated database, by name, with its conninfos through the pooler and direct.
    func database() throws -> (pooled: String, direct: String) {
        let name = try TestDatabase.migratedDatabase()
        return (try TestDatabase.poolerConninfo(database: name), try TestDatabase.directConninfo(database: name))
    }

    @Test func thePoolerIsDetectedAndTheSettingWins() throws {
        let (pooled, direct) = try database()
        #expect(try Connection(pooled).goesThroughPooler())
        #expect(try !Connection(direct).goesThroughPooler())
        #expect(try !Connection(pooled, pooling: .direct).goesThroughPooler())
        #expect(try Connection(direct, pooling: .transaction).goesThroughPooler())
        let env = ["FACTCHECK_DATABASE_URL": pooled, "FACTCHECK_POOLER": "transaction"]
        #expect(DatabaseLocation.resolve(option: nil, environment: env).pooling == .transaction)
        #expect(DatabaseLocation.resolve(option: nil, environment: env.merging(["FACTCHECK_POOLER": "none"]) { $1 }).pooling == .direct)
        #expect(DatabaseLocation.resolve(option: nil, environment: ["FACTCHECK_DATABASE_URL": pooled]).pooling == .detect)
        // The test process itself reaches its databases as Scripts/test says.
        let store = try Store(location: DatabaseLocation(conninfo: try TestDatabase.migrated(), origin: .option))
        #expect(try store.connection.goesThroughPooler() == TestDatabase.throughPooler)
    }

    /// The migrator's advisory lock is a session's: through the pooler it refuses before taking
    /// it and applies nothing; `FACTCHECK_DIRECT_URL` names where it may run.
    @Test func migratingThroughThePoolerIsRefusedAndTheDirectURLMigrates() throws {
        let name = try TestDatabase.emptyDatabase()
        let pooled = try TestDatabase.poolerConninfo(database: name)
        let direct = try TestDatabase.directConninfo(database: name)
        let location = DatabaseLocation.resolve(option: pooled, environment: [:])
        let store = try Store(location: location)
        #expect {
            _ = try store.migrator.migrate(appliedBy: "tests")
        } throws: { error in
            guard case StoreError.needsDirectConnection(let purpose, _) = error else { return false }
            return purpose == "db migrate"
        }
        let check = try Connection(direct)
        #expect(try check.query("SELECT to_regclass('factcheck_migrations') IS NULL AS none").first!.require("none", as: Bool.self))

        let both = DatabaseLocation.resolve(option: pooled, environment: ["FACTCHECK_DIRECT_URL": direct])
        #expect(both.direct.conninfo == direct)
        #expect(both.listenConninfo == direct)
        let migrated = try Store(location: both.direct).migrator.migrate(appliedBy: "tests")
        #expect(migrated.count == Migration.all.count)
        // Everyday work goes through the pooler, on the schema migrated directly.
        try Store(location: location).migrator.requireCurrent()
    }

    /// A long session asks for prepared statements; through the pooler it gets none (another
    /// transaction may land on a server connection that never saw them), and works.
    @Test func noStatementIsPreparedThroughThePooler() throws {
        let (pooled, direct) = try database()
        let store = try Store(location: DatabaseLocation(conninfo: pooled, origin: .option), preparesRepeatedStatements: true)
        let maria = try store.addUser(handle: "maria", name: "María Ortiz", role: .admin, by: nil)
        for index in 0..<12 {
            let actor = try store.actor(maria.handle)
            _ = try store.addClaim(NewClaim(text: "Exports rose by \(index + 10) percent.", claimant: "Hart"), by: actor)
            #expect(try store.claims(ClaimFilter(claimant: "Hart"), by: actor).count == index + 1)
        }
        #expect(store.connection.preparedStatementCount == 0)
        let directStore = try Store(location: DatabaseLocation(conninfo: direct, origin: .option), preparesRepeatedStatements: true)
        let reader = try directStore.actor(maria.handle)
        for _ in 0..<Connection.prepareThreshold { _ = try directStore.claims(ClaimFilter(claimant: "Hart"), by: reader) }
        #expect(directStore.connection.preparedStatementCount > 0)
    }

    /// An export's filter values reach COPY as transaction-local settings: eight exports at once,
    /// each for its own claimant, through three server connections, each get their own rows.
    @Test func concurrentFilteredExportsThroughThePoolerGetTheirOwnRows() throws {
        let (pooled, _) = try database()
        let location = DatabaseLocation(conninfo: pooled, origin: .option)
        let setup = try Store(location: location)
        _ = try setup.addUser(handle: "maria", name: "María Ortiz", role: .admin, by: nil)
        let maria = try setup.actor("maria")
        let claimants = (0..<8).map { "Claimant \($0)" }
        for (index, claimant) in claimants.enumerated() {
            for n in 0...index {
                _ = try setup.addClaim(NewClaim(text: "\(claimant) said turnout was \(n + 40) percent.", claimant: claimant), by: maria)
            }
        }
        let results = Box<[Int: (rows: Int, text: String)]>()
        results.value = [:]
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: claimants.count * 3) { run in
            let index = run % claimants.count
            do {
                let store = try Store(location: location)
                var bytes = [UInt8]()
                let rows = try store.exportClaims(ClaimFilter(claimant: claimants[index]), by: maria) { bytes.append(contentsOf: $0) }.rows
                lock.withLock { results.value![run] = (rows, String(decoding: bytes, as: UTF8.self)) }
            } catch {
                lock.withLock { results.value![run] = (-1, "\(error)") }
            }
        }
        for run in 0..<(claimants.count * 3) {
            let index = run % claimants.count
            let result = try #require(results.value?[run])
            #expect(result.rows == index + 1, "\(result.text)")
            let lines = result.text.split(separator: "\n").dropFirst()
            #expect(lines.count == index + 1)
            #expect(lines.allSatisfy { $0.contains(claimants[index]) }, "\(result.text)")
        }
    }
}
