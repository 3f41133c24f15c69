import Foundation
import TestSupport
import Testing

/// `--format json|csv|table` of the lists: stable JSON field names, CSV a spreadsheet opens
/// safely, a readable table.
@Suite struct WorkflowFormatTests {
    /// One desk for the whole suite; its tests only read.
    static let shared: Result<Desk, any Error> = Result {
        let desk = try Desk.make()
        let c1 = try desk.logClaim("The talks lasted eleven hours.", extra: ["--tag", "diplomacy", "--tag", "summit",
                                                                            "--priority", "high", "--due", "2026-11-24"])
        try desk.ok(["claim", "assign", c1, Desk.reviewer], as: Desk.editor)
        try desk.ok(["source", "add", c1, "--url", "https://gov.example.org/transcript", "--title", "Transcript, \"full\"",
                     "--publisher", "=Ministry", "--kind", "transcript", "--stance", "refutes"], as: Desk.reviewer)
        try desk.ok(["source", "add", c1, "--url", "https://parody.example.org/x"], as: Desk.reviewer)
        try desk.ok(["source", "retract", "S-2", "--reason", "a parody site"], as: Desk.reviewer)
        _ = try desk.logClaim("=1+1 is what the minister wrote, \"twice\", in the memo",
                              claimant: "@minister", extra: ["--tag", "budget"])
        _ = try desk.logClaim("Line one\nline two of a quote.", claimant: "Mayor Ana Ruiz")
        return desk
    }

    enum Listing: String, CaseIterable, Sendable {
        case claims = "claim list", users = "user list", sources = "source list C-1"
        var arguments: [String] { rawValue.split(separator: " ").map(String.init) }
        var rows: Int { switch self { case .claims: 3; case .users: 5; case .sources: 2 } }
        /// Keys every JSON object has, whatever it holds.
        var jsonKeys: Set<String> {
            switch self {
            case .claims: ["id", "state", "text", "claimant", "assignee", "tags", "priority", "rating", "created_at",
                           "due_date", "said_on", "created_by", "updated_at"]
            case .users: ["handle", "name", "role", "active", "created_at", "created_by"]
            case .sources: ["id", "claim_id", "url", "title", "publisher", "kind", "stance", "retracted", "added_by",
                            "added_at", "retraction_reason"]
            }
        }
        var csvHeader: [String] {
            switch self {
            case .claims: ["claim_id", "state", "priority", "claim", "claimant", "assignee", "rating", "due_date", "tags"]
            case .users: ["handle", "name", "role", "active", "created_at", "created_by"]
            case .sources: ["source_id", "claim_id", "stance", "kind", "title", "publisher", "url", "accessed_on", "archived_url",
                            "note", "added_by", "retracted", "retraction_reason"]
            }
        }
        /// The table's headings: the CSV's, shortened where a table has little room.
        var tableHeader: [String] {
            let short = ["claim_id": self == .claims ? "id" : "claim", "source_id": "id", "due_date": "due"]
            return csvHeader.map { short[$0] ?? $0 }
        }
    }

    @Test(arguments: Listing.allCases)
    func jsonHasStableFieldNames(_ listing: Listing) throws {
        let desk = try Self.shared.get()
        let out = try desk.ok(listing.arguments + ["--format", "json"], as: Desk.editor)
        let objects = try #require(try parseJSON(out.stdout) as? [[String: Any]], "\(out)")
        #expect(objects.count == listing.rows)
        let keySets = Set(objects.map { Set($0.keys) })
        #expect(keySets.count == 1, "every object has the same keys: \(keySets)")
        for object in objects {
            #expect(listing.jsonKeys.isSubset(of: Set(object.keys)),
                    "missing \(listing.jsonKeys.subtracting(object.keys).sorted())")
        }
        switch listing {
        case .claims:
            let byId = Dictionary(uniqueKeysWithValues: objects.map { ($0["id"] as? String ?? "?", $0) })
            #expect(byId["C-1"]?["assignee"] as? String == Desk.reviewer)
            #expect(byId["C-1"]?["tags"] as? [String] == ["diplomacy", "summit"])
            #expect(byId["C-1"]?["priority"] as? String == "high")
            #expect(byId["C-1"]?["due_date"] as? String == "2026-11-24")
            #expect(byId["C-2"].map { isNull($0["assignee"]) } == true, "assignee is null when none")
            #expect(byId["C-2"].map { $0["assignee"] is NSNull } == true, "assignee key present, null")
            #expect(byId["C-2"].map { $0["rating"] is NSNull } == true)
            #expect(byId["C-2"]?["text"] as? String == "=1+1 is what the minister wrote, \"twice\", in the memo")
            #expect(byId["C-3"]?["text"] as? String == "Line one\nline two of a quote.")
            #expect(byId["C-3"]?["tags"] as? [String] == [])
            #expect(objects.map { $0["id"] as? String } == ["C-3", "C-2", "C-1"], "newest first")
            let formatter = ISO8601DateFormatter()
            #expect(objects.allSatisfy { ($0["created_at"] as? String).flatMap(formatter.date(from:)) != nil })
        case .users:
            #expect(objects.map { $0["handle"] as? String } == ["ben", "chen", "ed", "eve", "maria"])
            let maria = try #require(objects.first { $0["handle"] as? String == "maria" })
            #expect(maria["created_by"] is NSNull, "the first user was created by nobody")
            #expect(maria["active"] as? Bool == true)
        case .sources:
            #expect(objects.map { $0["id"] as? String } == ["S-1", "S-2"])
            #expect(objects.map { $0["retracted"] as? Bool } == [false, true])
            #expect(objects[0]["title"] as? String == "Transcript, \"full\"")
            #expect(objects[0]["publisher"] as? String == "=Ministry", "JSON is not neutralised")
            #expect(objects[1]["title"] is NSNull)
            #expect(objects[1]["retraction_reason"] as? String == "a parody site")
        }
    }

    @Test(arguments: Listing.allCases)
    func csvHasAHeaderAndParses(_ listing: Listing) throws {
        let desk = try Self.shared.get()
        let out = try desk.ok(listing.arguments + ["--format", "csv"], as: Desk.editor)
        #expect(out.stdout.hasSuffix("\r\n"), "records end in CRLF")
        #expect(!out.stdout.hasPrefix("\u{FEFF}"), "no byte-order mark without --excel")
        let (header, rows) = try csvRows(out.stdout)
        #expect(header == listing.csvHeader)
        #expect(rows.count == listing.rows)
        switch listing {
        case .claims:
            let byId = Dictionary(uniqueKeysWithValues: rows.map { ($0["claim_id"] ?? "?", $0) })
            #expect(byId["C-2"]?["claim"] == "'=1+1 is what the minister wrote, \"twice\", in the memo",
                    "a formula-looking claim gets a leading apostrophe")
            #expect(byId["C-2"]?["claimant"] == "'@minister")
            #expect(byId["C-3"]?["claim"] == "Line one\nline two of a quote.", "line breaks survive quoting")
            #expect(byId["C-1"]?["claim"] == "The talks lasted eleven hours.")
            #expect(byId["C-1"]?["assignee"] == Desk.reviewer)
            #expect(byId["C-1"]?["due_date"] == "2026-11-24", "dates are not neutralised")
            #expect(byId["C-1"]?["tags"]?.contains("diplomacy") == true)
            #expect(byId["C-2"]?["assignee"] == "")
        case .users:
            #expect(rows.map { $0["handle"] } == ["ben", "chen", "ed", "eve", "maria"])
            #expect(rows.first { $0["handle"] == "ed" }?["role"] == "editor")
        case .sources:
            #expect(rows[0]["title"] == "Transcript, \"full\"")
            #expect(rows[0]["publisher"] == "'=Ministry")
            #expect(rows[0]["url"] == "https://gov.example.org/transcript")
            #expect(rows[1]["retraction_reason"] == "a parody site")
        }
    }

    @Test(arguments: Listing.allCases)
    func tableIsTheDefault(_ listing: Listing) throws {
        let desk = try Self.shared.get()
        let table = try desk.ok(listing.arguments + ["--format", "table"], as: Desk.editor)
        let plain = try desk.ok(listing.arguments, as: Desk.editor)
        #expect(table.stdout == plain.stdout)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == listing.rows + 1, "\(table.stdout)")   // C-3's line break is folded into one line
        let headings = lines.first?.split(separator: " ").map(String.init) ?? []
        #expect(headings == listing.tableHeader.map { $0.uppercased() }, "\(lines.first ?? "")")
        switch listing {
        case .claims: #expect(["C-1", "C-2", "C-3"].allSatisfy { id in lines.contains { $0.hasPrefix(id + " ") } })
        case .users: #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) } == ["ben", "chen", "ed", "eve", "maria"])
        case .sources: #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) } == ["S-1", "S-2"])
        }
    }

    @Test func badFormatIsAUsageError() throws {
        let desk = try Self.shared.get()
        let out = try desk.run(["claim", "list", "--format", "xml"], as: Desk.editor)
        #expect(out.status == 64, "\(out)")
    }

    @Test func claimShowFormats() throws {
        let desk = try Self.shared.get()
        let detail = try desk.detail("C-1")
        #expect(Set(detail.keys).isSuperset(of: ["claim", "appearances", "sources", "verdicts", "history"]))
        let csv = try csvRows(try desk.ok(["claim", "show", "C-1", "--format", "csv"], as: Desk.editor).stdout)
        #expect(csv.rows.count == 1)
        #expect(csv.rows.first?["claim_id"] == "C-1")
        let table = try desk.ok(["claim", "show", "C-1"], as: Desk.editor).stdout
        #expect(table.contains("The talks lasted eleven hours."))
        #expect(table.contains("Sources"))
        #expect(table.contains("History"))
    }

    /// One name per field in every output, the export's columns being the contract: the due
    /// date (and every other field the export has) is named alike in `claim list --format csv`,
    /// in the JSON of `claim list` and `claim show`, and in `export claims`; the same for sources.
    @Test func listsJSONAndExportsNameAFieldAlike() throws {
        let desk = try Self.shared.get()
        let export = try csvRows(try desk.ok(["export", "claims"], as: Desk.editor).stdout)
        let list = try csvRows(try desk.ok(["claim", "list", "--format", "csv"], as: Desk.editor).stdout)
        let listed = try #require(try parseJSON(try desk.ok(["claim", "list", "--format", "json"], as: Desk.editor).stdout)
            as? [[String: Any]])
        let shown = try desk.claim("C-1")

        #expect(export.header.contains("due_date") && list.header.contains("due_date"), "\(export.header) \(list.header)")
        #expect(listed.allSatisfy { $0.keys.contains("due_date") } && shown.keys.contains("due_date"), "\(shown.keys.sorted())")
        #expect(export.rows.first { $0["claim_id"] == "C-1" }?["due_date"] == "2026-11-24")
        #expect(list.rows.first { $0["claim_id"] == "C-1" }?["due_date"] == "2026-11-24")
        #expect(shown["due_date"] as? String == "2026-11-24")
        for name in ["due", "due_on"] {
            #expect(!list.header.contains(name) && !shown.keys.contains(name) && !export.header.contains(name), "\(name)")
        }
        // Every column of the list is a column of the export; every JSON field the export has
        // is named as the export names it (the record's own `id` and `text` are JSON's names).
        #expect(Set(list.header).isSubset(of: export.header), "\(Set(list.header).subtracting(export.header))")
        for field in ["said_on", "published_at", "published_url", "created_by", "created_at", "updated_at", "assignee"] {
            #expect(export.header.contains(field) && shown.keys.contains(field), "\(field)")
        }

        let sourceExport = try csvRows(try desk.ok(["export", "sources"], as: Desk.editor).stdout)
        let sourceList = try csvRows(try desk.ok(["source", "list", "C-1", "--format", "csv"], as: Desk.editor).stdout)
        #expect(Set(sourceList.header).isSubset(of: sourceExport.header),
                "\(Set(sourceList.header).subtracting(sourceExport.header))")
    }
}
