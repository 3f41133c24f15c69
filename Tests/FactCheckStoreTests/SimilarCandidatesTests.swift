@testable import FactCheckStore
import Testing

/// How a large desk's similarity candidates are chosen from word counts (no database).
@Suite struct SimilarCandidatesTests {
    /// Positions of the words in "the vera lukin says minimum wage in the capital".
    let positions: [String: [Int]] = ["vera": [1], "lukin": [2], "says": [3], "minimum": [4], "wage": [5], "capital": [8]]

    @Test func wordsNextToAChosenOneArePassedOver() {
        // lukin is rarest; vera, next to it, is passed over; minimum and capital make the pairs.
        let counted = [("lukin", 8_000.0), ("vera", 8_000.0), ("capital", 12_000.0), ("minimum", 16_000.0)]
            .map { (word: $0.0, claims: $0.1) }
        let groups = Store.commonGroups(counted, positions, total: 1_000_000, alone: true)
        #expect(groups == [["lukin", "capital"], ["lukin", "minimum"], ["capital", "minimum"]])
    }

    @Test func pairsTooCommonFallBackToTheRarestPairOrAllThree() {
        let counted = [("lukin", 20_000.0), ("capital", 20_000.0), ("minimum", 30_000.0)].map { (word: $0.0, claims: $0.1) }
        // 1M x 2% x 2% = 400 claims expected: more than a third of the budget, within half of it.
        #expect(Store.commonGroups(counted, positions, total: 1_000_000, alone: true) == [["lukin", "capital"]])
        let commoner = counted.map { (word: $0.word, claims: $0.claims * 2) }
        #expect(Store.commonGroups(commoner, positions, total: 1_000_000, alone: true) == [["lukin", "capital", "minimum"]])
    }

    @Test func oneCommonWordOnlyWhenNothingElseIsLookedFor() {
        let counted = [(word: "capital", claims: 12_000.0)]
        #expect(Store.commonGroups(counted, positions, total: 1_000_000, alone: true) == [["capital"]])
        #expect(Store.commonGroups(counted, positions, total: 1_000_000, alone: false).isEmpty)
    }
}
