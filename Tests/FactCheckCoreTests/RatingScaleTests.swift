import Testing
import FactCheckCore

@Suite("Rating scales")
struct RatingScaleTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        let name: String
        let labels: [(String, Int)]
        let best: Int
        let worst: Int
        var testDescription: String { name }
    }

    static let expected: [Expected] = [
        Expected(name: "newsroom", labels: [
            ("true", 6), ("mostly-true", 5), ("half-true", 4), ("misleading", 3), ("mostly-false", 2),
            ("false", 1), ("unverifiable", 0),
        ], best: 6, worst: 1),
        Expected(name: "politifact", labels: [
            ("true", 6), ("mostly-true", 5), ("half-true", 4), ("mostly-false", 3), ("false", 2),
            ("pants-on-fire", 1),
        ], best: 6, worst: 1),
        Expected(name: "snopes", labels: [
            ("true", 5), ("correct-attribution", 5), ("legit", 5), ("mostly-true", 4), ("mixture", 3),
            ("mostly-false", 2), ("false", 1), ("misattributed", 1), ("miscaptioned", 1), ("fake", 1),
            ("unproven", 0), ("outdated", 0), ("scam", 0), ("legend", 0), ("labeled-satire", 0),
            ("originated-as-satire", 0), ("recall", 0), ("research-in-progress", 0),
        ], best: 5, worst: 1),
        Expected(name: "fever", labels: [("supported", 2), ("refuted", 1), ("not-enough-info", 0)], best: 2, worst: 1),
    ]

    @Test(arguments: expected)
    func preset(_ expected: Expected) throws {
        let scale = try RatingScale.preset(named: expected.name)
        #expect(scale.name == expected.name)
        #expect(scale.labels.map(\.label) == expected.labels.map(\.0))
        #expect(scale.labels.map(\.value) == expected.labels.map(\.1))
        #expect(scale.best == expected.best)
        #expect(scale.worst == expected.worst)
        #expect(scale.labels.allSatisfy { !$0.description.isEmpty })
    }

    @Test(arguments: RatingScale.presets)
    func orderedBestToWorstWithUnratedLast(_ scale: RatingScale) {
        let values = scale.labels.map(\.value)
        let rated = values.prefix { $0 > 0 }
        #expect(rated.elementsEqual(rated.sorted(by: >)))
        #expect(values.dropFirst(rated.count).allSatisfy { $0 == 0 })
    }

    @Test func presetsInOrderWithNewsroomAsDefault() {
        #expect(RatingScale.presets.map(\.name) == ["newsroom", "politifact", "snopes", "fever"])
        #expect(RatingScale.default.name == "newsroom")
    }

    @Test func unverifiableIsNotTheWorstRating() throws {
        let label = try RatingScale.default.label("unverifiable")
        #expect(label.value == 0)
        #expect(!label.isRated)
        #expect(label.ratingValue == nil)
        #expect(try RatingScale.default.label("false").ratingValue == 1)
    }

    @Test(arguments: [
        ("newsroom", "Mostly True", "mostly-true"), ("newsroom", "FALSE", "false"),
        ("politifact", "pants_on_fire", "pants-on-fire"), ("politifact", " Half-True ", "half-true"),
        ("snopes", "Labeled Satire", "labeled-satire"), ("fever", "NOT ENOUGH INFO", "not-enough-info"),
    ])
    func lookupIgnoresCaseAndSeparators(_ scale: String, _ input: String, _ label: String) throws {
        #expect(try RatingScale.preset(named: scale).label(input).label == label)
    }

    @Test func unknownLabelListsTheScale() {
        let error = refusal { () throws(DomainError) in try RatingScale.default.label("sorta") }
        #expect(error == .invalid(field: "rating", reason: "'sorta' is not on the newsroom scale; use one of true, "
            + "mostly-true, half-true, misleading, mostly-false, false, unverifiable"))
        let fever = refusal { () throws(DomainError) in try RatingScale.preset(named: "fever").label("pants-on-fire") }
        #expect(fever == .invalid(field: "rating", reason: "'pants-on-fire' is not on the fever scale; use one of "
            + "supported, refuted, not-enough-info"))
    }

    @Test func presetNamesIgnoreCase() throws {
        #expect(try RatingScale.preset(named: "PolitiFact").name == "politifact")
        let error = refusal { () throws(DomainError) in try RatingScale.preset(named: "afp") }
        #expect(error == .invalid(
            field: "scale", reason: "'afp' is not a preset; use one of newsroom, politifact, snopes, fever"))
    }

    @Test func customScaleIsChecked() throws {
        let good = try RatingScale(name: "desk", labels: [
            RatingLabel(label: "right", value: 2, description: "Right."),
            RatingLabel(label: "wrong", value: 1, description: "Wrong."),
        ])
        #expect(good.best == 2 && good.worst == 1)

        let dupes = refusal { () throws(DomainError) in
            try RatingScale(name: "desk", labels: [
                RatingLabel(label: "right", value: 2, description: ""),
                RatingLabel(label: "right", value: 1, description: ""),
            ])
        }
        #expect(dupes == .invalid(field: "rating", reason: "'right' appears twice on scale desk"))

        let unrated = refusal { () throws(DomainError) in
            try RatingScale(name: "desk", labels: [RatingLabel(label: "unknown", value: 0, description: "")])
        }
        #expect(unrated != nil)

        let badLabel = refusal { () throws(DomainError) in
            try RatingScale(name: "desk", labels: [RatingLabel(label: "Mostly True", value: 1, description: "")])
        }
        #expect(badLabel != nil)
        #expect(refusal { () throws(DomainError) in try RatingScale(name: "My Desk", labels: good.labels) } != nil)
    }

    // MARK: Aliases: the older names of the publishers' labels

    /// (scale, what an archive says, the label it is stored as)
    @Test(arguments: [
        ("politifact", "barely-true", "mostly-false"), ("politifact", "Barely True", "mostly-false"),
        ("politifact", "BARELY_TRUE", "mostly-false"), ("politifact", "pants-fire", "pants-on-fire"),
        ("politifact", "Pants on Fire!", "pants-on-fire"), ("politifact", "pants on fire", "pants-on-fire"),
        ("politifact", "PANTS-FIRE", "pants-on-fire"),
        ("snopes", "Undetermined", "unproven"), ("snopes", "Correctly Attributed", "correct-attribution"),
        ("snopes", "Mostly True", "mostly-true"), ("snopes", "MIXTURE", "mixture"),
        ("fever", "SUPPORTS", "supported"), ("fever", "REFUTES", "refuted"), ("fever", "NOT ENOUGH INFO", "not-enough-info"),
    ])
    func aPresetReadsItsPublishersOlderNames(_ scale: String, _ input: String, _ label: String) throws {
        #expect(try RatingScale.preset(named: scale).label(input).label == label)
    }

    @Test func aliasesAreShownWithTheirLabels() throws {
        let politifact = try RatingScale.preset(named: "politifact")
        #expect(politifact.labels.map(\.aliases) == [[], [], [], ["barely-true"], [], ["pants-fire"]])
        let newsroomAliases = RatingScale.default.labels.flatMap(\.aliases)
        #expect(newsroomAliases.isEmpty, "the newsroom scale has no publisher")
    }

    /// An alias belongs to its scale: another scale does not read it.
    @Test func anAliasIsNotReadByAnotherScale() {
        let error = refusal { () throws(DomainError) in try RatingScale.default.label("barely-true") }
        #expect(error == .invalid(field: "rating", reason: "'barely-true' is not on the newsroom scale; use one of true, "
            + "mostly-true, half-true, misleading, mostly-false, false, unverifiable"))
        #expect(refusal { () throws(DomainError) in try RatingScale.preset(named: "snopes").label("pants-fire") } != nil)
    }

    /// No alias of a preset is a label or an alias of the same scale, and each is kebab-case:
    /// the presets pass the checks a custom scale passes.
    @Test(arguments: RatingScale.presets)
    func presetAliasesPassTheChecks(_ preset: RatingScale) throws {
        let checked = try RatingScale(name: preset.name, labels: preset.labels)
        #expect(checked == preset)
        let names = preset.labels.map(\.label) + preset.labels.flatMap(\.aliases)
        #expect(Set(names).count == names.count)
    }

    /// The database keeps a scale's labels; the domain gives a stored preset its aliases back.
    @Test func aStoredPresetGetsItsAliasesBack() throws {
        let politifact = try RatingScale.preset(named: "politifact")
        let stored = try RatingScale(name: "politifact", labels: politifact.labels.map {
            RatingLabel(label: $0.label, value: $0.value, description: $0.description)
        })
        #expect(refusal { () throws(DomainError) in try stored.label("barely-true") } != nil)
        #expect(stored.withPresetAliases() == politifact)
        #expect(try stored.withPresetAliases().label("pants-fire").label == "pants-on-fire")
        // A scale that is no preset has none to get.
        let custom = try RatingScale(name: "desk", labels: [RatingLabel(label: "right", value: 1, description: "")])
        #expect(custom.withPresetAliases() == custom)
    }

    @Test func aCustomScalesAliasesAreChecked() {
        let clash = refusal { () throws(DomainError) in
            try RatingScale(name: "desk", labels: [
                RatingLabel(label: "right", value: 2, description: ""),
                RatingLabel(label: "wrong", value: 1, description: "", aliases: ["right"]),
            ])
        }
        #expect(clash == .invalid(field: "rating alias", reason: "'right' appears twice on scale desk"))
        let badAlias = refusal { () throws(DomainError) in
            try RatingScale(name: "desk", labels: [RatingLabel(label: "right", value: 1, description: "", aliases: ["Right On"])])
        }
        #expect(badAlias != nil)
    }

    // MARK: Mappings: an archive's own names, for one import

    @Test func aMappingReadsAMadeUpLabel() throws {
        let scale = try RatingScale.preset(named: "politifact")
            .mapping([(from: "Fib", to: "false"), (from: "whopper", to: "Pants on Fire!"), (from: "sorta", to: "barely-true")])
        #expect(try scale.label("fib").label == "false")
        #expect(try scale.label("WHOPPER").label == "pants-on-fire")
        #expect(try scale.label("Sorta").label == "mostly-false", "a mapping may name an alias; the label is stored")
        #expect(try scale.label("barely-true").label == "mostly-false", "the preset's aliases still hold")
        #expect(try scale.label("true").label == "true")
        #expect(try scale.labels == RatingScale.preset(named: "politifact").labels, "the scale itself is unchanged")
    }

    /// A desk's mapping says what its archive meant, even by a label's own name.
    @Test func aMappingComesBeforeTheLabels() throws {
        let scale = try RatingScale.preset(named: "politifact").mapping([(from: "false", to: "pants-on-fire")])
        #expect(try scale.label("False").label == "pants-on-fire")
    }

    @Test func aMappingToALabelOffTheScaleNamesTheLabels() {
        let error = refusal { () throws(DomainError) in
            try RatingScale.preset(named: "politifact").mapping([(from: "fib", to: "misleading")], field: "--map-rating")
        }
        #expect(error == .invalid(field: "--map-rating", reason: "'misleading' is not on the politifact scale; use one of "
            + "true, mostly-true, half-true, mostly-false, false, pants-on-fire"))
    }

    @Test func aNameMappedTwiceMustMeanOneLabel() throws {
        let twice = refusal { () throws(DomainError) in
            try RatingScale.default.mapping([(from: "fib", to: "false"), (from: "FIB", to: "mostly-false")])
        }
        #expect(twice == .invalid(field: "rating map", reason: "'FIB' is mapped to both false and mostly-false"))
        #expect(try RatingScale.default.mapping([(from: "fib", to: "false"), (from: "Fib", to: "FALSE")]).label("fib").label
            == "false")
        #expect(refusal { () throws(DomainError) in try RatingScale.default.mapping([(from: "!!", to: "false")]) } != nil)
    }
}
