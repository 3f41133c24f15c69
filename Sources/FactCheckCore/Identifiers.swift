import Foundation

/// A claim's short number, shown as `C-42`. Input may be `C-42`, `c-42` or `42`.
public struct ClaimNumber: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    public init(parsing text: String) throws(DomainError) {
        value = try parseNumber(text, prefix: "C", noun: "claim")
    }

    public var description: String { "C-\(value)" }

    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
}

/// A source's short number, shown as `S-7`. Input may be `S-7`, `s-7` or `7`.
public struct SourceNumber: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    public init(parsing text: String) throws(DomainError) {
        value = try parseNumber(text, prefix: "S", noun: "source")
    }

    public var description: String { "S-\(value)" }

    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
}

private func parseNumber(_ text: String, prefix: Character, noun: String) throws(DomainError) -> Int64 {
    let trimmed = text.trimming(.whitespacesAndNewlines)
    let example = "\(prefix)-42 or 42"
    var digits = Substring(trimmed)
    if let first = digits.first, first.uppercased() == String(prefix), digits.dropFirst().first == "-" {
        digits = digits.dropFirst(2)
    }
    // Only ASCII digits: Int64(_:) alone would accept a leading "+" or "-".
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        throw .invalid(field: noun, reason: "\(quoted(trimmed)) is not a \(noun) number; use \(example)")
    }
    guard let value = Int64(digits) else {
        throw .invalid(field: noun, reason: "\(quoted(trimmed)) is too large for a \(noun) number")
    }
    guard value > 0 else {
        throw .invalid(field: noun, reason: "\(noun) numbers start at 1")
    }
    return value
}

/// An API token's short number, shown as `T-3` (the secret itself is shown once, at creation).
public struct TokenNumber: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    public init(parsing text: String) throws(DomainError) {
        value = try parseNumber(text, prefix: "T", noun: "token")
    }

    public var description: String { "T-\(value)" }

    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
}
