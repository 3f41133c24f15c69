import FactCheckCore
import FactCheckStore
import Foundation
import Postgres
import TestSupport
import Testing

/// Exports and the report from the streaming replica that Scripts/test starts beside the
/// cluster (pg_basebackup -R, max_standby_streaming_delay=0).
@Suite struct ReplicaTests {
    /// A migrated database with admin maria and `claims` claims written straight into the
    /// table (there is no faster way to a large desk), replayed by the replica.
    func desk(claims: Int) throws -> (primary: Store, replica: Store, name: String) {
        let name = try TestDatabase.migratedDatabase()
        let primary = try Store(location: DatabaseLocation(conninfo: try TestDatabase.conninfo(database: name), origin: .option))
        let maria = try primary.addUser(handle: "maria", name: "María Ortiz", role: .admin, by: nil)
        _ = try primary.addClaim(NewClaim(text: "Turnout was the highest since 1990.", claimant: "Hart"), by: try primary.actor(maria.handle))
        if claims > 1 {
            try primary.connection.run("""
                INSERT INTO claims (text, normalized_text, claimant, created_by)
                SELECT 'Exports to the north grew by ' || g || ' percent last year.',
                       'exports to the north grew by ' || g || ' percent last year', 'Minister Hart', 'maria'
                FROM generate_series(2, \(claims)) g
                """)
        }
        try TestDatabase.waitForReplica()
        let replica = try Store(location: DatabaseLocation(conninfo: try TestDatabase.replicaConninfo(database: name), origin: .readOption))
        return (primary, replica, name)
    }

    /// Whether replay stops short of what the primary wrote though the standby has received it
    /// all: it waits for a query whose snapshot the cleanup would break, which it has asked to
    /// cancel (with max_standby_streaming_delay=0, at once). Polls until seen, for up to 30 s.
    static func replayWaits(primary: Connection, standby: Connection) throws -> Bool {
        let written: String = try primary.query("SELECT pg_current_wal_insert_lsn()::text AS lsn").first!.require("lsn")
        var stuckAt: String?
        var seen = 0
        for _ in 0..<3_000 {
            let row = try standby.query("""
                SELECT pg_last_wal_receive_lsn() >= \(written)::pg_lsn AS received,
                       pg_last_wal_replay_lsn() < \(written)::pg_lsn AS behind, pg_last_wal_replay_lsn()::text AS replayed
                """).first!
            if try row.require("received", as: Bool.self), try row.require("behind", as: Bool.self) {
                let replayed: String = try row.require("replayed")
                // The same position on three looks in a row: replay is held, not just behind (a loaded
                // machine may cancel the conflict before more looks come round).
                seen = replayed == stuckAt ? seen + 1 : 0
                stuckAt = replayed
                if seen >= 3 { return true }
            } else {
                seen = 0
            }
            usleep(10_000)
        }
        return false
    }

    @Test func theReplicasExportIsThePrimarysAtTheSameAuditEvent() throws {
        let (primary, replica, _) = try desk(claims: 200)
        var fromPrimary: [UInt8] = [], fromReplica: [UInt8] = []
        let p = try primary.exportClaims(ClaimFilter(), by: try primary.actor("maria"), restart: { fromPrimary = []; return true }) { fromPrimary += $0 }
        let r = try replica.exportClaims(ClaimFilter(), by: try replica.actor("maria"), restart: { fromReplica = []; return true }) { fromReplica += $0 }
        #expect(p.rows == 200 && r.rows == 200)
        #expect(p.auditSequence == r.auditSequence && p.auditSequence > 0)
        #expect(fromPrimary == fromReplica)
        #expect(try replica.connection.query("SELECT pg_is_in_recovery() AS standby").first!.require("standby", as: Bool.self))
        let report = try replica.deskReport(since: nil, until: nil, by: try replica.actor("maria"))
        #expect(report.auditSequence == p.auditSequence && report.totalClaims == 200)
    }

    /// A standby cancels a snapshot that replay must clean up under (SQLSTATE 40001, "conflict
    /// with recovery"): the export starts again, once, on a new snapshot, and hands out a whole
    /// file of the newer rows.
    @Test func anExportCancelledByRecoveryRunsAgainOnANewSnapshot() throws {
        let (_, replica, name) = try desk(claims: 30_000)
        let primary = try Connection(try TestDatabase.directConninfo(database: name))
        let standby = try Connection(try TestDatabase.replicaAdminConninfo())
        var bytes: [UInt8] = []
        var conflictMade = false
        var restarts = 0
        let snapshot = try replica.exportClaims(ClaimFilter(), by: try replica.actor("maria"), restart: { restarts += 1; bytes = []; return true }) { chunk in
            bytes += chunk
            guard !conflictMade else { return }
            conflictMade = true
            // While this snapshot is held (and the standby is blocked sending the rest of the
            // file to us), the primary rewrites every claim and vacuums the old rows away.
            try primary.run("UPDATE claims SET priority = 'high'")
            try primary.execute("VACUUM claims")
            #expect(try ReplicaTests.replayWaits(primary: primary, standby: standby), "replay never waited for the export's snapshot")
        }
        #expect(restarts == 1)
        #expect(snapshot.retried)
        #expect(snapshot.rows == 30_000)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 30_001)
        #expect(lines.dropFirst().allSatisfy { $0.contains(",high,") })
    }

    /// Without a way to take back what was handed out, the cancel is the error it is.
    @Test func aCancelledExportThatCannotStartAgainFails() throws {
        let (_, replica, name) = try desk(claims: 30_000)
        let primary = try Connection(try TestDatabase.directConninfo(database: name))
        let standby = try Connection(try TestDatabase.replicaAdminConninfo())
        var conflictMade = false
        #expect {
            _ = try replica.exportClaims(ClaimFilter(), by: try replica.actor("maria"), restart: { false }) { _ in
                guard !conflictMade else { return }
                conflictMade = true
                try primary.run("UPDATE claims SET priority = 'urgent'")
                try primary.execute("VACUUM claims")
                _ = try ReplicaTests.replayWaits(primary: primary, standby: standby)
            }
        } throws: { error in
            guard case StoreError.database(let pg) = error else { return false }
            return pg.isRecoveryConflict
        }
    }

    @Test func aWriteOnTheReplicaIsRefusedAsReadOnly() throws {
        let (_, replica, _) = try desk(claims: 1)
        let maria = try replica.actor("maria")
        #expect {
            _ = try replica.addClaim(NewClaim(text: "Prices fell by a third.", claimant: "Hart"), by: maria)
        } throws: { error in
            guard case StoreError.readOnlyDatabase = error else { return false }
            return true
        }
    }
}
