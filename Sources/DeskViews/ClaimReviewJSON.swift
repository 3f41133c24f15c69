import FactCheckCore
import Foundation

/// ClaimReview JSON-LD as both doors write it: pretty, keys sorted, slashes as they are, a
/// final newline (`export claimreview` and `GET /api/v1/exports/claimreview.json`).
public enum ClaimReviewJSON {
    public static func encode(_ reviews: [ClaimReview]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(reviews), as: UTF8.self) + "\n"
    }
}
