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
        String(decoding: try line(value), as: UTF8.self)
    }

    /// The encoded value as UTF-8 bytes ending with a newline: what a response body carries.
    public static func line<T: Encodable>(_ value: T) throws -> [UInt8] {
        var bytes = try bytes(value)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
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
        writer.out.reserveCapacity(4096)
        writer.write(root, depth: 0)
        return writer.out
    }
}

// MARK: - The tree

/// One JSON value under construction; containers fill it in place. An object keeps its
/// members in the order they were encoded (sorted, and a repeated key's last value kept, when
/// written), an array its items: both appended to in place, never copied.
final class Node {
    enum Kind { case unset, null, bool(Bool), number(String), string(String), array, object }
    var kind: Kind = .unset
    var items: [Node] = []
    var members: [(key: String, node: Node)] = []

    init() {}
    init(_ kind: Kind) { self.kind = kind }

    /// Encodes `value` into this node: the types with a fixed JSON form first, then the value's
    /// own `encode(to:)`. `path` is only built when an encoder or an error needs it.
    func set<T: Encodable>(_ value: T, path: @autoclosure () -> [any CodingKey]) throws {
        switch value {
        case let string as String: kind = .string(string)
        case let int as Int: kind = .number(String(int))
        case let date as Date: kind = .string(ISODate.string(date))
        case let raw as JSONText: Node.parse(raw.text, into: self)
        case let bool as Bool: kind = .bool(bool)
        case let double as Double: kind = try Node.number(double, path: path())
        case let float as Float: kind = try Node.number(Double(float), path: path())
        case let url as URL: kind = .string(url.absoluteString)
        default: try value.encode(to: NodeEncoder(node: self, codingPath: path()))
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
    static func parse(_ text: String, into node: Node) {
        guard let parsed = try? JSONDecoder().decode(Parsed.self, from: Data(text.utf8)).node else {
            node.kind = .string(text)
            return
        }
        node.kind = parsed.kind
        node.items = parsed.items
        node.members = parsed.members
    }

    /// Any JSON value, read back into a node.
    private struct Parsed: Decodable {
        let node = Node()
        init(from decoder: any Decoder) throws {
            if let members = try? decoder.container(keyedBy: AnyKey.self) {
                node.kind = .object
                for key in members.allKeys {
                    node.members.append((key.stringValue, try members.decode(Parsed.self, forKey: key).node))
                }
            } else if var items = try? decoder.unkeyedContainer() {
                node.kind = .array
                while !items.isAtEnd { node.items.append(try items.decode(Parsed.self).node) }
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

    /// Makes this node an object (keeping members already there) and adds one.
    func member(_ key: String, _ child: Node) {
        if case .object = kind {} else { kind = .object; members = [] }
        members.append((key, child))
    }

    /// Makes this node an array (keeping items already there) and adds one.
    func item(_ child: Node) {
        if case .array = kind {} else { kind = .array; items = [] }
        items.append(child)
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
        if case .object = node.kind {} else { node.kind = .object; node.members = [] }
        return KeyedEncodingContainer(KeyedNodes<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.kind {} else { node.kind = .array; node.items = [] }
        return UnkeyedNodes(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNode(node: node, codingPath: codingPath)
    }
}

/// An object's members. Absent optionals are written as `null` (`encodeIfPresent` is where
/// synthesized conformances send them), so every object of a type has the same keys. The
/// common scalar types are written directly, without a trip through `Encodable`.
struct KeyedNodes<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [any CodingKey]

    private func child(_ key: Key) -> Node {
        let child = Node()
        node.members.append((SnakeCase.convert(key.stringValue), child))
        return child
    }

    private func put(_ key: Key, _ kind: Node.Kind) {
        node.members.append((SnakeCase.convert(key.stringValue), Node(kind)))
    }

    mutating func encodeNil(forKey key: Key) throws { put(key, .null) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(key, .string(value)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, .bool(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(key, .number(String(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(key, .number(String(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(key, .number(String(value))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try child(key).set(value, path: codingPath + [key])
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { put(key, .string(value)) } else { put(key, .null) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { put(key, .number(String(value))) } else { put(key, .null) }
    }
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
    var count: Int { node.items.count }

    private func next() -> Node {
        let child = Node()
        node.items.append(child)
        return child
    }

    mutating func encodeNil() throws { node.items.append(Node(.null)) }
    mutating func encode(_ value: String) throws { node.items.append(Node(.string(value))) }
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
        // Most names are one lowercase word already: nothing to convert, nothing to look up.
        if !name.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) { return name }
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
        case .array:
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            let items = node.items
            for (index, item) in items.enumerated() {
                indent(depth + 1)
                write(item, depth: depth + 1)
                if index < items.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            if items.isEmpty { out.append(UInt8(ascii: "\n")) }
            indent(depth)
            out.append(UInt8(ascii: "]"))
        case .object:
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
            let members = Writer.sorted(node.members)
            for (index, member) in members.enumerated() {
                indent(depth + 1)
                string(member.key)
                ascii(" : ")
                write(member.node, depth: depth + 1)
                if index < members.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            if members.isEmpty { out.append(UInt8(ascii: "\n")) }
            indent(depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An object's members by the bytes of their keys; of a key encoded twice, the last value.
    static func sorted(_ members: [(key: String, node: Node)]) -> [(key: String, node: Node)] {
        let order = members.indices.sorted { a, b in
            let (x, y) = (members[a].key, members[b].key)
            return x == y ? a < b : x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        var result: [(key: String, node: Node)] = []
        result.reserveCapacity(members.count)
        for (position, index) in order.enumerated() {
            if position + 1 < order.count, members[order[position + 1]].key == members[index].key { continue }
            result.append(members[index])
        }
        return result
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
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape go out in one copy.
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                if start < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                escape(byte)
                start = index + 1
            }
            if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): ascii("\\\"")
        case UInt8(ascii: "\\"): ascii("\\\\")
        case 0x0A: ascii("\\n")
        case 0x0D: ascii("\\r")
        case 0x09: ascii("\\t")
        case 0x08: ascii("\\b")
        case 0x0C: ascii("\\f")
        default:
            ascii("\\u00")
            out.append(Self.hex[Int(byte >> 4)])
            out.append(Self.hex[Int(byte & 0xF)])
        }
    }
}
