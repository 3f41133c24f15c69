import Foundation

/// Checks of user input. Each function returns the normalised value or throws `.invalid`.
///
/// Lengths count Unicode scalars, as PostgreSQL's `char_length` does, so a value accepted here
/// is never refused by a length constraint in the database. Every text refuses NUL, which
/// PostgreSQL cannot store. `field` names the input in the message; the CLI may pass the option
/// (`--priority`), an import the column.
public enum Validate {
    public static func claimText(_ text: String, field: String = "claim text") throws(DomainError) -> String {
        // Claims are verbatim: line breaks inside a quote are kept, only the ends are trimmed.
        try required(text, field: field, max: 5000)
    }

    public static func claimant(_ text: String, field: String = "claimant") throws(DomainError) -> String {
        try required(text, field: field, max: 300, singleLine: true)
    }

    public static func personName(_ text: String, field: String = "name") throws(DomainError) -> String {
        try required(text, field: field, max: 200, singleLine: true)
    }

    /// A handle as someone types it to name an existing user (`--as Ben`, `claim assign C-3 Ben`):
    /// trimmed and lowercased, as handles are stored. Whether such a user exists is the store's to say.
    public static func handleReference(_ text: String) -> String {
        text.trimming(.whitespaces).lowercased()
    }

    /// A user's handle, lowercased: 1 to 40 of `a-z 0-9 . _ -`, starting with a letter or digit.
    public static func handle(_ text: String, field: String = "handle") throws(DomainError) -> String {
        let handle = text.trimming(.whitespacesAndNewlines).lowercased()
        guard !handle.isEmpty else { throw .invalid(field: field, reason: "must not be empty") }
        guard handle.unicodeScalars.count <= 40 else {
            throw .invalid(field: field, reason: "\(quoted(handle)) is longer than 40 characters")
        }
        let scalars = Array(handle.unicodeScalars)
        let isLetterOrDigit: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        guard isLetterOrDigit(scalars[0]),
              scalars.allSatisfy({ isLetterOrDigit($0) || $0 == "." || $0 == "_" || $0 == "-" })
        else {
            throw .invalid(field: field, reason: "\(quoted(handle)) may only use a-z, 0-9, '.', '_' and '-', "
                + "and must start with a letter or digit")
        }
        return handle
    }

    /// An absolute http or https URL with a host, trimmed; up to 2048 characters, no spaces.
    public static func url(_ text: String, field: String = "url") throws(DomainError) -> String {
        let url = text.trimming(.whitespacesAndNewlines)
        guard !url.isEmpty else { throw .invalid(field: field, reason: "must not be empty") }
        guard url.unicodeScalars.count <= 2048 else {
            throw .invalid(field: field, reason: "is longer than 2048 characters")
        }
        guard !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || isControl($0) }) else {
            throw .invalid(field: field, reason: "\(quoted(url)) contains spaces or control characters")
        }
        guard let host = httpHost(url), !host.isEmpty else {
            throw .invalid(field: field, reason: "\(quoted(url)) is not an http or https address, "
                + "e.g. https://example.org/page")
        }
        return url
    }

    public static func date(_ text: String, field: String = "date") throws(DomainError) -> CalendarDate {
        let trimmed = text.trimming(.whitespacesAndNewlines)
        if let date = CalendarDate(iso: trimmed) { return date }
        let shape = /\d{4}-\d{2}-\d{2}/
        if trimmed.wholeMatch(of: shape) != nil {
            throw .invalid(field: field, reason: "\(quoted(trimmed)) is not a date on the calendar")
        }
        throw .invalid(field: field, reason: "\(quoted(trimmed)) is not a date; use YYYY-MM-DD, e.g. 2026-11-27")
    }

    public static func priority(_ text: String, field: String = "priority") throws(DomainError) -> Priority {
        try choice(text, field: field)
    }

    public static func sourceKind(_ text: String, field: String = "kind") throws(DomainError) -> SourceKind {
        try choice(text, field: field)
    }

    public static func stance(_ text: String, field: String = "stance") throws(DomainError) -> Stance {
        try choice(text, field: field)
    }

    public static func role(_ text: String, field: String = "role") throws(DomainError) -> Role {
        try choice(text, field: field)
    }

    public static func state(_ text: String, field: String = "state") throws(DomainError) -> ReviewState {
        try choice(text, field: field)
    }

    /// A tag, lowercased with inner spaces collapsed so that "Public  Health" and
    /// "public health" are one tag. Commas are refused because they separate tags in CSV.
    public static func tag(_ text: String, field: String = "tag") throws(DomainError) -> String {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace })
        let tag = words.joined(separator: " ")
        guard !tag.isEmpty else { throw .invalid(field: field, reason: "must not be empty") }
        guard tag.unicodeScalars.count <= 50 else {
            throw .invalid(field: field, reason: "\(quoted(tag)) is longer than 50 characters")
        }
        guard !tag.contains(",") else {
            throw .invalid(field: field, reason: "\(quoted(tag)) contains a comma; give each tag on its own")
        }
        guard !tag.unicodeScalars.contains(where: isControl) else {
            throw .invalid(field: field, reason: "\(quoted(tag)) contains a control character")
        }
        return tag
    }

    /// Tags normalised, without repeats, in the order first given.
    public static func tags(_ texts: [String], field: String = "tag") throws(DomainError) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for text in texts {
            let tag = try tag(text, field: field)
            if seen.insert(tag).inserted { result.append(tag) }
        }
        return result
    }

    /// Tags from one comma-separated cell, as in the `tags` column of an export.
    public static func tags(splitting cell: String, field: String = "tags") throws(DomainError) -> [String] {
        let pieces = cell.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init)
            .filter { !$0.trimming(.whitespacesAndNewlines).isEmpty }
        return try tags(pieces, field: field)
    }

    /// Why a claim was rejected, reopened or returned, or a source retracted.
    public static func reason(_ text: String, field: String = "reason") throws(DomainError) -> String {
        try required(text, field: field, max: 2000)
    }

    public static func conclusion(_ text: String, field: String = "conclusion") throws(DomainError) -> String {
        try required(text, field: field, max: 10_000)
    }

    /// Optional free text (title, outlet, byline, publisher, note): nil when absent or blank.
    public static func text(_ text: String?, field: String, max: Int = 1000) throws(DomainError) -> String? {
        guard let text, !text.trimming(.whitespacesAndNewlines).isEmpty else { return nil }
        return try required(text, field: field, max: max)
    }

    public static func limit(_ n: Int, field: String = "limit") throws(DomainError) -> Int {
        guard (1...100_000).contains(n) else {
            throw .invalid(field: field, reason: "\(n) is not between 1 and 100000")
        }
        return n
    }

    // MARK: - Shared rules

    static func required(
        _ text: String, field: String, max: Int, singleLine: Bool = false
    ) throws(DomainError) -> String {
        let trimmed = text.trimming(.whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid(field: field, reason: "must not be empty") }
        let length = trimmed.unicodeScalars.count
        guard length <= max else {
            throw .invalid(field: field, reason: "is \(length) characters long; the limit is \(max)")
        }
        guard !trimmed.unicodeScalars.contains("\0") else {
            throw .invalid(field: field, reason: "contains a NUL character")
        }
        if singleLine, trimmed.unicodeScalars.contains(where: isControl) {
            throw .invalid(field: field, reason: "must be one line without control characters")
        }
        return trimmed
    }

    /// Parses one of an enum's raw values, ignoring case and taking `-` or a space for `_`.
    static func choice<T: RawRepresentable & CaseIterable>(
        _ text: String, field: String
    ) throws(DomainError) -> T where T.RawValue == String {
        let key = String(text.trimming(.whitespacesAndNewlines).lowercased()
            .map { $0 == "-" || $0 == " " ? "_" : $0 })
        if let value = T(rawValue: key) { return value }
        let valid = T.allCases.map(\.rawValue).joined(separator: ", ")
        throw .invalid(field: field, reason: "\(quoted(text)) is not one of \(valid)")
    }

    /// The host of an `http(s)://` URL, or nil when the text is not one. Parsed by hand because
    /// Foundation's URL parsing differs between platforms and versions.
    static func httpHost(_ url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return nil }
            let afterBracket = hostAndPort[hostAndPort.index(after: close)...]
            guard afterBracket.isEmpty || isPort(afterBracket) else { return nil }
            return String(hostAndPort[...close])
        }
        let pieces = hostAndPort.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if pieces.count == 2, !isPort(":" + pieces[1]) { return nil }
        return String(pieces[0])
    }

    private static func isPort(_ text: some StringProtocol) -> Bool {
        guard text.first == ":" else { return false }
        let digits = text.dropFirst()
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let port = Int(digits)
        else { return false }
        return port <= 65535
    }
}

func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.generalCategory == .control
}

/// The value in single quotes for a one-line message: control characters escaped, long values cut.
func quoted(_ value: String) -> String {
    let limit = 60
    var shown = ""
    for (index, scalar) in value.unicodeScalars.enumerated() {
        if index == limit {
            shown += "…"
            break
        }
        shown += isControl(scalar) ? scalar.escaped(asASCII: true) : String(scalar)
    }
    return "'\(shown)'"
}
