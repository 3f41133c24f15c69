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
        let folded = text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if apostrophes.contains(scalar) { continue }
            switch scalar.properties.generalCategory {
            case .format:
                continue
            case _ where scalar.properties.isWhitespace,
                 .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation, .control:
                pendingSpace = true
            default:
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static let apostrophes: Set<Unicode.Scalar> = [
        "'", "\u{2018}", "\u{2019}", "\u{02BC}", "\u{2032}", "`", "\u{00B4}",
    ]
}
