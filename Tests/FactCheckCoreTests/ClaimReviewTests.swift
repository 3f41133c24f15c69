import FactCheckCore
import Foundation
import Testing

private func review(rating: String = "mostly-false", value: Int = 2, saidOn: String? = "2026-01-05",
                    appearances: [String] = ["https://first.example/a", "https://second.example/b"],
                    firstAppearance: String? = "https://first.example/a",
                    url: String? = "https://ledger.example/checks/7",
                    publishedAt: String? = "2026-02-01") -> ClaimReview {
    ClaimReview(claim: "Exports doubled since 2020.", claimant: "Finance Minister Ana Lima", saidOn: saidOn,
                appearances: appearances, firstAppearance: firstAppearance, rating: rating, ratingValue: value,
                bestRating: 6, worstRating: 1, publishedAt: publishedAt, url: url,
                publisher: "The Northern Ledger", publisherURL: "https://northern-ledger.example")
}

/// The review as the JSON object a search engine reads.
private func json(_ review: ClaimReview) throws -> [String: Any] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(review)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

@Suite("ClaimReview JSON-LD")
struct ClaimReviewTests {
    @Test func everyKeySchemaOrgAsks() throws {
        let object = try json(review())
        #expect(Set(object.keys) == ["@context", "@type", "url", "claimReviewed", "datePublished", "author",
                                     "reviewRating", "itemReviewed"])
        #expect(object["@context"] as? String == "https://schema.org")
        #expect(object["@type"] as? String == "ClaimReview")
        #expect(object["claimReviewed"] as? String == "Exports doubled since 2020.")
        #expect(object["datePublished"] as? String == "2026-02-01")
        #expect(object["url"] as? String == "https://ledger.example/checks/7")

        let author = try #require(object["author"] as? [String: Any])
        #expect(author["@type"] as? String == "Organization")
        #expect(author["name"] as? String == "The Northern Ledger")
        #expect(author["url"] as? String == "https://northern-ledger.example")

        let rating = try #require(object["reviewRating"] as? [String: Any])
        #expect(Set(rating.keys) == ["@type", "ratingValue", "bestRating", "worstRating", "alternateName"])
        #expect(rating["@type"] as? String == "Rating")
        #expect((rating["ratingValue"] as? NSNumber)?.intValue == 2)
        #expect((rating["bestRating"] as? NSNumber)?.intValue == 6)
        #expect((rating["worstRating"] as? NSNumber)?.intValue == 1)
        #expect(rating["alternateName"] as? String == "mostly-false")

        let item = try #require(object["itemReviewed"] as? [String: Any])
        #expect(Set(item.keys) == ["@type", "author", "datePublished", "appearance", "firstAppearance"])
        #expect(item["@type"] as? String == "Claim")
        #expect(item["datePublished"] as? String == "2026-01-05")
        let person = try #require(item["author"] as? [String: Any])
        #expect(person["name"] as? String == "Finance Minister Ana Lima")
        #expect(person["@type"] as? String == "Person")
        let appearances = try #require(item["appearance"] as? [[String: Any]])
        #expect(appearances.map { $0["url"] as? String } == ["https://first.example/a", "https://second.example/b"])
        #expect(appearances.allSatisfy { $0["@type"] as? String == "CreativeWork" })
        let first = try #require(item["firstAppearance"] as? [String: Any])
        #expect(first["@type"] as? String == "CreativeWork")
        #expect(first["url"] as? String == "https://first.example/a")
    }

    /// A label off the truth scale (value 0) must not read as the worst rating.
    @Test func ratingValueIsOmittedForALabelOffTheScale() throws {
        let rating = try #require(try json(review(rating: "unverifiable", value: 0))["reviewRating"] as? [String: Any])
        #expect(rating["ratingValue"] == nil)
        #expect(rating["alternateName"] as? String == "unverifiable")
        #expect((rating["bestRating"] as? NSNumber)?.intValue == 6)
        #expect((rating["worstRating"] as? NSNumber)?.intValue == 1)
    }

    @Test(arguments: [1, 6])
    func ratingValueIsKeptAtTheEndsOfTheScale(_ value: Int) throws {
        let rating = try #require(try json(review(value: value))["reviewRating"] as? [String: Any])
        #expect((rating["ratingValue"] as? NSNumber)?.intValue == value)
    }

    @Test func absentFactsAreLeftOutNotNull() throws {
        let object = try json(review(saidOn: nil, appearances: [], firstAppearance: nil, url: nil))
        #expect(object["url"] == nil)
        let item = try #require(object["itemReviewed"] as? [String: Any])
        #expect(item["datePublished"] == nil)
        #expect(item["firstAppearance"] == nil)
        #expect((item["appearance"] as? [Any])?.isEmpty == true)
        #expect(!String(decoding: try JSONEncoder().encode(review(saidOn: nil, firstAppearance: nil, url: nil)),
                        as: UTF8.self).contains("null"))
    }

    /// An archive that does not say when a review was published: the review is still written,
    /// with every field but the date (recommended by schema.org and Google, not required).
    @Test func anUnknownPublicationDateIsLeftOut() throws {
        let object = try json(review(saidOn: nil, publishedAt: nil))
        #expect(object["datePublished"] == nil)
        #expect(Set(object.keys) == ["@context", "@type", "url", "claimReviewed", "author", "reviewRating", "itemReviewed"])
        let item = try #require(object["itemReviewed"] as? [String: Any])
        #expect(item["datePublished"] == nil)
        #expect((item["author"] as? [String: Any])?["name"] as? String == "Finance Minister Ana Lima")
        let text = String(decoding: try JSONEncoder().encode(review(saidOn: nil, publishedAt: nil)), as: UTF8.self)
        #expect(!text.contains("null") && !text.contains("datePublished"))
    }
}
