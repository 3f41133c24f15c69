import FactCheckCore
import Testing

/// The header of `export claims` (SPEC section 6), which must re-import as is.
private let exportHeader = [
    "claim_id", "state", "claim", "claimant", "said_on", "article_url", "article_title", "outlet",
    "first_appearance_url", "tags", "priority", "assignee", "due_date", "rating", "conclusion", "proposed_by",
    "approved_by", "approved_at", "published_at", "published_url", "sources", "created_by", "created_at",
    "updated_at",
]

private func layout(_ header: [String], map: [String: String] = [:]) -> Result<ImportLayout, DomainError> {
    do { return .success(try ImportLayout(header: header, map: map)) } catch { return .failure(error) }
}

/// The `.invalid` refusal of a header, as (field, reason).
private func refusedLayout(_ header: [String], map: [String: String] = [:],
                           sourceLocation: SourceLocation = #_sourceLocation) -> (field: String, reason: String)? {
    switch layout(header, map: map) {
    case .failure(.invalid(let field, let reason)): return (field, reason)
    case let other:
        Issue.record("expected an .invalid refusal, got \(other)", sourceLocation: sourceLocation)
        return nil
    }
}

@Suite("ImportLayout: how a header maps onto the import's fields")
struct ImportLayoutTests {
    @Test func plainColumns() throws {
        let l = try ImportLayout(header: ["claim", "claimant", "tags"])
        #expect(l.columns == [.claim: 0, .claimant: 1, .tags: 2])
        #expect(l.ignored.isEmpty)
        #expect(l.width == 3)
    }

    @Test func namesIgnoreCaseAndSurroundingSpaces() throws {
        let l = try ImportLayout(header: [" Claim ", "CLAIMANT", "Said_On"])
        #expect(l.columns == [.claim: 0, .claimant: 1, .saidOn: 2])
    }

    @Test func anExportHeaderMapsEveryColumnItKnows() throws {
        let l = try ImportLayout(header: exportHeader)
        #expect(l.width == 24)
        #expect(l.ignored == ["claim_id", "sources", "created_by", "created_at", "updated_at"])
        for field in ImportField.allCases where field != .externalID {
            #expect(l.columns[field] == exportHeader.firstIndex(of: field.rawValue), "\(field)")
        }
        #expect(l.columns[.externalID] == nil)
    }

    @Test(arguments: [
        (["claimant", "tags"], "claim"),
        (["claim", "tags"], "claimant"),
        (["Statement", "Who said it"], "claim"),
        ([] as [String], "claim"),
    ])
    func missingRequiredColumn(_ header: [String], _ missing: String) {
        let refusal = refusedLayout(header)
        #expect(refusal?.field == "header")
        #expect(refusal?.reason.contains("no \(missing) column") == true, "\(String(describing: refusal))")
        #expect(refusal?.reason.contains("--map COLUMN=\(missing)") == true)
    }

    @Test func mapRenamesColumns() throws {
        let l = try ImportLayout(header: ["Statement", "Who said it", "Notes"],
                                 map: ["Statement": "claim", "Who said it": "claimant"])
        #expect(l.columns == [.claim: 0, .claimant: 1])
        #expect(l.ignored == ["Notes"])
    }

    @Test func mapMatchesTheColumnInAnyCaseAndTheTargetInAnyCase() throws {
        let l = try ImportLayout(header: ["STATEMENT", "who said it"], map: ["statement": "Claim", "Who Said It": "CLAIMANT"])
        #expect(l.columns == [.claim: 0, .claimant: 1])
    }

    @Test func mapToANonFieldListsTheFields() {
        let refusal = refusedLayout(["claim", "claimant", "X"], map: ["X": "nonsense"])
        #expect(refusal?.field == "--map")
        #expect(refusal?.reason.contains("nonsense") == true)
        let list = ImportField.allCases.map(\.rawValue).joined(separator: ", ")
        #expect(refusal?.reason.contains(list) == true, "\(String(describing: refusal))")
    }

    @Test(arguments: [
        (["claim", "claimant", "Claim"], [:] as [String: String], "claim"),
        (["claim", "claimant", "claimant "], [:], "claimant"),
        (["Statement", "claim", "claimant"], ["Statement": "claim"], "claim"),
        (["claim", "claimant", "When", "said_on"], ["When": "said_on"], "said_on"),
    ])
    func twoColumnsFeedingOneFieldAreRefused(_ header: [String], _ map: [String: String], _ field: String) {
        let refusal = refusedLayout(header, map: map)
        #expect(refusal?.field == "header")
        #expect(refusal?.reason == "two columns feed \(field)")
    }

    @Test func archiveColumnsMakeAnArchive() throws {
        #expect(ImportField.allCases.filter(\.isArchive).map(\.rawValue)
            == ["state", "rating", "conclusion", "proposed_by", "approved_by", "approved_at", "published_at", "published_url"])
    }
}

// MARK: - Rows

/// A header with every field the importer knows, in the order of `ImportField`.
private let fullHeader = ImportField.allCases.map(\.rawValue)
private let fullLayout = try! ImportLayout(header: fullHeader)

private func parse(_ values: [ImportField: String], line: Int = 2, admin: Bool = false,
                   scale: RatingScale = .default) -> Result<ImportRow, RowProblems> {
    ImportRow.parse(fullHeader.map { values[ImportField(rawValue: $0)!] ?? "" }, line: line, layout: fullLayout,
                    scale: scale, by: admin ? Actor(handle: "maria", role: .admin, isActive: true)
                                             : Actor(handle: "ed", role: .editor, isActive: true))
}

private func accepted(_ values: [ImportField: String], admin: Bool = false,
                      sourceLocation: SourceLocation = #_sourceLocation) -> ImportRow? {
    switch parse(values, admin: admin) {
    case .success(let row): return row
    case .failure(let problems):
        Issue.record("expected the row to parse: \(problems)", sourceLocation: sourceLocation)
        return nil
    }
}

private func problems(_ values: [ImportField: String], line: Int = 2, admin: Bool = false,
                      sourceLocation: SourceLocation = #_sourceLocation) -> RowProblems? {
    switch parse(values, line: line, admin: admin) {
    case .failure(let problems): return problems
    case .success(let row):
        Issue.record("expected the row to be refused: \(row)", sourceLocation: sourceLocation)
        return nil
    }
}

private let basic: [ImportField: String] = [.claim: "  Exports doubled since 2020.  ", .claimant: "Finance Minister"]

@Suite("ImportRow.parse: the checks every row passes")
struct ImportRowTests {
    @Test func aPlainRow() throws {
        let row = try #require(accepted(basic.merging([
            .saidOn: "2026-01-05", .articleURL: "https://news.example.org/a", .tags: "Economy, trade;  Public  Health",
            .priority: "High", .dueDate: "2026-02-01", .assignee: "Ben",
        ]) { $1 }))
        #expect(row.line == 2)
        #expect(row.text == "Exports doubled since 2020.")
        #expect(row.normalizedText == ClaimText.normalized("Exports doubled since 2020."))
        #expect(row.claimant == "Finance Minister")
        #expect(row.saidOn?.description == "2026-01-05")
        #expect(row.articleURL == "https://news.example.org/a")
        #expect(row.tags == ["economy", "trade", "public health"])
        #expect(row.priority == .high)
        #expect(row.dueOn?.description == "2026-02-01")
        #expect(row.assignee == "ben")
        #expect(row.state == .logged)
        #expect(row.rating == nil && row.conclusion == nil)
    }

    @Test func defaults() throws {
        let row = try #require(accepted(basic))
        #expect(row.priority == .normal)
        #expect(row.tags.isEmpty)
        #expect(row.saidOn == nil && row.articleURL == nil && row.assignee == nil)
    }

    @Test func theKeyIsTheExternalIDElseTextAndClaimant() throws {
        let plain = try #require(accepted(basic))
        #expect(plain.key == "text:" + ClaimText.normalized("Exports doubled since 2020.") + "\u{1F}"
            + ClaimText.normalized("Finance Minister"))
        let same = try #require(accepted([.claim: "EXPORTS doubled, since 2020", .claimant: "finance  minister"]))
        #expect(same.key == plain.key)
        let keyed = try #require(accepted(basic.merging([.externalID: "  sheet-42 "]) { $1 }))
        #expect(keyed.key == "id:sheet-42")
    }

    @Test func aRowWithTheWrongNumberOfFields() {
        for count in [1, fullHeader.count - 1, fullHeader.count + 1] {
            let result = ImportRow.parse(Array(repeating: "x", count: count), line: 9, layout: fullLayout,
                                         scale: .default, by: Actor(handle: "maria", role: .admin, isActive: true))
            guard case .failure(let p) = result else {
                Issue.record("a row of \(count) fields was accepted")
                continue
            }
            #expect(p.line == 9)
            #expect(p.reasons == ["has \(count) fields where the header has \(fullHeader.count)"])
        }
    }

    @Test func everyProblemOfTheRowIsReported() throws {
        let p = try #require(problems([.claim: "   ", .claimant: "A\nB", .saidOn: "yesterday", .priority: "asap",
                                       .articleURL: "ftp://x", .assignee: "Bad Handle!"], line: 14))
        #expect(p.line == 14)
        #expect(p.reasons.count == 6, "\(p)")
        let text = p.description
        #expect(text.hasPrefix("line 14: "))
        for field in ["claim", "claimant", "said_on", "priority", "article_url", "assignee"] {
            #expect(text.contains("invalid \(field):"), "\(field) in \(text)")
        }
    }

    @Test func claimTextLimit() throws {
        #expect(accepted([.claim: String(repeating: "a", count: 5000), .claimant: "X"]) != nil)
        let p = try #require(problems([.claim: String(repeating: "a", count: 5001), .claimant: "X"]))
        #expect(p.reasons.first?.contains("limit is 5000") == true)
    }

    @Test(arguments: [
        (ImportField.saidOn, "2026-02-30"), (.saidOn, "05/01/2026"), (.saidOn, "yesterday"), (.dueDate, "2026-13-01"),
        (.dueDate, "soon"),
        // Only a date or an export's timestamp: a date followed by anything else is not silently cut short.
        (.saidOn, "2026-01-0512"), (.saidOn, "2026-01-05 or so"), (.dueDate, "2026-03-01!"),
    ])
    func badDates(_ field: ImportField, _ value: String) throws {
        let p = try #require(problems(basic.merging([field: value]) { $1 }))
        #expect(p.reasons.count == 1)
        #expect(p.reasons.first?.hasPrefix("invalid \(field.rawValue):") == true, "\(p)")
    }

    @Test func anExportsTimestampInADateColumnIsReadAsItsDate() throws {
        let row = try #require(accepted(basic.merging([.saidOn: "2026-01-05T10:00:00Z"]) { $1 }))
        #expect(row.saidOn?.description == "2026-01-05")
    }

    // MARK: Archives

    @Test(arguments: [ImportField.state, .rating, .conclusion, .proposedBy, .approvedBy, .approvedAt, .publishedAt,
                      .publishedURL])
    func archiveCellsAreForAdminsOnly(_ field: ImportField) throws {
        let value = switch field {
        case .state: "researching"
        case .rating: "false"
        case .approvedAt, .publishedAt: "2025-06-01"
        case .publishedURL: "https://ledger.example/checks/1"
        case .proposedBy, .approvedBy: "ben"
        default: "Text"
        }
        let p = try #require(problems(basic.merging([field: value]) { $1 }, admin: false))
        #expect(p.reasons.contains { $0.contains("only an admin may import checked claims") && $0.contains(field.rawValue) },
                "\(p)")
    }

    /// An archive's verdict is proposed by proposed_by, else by the importing admin, and is
    /// never approved by its proposer.
    @Test func archiveVerdictsKeepFourEyes() throws {
        let approved = basic.merging([.state: "approved", .rating: "false", .conclusion: "It fell."]) { $1 }
        let defaulted = try #require(accepted(approved.merging([.approvedBy: "chen"]) { $1 }, admin: true))
        #expect(defaulted.proposedBy == "maria" && defaulted.approvedBy == "chen")
        let named = try #require(accepted(approved.merging([.proposedBy: "ben", .approvedBy: "maria"]) { $1 }, admin: true))
        #expect(named.proposedBy == "ben" && named.approvedBy == "maria")
        for selfApproved in [approved.merging([.proposedBy: "ben", .approvedBy: "ben"]) { $1 },
                             approved.merging([.approvedBy: "maria"]) { $1 }] {
            let p = try #require(problems(selfApproved, admin: true))
            #expect(p.reasons.contains { $0.contains("four-eyes") }, "\(p)")
        }
        // In review there is no approver yet; a row without a verdict names no proposer.
        #expect(try #require(accepted(basic.merging([.state: "in_review", .rating: "false", .conclusion: "x",
                                                     .approvedBy: "maria"]) { $1 }, admin: true)).proposedBy == "maria")
        #expect(try #require(accepted(basic, admin: true)).proposedBy == nil)
    }

    @Test func emptyArchiveCellsAreNoArchive() throws {
        // An editor may import a sheet with archive columns left blank.
        let row = try #require(accepted(basic, admin: false))
        #expect(row.state == .logged)
    }

    @Test(arguments: [("Mostly True", "mostly-true"), ("mostly-true", "mostly-true"), ("FALSE", "false"),
                      ("half true", "half-true"), ("Mostly_False", "mostly-false"), ("unverifiable", "unverifiable")])
    func ratingsAreMappedOntoTheScale(_ given: String, _ label: String) throws {
        let row = try #require(accepted(basic.merging([
            .state: "Published", .rating: given, .conclusion: "The figures say otherwise.",
            .publishedAt: "2025-06-01T09:30:00Z", .publishedURL: "https://ledger.example/checks/1",
            .proposedBy: "ben", .approvedBy: "chen", .approvedAt: "2025-05-31",
        ]) { $1 }, admin: true))
        #expect(row.state == .published)
        #expect(row.rating == label)
        #expect(row.conclusion == "The figures say otherwise.")
        #expect(row.publishedAt == "2025-06-01T09:30:00Z")
        #expect(row.approvedAt == "2025-05-31")
        #expect(row.publishedURL == "https://ledger.example/checks/1")
        #expect(row.proposedBy == "ben" && row.approvedBy == "chen")
    }

    @Test func aRatingOffTheScaleNamesTheLabels() throws {
        let p = try #require(problems(basic.merging([.state: "published", .rating: "Pants on Fire",
                                                     .conclusion: "No."]) { $1 }, admin: true))
        let labels = RatingScale.default.labels.map(\.label).joined(separator: ", ")
        #expect(p.reasons.contains { $0.hasPrefix("invalid rating:") && $0.lowercased().contains("pants") && $0.contains(labels) },
                "\(p)")
    }

    @Test(arguments: [ReviewState.inReview, .approved, .published])
    func checkedStatesNeedARatingAndAConclusion(_ state: ReviewState) throws {
        let noRating = try #require(problems(basic.merging([.state: state.rawValue, .conclusion: "x"]) { $1 }, admin: true))
        #expect(noRating.reasons.contains { $0.contains("needs a rating and a conclusion") }, "\(noRating)")
        let noConclusion = try #require(problems(basic.merging([.state: state.rawValue, .rating: "false"]) { $1 },
                                                 admin: true))
        #expect(noConclusion.reasons.contains { $0.contains("needs a rating and a conclusion") })
    }

    /// A claim reopened for a correction is researching and keeps its approved verdict, so an
    /// export of it re-imports with its rating.
    @Test func aReopenedClaimKeepsItsRating() throws {
        let row = try #require(accepted(basic.merging([.state: "researching", .rating: "false", .conclusion: "x"]) { $1 },
                                        admin: true))
        #expect(row.state == .researching && row.rating == "false")
    }

    /// "logged" says nothing an editor may not say: an export of new claims re-imports by an editor.
    @Test func aLoggedStateIsNotAnArchive() throws {
        #expect(accepted(basic.merging([.state: "logged"]) { $1 }, admin: false)?.state == .logged)
    }

    @Test(arguments: [ReviewState.logged, .rejected])
    func uncheckedStatesTakeNoRating(_ state: ReviewState) throws {
        #expect(accepted(basic.merging([.state: state.rawValue]) { $1 }, admin: true)?.state == state)
        let p = try #require(problems(basic.merging([.state: state.rawValue, .rating: "false", .conclusion: "x"]) { $1 },
                                      admin: true))
        #expect(p.reasons.contains { $0.contains("a rating needs a claim that is researching, in review, approved or published") })
    }

    @Test func anUnknownStateIsRefused() throws {
        let p = try #require(problems(basic.merging([.state: "done"]) { $1 }, admin: true))
        #expect(p.reasons.contains { $0.hasPrefix("invalid state:") && $0.contains("in_review") }, "\(p)")
    }

    @Test(arguments: [
        "2025-06-01", "2025-06-01T09:30", "2025-06-01T09:30:15Z", "2025-06-01 09:30:15+02:00", "2025-06-01T09:30:15.250-05:00",
    ])
    func archiveTimesAccepted(_ time: String) throws {
        let row = try #require(accepted(basic.merging([.state: "approved", .rating: "true", .conclusion: "Right.",
                                                       .approvedAt: time]) { $1 }, admin: true))
        #expect(row.approvedAt?.hasPrefix(String(time.prefix(16))) == true)
    }

    /// A time the database cannot read must be refused with its line here, not fail the whole
    /// COPY later with a database error.
    @Test(arguments: [
        "2025-06-31", "June 1, 2025", "2025-06-01T9:30", "2025-06-01T25:00", "2025-06-01T10:61", "2025-06-01T10:00:75Z",
    ])
    func badArchiveTimes(_ time: String) throws {
        let p = try #require(problems(basic.merging([.state: "approved", .rating: "true", .conclusion: "Right.",
                                                     .publishedAt: time]) { $1 }, admin: true))
        #expect(p.reasons.contains { $0.hasPrefix("invalid published_at:") }, "\(p)")
    }
}
