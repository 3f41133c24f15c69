import FactCheckStore
import Foundation

/// The JSON both doors speak: pretty, snake_case names, keys sorted by their bytes, ISO 8601
/// dates (whole seconds, UTC), and absent values written as `null`, so that every object of a
/// type carries the same field names whatever it holds. `claim show --format json` and
/// `GET /api/v1/claims/{id}` are this, byte for byte.
///
/// It is its own `Encoder` writing straight into a tree and then into bytes: the Foundation
/// route (JSONEncoder, then JSONSerialization to add the nulls and sort) spent 93% of an API
/// list request here, half of it comparing keys by locale.
public enum RecordJSON {
    /// The encoded value, ending with a newline.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        var bytes = try bytes(value)
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The encoded value without the trailing newline.
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        Data(try bytes(value))
    }

    /// The encoded value as UTF-8 bytes, without the trailing newline.
    public static func bytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = Node()
        try root.set(value, path: [])
        var writer = Writer()
        writer.write(root, depth: 0)
        return writer.out
    }
}

// MARK: - The tree

/// One JSON value under construction; containers fill it in place.
final class Node {
    enum Kind { case unset, null, bool(Bool), number(String), string(String), array([Node]), object([String: Node]) }
    var kind: Kind = .unset

    /// Encodes `value` into this node: the types with a fixed JSON form first, then the value's
    /// own `encode(to:)`.
    func set<T: Encodable>(_ value: T, path: [any CodingKey]) throws {
        switch value {
        case let date as Date: kind = .string(ISODate.string(date))
        case let raw as JSONText: kind = Node.parsed(raw.text)
        case let string as String: kind = .string(string)
        case let bool as Bool: kind = .bool(bool)
        case let double as Double: kind = try Node.number(double, path: path)
        case let float as Float: kind = try Node.number(Double(float), path: path)
        case let url as URL: kind = .string(url.absoluteString)
        default: try value.encode(to: NodeEncoder(node: self, codingPath: path))
        }
    }

    static func number(_ value: Double, path: [any CodingKey]) throws -> Kind {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: path, debugDescription: "\(value) is not a JSON number"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    /// JSON the database wrote goes out as JSON, not as a string holding JSON.
    static func parsed(_ text: String) -> Kind {
        (try? JSONDecoder().decode(Parsed.self, from: Data(text.utf8)).node.kind) ?? .string(text)
    }

    /// Any JSON value, read back into a node.
    private struct Parsed: Decodable {
        let node = Node()
        init(from decoder: any Decoder) throws {
            if let members = try? decoder.container(keyedBy: AnyKey.self) {
                var object: [String: Node] = [:]
                for key in members.allKeys { object[key.stringValue] = try members.decode(Parsed.self, forKey: key).node }
                node.kind = .object(object)
            } else if var items = try? decoder.unkeyedContainer() {
                var array: [Node] = []
                while !items.isAtEnd { array.append(try items.decode(Parsed.self).node) }
                node.kind = .array(array)
            } else {
                let value = try decoder.singleValueContainer()
                if value.decodeNil() { node.kind = .null }
                else if let bool = try? value.decode(Bool.self) { node.kind = .bool(bool) }
                else if let int = try? value.decode(Int.self) { node.kind = .number(String(int)) }
                else if let double = try? value.decode(Double.self) { node.kind = try Node.number(double, path: []) }
                else { node.kind = .string(try value.decode(String.self)) }
            }
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    var object: [String: Node] {
        get { if case .object(let members) = kind { return members } else { return [:] } }
        set { kind = .object(newValue) }
    }

    var array: [Node] {
        get { if case .array(let items) = kind { return items } else { return [] } }
        set { kind = .array(newValue) }
    }
}

/// Whole seconds in UTC, as JSONEncoder's `.iso8601` writes them: `2026-12-01T09:30:00Z`.
enum ISODate {
    static func string(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(parts.tm_year + 1900)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
            + "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

// MARK: - The encoder

struct NodeEncoder: Encoder {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.kind {} else { node.kind = .object([:]) }
        return KeyedEncodingContainer(KeyedNodes<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.kind {} else { node.kind = .array([]) }
        return UnkeyedNodes(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNode(node: node, codingPath: codingPath)
    }
}

/// An object's members. Absent optionals are written as `null` (`encodeIfPresent` is where
/// synthesized conformances send them), so every object of a type has the same keys.
struct KeyedNodes<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [any CodingKey]

    private func child(_ key: Key) -> Node {
        let child = Node()
        node.object[SnakeCase.convert(key.stringValue)] = child
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { child(key).kind = .null }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try child(key).set(value, path: codingPath + [key])
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value, key) }
    private mutating func present<T: Encodable>(_ value: T?, _ key: Key) throws {
        try encodeIfPresent(value, forKey: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: child(Key(stringValue: "super")!), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: child(key), codingPath: codingPath + [key]) }
}

struct UnkeyedNodes: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    var count: Int { node.array.count }

    private func next() -> Node {
        let child = Node()
        node.array.append(child)
        return child
    }

    mutating func encodeNil() throws { next().kind = .null }
    mutating func encode<T: Encodable>(_ value: T) throws { try next().set(value, path: codingPath) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: next(), codingPath: codingPath).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoder(node: next(), codingPath: codingPath).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: next(), codingPath: codingPath) }
}

struct SingleNode: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    mutating func encodeNil() throws { node.kind = .null }
    mutating func encode(_ value: Bool) throws { node.kind = .bool(value) }
    mutating func encode(_ value: String) throws { node.kind = .string(value) }
    mutating func encode(_ value: Int) throws { node.kind = .number(String(value)) }
    mutating func encode(_ value: Int8) throws { node.kind = .number(String(value)) }
    mutating func encode(_ value: Int16) throws { node.kind = .number(String(value)) }
    mutating func encode(_ value: Int32) throws { node.kind = .number(String(value)) }
    mutating func encode(_ value: Int64) throws { node.kind = .number(String(value)) }
    mutating func encode(_ value: UInt) throws { node.kind = .number(String(value)) }
    mutating func encode(_ value: UInt8) throws { node.kind = .number(String(value)) }
    mutating func encode(_ value: UInt16) throws { node.kind = .number(String(value)) }
    mutating func encode(_ value: UInt32) throws { node.kind = .number(String(value)) }
    mutating func encode(_ value: UInt64) throws { node.kind = .number(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.set(value, path: codingPath) }
}

/// JSONEncoder's `.convertToSnakeCase`, remembered per name (the names are the record types'
/// property names: a few dozen).
enum SnakeCase {
    private static let cache = Cache()

    static func convert(_ name: String) -> String {
        if let known = cache.get(name) { return known }
        let converted = compute(name)
        cache.put(name, converted)
        return converted
    }

    /// Words start at an uppercase letter; a run of capitals is one word, ending before the
    /// capital that starts a lowercase word ("claimURLText" → "claim_url_text").
    static func compute(_ name: String) -> String {
        let chars = Array(name)
        guard !chars.isEmpty else { return name }
        var words: [String] = []
        var current = String(chars[0])
        var i = 1
        while i < chars.count {
            let ch = chars[i]
            if ch.isUppercase {
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                let previousIsUpper = chars[i - 1].isUppercase
                if !previousIsUpper || nextIsLower {
                    words.append(current)
                    current = ""
                }
            }
            current.append(ch)
            i += 1
        }
        words.append(current)
        return words.filter { !$0.isEmpty }.map { $0.lowercased() }.joined(separator: "_")
    }

    final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String: String] = [:]
        func get(_ name: String) -> String? { lock.lock(); defer { lock.unlock() }; return names[name] }
        func put(_ name: String, _ converted: String) { lock.lock(); defer { lock.unlock() }; names[name] = converted }
    }
}

// MARK: - The writer

/// JSONSerialization's pretty form: two-space indent, `"key" : value`, an empty container as
/// an open and a close line with an empty line between, `/` not escaped.
struct Writer {
    var out: [UInt8] = []

    mutating func write(_ node: Node, depth: Int) {
        switch node.kind {
        case .unset, .null: ascii("null")
        case .bool(let value): ascii(value ? "true" : "false")
        case .number(let text): ascii(text)
        case .string(let text): string(text)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            for (index, item) in items.enumerated() {
                indent(depth + 1)
                write(item, depth: depth + 1)
                if index < items.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            if items.isEmpty { out.append(UInt8(ascii: "\n")) }
            indent(depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                indent(depth + 1)
                string(key)
                ascii(" : ")
                write(members[key]!, depth: depth + 1)
                if index < keys.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            if keys.isEmpty { out.append(UInt8(ascii: "\n")) }
            indent(depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    private mutating func indent(_ depth: Int) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func ascii(_ text: StaticString) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    private mutating func ascii(_ text: String) {
        out.append(contentsOf: text.utf8)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): ascii("\\\"")
            case UInt8(ascii: "\\"): ascii("\\\\")
            case 0x0A: ascii("\\n")
            case 0x0D: ascii("\\r")
            case 0x09: ascii("\\t")
            case 0x08: ascii("\\b")
            case 0x0C: ascii("\\f")
            case 0..<0x20:
                ascii("\\u00")
                out.append(Self.hex[Int(byte >> 4)])
                out.append(Self.hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
