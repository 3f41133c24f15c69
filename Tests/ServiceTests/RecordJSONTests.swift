import DeskViews
import FactCheckCore
import FactCheckStore
import Foundation
import Testing

/// `RecordJSON` writes its own bytes; these tests hold it to what the Foundation route
/// (JSONEncoder, then JSONSerialization adding the nulls and sorting) wrote for the same
/// records, so the CLI's and the API's JSON did not change when the writer did.
@Suite struct RecordJSONTests {
    @Test func everyRecordOfADeskIsWhatFoundationWrote() throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        for command in [ // each ends with the user it runs as
            ["claim", "add", "Exports doubled in 2025, a \"record\" <b>year</b>\n\tsaid the minister / café",
             "--claimant", "Lena Hart", "--tag", "trade", "--tag", "economy", "--due", "2026-12-24",
             "--appearance", "https://example.org/a?x=1&y=2", "--as", "ed"],
            ["claim", "add", "Unemployment fell to 3.5% last year.", "--claimant", "Jon Berg", "--as", "ed"],
            ["claim", "assign", "C-1", "ben", "--note", "yours", "--as", "ed"],
            ["claim", "start", "C-1", "--as", "ben"],
            ["source", "add", "C-1", "--url", "https://stats.example/trade", "--title", "Trade \u{1} figures",
             "--publisher", "Stats Office", "--kind", "official_data", "--stance", "refutes", "--accessed", "2026-11-30", "--as", "ben"],
            ["verdict", "propose", "C-1", "--rating", "false", "--conclusion", "Exports rose by 4%.", "--as", "ben"],
            ["verdict", "approve", "C-1", "--as", "chen"],
            ["claim", "publish", "C-1", "--url", "https://desk.example/fc/1", "--as", "ed"],
        ] {
            let user = command.last!, arguments = Array(command.dropLast(2))
            let result = try desk.cli.run(arguments, as: user)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let store = desk.store, ed = try store.actor("ed"), maria = try store.actor("maria")
        try same(store.claimDetail(ClaimNumber(1), by: ed))
        try same(store.claimDetail(ClaimNumber(2), by: ed))
        try same(store.claims(ClaimFilter(), by: ed))
        try same(store.auditEvents(AuditFilter(), by: ed))
        try same(store.sources(of: ClaimNumber(1), by: ed))
        try same(store.deskReport(since: nil, until: nil, by: ed))
        try same(store.users(by: ed))
        try same(store.tokens(by: maria))
        try same(store.similarClaims(to: "Exports doubled in 2025", by: ed))
        try same(store.verifyAudit(by: ed))
    }

    @Test func numbersStringsAndEmptiesAreWhatFoundationWrote() throws {
        struct Inner: Codable { let label: String?; let items: [Int] }
        struct Sample: Codable {
            let whole: Double; let half: Double; let third: Double; let large: Double; let small: Double
            let none: Double?; let text: String; let empty: [String]; let nothing: [String: Int]
            let nested: Inner; let list: [Inner?]; let flag: Bool; let when: Date; let raw: JSONText?; let rawArray: JSONText
        }
        let sample = Sample(whole: 12, half: 2.5, third: 1.0 / 3.0, large: 1e20, small: 0.000125, none: nil,
                            text: "quote \" backslash \\ slash / tab \t line \n return \r bell \u{7} del \u{7f} é \u{2028} 🙂",
                            empty: [], nothing: [:], nested: Inner(label: nil, items: [1, -2]),
                            list: [nil, Inner(label: "x", items: [])], flag: false,
                            when: Date(timeIntervalSince1970: 1_764_581_400.75),
                            raw: JSONText(#"{"b": [1, 2.5, true, null, "x"], "a": {"c": 1.0}, "state": "logged"}"#),
                            rawArray: JSONText("[]"))
        try same(sample)
        try same([sample])
        try same(Optional<Sample>.none)
    }

    private func same<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try RecordJSON.encode(value)
        let foundation = try FoundationRecordJSON.encode(value)
        #expect(ours == foundation, sourceLocation: sourceLocation)
    }
}

/// The route RecordJSON took until it wrote its own bytes: the reference it is held to.
enum FoundationRecordJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        let object = withNulls(try JSONSerialization.jsonObject(with: try encoder.encode(value), options: [.fragmentsAllowed]),
                               like: value)
        let data = try JSONSerialization.data(withJSONObject: object,
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func withNulls(_ json: Any, like value: Any) -> Any {
        if let raw = value as? JSONText {
            return (try? JSONSerialization.jsonObject(with: Data(raw.text.utf8), options: [.fragmentsAllowed])) ?? raw.text
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return json }
            return withNulls(json, like: wrapped)
        }
        if mirror.displayStyle == .collection, let array = json as? [Any] {
            return zip(array, mirror.children.map(\.value)).map { withNulls($0, like: $1) }
        }
        guard mirror.displayStyle == .struct, var object = json as? [String: Any] else { return json }
        for child in mirror.children {
            guard let label = child.label else { continue }
            var key = ""
            for ch in label { if ch.isUppercase { key += "_" + ch.lowercased() } else { key.append(ch) } }
            object[key] = object[key].map { withNulls($0, like: child.value) } ?? NSNull()
        }
        return object
    }
}
