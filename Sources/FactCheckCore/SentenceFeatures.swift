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
        let buckets = UInt32(Self.buckets)

        // Word 1-2 grams: each distinct gram once, the group scaled to unit length.
        var seen: Set<UInt32> = []
        var grams: [(hash: UInt32, text: Substring)] = []
        grams.reserveCapacity(2 * tokens.count)
        for (i, token) in tokens.enumerated() {
            let unigram = FNV1a.hash("w:", token.folded)
            if seen.insert(unigram).inserted { grams.append((unigram, sentence[token.range])) }
            if i > 0 {
                let previous = tokens[i - 1]
                let bigram = FNV1a.hash("b:", previous.folded, " ", token.folded)
                if seen.insert(bigram).inserted {
                    grams.append((bigram, sentence[previous.range.lowerBound..<token.range.upperBound]))
                }
            }
        }
        // Each bucket's value is its count of word grams times theirs plus its count of character
        // grams times theirs: the same number whatever the order the grams were found in.
        var keys: [UInt64] = []
        keys.reserveCapacity(grams.count + 12 * tokens.count)
        let wordValue = grams.isEmpty ? 0 : 1 / Double(grams.count).squareRoot()
        var phrases: [Phrase] = []
        phrases.reserveCapacity(grams.count)
        for gram in grams {
            let bucket = Int(gram.hash % buckets)
            keys.append(UInt64(bucket) << 1)
            phrases.append(Phrase(text: String(gram.text), bucket: bucket, value: wordValue))
        }

        // Character 3-5 grams of the folded words joined by spaces, with a space at each end.
        var bytes: [UInt8] = [32]
        var starts: [Int] = [0]
        bytes.reserveCapacity(sentence.utf8.count + 2)
        starts.reserveCapacity(sentence.utf8.count + 2)
        for token in tokens {
            for scalar in token.folded.unicodeScalars {
                starts.append(bytes.count)
                UTF8.encode(scalar) { bytes.append($0) }
            }
            starts.append(bytes.count)
            bytes.append(32)
        }
        starts.append(bytes.count)
        var characterGrams: [UInt32] = []
        let scalarCount = starts.count - 1
        if !tokens.isEmpty {
            characterGrams.reserveCapacity(3 * scalarCount)
            bytes.withUnsafeBufferPointer { bytes in
                for first in 0..<scalarCount {
                    var hash = FNV1a.characterSeed
                    var end = starts[first]
                    for n in 1...5 where first + n <= scalarCount {
                        while end < starts[first + n] { hash = FNV1a.step(hash, bytes[end]); end += 1 }
                        if n >= 3 { characterGrams.append(hash) }
                    }
                }
            }
        }
        characterGrams.sort()
        var distinctCharacterGrams = 0
        for (i, hash) in characterGrams.enumerated() where i == 0 || characterGrams[i - 1] != hash {
            distinctCharacterGrams += 1
            keys.append(UInt64(hash % buckets) << 1 | 1)
        }
        let characterValue = distinctCharacterGrams == 0 ? 0 : 1 / Double(distinctCharacterGrams).squareRoot()

        keys.sort()
        var indices: [Int] = []
        var values: [Double] = []
        indices.reserveCapacity(keys.count + 8)
        values.reserveCapacity(keys.count + 8)
        var k = 0
        while k < keys.count {
            let bucket = Int(keys[k] >> 1)
            var words = 0, characters = 0
            while k < keys.count, Int(keys[k] >> 1) == bucket {
                if keys[k] & 1 == 0 { words += 1 } else { characters += 1 }
                k += 1
            }
            indices.append(bucket)
            values.append(Double(words) * wordValue + Double(characters) * characterValue)
        }

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
        for cue in Cue.allCases where cues.contains(cue) {
            indices.append(Self.buckets + cue.rawValue)
            values.append(1)
        }

        self.indices = indices
        self.values = values
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

    static func hash(_ prefix: StaticString, _ parts: String...) -> UInt32 {
        var hash = offset
        prefix.withUTF8Buffer { for byte in $0 { hash = step(hash, byte) } }
        for part in parts {
            for byte in part.utf8 { hash = step(hash, byte) }
        }
        return hash
    }

    /// The hash after "c:", where every character gram starts.
    static let characterSeed: UInt32 = step(step(offset, UInt8(ascii: "c")), UInt8(ascii: ":"))
}
