import Foundation

/// One rating a verdict may carry.
///
/// `value` feeds ClaimReview's `ratingValue`. A value of 0 marks a label that is not a degree
/// of truth (unverifiable, satire, outdated …): counting "unverifiable" as the worst rating
/// would tell search engines the claim is false, so such labels stay off the numeric scale and
/// the ClaimReview export gives only their `alternateName`.
public struct RatingLabel: Sendable, Equatable, Codable {
    public let label: String
    public let value: Int
    public let description: String

    public init(label: String, value: Int, description: String) {
        self.label = label
        self.value = value
        self.description = description
    }

    /// Whether the label sits on the numeric scale between `worst` and `best`.
    public var isRated: Bool { value > 0 }

    /// The ClaimReview `ratingValue`, or nil for a label off the scale.
    public var ratingValue: Int? { isRated ? value : nil }
}

/// The ordered labels a desk rates claims with.
public struct RatingScale: Sendable, Equatable {
    public let name: String
    /// Ordered best to worst, with the labels off the numeric scale last.
    public let labels: [RatingLabel]

    /// Checks what the store and ClaimReview rely on: a kebab-case name, at least one label on
    /// the numeric scale, labels unique and kebab-case, values not negative.
    public init(name: String, labels: [RatingLabel]) throws(DomainError) {
        guard isKebabCase(name) else {
            throw .invalid(field: "scale name", reason: "\(quoted(name)) must be lowercase words joined by '-'")
        }
        guard labels.contains(where: \.isRated) else {
            throw .invalid(field: "scale \(name)", reason: "needs at least one label with a value above 0")
        }
        var seen = Set<String>()
        for label in labels {
            guard isKebabCase(label.label) else {
                throw .invalid(field: "rating", reason: "\(quoted(label.label)) must be lowercase words joined by '-'")
            }
            guard label.value >= 0 else {
                throw .invalid(field: "rating \(label.label)", reason: "value \(label.value) is below 0")
            }
            guard seen.insert(label.label).inserted else {
                throw .invalid(field: "rating", reason: "\(quoted(label.label)) appears twice on scale \(name)")
            }
        }
        self.name = name
        self.labels = labels
    }

    private init(preset name: String, _ labels: [(String, Int, String)]) {
        self.name = name
        self.labels = labels.map { RatingLabel(label: $0.0, value: $0.1, description: $0.2) }
    }

    /// ClaimReview's `bestRating`: the highest value on the scale.
    public var best: Int { labels.map(\.value).max() ?? 0 }

    /// ClaimReview's `worstRating`: the lowest value on the numeric scale, ignoring labels off it.
    public var worst: Int { labels.filter(\.isRated).map(\.value).min() ?? 0 }

    /// The label named `text`, ignoring case and taking spaces or `_` for `-` ("Mostly True").
    public func label(_ text: String) throws(DomainError) -> RatingLabel {
        let key = kebabKey(text)
        if let label = labels.first(where: { $0.label == key }) { return label }
        let names = labels.map(\.label).joined(separator: ", ")
        throw .invalid(field: "rating", reason: "\(quoted(text)) is not on the \(name) scale; use one of \(names)")
    }

    public static func preset(named text: String) throws(DomainError) -> RatingScale {
        let key = kebabKey(text)
        if let scale = presets.first(where: { $0.name == key }) { return scale }
        let names = presets.map(\.name).joined(separator: ", ")
        throw .invalid(field: "scale", reason: "\(quoted(text)) is not a preset; use one of \(names)")
    }

    public static let `default` = newsroom

    public static let presets: [RatingScale] = [newsroom, politifact, snopes, fever]

    static let newsroom = RatingScale(preset: "newsroom", [
        ("true", 6, "Accurate, with nothing significant missing."),
        ("mostly-true", 5, "Accurate but needs clarification or additional information."),
        ("half-true", 4, "Partially accurate but leaves out important details or takes things out of context."),
        ("misleading", 3, "Contains accurate elements but creates a false impression."),
        ("mostly-false", 2, "Contains an element of truth but ignores facts that would give a different impression."),
        ("false", 1, "Not accurate."),
        ("unverifiable", 0, "Cannot be proved or disproved with the evidence available."),
    ])

    static let politifact = RatingScale(preset: "politifact", [
        ("true", 6, "The statement is accurate and there's nothing significant missing."),
        ("mostly-true", 5, "The statement is accurate but needs clarification or additional information."),
        ("half-true", 4, "The statement is partially accurate but leaves out important details "
            + "or takes things out of context."),
        ("mostly-false", 3, "The statement contains an element of truth but ignores critical facts "
            + "that would give a different impression."),
        ("false", 2, "The statement is not accurate."),
        ("pants-on-fire", 1, "The statement is not accurate and makes a ridiculous claim."),
    ])

    // Snopes' truth ratings form the numeric scale; its other labels describe the kind of
    // content. Attribution and caption labels do answer "is the claim true?", so they take the
    // value of true or false; the rest stay off the scale.
    static let snopes = RatingScale(preset: "snopes", [
        ("true", 5, "The primary elements of the claim are demonstrably true."),
        ("correct-attribution", 5, "The quote is accurately attributed to the person who said it."),
        ("legit", 5, "The item is genuine, not a hoax or fake."),
        ("mostly-true", 4, "The primary elements are true, but some details are inaccurate."),
        ("mixture", 3, "The claim has significant elements of both truth and falsity."),
        ("mostly-false", 2, "The primary elements are false, but some details are accurate."),
        ("false", 1, "The primary elements of the claim are demonstrably false."),
        ("misattributed", 1, "The quote is attributed to someone who did not say it."),
        ("miscaptioned", 1, "The image or video is real but described wrongly."),
        ("fake", 1, "The item is fabricated."),
        ("unproven", 0, "Insufficient evidence to establish whether the claim is true or false."),
        ("outdated", 0, "The claim was once accurate but is no longer."),
        ("scam", 0, "The item is an attempt to obtain money or information by fraud."),
        ("legend", 0, "A tale whose truth cannot be established, told as if it happened."),
        ("labeled-satire", 0, "Satire from a source that labels itself as such."),
        ("originated-as-satire", 0, "Began as satire and was later taken as fact."),
        ("recall", 0, "A product recall notice."),
        ("research-in-progress", 0, "Snopes is still researching the claim."),
    ])

    static let fever = RatingScale(preset: "fever", [
        ("supported", 2, "The evidence supports the claim."),
        ("refuted", 1, "The evidence refutes the claim."),
        ("not-enough-info", 0, "The evidence neither supports nor refutes the claim."),
    ])
}

private func kebabKey(_ text: String) -> String {
    text.trimming(.whitespacesAndNewlines).lowercased()
        .split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" })
        .joined(separator: "-")
}

private func isKebabCase(_ text: String) -> Bool {
    !text.isEmpty && text.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { word in
        !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
}
