import Foundation

// The explained features of a sentence: figures, comparisons, officials, dates, durations,
// attributions, quotes, hedges and opinions, each found by rules with the words that fired it.
// The learned model (CheckWorthinessModel.swift) weighs them beside its n-grams.

/// A trait of a sentence a desk looks for in a checkable claim (or, for `opinion`, against one).
/// The model learns how much each weighs; these are the reasons a desk editor reads.
public enum Feature: String, Sendable, CaseIterable, Codable {
    case figure, comparison, official, date, duration, attribution, quote, hedge, opinion

    /// The short name used in tables and JSON.
    public var name: String { rawValue }

    public var explanation: String {
        switch self {
        case .figure: "states a figure or quantity (a number, percentage, amount or fraction)"
        case .comparison: "compares, ranks or states a change (more than, the longest, a record, fell)"
        case .official: "names its source: an official, an institution, a programme or a named person"
        case .date: "names a date, year or time"
        case .duration: "gives a duration"
        case .attribution: "attributes the statement to someone (said, told, according to)"
        case .quote: "quotes someone directly"
        case .hedge: "marks a reported or unconfirmed claim (reportedly, allegedly, did not confirm)"
        case .opinion: "reads as opinion or a plan, which cannot be checked yet (will, should, I think)"
        }
    }

    /// The reason in a desk's words, with the sentence's own words that fired it.
    public func reason(_ evidence: String) -> String {
        let quoted = evidence.isEmpty ? "" : ": \u{2018}\(evidence)\u{2019}"
        return switch self {
        case .figure: "states a quantity" + quoted
        case .comparison: "compares or states a change" + quoted
        case .official: "attributed to a named official or institution" + quoted
        case .date: "names a date or time" + quoted
        case .duration: "gives a duration" + quoted
        case .attribution: "says who said it" + quoted
        case .quote: "quotes someone directly" + quoted
        case .hedge: "reports an unconfirmed claim" + quoted
        case .opinion: "reads as opinion or a plan" + quoted
        }
    }
}

/// A feature found in a sentence, with the words that made it fire.
public struct Signal: Sendable, Hashable {
    public let feature: Feature
    public let evidence: String
    public init(feature: Feature, evidence: String) { self.feature = feature; self.evidence = evidence }
}

/// The explained features of a sentence, found by rules (the lexicon below).
public enum CheckWorthiness {
    /// The features of one sentence, each with its first evidence, in `Feature.allCases` order.
    public static func signals(in sentence: String) -> [Signal] {
        let words = Word.split(sentence)
        var found: [Feature: String] = [:]
        func note(_ feature: Feature, _ run: ClosedRange<Int>) {
            guard found[feature] == nil else { return }
            let first = words[run.lowerBound].range.lowerBound, last = words[run.upperBound].range.upperBound
            found[feature] = String(sentence[first..<last])
        }

        let dates = dateWords(words)
        let names = properNames(words)
        if let first = dates.firstIndex(of: true) {
            var last = first
            while last + 1 < words.count, dates[last + 1], !words[last + 1].followsPunctuation { last += 1 }
            note(.date, first...last)
        }

        for (i, word) in words.enumerated() {
            let previous = i > 0 ? words[i - 1] : Word.none, next = i + 1 < words.count ? words[i + 1] : Word.none
            let c = word.classes

            if !dates[i], isFigure(word, previous: previous, next: next) {
                // With its currency, per cent sign and the noun it counts: "£9 billion", "6.2%", "4,000 troops".
                let start = previous.classes.contains(.symbol) && !word.followsPunctuation ? i - 1 : i
                var end = next.lower == "%" && !next.followsPunctuation ? i + 1 : i
                if end + 1 < words.count, !words[end + 1].followsPunctuation, words[end + 1].isAlphabetic,
                   words[end + 1].classes.isDisjoint(with: [.starter, .preposition]) {
                    end += 1
                }
                note(.figure, start...end)
            }
            if c.contains(.durationUnit), i > 0, !word.followsPunctuation,
               isFigure(previous, previous: i > 1 ? words[i - 2] : Word.none, next: word)
                || previous.classes.contains(.vagueAmount) {
                note(.duration, (i - 1)...i)
            } else if word.hasDigit, word.hasHyphen,
                      let unit = word.lower.split(separator: "-").last, Lexicon.durationUnits.contains(String(unit)) {
                note(.duration, i...i)   // "11-hour"
            }
            if c.contains(.attribution), !(word.lower == "said" && previous.classes.contains(.be) && next.lower == "to") {
                note(.attribution, i...i)
            } else if word.lower == "according", next.lower == "to" {
                note(.attribution, i...(i + 1))
            }
            if let run = comparison(words, at: i) { note(.comparison, run) }
            if c.contains(.official) || word.text == "General" || word.isAcronym {
                // The whole name when the title is part of one: "Office for National Statistics".
                note(.official, names.first { $0.contains(i) } ?? i...i)
            }
            if let run = hedge(words, at: i) { note(.hedge, run) }
            if let run = opinion(words, at: i) { note(.opinion, run) }
        }
        if let name = names.first { note(.official, name) }

        if let quotation = quotation(sentence) { found[.quote] = quotation }
        return Feature.allCases.compactMap { feature in
            found[feature].map { Signal(feature: feature, evidence: $0) }
        }
    }

    // MARK: Features

    private static func isFigure(_ word: Word, previous: Word, next: Word) -> Bool {
        let w = word.lower
        // "Article 5", "Section 230", "Flight 17": the number is part of a name, not a quantity.
        if word.startsWithDigit { return !(Lexicon.numberedNames.contains(previous.lower) && word.isWholeNumber) }
        if w == "one" { return !previous.classes.contains(.notOne) && next.lower != "another" }
        if w == "third" || w == "quarter" {
            return ["a", "one", "two", "three"].contains(previous.lower) && next.lower == "of"
        }
        if w == "cent" { return previous.lower == "per" }
        if word.classes.contains(.numberWord) { return true }
        // "two-thirds", "twenty-five", "half-million"
        return word.hasHyphen
            && w.split(separator: "-").contains { Lexicon.numberWords.contains(String($0)) || $0 == "thirds" }
    }

    /// For each word, whether it names a date, year or time.
    private static func dateWords(_ words: [Word]) -> [Bool] {
        var dates = [Bool](repeating: false, count: words.count)
        for (i, word) in words.enumerated() {
            let c = word.classes
            let previous = i > 0 ? words[i - 1] : Word.none
            let nextHasDigit = i + 1 < words.count && words[i + 1].startsWithDigit
            var isMonth = word.isCapitalised && c.contains(.month)
            if word.lower == "may" {   // the month, not the verb: "in May", "May 5"
                isMonth = word.isCapitalised && (previous.classes.contains(.beforeDate) || nextHasDigit)
            }
            if word.isCapitalised, c.contains(.monthAbbreviation), nextHasDigit || previous.startsWithDigit {
                isMonth = true
            }
            if isMonth {
                dates[i] = true
                // The day next to the month: "20 November", "November 20", "Nov. 20th".
                for j in [i - 1, i + 1] where j >= 0 && j < words.count && words[j].startsWithDigit
                    && words[j].lower.prefix(while: \.isNumber).count <= 2 {
                    dates[j] = true
                }
            } else if word.isCapitalised && c.contains(.weekday) || c.contains(.relativeDay) {
                dates[i] = true
            } else if word.hasDigit && (word.isYear || hasDateShape(word.lower))
                        || word.lower == "a.m" || word.lower == "p.m" {
                dates[i] = true
            } else if c.contains(.calendarUnit), ["last", "this", "next", "past"].contains(previous.lower) {
                dates[i - 1] = true; dates[i] = true
            } else if word.lower == "ago", i > 0 {
                dates[i] = true
            }
        }
        return dates
    }

    /// "2026-11-20", "10:30", "1990s", "'90s".
    private static func hasDateShape(_ word: String) -> Bool {
        let shape = String(word.map { $0.isNumber ? "9" : $0 })
        return ["9999-99-99", "9:99", "99:99", "9999s", "'99s", "’99s"].contains(shape)
    }

    /// "more than", "fewer than", "the longest", "a record", "fell", "doubled".
    private static func comparison(_ words: [Word], at i: Int) -> ClosedRange<Int>? {
        let word = words[i], w = word.lower
        let previous = i > 0 ? words[i - 1] : Word.none, next = i + 1 < words.count ? words[i + 1].lower : ""
        if next == "than", word.classes.contains(.comparative) { return i...(i + 1) }
        if (w == "as" && (next == "many" || next == "much")) || (w == "at" && (next == "least" || next == "most"))
            || (w == "twice" && next == "as") || (w == "times" && (next == "as" || next == "more")) {
            return i...(i + 1)
        }
        if word.classes.contains(.trend) {
            // "declined to comment" is a refusal; "declined to 5%" a change.
            let isRefusal = next == "to" && i + 2 < words.count && !words[i + 2].startsWithDigit
                && !words[i + 2].classes.contains(.numberWord) && !words[i + 2].classes.contains(.symbol)
            if !isRefusal { return i...i }
        }
        if w == "unprecedented" || w == "all-time" { return i...i }
        if w == "record" || w.hasPrefix("record-") {
            if w != "record" || ["a", "new", "all-time"].contains(previous.lower)
                || ["high", "highs", "low", "lows", "level", "levels", "number", "numbers", "year"].contains(next) {
                return i...i
            }
        }
        if previous.lower == "the", ["first", "only", "most", "least"].contains(w) { return (i - 1)...i }
        if w.hasSuffix("est"), word.isAlphabetic, !word.isCapitalised || i == 0 {
            if word.classes.contains(.superlative) { return i...i }
            if w.count >= 4, !word.classes.contains(.notSuperlative),
               previous.classes.contains(.determiner)
                || previous.lower.hasSuffix("'s") || previous.lower.hasSuffix("’s") {
                return i...i
            }
        }
        return nil
    }

    /// A hedge at word `i`: "reportedly", "is said to", "did not confirm", "could not be independently verified".
    static func hedge(_ words: [Word], at i: Int) -> ClosedRange<Int>? {
        let word = words[i], w = word.lower
        if word.classes.contains(.hedge) { return i...i }
        if word.classes.contains(.be), i + 2 < words.count, words[i + 1].classes.contains(.reportedTo),
           words[i + 2].lower == "to" {
            return i...(i + 2)
        }
        guard w == "not" || w == "cannot" || w.hasSuffix("n't") || w.hasSuffix("n’t") else { return nil }
        var j = i + 1
        while j < words.count, ["be", "been", "independently", "yet"].contains(words[j].lower) { j += 1 }
        guard j < words.count, ["confirm", "confirmed", "verify", "verified"].contains(words[j].lower) else { return nil }
        let start = w == "not" && i > 0 && words[i - 1].classes.contains(.auxiliary) ? i - 1 : i
        return start...j
    }

    /// An opinion or a plan at word `i`: "will", "should", "plans to", "I think", "in my view".
    static func opinion(_ words: [Word], at i: Int) -> ClosedRange<Int>? {
        let word = words[i], w = word.lower
        let next = i + 1 < words.count ? words[i + 1].lower : ""
        if word.classes.contains(.modal) || w.hasSuffix("'ll") || w.hasSuffix("’ll") {
            // "could not be verified" is a hedge, not a plan.
            if hedge(words, at: i) != nil || (i + 1 < words.count && hedge(words, at: i + 1) != nil) { return nil }
            return i...i
        }
        if next == "to", word.classes.contains(.intention) { return i...(i + 1) }
        if w == "i" || w == "we", ["think", "believe", "feel", "hope"].contains(next) { return i...(i + 1) }
        if w == "in", next == "my" || next == "our", i + 2 < words.count, ["view", "opinion"].contains(words[i + 2].lower) {
            return i...(i + 2)
        }
        if w == "perhaps" || w == "maybe" { return i...i }
        return nil
    }

    /// Runs of two or more capitalised words ("Lena Hart", "Palais des Nations"), not counting
    /// a capital that only starts the sentence, months or weekdays.
    private static func properNames(_ words: [Word]) -> [ClosedRange<Int>] {
        var names: [ClosedRange<Int>] = []
        var i = 0
        while i < words.count {
            guard isNamePart(words, i) else { i += 1; continue }
            var end = i
            var j = i + 1
            while j < words.count, !words[j].followsPunctuation {
                if isNamePart(words, j) {
                    end = j; j += 1
                } else if words[j].classes.contains(.nameConnector), !words[j].isCapitalised, j + 1 < words.count,
                          !words[j + 1].followsPunctuation, isNamePart(words, j + 1) {
                    j += 1
                } else {
                    break
                }
            }
            if end > i { names.append(i...end) }
            i = end + 1
        }
        return names
    }

    private static func isNamePart(_ words: [Word], _ i: Int) -> Bool {
        let word = words[i]
        guard word.isCapitalised, word.isAlphabetic, word.text != "I",
              !word.classes.contains(.month), !word.classes.contains(.weekday) else { return false }
        let startsSentence = i == 0 || words[i - 1].endsSentencePart
        return !(startsSentence && word.classes.contains(.starter))
    }

    /// The quoted words, when the sentence quotes at least two words (or continues a quotation).
    private static func quotation(_ sentence: String) -> String? {
        let scalars = Array(sentence.unicodeScalars)
        func isMark(_ c: Unicode.Scalar) -> Bool { c == "\"" || c == "\u{201C}" || c == "\u{201D}" }
        guard let open = scalars.firstIndex(where: isMark) else { return nil }
        if let close = scalars[(open + 1)...].firstIndex(where: isMark) {
            var inside = scalars[(open + 1)..<close]
            while let first = inside.first, Glyph.isSpace(first) || Glyph.isPunctuation(first) { inside.removeFirst() }
            while let last = inside.last, Glyph.isSpace(last) || Glyph.isPunctuation(last) { inside.removeLast() }
            guard inside.contains(where: Glyph.isSpace) else { return nil }
            return shortened(Sentences.string(inside))
        }
        // A lone mark opens or closes a quotation running across sentences.
        guard scalars[..<open].allSatisfy(Glyph.isSpace) || !scalars[(open + 1)...].contains(where: Glyph.isLetter)
        else { return nil }
        return shortened(Sentences.string(scalars[...]))
    }

    private static func shortened(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(59)) + "…" : text
    }
}

extension CheckWorthiness {
    typealias Glyph = Sentences.Glyph

    /// A word of a sentence: letters and digits, with inner dots, commas, apostrophes, hyphens,
    /// colons and slashes ("4,000", "3.5", "U.S", "Belmark's", "11-hour", "10:30"); a currency
    /// sign or % is a word of its own.
    struct Word {
        let text: String
        let lower: String
        let range: Range<String.Index>
        /// What the lexicon knows of the lowercased word.
        let classes: WordClass
        /// Something other than spaces separates it from the word before (a comma, a quote, a dash).
        let followsPunctuation: Bool
        /// The word before it ended a clause or a sentence, or there is none, so a capital may be grammar.
        let endsSentencePart: Bool
        let isCapitalised: Bool
        let startsWithDigit: Bool
        let hasDigit: Bool
        let hasHyphen: Bool
        /// Letters only, with apostrophes and hyphens.
        let isAlphabetic: Bool
        /// "UN", "NATO", "BNT": two to six capital letters.
        let isAcronym: Bool

        /// The word before the first and after the last.
        static let none = Word("", "".startIndex..<"".endIndex, followsPunctuation: true, endsSentencePart: true)

        init(_ sentence: String, _ range: Range<String.Index>, followsPunctuation: Bool, endsSentencePart: Bool) {
            text = String(sentence[range])
            lower = text.lowercased()
            self.range = range
            classes = Lexicon.classes[lower] ?? []
            self.followsPunctuation = followsPunctuation
            self.endsSentencePart = endsSentencePart
            var capitals = 0, letters = 0, digits = 0, others = 0, hyphens = 0, count = 0
            for c in text.unicodeScalars {
                count += 1
                if Glyph.isLetter(c) {
                    letters += 1
                    if Glyph.isUppercase(c) { capitals += 1 }
                } else if Glyph.isDigit(c) {
                    digits += 1
                } else if c == "-" {
                    hyphens += 1
                } else if c != "'" && c != "\u{2019}" && (c.isASCII || c.properties.generalCategory != .nonspacingMark) {
                    others += 1
                }
            }
            let first = text.unicodeScalars.first
            isCapitalised = first.map(Glyph.isUppercase) ?? false
            startsWithDigit = first.map(Glyph.isDigit) ?? false
            hasDigit = digits > 0
            hasHyphen = hyphens > 0
            isAlphabetic = letters > 0 && digits == 0 && others == 0
            isAcronym = (2...6).contains(count) && capitals == count && !Lexicon.notAcronyms.contains(text)
        }

        /// Digits only: "5", "230" (not "4,000" or "3.5").
        var isWholeNumber: Bool { !text.isEmpty && text.unicodeScalars.allSatisfy(Glyph.isDigit) }

        var isYear: Bool {
            guard text.utf8.count == 4, let value = Int(text) else { return false }
            return (1800...2100).contains(value)
        }

        static func split(_ sentence: String) -> [Word] {
            let scalars = sentence.unicodeScalars
            var words: [Word] = []
            var index = scalars.startIndex
            var sawPunctuation = false
            var sawTerminal = true
            func add(_ range: Range<String.Index>) {
                words.append(Word(sentence, range, followsPunctuation: sawPunctuation, endsSentencePart: sawTerminal))
                sawPunctuation = false
                sawTerminal = false
            }
            while index < scalars.endIndex {
                let c = scalars[index]
                if Glyph.isLetterOrDigit(c) {
                    let start = index
                    var previous = c
                    var end = scalars.index(after: index)
                    while end < scalars.endIndex {
                        let d = scalars[end]
                        let after = scalars.index(after: end)
                        if Glyph.isLetterOrDigit(d) || !d.isASCII && d.properties.generalCategory == .nonspacingMark {
                            previous = d
                            end = after
                        } else if isJoiner(d), after < scalars.endIndex, Glyph.isLetterOrDigit(scalars[after]),
                                  d != "," || Glyph.isDigit(previous) {
                            previous = d
                            end = after
                        } else {
                            break
                        }
                    }
                    add(start..<end)
                    index = end
                } else if Lexicon.symbols.contains(c) {
                    add(index..<scalars.index(after: index))
                    index = scalars.index(after: index)
                } else {
                    if !Glyph.isSpace(c) { sawPunctuation = true }
                    if c == ":" || c == ";" || Glyph.isTerminal(c) || Glyph.isOpener(c) {
                        sawTerminal = true
                    }
                    index = scalars.index(after: index)
                }
            }
            return words
        }

        /// Punctuation that may join the two halves of a word: 4,000 3.5 U.S Belmark's 11-hour 10:30 24/7
        private static func isJoiner(_ c: Unicode.Scalar) -> Bool {
            switch c { case ".", ",", "'", "\u{2019}", "-", ":", "/": true; default: false }
        }
    }

    /// What the lexicon knows of a word; one dictionary look-up per word answers every question.
    struct WordClass: OptionSet, Sendable {
        let rawValue: UInt32
        static let month = WordClass(rawValue: 1 << 0)
        static let monthAbbreviation = WordClass(rawValue: 1 << 1)
        static let weekday = WordClass(rawValue: 1 << 2)
        static let relativeDay = WordClass(rawValue: 1 << 3)
        static let calendarUnit = WordClass(rawValue: 1 << 4)
        static let beforeDate = WordClass(rawValue: 1 << 5)
        static let numberWord = WordClass(rawValue: 1 << 6)
        static let symbol = WordClass(rawValue: 1 << 7)
        static let notOne = WordClass(rawValue: 1 << 8)
        static let durationUnit = WordClass(rawValue: 1 << 9)
        static let vagueAmount = WordClass(rawValue: 1 << 10)
        static let attribution = WordClass(rawValue: 1 << 11)
        static let be = WordClass(rawValue: 1 << 12)
        static let comparative = WordClass(rawValue: 1 << 13)
        static let trend = WordClass(rawValue: 1 << 14)
        static let superlative = WordClass(rawValue: 1 << 15)
        static let notSuperlative = WordClass(rawValue: 1 << 16)
        static let determiner = WordClass(rawValue: 1 << 17)
        static let official = WordClass(rawValue: 1 << 18)
        static let nameConnector = WordClass(rawValue: 1 << 19)
        static let starter = WordClass(rawValue: 1 << 20)
        static let hedge = WordClass(rawValue: 1 << 21)
        static let reportedTo = WordClass(rawValue: 1 << 22)
        static let auxiliary = WordClass(rawValue: 1 << 23)
        static let modal = WordClass(rawValue: 1 << 24)
        static let intention = WordClass(rawValue: 1 << 25)
        static let preposition = WordClass(rawValue: 1 << 26)
    }
}

extension CheckWorthiness {
    /// The word lists the features are made of, lowercased.
    enum Lexicon {
        static let classes: [String: WordClass] = {
            var classes: [String: WordClass] = [:]
            func add(_ words: Set<String>, _ wordClass: WordClass) {
                for word in words { classes[word, default: []].insert(wordClass) }
            }
            add(months, .month)
            add(Sentences.Abbreviations.months, .monthAbbreviation)
            add(weekdays, .weekday)
            add(relativeDays, .relativeDay)
            add(calendarUnits, .calendarUnit)
            add(beforeDates, .beforeDate)
            add(numberWords, .numberWord)
            add(["%", "$", "€", "£", "¥"], .symbol)
            add(["no", "any", "every", "some", "the", "this", "that", "which"], .notOne)
            add(durationUnits, .durationUnit)
            add(vagueAmounts, .vagueAmount)
            add(attributionVerbs, .attribution)
            add(["is", "are", "was", "were", "be", "been"], .be)
            add(comparatives, .comparative)
            add(trendVerbs, .trend)
            add(superlatives, .superlative)
            add(notSuperlatives, .notSuperlative)
            add(["the", "its", "their", "his", "her", "our", "your", "my"], .determiner)
            add(officialWords, .official)
            add(nameConnectors, .nameConnector)
            add(["against", "than", "over", "under", "per", "between", "among", "into", "across", "toward", "towards",
                 "above", "below", "around", "about", "versus", "up", "down", "off"], .preposition)
            add(sentenceStarters, .starter)
            add(["reportedly", "allegedly", "purportedly", "supposedly", "rumoured", "rumored", "unconfirmed",
                 "unverified"], .hedge)
            add(["said", "believed", "thought", "understood", "reported", "alleged", "rumoured", "rumored"], .reportedTo)
            add(["did", "does", "do", "could", "would", "can", "has", "have", "had", "was", "were", "is", "are"],
                .auxiliary)
            add(["will", "would", "should", "could", "might", "must", "shall", "cannot"], .modal)
            add(["plans", "plan", "planned", "intends", "intend", "aims", "hopes", "hope", "expects", "expected",
                 "vowed", "pledged", "promised"], .intention)
            return classes
        }()

        /// Words a number names a thing after: "Article 5", "Section 230", "Resolution 2334".
        static let numberedNames: Set<String> = [
            "article", "articles", "section", "sections", "chapter", "clause", "paragraph", "amendment", "title",
            "rule", "resolution", "annex", "protocol", "appendix", "exhibit", "schedule", "part", "item", "act",
            "flight", "route", "highway", "interstate", "gate", "room", "phase", "stage", "level", "category",
            "grade", "version", "apollo", "windows", "no", "nos", "number", "platform", "district", "ward", "unit",
        ]

        static let symbols: Set<Unicode.Scalar> = ["%", "$", "\u{20AC}", "\u{00A3}", "\u{00A5}"]
        static let notAcronyms: Set<String> = ["AM", "PM", "OK", "TV"]

        static let months: Set<String> = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        static let relativeDays: Set<String> = ["yesterday", "today", "tonight", "tomorrow"]
        static let calendarUnits: Set<String> = [
            "year", "month", "week", "decade", "century", "summer", "winter", "spring", "autumn", "quarter", "weekend",
        ]
        static let beforeDates: Set<String> = [
            "in", "on", "since", "by", "until", "of", "early", "late", "mid", "last", "next", "this",
        ]

        static let numberWords: Set<String> = [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
            "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands",
            "million", "millions", "billion", "billions", "trillion", "trillions", "dozen", "dozens", "half", "halved",
            "double", "doubled", "tripled", "triple", "quadrupled", "twice", "percent", "percentage", "bn", "mn",
        ]
        static let durationUnits: Set<String> = [
            "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "fortnight",
            "month", "months", "year", "years", "decade", "decades", "century", "centuries",
        ]
        static let vagueAmounts: Set<String> = ["a", "an", "several", "few", "many", "couple", "more"]

        static let attributionVerbs: Set<String> = [
            "said", "says", "say", "told", "tells", "stated", "disclosed", "claimed", "announced", "announces",
            "reported", "added", "insisted", "insists", "argued", "argues", "confirmed", "confirms", "denied", "denies",
            "estimated", "estimates", "wrote", "writes", "tweeted", "posted", "testified", "acknowledged", "admitted",
            "noted", "warned", "explained", "declared", "asserted", "maintained", "revealed",
        ]

        static let comparatives: Set<String> = [
            "more", "less", "fewer", "greater", "higher", "lower", "larger", "smaller", "bigger", "better", "worse",
            "longer", "shorter", "faster", "slower", "cheaper", "older", "younger", "richer", "poorer",
        ]
        static let trendVerbs: Set<String> = [
            "rose", "risen", "rising", "fell", "fallen", "falling", "increased", "decreased", "declined", "dropped",
            "grew", "grown", "doubled", "tripled", "halved", "surged", "soared", "plunged", "plummeted", "slumped",
            "jumped", "climbed", "shrank", "shrunk", "tumbled", "quadrupled",
        ]
        /// Superlatives counted wherever they stand.
        static let superlatives: Set<String> = [
            "largest", "biggest", "highest", "lowest", "longest", "shortest", "fastest", "slowest", "deadliest",
            "strongest", "weakest", "richest", "poorest", "oldest", "youngest", "greatest", "smallest", "worst",
            "cheapest", "costliest", "busiest", "hottest", "coldest", "wettest", "driest", "safest",
        ]
        /// Words ending in -est that are not superlatives, even after "the".
        static let notSuperlatives: Set<String> = [
            "rest", "west", "interest", "protest", "forest", "request", "harvest", "arrest", "contest", "chest",
            "guest", "quest", "nest", "unrest", "conquest", "priest", "behest", "bequest", "test", "vest", "pest",
            "crest", "digest", "manifest", "midwest", "southwest", "northwest", "inquest", "honest", "modest",
            "earnest", "tempest", "everest", "suggest", "invest", "attest", "detest", "infest", "ingest", "divest",
            "molest", "lest", "jest", "zest", "budapest", "bucharest", "latest", "dishonest",
        ]

        static let officialWords: Set<String> = [
            "minister", "ministers", "ministry", "ministries", "president", "presidents", "premier", "senator",
            "senators", "secretary", "spokesperson", "spokesman", "spokeswoman", "spokespeople", "official",
            "officials", "governor", "mayor", "chancellor", "ambassador", "envoy", "director", "commissioner",
            "chairman", "chairwoman", "judge", "prosecutor", "prosecutors", "lawmaker", "lawmakers", "legislator",
            "legislators", "mp", "mps", "congressman", "congresswoman", "delegation", "government", "department",
            "agency", "office", "court", "bank", "parliament", "council", "commission", "committee", "authority",
            "authorities", "bureau", "census", "institute", "university", "congress", "senate", "embassy",
            "regulator", "tribunal", "assembly", "cabinet", "treasury", "programme", "program", "fund",
            "organisation", "organization", "police", "army", "military", "statistics",
        ]
        static let nameConnectors: Set<String> = [
            "of", "des", "de", "du", "la", "le", "van", "von", "der", "den", "da", "di", "del", "al", "bin", "for",
        ]

        /// Words that plainly open a sentence, lowercased.
        static let sentenceStarters: Set<String> = [
            "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
            "there", "here", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "after", "before", "when",
            "while", "as", "if", "his", "her", "its", "their", "our", "my", "your", "what", "who", "why", "how",
            "however", "meanwhile", "still", "also", "then", "now", "some", "many", "most", "no", "not", "both",
            "each", "all", "according", "during", "since", "with", "without", "despite", "although", "though", "by",
            "from", "to", "of", "last", "next", "earlier", "later", "asked", "instead", "only", "even", "such", "one",
        ]
    }
}
