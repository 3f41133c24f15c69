import Foundation

/// The key under which two claims count as the same text (SPEC section 7).
public enum ClaimText {
    /// Folds what does not change what was said:
    /// - case (full case folding, so "STRASSE" = "straße") and compatibility forms (full-width
    ///   letters, ligatures), via NFKC;
    /// - apostrophes, curly or straight, are dropped so "don’t" = "don't" = "dont";
    /// - other punctuation becomes a space, so "3.5%" stays apart from "35%" and
    ///   "well-known" = "well known";
    /// - invisible format characters (zero-width space, soft hyphen) are dropped;
    /// - runs of whitespace become one space, and the ends are trimmed.
    ///
    /// Diacritics are kept: "résumé" and "resume" differ, and in many languages an accent
    /// changes the word. Symbols are kept: "$5" and "€5" are different claims. A false match
    /// refuses a new claim, while a near miss still shows up among the similar claims, so
    /// the fold errs on the side of keeping texts apart.
    public static func normalized(_ text: String) -> String {
        // ASCII is its own NFKC form, and its case fold is its lowercase: the common case
        // skips Foundation's folding, which costs more than the rest of an imported row.
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text.lowercased() : foldedByFoundation(text)
        var result: [UInt8] = []
        result.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            let kind = scalar.isASCII ? asciiKinds[Int(scalar.value)] : kind(of: scalar)
            switch kind {
            case .dropped:
                continue
            case .separator:
                pendingSpace = true
            case .kept:
                if pendingSpace, !result.isEmpty { result.append(UInt8(ascii: " ")) }
                pendingSpace = false
                UTF8.encode(scalar) { result.append($0) }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private enum Kind { case dropped, separator, kept }

    private static func kind(of scalar: Unicode.Scalar) -> Kind {
        if apostrophes.contains(scalar) { return .dropped }
        switch scalar.properties.generalCategory {
        case .format:
            return .dropped
        case _ where scalar.properties.isWhitespace,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation, .control:
            return .separator
        default:
            return .kept
        }
    }

    /// `kind(of:)` for the 128 ASCII scalars, looked up once.
    private static let asciiKinds: [Kind] = (0..<128).map { kind(of: Unicode.Scalar(UInt8($0))) }

    /// NFKC, full case folding and width folding, for text beyond ASCII.
    static func foldedByFoundation(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
    }

    private static let apostrophes: Set<Unicode.Scalar> = [
        "'", "\u{2018}", "\u{2019}", "\u{02BC}", "\u{2032}", "`", "\u{00B4}",
    ]
}
