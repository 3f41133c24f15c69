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
    /// Other names the scale's publisher gave this label (an older name, the slug of its data),
    /// accepted wherever a rating is read and stored as `label`: PolitiFact's `barely-true`
    /// is its `mostly-false`.
    public let aliases: [String]

    public init(label: String, value: Int, description: String, aliases: [String] = []) {
        self.label = label
        self.value = value
        self.description = description
        self.aliases = aliases
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
    /// Names a desk mapped for one file (`import claims --map-rating`), by their kebab key:
    /// they take precedence over the labels and their aliases.
    public private(set) var mappings: [String: String] = [:]

    /// Checks what the store and ClaimReview rely on: a kebab-case name, at least one label on
    /// the numeric scale, labels and aliases unique and kebab-case, values not negative.
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
        for label in labels {
            for alias in label.aliases {
                guard isKebabCase(alias) else {
                    throw .invalid(field: "rating alias", reason: "\(quoted(alias)) must be lowercase words joined by '-'")
                }
                guard seen.insert(alias).inserted else {
                    throw .invalid(field: "rating alias", reason: "\(quoted(alias)) appears twice on scale \(name)")
                }
            }
        }
        self.name = name
        self.labels = labels
    }

    private init(preset name: String, _ labels: [(String, Int, String)], aliases: [String: [String]] = [:]) {
        self.name = name
        self.labels = labels.map { RatingLabel(label: $0.0, value: $0.1, description: $0.2, aliases: aliases[$0.0] ?? []) }
    }

    /// ClaimReview's `bestRating`: the highest value on the scale.
    public var best: Int { labels.map(\.value).max() ?? 0 }

    /// ClaimReview's `worstRating`: the lowest value on the numeric scale, ignoring labels off it.
    public var worst: Int { labels.filter(\.isRated).map(\.value).min() ?? 0 }

    /// The label named `text`, ignoring case, punctuation and the separators between words
    /// ("Mostly True", "pants_on_fire", "Pants on Fire!"): a mapping of this scale first, then a
    /// label, then a label's alias.
    public func label(_ text: String, field: String = "rating") throws(DomainError) -> RatingLabel {
        let key = kebabKey(text)
        if let mapped = mappings[key], let label = labels.first(where: { $0.label == mapped }) { return label }
        if let label = labels.first(where: { $0.label == key }) { return label }
        if let label = labels.first(where: { $0.aliases.contains(key) }) { return label }
        throw .invalid(field: field, reason: "\(quoted(text)) is not on the \(name) scale; use one of \(labelNames)")
    }

    /// "true, mostly-true, …", best first.
    public var labelNames: String { labels.map(\.label).joined(separator: ", ") }

    /// This scale with `pairs` (a file's label, the label of this scale it means) read first:
    /// an archive's own names. A target must be on the scale (a label or an alias); a name
    /// mapped twice must mean the same label both times.
    public func mapping(_ pairs: [(from: String, to: String)], field: String = "rating map") throws(DomainError)
        -> RatingScale {
        var scale = self
        for (from, to) in pairs {
            let key = kebabKey(from)
            guard !key.isEmpty else {
                throw .invalid(field: field, reason: "\(quoted(from)) names no rating; give LABEL=SCALE_LABEL")
            }
            let target = try label(to, field: field).label
            if let earlier = scale.mappings[key], earlier != target {
                throw .invalid(field: field, reason: "\(quoted(from)) is mapped to both \(earlier) and \(target)")
            }
            scale.mappings[key] = target
        }
        return scale
    }

    /// A stored scale with the aliases of the preset it was chosen as (the database keeps the
    /// labels; the aliases are the domain's).
    public func withPresetAliases() -> RatingScale {
        guard let preset = RatingScale.presets.first(where: { $0.name == name }) else { return self }
        let taken = Set(labels.map(\.label) + labels.flatMap(\.aliases))
        return RatingScale(unchecked: name, labels: labels.map { label in
            let more = preset.labels.first { $0.label == label.label }?.aliases.filter { !taken.contains($0) } ?? []
            return RatingLabel(label: label.label, value: label.value, description: label.description,
                               aliases: label.aliases + more)
        }, mappings: mappings)
    }

    private init(unchecked name: String, labels: [RatingLabel], mappings: [String: String]) {
        self.name = name
        self.labels = labels
        self.mappings = mappings
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

    // PolitiFact called mostly-false "barely true" until 2011, and its data (the slugs of its
    // rulings, and so the LIAR dataset and the archives made from it) says `barely-true` and
    // `pants-fire`; its pages say "Pants on Fire!", which the key already reads.
    static let politifact = RatingScale(preset: "politifact", [
        ("true", 6, "The statement is accurate and there's nothing significant missing."),
        ("mostly-true", 5, "The statement is accurate but needs clarification or additional information."),
        ("half-true", 4, "The statement is partially accurate but leaves out important details "
            + "or takes things out of context."),
        ("mostly-false", 3, "The statement contains an element of truth but ignores critical facts "
            + "that would give a different impression."),
        ("false", 2, "The statement is not accurate."),
        ("pants-on-fire", 1, "The statement is not accurate and makes a ridiculous claim."),
    ], aliases: ["mostly-false": ["barely-true"], "pants-on-fire": ["pants-fire"]])

    // Snopes' truth ratings form the numeric scale; its other labels describe the kind of
    // content. Attribution and caption labels do answer "is the claim true?", so they take the
    // value of true or false; the rest stay off the scale. Snopes' older pages rated claims
    // "undetermined" where it now says unproven, and quotes "correctly attributed".
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
    ], aliases: ["unproven": ["undetermined"], "correct-attribution": ["correctly-attributed"]])

    // The FEVER dataset's own labels are SUPPORTS, REFUTES and NOT ENOUGH INFO.
    static let fever = RatingScale(preset: "fever", [
        ("supported", 2, "The evidence supports the claim."),
        ("refuted", 1, "The evidence refutes the claim."),
        ("not-enough-info", 0, "The evidence neither supports nor refutes the claim."),
    ], aliases: ["supported": ["supports"], "refuted": ["refutes"]])
}

/// Lowercase words joined by `-`: whatever is not a letter or a digit separates words, so that
/// "Pants on Fire!", "pants_on_fire" and "PANTS-ON-FIRE" are one key.
private func kebabKey(_ text: String) -> String {
    text.lowercased()
        .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        .joined(separator: "-")
}

private func isKebabCase(_ text: String) -> Bool {
    !text.isEmpty && text.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { word in
        !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
}
