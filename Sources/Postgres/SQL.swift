/// A query whose values can only arrive as bound parameters.
///
/// Built by string interpolation: literal segments are SQL text, every interpolated value
/// becomes `$n`. Identifiers are never interpolated; a fragment of SQL may be, and its binds
/// are renumbered, which is how dynamic filters are composed.
///
///     let q: SQL = "SELECT id FROM claims WHERE state = \(state) AND assignee = \(user)"
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Part: Sendable {
        case text(String)
        case bind(String?)
        case fragment(SQL)
    }

    var parts: [Part] = []

    public init(stringLiteral value: String) {
        parts = [.text(value)]
    }

    public init(stringInterpolation: StringInterpolation) {
        parts = stringInterpolation.parts
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            parts.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            parts.append(.text(literal))
        }

        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T) {
            parts.append(.bind(value.postgresText))
        }

        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T?) {
            parts.append(.bind(value?.postgresText))
        }

        /// Splices a composed fragment; its binds are renumbered into this query.
        public mutating func appendInterpolation(_ fragment: SQL) {
            parts.append(.fragment(fragment))
        }
    }

    /// Joins fragments with a separator, e.g. conditions with `AND`.
    public static func joined(_ fragments: [SQL], separator: String) -> SQL {
        var result = SQL(parts: [])
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { result.parts.append(.text(separator)) }
            result.parts.append(.fragment(fragment))
        }
        return result
    }

    init(parts: [Part]) { self.parts = parts }

    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        SQL(parts: [.fragment(lhs), .fragment(rhs)])
    }

    /// The SQL text with `$n` placeholders and the values in bind order.
    public func rendered() -> (text: String, binds: [String?]) {
        rendered { "$\($0)" }
    }

    /// The SQL text with each bind's placeholder made by `placeholder(n)`, n from 1.
    func rendered(placeholder: (Int) -> String) -> (text: String, binds: [String?]) {
        var text = ""
        var binds: [String?] = []
        func walk(_ parts: [Part]) {
            for part in parts {
                switch part {
                case .text(let s): text += s
                case .bind(let v):
                    binds.append(v)
                    text += placeholder(binds.count)
                case .fragment(let sql): walk(sql.parts)
                }
            }
        }
        walk(parts)
        return (text, binds)
    }

    /// The SQL text only, placeholders in place of values: safe to log.
    public var description: String { rendered().text }
}
