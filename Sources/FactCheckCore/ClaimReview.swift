import Foundation

/// schema.org ClaimReview, as fact-check publishers hand it to search engines.
public struct ClaimReview: Encodable, Sendable, Equatable {
    public struct Organization: Encodable, Sendable, Equatable {
        let type = "Organization"
        public let name: String
        public let url: String
        enum CodingKeys: String, CodingKey { case type = "@type", name, url }
    }

    public struct Person: Encodable, Sendable, Equatable {
        let type = "Person"
        public let name: String
        enum CodingKeys: String, CodingKey { case type = "@type", name }
    }

    public struct CreativeWork: Encodable, Sendable, Equatable {
        let type = "CreativeWork"
        public let url: String
        enum CodingKeys: String, CodingKey { case type = "@type", url }
    }

    public struct Claim: Encodable, Sendable, Equatable {
        let type = "Claim"
        public let author: Person
        public let datePublished: String?
        public let appearance: [CreativeWork]
        public let firstAppearance: CreativeWork?
        enum CodingKeys: String, CodingKey { case type = "@type", author, datePublished, appearance, firstAppearance }
    }

    public struct Rating: Encodable, Sendable, Equatable {
        let type = "Rating"
        /// Absent for labels off the truth scale (unverifiable, satire…): a reader must not
        /// take them for the worst rating.
        public let ratingValue: Int?
        public let bestRating: Int
        public let worstRating: Int
        public let alternateName: String
        enum CodingKeys: String, CodingKey { case type = "@type", ratingValue, bestRating, worstRating, alternateName }
    }

    let context = "https://schema.org"
    let type = "ClaimReview"
    public let url: String?
    public let claimReviewed: String
    /// Absent when the review's publication date is unknown (an archive that did not give it):
    /// schema.org and Google recommend it but do not require it, and a made-up date would mislead.
    public let datePublished: String?
    public let author: Organization
    public let reviewRating: Rating
    public let itemReviewed: Claim

    enum CodingKeys: String, CodingKey {
        case context = "@context", type = "@type", url, claimReviewed, datePublished, author, reviewRating, itemReviewed
    }

    /// One published verdict as ClaimReview. `appearances` lists the claim's known places,
    /// the first appearance first when one is marked. A date that is not known (`saidOn`,
    /// `publishedAt`) is left out, never guessed.
    public init(claim text: String, claimant: String, saidOn: String?, appearances: [String], firstAppearance: String?,
                rating: String, ratingValue: Int, bestRating: Int, worstRating: Int,
                publishedAt: String?, url: String?, publisher: String, publisherURL: String) {
        self.url = url
        claimReviewed = text
        datePublished = publishedAt
        author = Organization(name: publisher, url: publisherURL)
        reviewRating = Rating(ratingValue: ratingValue > 0 ? ratingValue : nil, bestRating: bestRating,
                              worstRating: worstRating, alternateName: rating)
        itemReviewed = Claim(author: Person(name: claimant), datePublished: saidOn,
                             appearance: appearances.map(CreativeWork.init(url:)),
                             firstAppearance: firstAppearance.map(CreativeWork.init(url:)))
    }
}
