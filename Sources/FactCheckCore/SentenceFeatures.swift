// The numbers the learned check-worthiness model weighs for one sentence: hashed word 1-2 grams
// and character 3-5 grams of its folded text, then the explained signals and a few cheap cues.
// This is the one implementation: Scripts/train-checkworthiness fits the model on the vectors
// `factcheck article features` prints from here, so training and scoring cannot drift apart.

/// A sentence as a sparse vector of `SentenceFeatures.dimension` numbers.
public struct SentenceFeatures: Sendable {
    /// Hashed n-gram buckets come first; the cues follow them.
    public static let buckets = 1 << 18
    public static var dimension: Int { buckets + Cue.allCases.count }

    /// Named features after the buckets, each 0 or 1, in this order (index `buckets + rawValue`).
    public enum Cue: Int, Sendable, CaseIterable {
        case figure, comparison, official, date, duration, attribution, quote, hedge, opinion
        /// Word count: up to 5, 6-12, 13-25, more.
        case veryShort, short, medium, long
        /// A number with what it counts or its unit: "4,000 troops", "6.2%", "$9 billion".
        case numberWithUnit
        case question
        /// "I", "we", "my", "our": the speaker speaks of themselves.
        case firstPerson
        /// "you", "your": addressed to someone.
        case secondPerson

        public var name: String { String(describing: self) }

        static func signal(_ feature: Feature) -> Cue {
            switch feature {
            case .figure: .figure
            case .comparison: .comparison
            case .official: .official
            case .date: .date
            case .duration: .duration
            case .attribution: .attribution
            case .quote: .quote
            case .hedge: .hedge
            case .opinion: .opinion
            }
        }
    }

    /// A word 1-gram or 2-gram of the sentence, in its own words, with where it is counted.
    public struct Phrase: Sendable, Hashable {
        /// The sentence's words, as written.
        public let text: String
        public let bucket: Int
        /// Its share of the bucket's value.
        public let value: Double
    }

    /// Ascending, distinct.
    public let indices: [Int]
    public let values: [Double]
    public let signals: [Signal]
    public let phrases: [Phrase]

    public init(_ sentence: String) {
        let signals = CheckWorthiness.signals(in: sentence)
        let tokens = Self.tokens(sentence)
        var vector: [Int: Double] = [:]

        // Word 1-2 grams: each distinct gram once, the group scaled to unit length.
        var seen: Set<UInt32> = []
        var grams: [(hash: UInt32, text: String)] = []
        for (i, token) in tokens.enumerated() {
            let unigram = FNV1a.hash("w:", token.folded)
            if seen.insert(unigram).inserted { grams.append((unigram, String(sentence[token.range]))) }
            if i > 0 {
                let previous = tokens[i - 1]
                let bigram = FNV1a.hash("b:", previous.folded + " " + token.folded)
                if seen.insert(bigram).inserted {
                    grams.append((bigram, String(sentence[previous.range.lowerBound..<token.range.upperBound])))
                }
            }
        }
        let wordValue = grams.isEmpty ? 0 : 1 / Double(grams.count).squareRoot()
        var phrases: [Phrase] = []
        phrases.reserveCapacity(grams.count)
        for gram in grams {
            let bucket = Int(gram.hash % UInt32(Self.buckets))
            vector[bucket, default: 0] += wordValue
            phrases.append(Phrase(text: gram.text, bucket: bucket, value: wordValue))
        }

        // Character 3-5 grams of the folded words joined by spaces, with a space at each end.
        var bytes: [UInt8] = [32]
        var starts: [Int] = [0]
        for token in tokens {
            for scalar in token.folded.unicodeScalars {
                starts.append(bytes.count)
                bytes.append(contentsOf: String(scalar).utf8)
            }
            starts.append(bytes.count)
            bytes.append(32)
        }
        starts.append(bytes.count)
        var characterGrams: Set<UInt32> = []
        let scalarCount = starts.count - 1
        if !tokens.isEmpty {
            for n in 3...5 where scalarCount >= n {
                for first in 0...(scalarCount - n) {
                    var hash = FNV1a.characterSeed
                    for byte in bytes[starts[first]..<starts[first + n]] { hash = FNV1a.step(hash, byte) }
                    characterGrams.insert(hash)
                }
            }
        }
        let characterValue = characterGrams.isEmpty ? 0 : 1 / Double(characterGrams.count).squareRoot()
        for hash in characterGrams { vector[Int(hash % UInt32(Self.buckets)), default: 0] += characterValue }

        // The cues.
        var cues: Set<Cue> = Set(signals.map { Cue.signal($0.feature) })
        switch tokens.count {
        case ...5: cues.insert(.veryShort)
        case 6...12: cues.insert(.short)
        case 13...25: cues.insert(.medium)
        default: cues.insert(.long)
        }
        if let figure = signals.first(where: { $0.feature == .figure })?.evidence,
           figure.contains(" ") || figure.unicodeScalars.contains(where: CheckWorthiness.Lexicon.symbols.contains) {
            cues.insert(.numberWithUnit)
        }
        if sentence.unicodeScalars.reversed().first(where: { !Sentences.Glyph.isCloser($0) && !Sentences.Glyph.isSpace($0) }) == "?" {
            cues.insert(.question)
        }
        let words = Set(tokens.map(\.folded))
        if !words.isDisjoint(with: ["i", "we", "my", "our", "me", "us", "i'm", "we're", "i've", "we've"]) {
            cues.insert(.firstPerson)
        }
        if !words.isDisjoint(with: ["you", "your", "you're", "you've"]) { cues.insert(.secondPerson) }
        for cue in cues { vector[Self.buckets + cue.rawValue] = 1 }

        let indices = vector.keys.sorted()
        self.indices = indices
        self.values = indices.map { vector[$0]! }
        self.signals = signals
        self.phrases = phrases
    }

    /// A word of the sentence: letters and digits, joined by an apostrophe between letters, a
    /// point or comma between digits, or a hyphen; lowercased, every run of digits folded to "0".
    struct Token {
        let range: Range<String.Index>
        let folded: String
    }

    static func tokens(_ sentence: String) -> [Token] {
        typealias Glyph = Sentences.Glyph
        let scalars = sentence.unicodeScalars
        var tokens: [Token] = []
        var index = scalars.startIndex
        while index < scalars.endIndex {
            guard Glyph.isLetterOrDigit(scalars[index]) else { index = scalars.index(after: index); continue }
            let start = index
            var end = scalars.index(after: index)
            while end < scalars.endIndex {
                let c = scalars[end]
                if Glyph.isLetterOrDigit(c) { end = scalars.index(after: end); continue }
                let after = scalars.index(after: end)
                guard after < scalars.endIndex else { break }
                let before = scalars[scalars.index(before: end)], next = scalars[after]
                let joins = switch c {
                case "'", "\u{2019}": Glyph.isLetter(before) && Glyph.isLetter(next)
                case ".", ",": Glyph.isDigit(before) && Glyph.isDigit(next)
                case "-": Glyph.isLetterOrDigit(before) && Glyph.isLetterOrDigit(next)
                default: false
                }
                guard joins else { break }
                end = after
            }
            var folded = String.UnicodeScalarView()
            var inDigits = false
            for c in String(scalars[start..<end]).lowercased().unicodeScalars {
                if Glyph.isDigit(c) {
                    if !inDigits { folded.append("0") }
                    inDigits = true
                } else {
                    folded.append(c == "\u{2019}" ? "'" : c)
                    inDigits = false
                }
            }
            tokens.append(Token(range: start..<end, folded: String(folded)))
            index = end
        }
        return tokens
    }
}

/// 32-bit FNV-1a over UTF-8: a hash that is the same on every machine and every run (Swift's
/// `Hasher` is seeded per process).
enum FNV1a {
    static let offset: UInt32 = 2_166_136_261
    static let prime: UInt32 = 16_777_619

    static func step(_ hash: UInt32, _ byte: UInt8) -> UInt32 { (hash ^ UInt32(byte)) &* prime }

    static func hash(_ prefix: StaticString, _ text: String) -> UInt32 {
        var hash = offset
        prefix.withUTF8Buffer { for byte in $0 { hash = step(hash, byte) } }
        for byte in text.utf8 { hash = step(hash, byte) }
        return hash
    }

    /// The hash after "c:", where every character gram starts.
    static let characterSeed: UInt32 = step(step(offset, UInt8(ascii: "c")), UInt8(ascii: ":"))
}
