import Foundation
import Postgres

/// One numbered SQL file from `Migrations/`, carried in the binary.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let file: String
    public let sql: String

    /// Every embedded migration, in version order. File names follow `V0001__name.sql`.
    public static let all: [Migration] = embeddedMigrationFiles.compactMap { file in
        guard file.name.hasPrefix("V"), let separator = file.name.range(of: "__"),
              let version = Int(file.name[file.name.index(after: file.name.startIndex)..<separator.lowerBound])
        else { return nil }
        let name = String(file.name[separator.upperBound...].dropLast(".sql".count))
        return Migration(version: version, name: name, file: file.name, sql: file.sql)
    }.sorted { $0.version < $1.version }
}

/// What the database holds compared with the binary.
public struct MigrationStatus: Sendable {
    public struct Entry: Sendable, Codable {
        public enum State: String, Sendable, Codable { case applied, pending, mismatched, unknown }
        public let version: Int
        public let name: String
        public let state: State
        public let appliedAt: Date?
        public let appliedBy: String?
        public let executionMilliseconds: Int?
    }
    public let entries: [Entry]
    public var isCurrent: Bool { entries.allSatisfy { $0.state == .applied } }
}

/// Applies migrations forward only, each file and its history row in one transaction, under
/// an advisory lock so that concurrent runs serialise.
public struct Migrator {
    let connection: Connection
    let migrations: [Migration]
    /// Where the connection was found, for errors that must say which database they mean.
    let location: DatabaseLocation?

    /// Key of the advisory lock held while migrating: any constant shared by all runs.
    static let lockKey: Int64 = 0x6661_6374_6368_6b00

    public init(connection: Connection, migrations: [Migration] = Migration.all, location: DatabaseLocation? = nil) {
        self.connection = connection
        self.migrations = migrations
        self.location = location
    }

    /// Applies what is pending; returns the migrations it applied. A role that may not change
    /// the schema (the everyday `factcheck_app` role) gets `migrationNotPermitted` naming the
    /// schema's owner; on a current schema it needs no such right, since nothing is changed.
    public func migrate(appliedBy handle: String?) throws -> [Migration] {
        do {
            return try migrateUnderLock(appliedBy: handle)
        } catch let error as PostgresError where error.isInsufficientPrivilege {
            let who = try connection.query("""
                SELECT current_user AS role, current_database() AS database,
                       coalesce((SELECT tableowner::text FROM pg_tables
                                 WHERE schemaname = current_schema() AND tablename = 'factcheck_migrations'),
                                (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = current_schema())) AS owner
                """).first!
            throw StoreError.migrationNotPermitted(role: try who.require("role"), database: try who.require("database"),
                                                   owner: try who.decode("owner"), reason: error.message)
        }
    }

    private func migrateUnderLock(appliedBy handle: String?) throws -> [Migration] {
        // The lock below is a session's, and a transaction pooler would give the lock and each
        // migration's transaction to different server sessions: refuse before taking it.
        if try connection.goesThroughPooler() {
            throw StoreError.needsDirectConnection(purpose: "db migrate", target: location?.redacted ?? "the database")
        }
        try connection.query("SELECT pg_advisory_lock(\(Migrator.lockKey))")
        defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(Migrator.lockKey))") }
        let applied = try appliedChecksums()
        for migration in migrations {
            if let stored = applied[migration.version], stored != (try checksum(of: migration)) {
                throw StoreError.checksumMismatch(file: migration.file)
            }
        }
        if migrations.allSatisfy({ applied[$0.version] != nil }) { return [] }
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS factcheck_migrations (
                version        integer PRIMARY KEY,
                name           text NOT NULL,
                checksum       text NOT NULL,
                applied_at     timestamptz NOT NULL DEFAULT now(),
                applied_by     text NOT NULL,
                execution_ms   integer NOT NULL
            )
            """)
        var done: [Migration] = []
        for migration in migrations where applied[migration.version] == nil {
            let started = DispatchTime.now()
            try connection.withTransaction { conn in
                try conn.executeScript(migration.sql)
                let elapsed = Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000)
                try conn.run("""
                    INSERT INTO factcheck_migrations (version, name, checksum, applied_by, execution_ms)
                    VALUES (\(migration.version), \(migration.name),
                            encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'),
                            coalesce(\(handle), current_user), \(elapsed))
                    """)
            }
            done.append(migration)
        }
        // Statements this session prepared before the schema changed must not outlive it. The
        // migrations are committed by now: failing to drop them must not report otherwise (they
        // are forgotten here either way, and later runs prepare under new names).
        if !done.isEmpty { try? connection.forgetPreparedStatements() }
        return done
    }

    public func status() throws -> MigrationStatus {
        let rows = try historyRows()
        var entries: [MigrationStatus.Entry] = []
        var seen = Set<Int>()
        for migration in migrations {
            seen.insert(migration.version)
            if let row = rows[migration.version] {
                let same = row.checksum == (try checksum(of: migration))
                entries.append(.init(version: migration.version, name: migration.name,
                                     state: same ? .applied : .mismatched, appliedAt: row.appliedAt,
                                     appliedBy: row.appliedBy, executionMilliseconds: row.ms))
            } else {
                entries.append(.init(version: migration.version, name: migration.name, state: .pending,
                                     appliedAt: nil, appliedBy: nil, executionMilliseconds: nil))
            }
        }
        for (version, row) in rows.sorted(by: { $0.key < $1.key }) where !seen.contains(version) {
            entries.append(.init(version: version, name: row.name, state: .unknown, appliedAt: row.appliedAt,
                                 appliedBy: row.appliedBy, executionMilliseconds: row.ms))
        }
        return MigrationStatus(entries: entries)
    }

    /// Refuses to work on a schema the binary was not built for. One cheap query.
    public func requireCurrent() throws {
        let rows: Rows
        do {
            rows = try connection.query("""
                SELECT coalesce(array_agg(version ORDER BY version)::text, '{}') AS versions, current_database() AS name
                FROM factcheck_migrations
                """)
        } catch {
            // No history table: a database never migrated.
            if error.sqlState == "42P01" {
                let name: String = try connection.query("SELECT current_database() AS name").first!.require("name")
                throw StoreError.schemaBehind(pending: migrations.map(\.file), database: name, location: location)
            }
            throw error
        }
        let applied = Set(try TextArray(postgresText: rows.first?["versions"] ?? "{}").elements.compactMap { Int($0) })
        let known = Set(migrations.map(\.version))
        let unknown = applied.subtracting(known).sorted()
        if !unknown.isEmpty { throw StoreError.schemaAhead(unknown: unknown) }
        let pending = migrations.filter { !applied.contains($0.version) }.map(\.file)
        if !pending.isEmpty {
            throw StoreError.schemaBehind(pending: pending, database: try rows.first!.require("name"), location: location)
        }
    }

    private struct HistoryRow { let name: String; let checksum: String; let appliedAt: Date?; let appliedBy: String?; let ms: Int? }

    private func historyRows() throws -> [Int: HistoryRow] {
        let exists = try connection.query("SELECT to_regclass('factcheck_migrations') IS NOT NULL AS present")
        guard try exists.first?.require("present", as: Bool.self) == true else { return [:] }
        var out: [Int: HistoryRow] = [:]
        for row in try connection.query("SELECT version, name, checksum, applied_at, applied_by, execution_ms FROM factcheck_migrations") {
            out[try row.require("version")] = HistoryRow(
                name: try row.require("name"), checksum: try row.require("checksum"),
                appliedAt: try row.decode("applied_at"), appliedBy: try row.decode("applied_by"),
                ms: try row.decode("execution_ms"))
        }
        return out
    }

    private func appliedChecksums() throws -> [Int: String] {
        try historyRows().mapValues(\.checksum)
    }

    private func checksum(of migration: Migration) throws -> String {
        try connection.query("SELECT encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex') AS sum")
            .first!.require("sum")
    }
}
