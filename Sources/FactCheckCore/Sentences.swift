import Foundation

// The sentence splitter behind `article candidates` and `claim add --from-article` (SPEC
// section 7): an article's text is cut into numbered sentences a reviewer could log, the same
// on every run and every machine.

/// One sentence of an article's body.
public struct Sentence: Sendable, Hashable {
    /// 1-based among the kept sentences: what `claim add --from-article ID --sentence N` takes.
    public let number: Int
    /// 1-based among the body's paragraphs that kept a sentence.
    public let paragraph: Int
    public let text: String

    public init(number: Int, paragraph: Int, text: String) {
        self.number = number; self.paragraph = paragraph; self.text = text
    }
}

/// Cuts an article's text into sentences.
///
/// Paragraphs are separated by blank lines; a single line break inside a paragraph is a
/// wrapped line. Left out: the headline (a short first line without final punctuation),
/// bylines and date lines at the top, the dateline opening the first paragraph ("GENEVA."),
/// subheadings (a short one-line paragraph without final punctuation), and boilerplate
/// (copyright lines, "All rights reserved", "About us", "Subscribe …", "Follow us …").
/// A period ends a sentence only when the next one starts with a capital, a digit or a
/// quote, and not after a title (Mr., Gen.), an initial (J. R. Smith) or, unless a new
/// sentence plainly starts (U.S. The …), an abbreviation that can end one (Inc., p.m.).
/// A quotation that closes within its paragraph is kept whole.
public enum Sentences {
    public static func split(_ text: String) -> [Sentence] {
        var sentences: [Sentence] = []
        var paragraphNumber = 0
        for (index, paragraph) in bodyParagraphs(text).enumerated() {
            let scalars = index == 0 ? Array(strippingDateline(string(paragraph[...])).unicodeScalars) : paragraph
            var pieces = Sentences.sentences(in: scalars)
            if let first = pieces.first, isBoilerplate(first) { continue }
            pieces.removeAll(where: isBoilerplate)
            guard !pieces.isEmpty else { continue }
            paragraphNumber += 1
            for piece in pieces {
                sentences.append(Sentence(number: sentences.count + 1, paragraph: paragraphNumber, text: piece))
            }
        }
        return sentences
    }

    // MARK: Paragraphs and what is not the article's own text

    /// The body's paragraphs, each joined into one line, without the front matter and subheadings.
    static func bodyParagraphs(_ text: String) -> [[Unicode.Scalar]] {
        // Split on line feeds only, so that "\r\n" is one break; the "\r" goes with the trimming.
        let lines = Array(text.unicodeScalars).split(separator: "\n", omittingEmptySubsequences: false).map(trimmed)
        var index = 0
        var isFirstLine = true
        while index < lines.count {
            let line = string(lines[index])
            if line.isEmpty { index += 1; continue }
            defer { isFirstLine = false }
            let next = index + 1 < lines.count ? string(lines[index + 1]) : nil
            let afterNext = index + 2 < lines.count ? string(lines[index + 2]) : ""
            func endsFrontMatter(_ line: String) -> Bool { line.isEmpty || isByline(line) || isDateLine(line) }
            if isFirstLine, isHeadline(line), let next, endsFrontMatter(next) {
                index += 1
            } else if isFirstLine, isHeadline(line), let next, !next.isEmpty,
                      isHeadline(next) && endsFrontMatter(afterNext) || isTitleCase(line) {
                // A headline over its standfirst, with no blank line between: "Inflation eases to 3.1%"
                // over "Consumer prices rose more slowly, figures show". A standfirst without final
                // punctuation goes with it; one that reads as a sentence stays, a paragraph of its own.
                index += isHeadline(next) && endsFrontMatter(afterNext) ? 2 : 1
            } else if isByline(line) || isDateLine(line) {
                index += 1
            } else {
                break
            }
        }
        var paragraphs: [[ArraySlice<Unicode.Scalar>]] = []
        var current: [ArraySlice<Unicode.Scalar>] = []
        for line in lines[index...] {
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs.enumerated().compactMap { index, lines in
            let isLast = index == paragraphs.count - 1
            if lines.count == 1, !isLast, let end = lines[0].last, !Glyph.isTerminal(end), !Glyph.isCloser(end),
               isSubheading(string(lines[0])) {
                return nil
            }
            var paragraph: [Unicode.Scalar] = []
            paragraph.reserveCapacity(lines.reduce(lines.count) { $0 + $1.count })
            for line in lines {
                if !paragraph.isEmpty { paragraph.append(" ") }
                paragraph.append(contentsOf: line)
            }
            return paragraph
        }
    }

    static func isHeadline(_ line: String) -> Bool {
        !endsWithFinalPunctuation(line) && wordCount(line) <= 20
    }

    /// "Historic Summit Tests Alliance Unity": most words of four letters or more capitalised.
    static func isTitleCase(_ line: String) -> Bool {
        let long = line.split(whereSeparator: \.isWhitespace).filter { $0.count >= 4 }
        return long.count >= 2 && long.filter { $0.first?.isUppercase == true }.count * 4 >= long.count * 3
    }

    static func isSubheading(_ line: String) -> Bool {
        !endsWithFinalPunctuation(line) && wordCount(line) <= 10 && line.first?.isUppercase == true
    }

    /// "By Clara Jensen, The Northern Ledger." — "By" and a capitalised name, not "By Thursday, …".
    static func isByline(_ line: String) -> Bool {
        let words = line.split(whereSeparator: \.isWhitespace)
        guard words.count >= 2, words.count <= 30, words[0] == "By" || words[0] == "BY" else { return false }
        let name = words[1].trimmingCharacters(in: .punctuationCharacters)
        guard let initial = name.first, initial.isUppercase else { return false }
        let lower = name.lowercased()
        return !Lexicon.months.contains(lower) && !Lexicon.weekdays.contains(lower)
            && !Lexicon.sentenceStarters.contains(lower)
    }

    /// "20 November 2026.", "Updated Thursday 20 November 2026 14:30 GMT": nothing but a date.
    static func isDateLine(_ line: String) -> Bool {
        let words = line.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard !words.isEmpty,
              words.contains(where: { $0.first!.isNumber || Lexicon.months.contains(String($0)) })
        else { return false }
        return words.allSatisfy { word in
            let w = String(word)
            return Lexicon.months.contains(w) || Lexicon.weekdays.contains(w) || dateLineWords.contains(w)
                || w.first!.isNumber && w.drop(while: \.isNumber).allSatisfy(\.isLetter) && w.count <= 6
        }
    }

    private static let dateLineWords: Set<String> = [
        "published", "updated", "posted", "last", "on", "at", "am", "pm", "a", "m", "p", "gmt", "utc", "bst",
        "cet", "cest", "et", "est", "edt", "pst", "pdt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    ]

    /// "GENEVA. After …" → "After …"; also "LONDON — …" and "GENEVA, Nov 20 (Reuters) - …".
    static func strippingDateline(_ paragraph: String) -> String {
        guard paragraph.unicodeScalars.prefix(2).allSatisfy(Glyph.isUppercase) else {
            return strippingTitleCaseDateline(paragraph)
        }
        // Built per call (Regex is not Sendable, so it cannot be a static); only a paragraph opening
        // with two capitals gets here.
        let dateline = #/
            (\p{Lu} [\p{Lu}'’\-]* \p{Lu} (?: \s+ \p{Lu} [\p{Lu}'’\-]* \p{Lu} )*)   # GENEVA, NEW YORK
            (?: (?: , [^()\n]{1,40}? )? \s* \( [^()\n]{1,40} \) )?             # , Nov 20 (Reuters)
            (?: \s* [.:] | \s* [—–] | \s+ -{1,2} ) \s+                         # . : — or a spaced -
            /#
        guard let match = paragraph.prefixMatch(of: dateline) else { return strippingTitleCaseDateline(paragraph) }
        let rest = paragraph[match.range.upperBound...]
        guard match.output.1.filter(\.isLetter).count >= 3,
              let first = rest.unicodeScalars.first,
              Glyph.isUppercase(first) || Glyph.isDigit(first) || Glyph.isOpener(first)
        else { return paragraph }
        return String(rest)
    }

    /// "Washington — Annual inflation …" → "Annual inflation …": one to three capitalised words
    /// before a dash (never a period: "Geneva. After" may be a sentence).
    static func strippingTitleCaseDateline(_ paragraph: String) -> String {
        let dateline = #/(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2})(?:\s*\([^()\n]{1,40}\))?\s+[—–]\s+/#
        guard let match = paragraph.prefixMatch(of: dateline),
              let first = paragraph[match.range.upperBound...].unicodeScalars.first,
              Glyph.isUppercase(first) || Glyph.isDigit(first) || Glyph.isOpener(first),
              !Lexicon.sentenceStarters.contains(match.output.1.lowercased())
        else { return paragraph }
        return String(paragraph[match.range.upperBound...])
    }

    /// Copyright lines, "All rights reserved", and the site's own links and appeals.
    static func isBoilerplate(_ sentence: String) -> Bool {
        let lower = sentence.lowercased()
        if lower.hasPrefix("©") { return true }
        for prefix in ["copyright ", "(c) "] where lower.hasPrefix(prefix) {
            if let next = lower.dropFirst(prefix.count).first, next.isNumber || next == "©" || next == "(" {
                return true
            }
        }
        return boilerplateOpenings.contains { opening in
            lower.hasPrefix(opening) && lower.dropFirst(opening.count).first.map { !$0.isLetter } ?? true
        }
    }

    /// Openings of a sentence (a whole word or phrase) that only the site's own furniture uses.
    private static let boilerplateOpenings = [
        "all rights reserved", "about us", "subscribe", "sign up", "follow us", "read more", "read next",
        "click here", "share this", "advertisement", "related:", "related articles", "related stories",
        "related coverage", "more on this story", "reporting by", "additional reporting by", "editing by",
        "writing by", "contact us", "terms of use", "terms of service", "privacy policy", "cookie policy",
        "this article was first published", "download our app", "got a story tip", "got a tip", "email us",
        "send us your", "listen to this article", "share this article", "watch:", "most read", "get our newsletter",
        "join our newsletter",
    ]

    // MARK: Sentences within a paragraph

    static func sentences(in chars: [Unicode.Scalar]) -> [String] {
        let quoted = quotedPositions(chars)
        var result: [String] = []
        var start = 0
        var i = 0
        while i < chars.count {
            guard Glyph.isTerminal(chars[i]) else { i += 1; continue }
            var end = i
            while end < chars.count, Glyph.isTerminal(chars[end]) { end += 1 }
            let isPeriod = end == i + 1 && chars[i] == "."
            while end < chars.count, Glyph.isCloser(chars[end]) { end += 1 }
            guard end < chars.count, Glyph.isSpace(chars[end]) else { i = end; continue }
            var next = end
            while next < chars.count, Glyph.isSpace(chars[next]) { next += 1 }
            guard next < chars.count else { break }
            if !quoted[end], endsSentence(chars, isPeriod: isPeriod, at: i, next: next),
               chars[start..<end].contains(where: Glyph.isLetterOrDigit) {
                result.append(string(chars[start..<end]))
                start = next
            }
            i = next
        }
        if chars[start...].contains(where: Glyph.isLetterOrDigit) { result.append(string(chars[start...])) }
        return result
    }

    /// `scalars` without the whitespace around them.
    static func trimmed(_ scalars: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var slice = scalars
        while let first = slice.first, Glyph.isSpace(first) { slice.removeFirst() }
        while let last = slice.last, Glyph.isSpace(last) { slice.removeLast() }
        return slice
    }

    /// The text of `scalars` without the whitespace around it.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: trimmed(scalars))
        return String(view)
    }

    /// Whether the terminal punctuation at `index`, followed after spaces by `chars[next]`, ends a sentence.
    private static func endsSentence(_ chars: [Unicode.Scalar], isPeriod: Bool, at index: Int, next: Int) -> Bool {
        var first = next
        while first < chars.count, Glyph.isOpener(chars[first]) { first += 1 }
        guard first < chars.count else { return true }
        let initial = chars[first]
        guard !Glyph.isLowercase(initial) else { return false }
        guard isPeriod else { return true }   // ! ? … and "..." before a capital

        var wordStart = index
        while wordStart > 0, !Glyph.isSpace(chars[wordStart - 1]), !Glyph.isOpener(chars[wordStart - 1]) {
            wordStart -= 1
        }
        let word = chars[wordStart..<index]
        guard word.count <= 8 else { return true }
        let lower = string(word).lowercased()
        let startsNumber = Glyph.isDigit(initial)
        func nextWordStartsSentence() -> Bool {
            let nextWord = string(chars[first...].prefix(while: Glyph.isLetter)).lowercased()
            return Lexicon.sentenceStarters.contains(nextWord)
        }
        if Abbreviations.titles.contains(lower) { return false }
        if Abbreviations.beforeNumbers.contains(lower) { return !startsNumber }
        if Abbreviations.months.contains(lower) { return !startsNumber && nextWordStartsSentence() }
        if Abbreviations.canEndSentence.contains(lower) { return nextWordStartsSentence() }
        if word.count == 1, Glyph.isUppercase(word.first!) { return false }   // an initial: J. R. Smith
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1, parts.allSatisfy({ $0.count == 1 && Glyph.isLetter($0.first!) }) {
            // Dotted initials: "J.R." stays with its name; an unknown lowercase abbreviation ends a
            // sentence only before a word that plainly starts one.
            return Glyph.isUppercase(word.first!) ? false : nextWordStartsSentence()
        }
        return true
    }

    /// For each position, whether it lies strictly inside a quotation that closes within the
    /// paragraph (and is not implausibly long), where a sentence may not end.
    private static func quotedPositions(_ chars: [Unicode.Scalar]) -> [Bool] {
        var inside = [Bool](repeating: false, count: chars.count + 1)
        var straightOpen: Int?
        var curlyOpen: Int?
        func mark(_ open: Int, _ close: Int) {
            guard close - open <= 600 else { return }
            for i in (open + 1)..<close { inside[i] = true }
        }
        for (i, c) in chars.enumerated() {
            switch c {
            case "\"":
                if let open = straightOpen { mark(open, i); straightOpen = nil } else { straightOpen = i }
            case "\u{201C}":
                curlyOpen = i
            case "\u{201D}":
                if let open = curlyOpen { mark(open, i); curlyOpen = nil }
            default:
                break
            }
        }
        return inside
    }

    static func endsWithFinalPunctuation(_ line: String) -> Bool {
        guard let last = line.unicodeScalars.reversed().first(where: { !Glyph.isCloser($0) && !Glyph.isSpace($0) })
        else { return false }
        return Glyph.isTerminal(last)
    }

    static func wordCount(_ line: String) -> Int { line.split(whereSeparator: \.isWhitespace).count }
}

extension Sentences {
    typealias Lexicon = CheckWorthiness.Lexicon

    /// Abbreviations a period may follow without ending the sentence, lowercased, without the final period.
    enum Abbreviations {
        /// Never end a sentence: titles and the like come before a name or a thing.
        static let titles: Set<String> = [
            "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "sen", "sens", "rep", "reps", "gov", "lt", "col", "capt",
            "cmdr", "cdr", "adm", "maj", "sgt", "cpl", "pvt", "rev", "hon", "pres", "supt", "insp", "det", "st", "mt",
            "ft", "vs", "v", "e.g", "i.e", "cf", "approx", "viz", "ca", "esp", "fr",
        ]
        /// End a sentence unless a number follows: "No. 10", "p. 4".
        static let beforeNumbers: Set<String> = ["no", "nos", "vol", "fig", "figs", "art", "p", "pp", "ch", "para"]
        static let months: Set<String> = [
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        ]
        /// May end a sentence ("… in the U.S. The …"), so they do when a plain sentence opener follows.
        static let canEndSentence: Set<String> = [
            "etc", "inc", "ltd", "co", "corp", "plc", "llc", "bros", "jr", "sr", "a.m", "p.m", "u.s", "u.k", "u.n",
            "e.u", "u.s.a", "d.c",
        ]
    }
}

extension Sentences {
    /// Classes of Unicode scalars the splitter and the word scanner look at.
    enum Glyph {
        static func isTerminal(_ c: Unicode.Scalar) -> Bool { c == "." || c == "!" || c == "?" || c == "\u{2026}" }
        /// Closing quotes and brackets: " ” ’ ' ) ] »
        static func isCloser(_ c: Unicode.Scalar) -> Bool {
            switch c { case "\"", "\u{201D}", "\u{2019}", "'", ")", "]", "\u{00BB}": true; default: false }
        }
        /// Opening quotes and brackets: " “ ‘ ' ( [ «
        static func isOpener(_ c: Unicode.Scalar) -> Bool {
            switch c { case "\"", "\u{201C}", "\u{2018}", "'", "(", "[", "\u{00AB}": true; default: false }
        }
        // ASCII first: the Unicode property tables are looked up only for other scripts.
        static func isSpace(_ c: Unicode.Scalar) -> Bool {
            c.isASCII ? c == " " || (9...13).contains(c.value) : c.properties.isWhitespace
        }
        static func isDigit(_ c: Unicode.Scalar) -> Bool {
            c.isASCII ? (48...57).contains(c.value) : c.properties.numericType == .decimal
        }
        static func isLetter(_ c: Unicode.Scalar) -> Bool {
            c.isASCII ? (97...122).contains(c.value | 0x20) : c.properties.isAlphabetic
        }
        static func isUppercase(_ c: Unicode.Scalar) -> Bool {
            c.isASCII ? (65...90).contains(c.value) : c.properties.isUppercase
        }
        static func isLowercase(_ c: Unicode.Scalar) -> Bool {
            c.isASCII ? (97...122).contains(c.value) : c.properties.isLowercase
        }
        static func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool { isLetter(c) || isDigit(c) }
        static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
            switch c.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation:
                true
            default:
                false
            }
        }
    }
}
