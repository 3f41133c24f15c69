import FactCheckCore
import Foundation
import Postgres

extension Store {
    /// The active rating scale. A database that never chose one uses the default preset.
    public func scale(by actor: Actor) throws -> RatingScale {
        try read(by: actor) { conn in try activeScale(conn) }
    }

    func activeScale(_ conn: Connection) throws -> RatingScale {
        try chosenScale(conn) ?? RatingScale.default
    }

    /// The active scale, first storing the default on a desk that never chose one: a verdict
    /// rates with a stored label.
    func storedScale(_ conn: Connection, desk: Int64) throws -> RatingScale {
        if let scale = try chosenScale(conn) { return scale }
        // Another session may have chosen a scale since: store the default only if not, and
        // rate with whatever is stored now.
        try ensureScaleStored(conn, desk: desk)
        return try chosenScale(conn) ?? RatingScale.default
    }

    /// The scale the desk stored, with its labels in one query; nil before any was stored.
    private func chosenScale(_ conn: Connection) throws -> RatingScale? {
        let rows = try conn.query("""
            SELECT s.value AS scale, l.label, l.value, l.description
            FROM settings s LEFT JOIN rating_labels l ON NOT l.retired
            WHERE s.key = 'scale' ORDER BY l.position
            """)
        guard let first = rows.first else { return nil }
        let labels = try rows.compactMap { row -> RatingLabel? in
            guard let label: String = try row.decode("label") else { return nil }
            return RatingLabel(label: label, value: try row.require("value"), description: try row.require("description"))
        }
        // The database keeps the labels; the aliases of a preset are the domain's.
        return try RatingScale(name: try first.require("scale"), labels: labels).withPresetAliases()
    }

    /// Switches to a preset. Labels of the old scale that verdicts use are kept, retired.
    public func useScale(_ preset: RatingScale, by actor: Actor) throws {
        try Permissions.check(actor, .manageScale)
        try transaction { conn in
            try conn.run("LOCK TABLE rating_labels IN EXCLUSIVE MODE")
            let before = try activeScale(conn)
            try ensureScaleStored(conn, desk: actor.desk)
            try conn.run("UPDATE rating_labels SET retired = true")
            for (position, label) in preset.labels.enumerated() {
                try conn.run("""
                    INSERT INTO rating_labels (label, value, position, description, retired)
                    VALUES (\(label.label), \(label.value), \(position), \(label.description), false)
                    ON CONFLICT (label) DO UPDATE SET value = excluded.value, position = excluded.position,
                        description = excluded.description, retired = false
                    """)
            }
            try conn.run("""
                DELETE FROM rating_labels l WHERE retired
                AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.rating = l.label)
                """)
            try conn.run("""
                INSERT INTO settings (desk_id, key, value) VALUES (\(actor.desk), 'scale', \(preset.name))
                ON CONFLICT (key, desk_id) DO UPDATE SET value = excluded.value
                """)
            try audit(conn, actor: actor, action: "scale.changed", stream: "scale", object: preset.name,
                      before: AuditPayload(["scale": .text(before.name), "labels": .list(before.labels.map(\.label))]),
                      after: AuditPayload(["scale": .text(preset.name), "labels": .list(preset.labels.map(\.label))]))
        }
    }

    /// Writes the default scale's rows the first time a verdict or a change needs them.
    func ensureScaleStored(_ conn: Connection, desk: Int64) throws {
        let present = try conn.query("SELECT 1 FROM settings WHERE key = 'scale' AND desk_id = \(desk)").count > 0
        guard !present else { return }
        let scale = RatingScale.default
        for (position, label) in scale.labels.enumerated() {
            try conn.run("""
                INSERT INTO rating_labels (label, value, position, description)
                VALUES (\(label.label), \(label.value), \(position), \(label.description))
                ON CONFLICT (label) DO NOTHING
                """)
        }
        try conn.run("""
            INSERT INTO settings (desk_id, key, value) VALUES (\(desk), 'scale', \(scale.name))
            ON CONFLICT (key, desk_id) DO NOTHING
            """)
    }
}
