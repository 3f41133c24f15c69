import Foundation
import Postgres
import TestSupport
import Testing

/// `import claims`: bad files, dry runs, re-imports, `--map`, audit and archives.
@Suite struct ReportImportTests {
    // MARK: Bad files: exit 65, the lines, nothing written

    enum BadFile: String, CaseIterable, Sendable {
        case invalidUTF8, tooFewFields, tooManyFields, unclosedQuoteAtEOF, quoteInUnquotedField, textAfterClosingQuote
        case nulByte, missingClaimantColumn, missingClaimColumn, duplicateHeader, duplicateHeaderByMap, emptyFile
        case onlyAByteOrderMark, badValues

        var bytes: [UInt8] {
            let header = Array("claim,claimant\r\n".utf8)
            let good = Array("The talks lasted eleven hours.,Ana Lima\r\n".utf8)
            switch self {
            case .invalidUTF8: return header + good + Array("Exports ".utf8) + [0xC3, 0x28] + Array(" doubled,Ana\r\n".utf8)
            case .tooFewFields: return header + good + Array("Only one field here\r\n".utf8)
            case .tooManyFields: return header + good + Array("One,two,three\r\n".utf8)
            case .unclosedQuoteAtEOF: return header + good + Array("\"Never closed, Ana\r\nand on\r\n".utf8)
            case .quoteInUnquotedField: return header + good + Array("He said \"no\",Ana\r\n".utf8)
            case .textAfterClosingQuote: return header + good + Array("\"Quoted\" then text,Ana\r\n".utf8)
            case .nulByte: return header + good + Array("Null".utf8) + [0] + Array("byte,Ana\r\n".utf8)
            case .missingClaimantColumn: return Array("claim,who\r\nTaxes rose,Ana\r\n".utf8)
            case .missingClaimColumn: return Array("statement,claimant\r\nTaxes rose,Ana\r\n".utf8)
            case .duplicateHeader: return Array("claim,claimant,Claim\r\nTaxes rose,Ana,Taxes fell\r\n".utf8)
            case .duplicateHeaderByMap: return Array("claim,claimant,Statement\r\nTaxes rose,Ana,Taxes fell\r\n".utf8)
            case .emptyFile: return []
            case .onlyAByteOrderMark: return [0xEF, 0xBB, 0xBF]
            case .badValues: return header + good + Array("Taxes rose,\r\n".utf8)
            }
        }

        var extraArguments: [String] { self == .duplicateHeaderByMap ? ["--map", "Statement=claim"] : [] }

        /// The line stderr names, when the problem is in a row.
        var line: Int? {
            switch self {
            case .invalidUTF8, .tooFewFields, .tooManyFields, .unclosedQuoteAtEOF, .quoteInUnquotedField,
                 .textAfterClosingQuote, .nulByte, .badValues: 3
            default: nil
            }
        }

        /// Words the message must hold.
        var mentions: [String] {
            switch self {
            case .invalidUTF8: ["UTF-8"]
            case .tooFewFields: ["has 1 fields where the header has 2"]
            case .tooManyFields: ["has 3 fields where the header has 2"]
            case .unclosedQuoteAtEOF: ["never closed"]
            case .quoteInUnquotedField: ["quote inside an unquoted field"]
            case .textAfterClosingQuote: ["after a closing quote"]
            case .nulByte: ["NUL"]
            case .missingClaimantColumn: ["no claimant column", "--map"]
            case .missingClaimColumn: ["no claim column", "--map"]
            case .duplicateHeader, .duplicateHeaderByMap: ["two columns feed claim"]
            case .emptyFile, .onlyAByteOrderMark: ["empty"]
            case .badValues: ["claimant", "must not be empty"]
            }
        }
    }

    @Test(arguments: BadFile.allCases)
    func badFileIsRefusedWithItsLine(_ bad: BadFile) throws {
        let desk = try Desk.adminOnly()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("sheet.csv", bytes: bad.bytes)
        let before = try desk.snapshot()
        let out = try desk.importClaims([file] + bad.extraArguments)
        #expect(out.status == 65, "\(out)")
        #expect(out.stdout.isEmpty, "\(out)")
        for word in bad.mentions {
            #expect(out.stderr.contains(word), "stderr names \(word): \(out)")
        }
        if let line = bad.line {
            #expect(reportedRows(out.stderr).map(\.line) == [line], "\(out)")
            #expect(out.stderr.contains("sheet.csv"), "the file is named: \(out)")
        }
        #expect(try desk.tally("claims") == 0)
        #expect(try desk.snapshot() == before, "nothing was written")
    }

    @Test func everyBadRowIsReportedWithItsLine() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("sheet.csv", csvFile([
            ["claim", "claimant", "priority", "said_on", "assignee", "article_url"],
            ["Bad priority", "Ana", "asap", "", "", ""],                           // 2
            ["Good one", "Ana", "high", "2026-01-05", "ben", ""],                 // 3
            ["Spanning\nthree\nlines", "Ana", "", "", "", ""],                     // 4-6, good
            ["", "Ana", "", "", "", ""],                                          // 7: no claim
            ["Bad date", "Ana", "", "2026-02-30", "", ""],                         // 8
            ["Good two", "Ana", "", "", "", "https://news.example/a"],           // 9
            ["Bad url and priority", "Ana", "whenever", "", "", "news.example/b"], // 10: two problems
            ["Unknown assignee", "Ana", "", "", "nobody", ""],                     // 11
        ]) + "Ragged,row\r\n")                                                     // 12
        let before = try desk.snapshot()
        let out = try desk.importClaims([file])
        #expect(out.status == 65, "\(out)")
        let rows = reportedRows(out.stderr)
        // Line 11 too: a row naming someone who is not a user of the desk is as bad as the others.
        #expect(rows.map(\.line) == [2, 7, 8, 10, 11, 12], "\(out)")
        #expect(rows.first { $0.line == 10 }.map { $0.reason.contains("priority") && $0.reason.contains("article_url") }
            == true, "both problems of line 10: \(out)")
        #expect(out.stderr.contains("error: 6 rows cannot be imported; nothing was imported"), "\(out)")
        #expect(try desk.snapshot() == before)
    }

    /// Rows whose values are fine but whose people are not users of the desk: found after the
    /// rows were read, still reported by line, still nothing written.
    @Test func unknownUsersAreReportedByLine() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("sheet.csv", csvFile([
            ["claim", "claimant", "assignee"], ["One", "Ana", "ben"], ["Two", "Ana", "nobody"], ["Three", "Ana", "ghost"],
        ]))
        let before = try desk.snapshot()
        let out = try desk.importClaims([file])
        #expect(out.status == 65, "\(out)")
        #expect(reportedRows(out.stderr).map(\.line) == [3, 4], "\(out)")
        #expect(out.stderr.contains("there is no user nobody"))
        #expect(try desk.snapshot() == before)
    }

    /// A bad encoding or a NUL byte spoils one row, not the way the file splits into rows: the
    /// rows after it are still checked, so one run names every bad row.
    @Test func encodingProblemsDoNotHideLaterBadRows() throws {
        let desk = try Desk.adminOnly()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let bytes = Array("claim,claimant,priority\r\nGood,Ana,low\r\nBad ".utf8) + [0xFF] + Array(" byte,Ana,low\r\n".utf8)
            + Array("Nul ".utf8) + [0] + Array(",Ana,low\r\nWrong priority,Ana,asap\r\nRagged\r\n".utf8)
        let file = try dir.write("sheet.csv", bytes: bytes)
        let out = try desk.importClaims([file])
        #expect(out.status == 65, "\(out)")
        #expect(reportedRows(out.stderr).map(\.line) == [3, 4, 5, 6], "\(out)")
        #expect(try desk.tally("claims") == 0)
    }

    @Test func missingFileIs66() throws {
        let desk = try Desk.adminOnly()
        let out = try desk.importClaims(["/nonexistent/sheet.csv"])
        #expect(out.status == 66, "\(out)")
        expectErrorShape(out)
        #expect(out.stderr.contains("/nonexistent/sheet.csv"))
    }

    @Test func byteOrderMarkHeaderAndRows() throws {
        let desk = try Desk.adminOnly()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("excel.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(csvFile([
            ["claim", "claimant"], ["Taxes rose by 5%.", "Ana Lima"], ["Crime fell.", "Ben"],
        ]).utf8))
        let out = try desk.ok(["import", "claims", file], as: Desk.admin)
        #expect(out.stdout == "imported 2 claims from \(file)\n")
        #expect(try desk.storedClaims().map(\.text) == ["Taxes rose by 5%.", "Crime fell."])
    }

    @Test func headerOnlyImportsNothing() throws {
        let desk = try Desk.adminOnly()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("empty.csv", "claim,claimant\r\n")
        let out = try desk.ok(["import", "claims", file], as: Desk.admin)
        #expect(out.stdout == "imported 0 claims from \(file)\n")
    }

    @Test func blankLinesAreSkipped() throws {
        let desk = try Desk.adminOnly()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("gaps.csv", "claim,claimant\n\nTaxes rose.,Ana\n,\n\nCrime fell.,Ben\n\n")
        let out = try desk.ok(["import", "claims", file], as: Desk.admin)
        #expect(out.stdout == "imported 2 claims from \(file)\n")
    }

    enum TabSeparated: String, CaseIterable, Sendable {
        case flag, tsvExtension, tabExtension
    }

    @Test(arguments: TabSeparated.allCases)
    func tabSeparatedValues(_ how: TabSeparated) throws {
        let desk = try Desk.adminOnly()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let name = switch how { case .flag: "sheet.txt"; case .tsvExtension: "sheet.TSV"; case .tabExtension: "sheet.tab" }
        let file = try dir.write(name, "claim\tclaimant\ttags\r\nTaxes, they say, rose.\tAna, Lima\teconomy, tax\r\n"
            + "\"Quoted\ttab\"\tBen\t\r\n")
        let out = try desk.ok(["import", "claims", file] + (how == .flag ? ["--tsv"] : []), as: Desk.admin)
        #expect(out.stdout == "imported 2 claims from \(file)\n")
        let stored = try desk.storedClaims()
        #expect(stored.map(\.text) == ["Taxes, they say, rose.", "Quoted\ttab"])
        #expect(stored.map(\.claimant) == ["Ana, Lima", "Ben"])
        #expect(stored.map(\.tags) == ["economy|tax", ""])
    }

    // MARK: Dry run

    @Test func dryRunWritesNothingAndUsesNoClaimNumbers() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("sheet.csv", csvFile([
            ["claim", "claimant", "article_url", "assignee"],
            ["Taxes rose by 5%.", "Ana Lima", "https://news.example/a", "ben"],
            ["Crime fell.", "Ben", "https://news.example/a", ""],
            ["Exports doubled.", "Chen", "", ""],
        ]))
        let before = try desk.snapshot()
        let dry = try desk.ok(["import", "claims", file, "--dry-run"], as: Desk.editor)
        #expect(dry.stdout == "dry run: \(file) would import 3 claims (1 articles logged)\n", "\(dry)")
        #expect(try desk.snapshot() == before, "a dry run writes nothing: no claims, articles or audit events")

        let json = try desk.ok(["import", "claims", file, "--dry-run", "--format", "json"], as: Desk.editor)
        let summary = try #require(try parseJSON(json.stdout) as? [String: Any])
        #expect((summary["imported"] as? NSNumber)?.intValue == 3)
        #expect(summary["dry_run"] as? Bool == true)
        #expect(try desk.snapshot() == before)

        // A dry run of a bad file fails as the real import would.
        let bad = try dir.write("bad.csv", "claim,claimant\r\nNo claimant,\r\n")
        #expect(try desk.importClaims([bad, "--dry-run"], as: Desk.editor).status == 65)

        let real = try desk.ok(["import", "claims", file], as: Desk.editor)
        #expect(real.stdout == "imported 3 claims from \(file) (1 articles logged)\n")
        #expect(try desk.storedClaims().map(\.id) == [1, 2, 3], "the first real claim is C-1")
        #expect(try desk.claim("C-1")["text"] as? String == "Taxes rose by 5%.")
        #expect(try desk.claim("C-1")["assignee"] as? String == "ben")
        #expect(try desk.tally("articles") == 1)
    }

    // MARK: Re-import

    @Test func reimportAddsNothing() throws {
        let desk = try Desk.adminOnly()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("sheet.csv", csvFile([
            ["claim", "claimant", "tags"],
            ["Taxes rose by 5%.", "Ana Lima", "tax"],
            ["Crime fell.", "Ben", ""],
            ["Exports doubled.", "Chen", ""],
            ["TAXES rose by 5 %", "ana  lima", "other"],   // line 5: line 2 again, after normalising
        ]))
        let first = try desk.ok(["import", "claims", file], as: Desk.admin)
        #expect(first.stdout == "imported 3 claims from \(file) (1 repeated in the file (lines 5))\n", "\(first)")
        #expect(try desk.storedClaims().map(\.text) == ["Taxes rose by 5%.", "Crime fell.", "Exports doubled."])

        let before = try desk.snapshot()
        let second = try desk.ok(["import", "claims", file], as: Desk.admin)
        #expect(second.stdout == "imported 0 claims from \(file) (3 already stored; 1 repeated in the file (lines 5))\n",
                "\(second)")
        #expect(try desk.snapshot() == before, "the second run wrote nothing")

        let json = try desk.ok(["import", "claims", file, "--format", "json"], as: Desk.admin)
        let summary = try #require(try parseJSON(json.stdout) as? [String: Any])
        #expect((summary["imported"] as? NSNumber)?.intValue == 0)
        #expect((summary["already_stored"] as? NSNumber)?.intValue == 3)
        #expect((summary["duplicate_lines"] as? [NSNumber])?.map(\.intValue) == [5])
        #expect((summary["rows"] as? NSNumber)?.intValue == 4)
    }

    @Test func anExportReimportsIntoTheSameDeskAsNothing() throws {
        let desk = try Desk.make()
        _ = try desk.logClaim("Taxes rose by 5%.", extra: ["--tag", "tax"])
        _ = try desk.logClaim("=1+1 is two, the memo says.", claimant: "@minister")
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try desk.ok(["export", "claims", "--out", dir.file("claims.csv")], as: Desk.editor)
        let claims = try desk.storedClaims(), events = try desk.lastEventId()
        let out = try desk.ok(["import", "claims", dir.file("claims.csv")], as: Desk.admin)
        #expect(out.stdout == "imported 0 claims from \(dir.file("claims.csv")) (2 already stored)\n", "\(out)")
        #expect(try desk.storedClaims() == claims)
        #expect(try desk.lastEventId() == events)
    }

    @Test func aClaimAlreadyLoggedByHandIsSkipped() throws {
        let desk = try Desk.make()
        _ = try desk.logClaim("Taxes rose by 5%.")
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("sheet.csv", csvFile([
            ["external_id", "claim", "claimant"], ["row-1", "taxes ROSE by 5%", "Someone else"], ["row-2", "New one.", "Ana"],
        ]))
        let out = try desk.ok(["import", "claims", file], as: Desk.editor)
        #expect(out.stdout == "imported 1 claims from \(file) (1 already stored)\n", "\(out)")
        #expect(try desk.storedClaims().map(\.text) == ["Taxes rose by 5%.", "New one."])
    }

    @Test func externalIDIsTheKey() throws {
        let desk = try Desk.adminOnly()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let v1 = try dir.write("v1.csv", csvFile([
            ["external_id", "claim", "claimant"],
            ["sheet-1", "Taxes rose by 5%.", "Ana"],
            ["sheet-2", "Crime fell.", "Ben"],
            ["sheet-1", "Taxes rose by five percent.", "Ana"],  // line 4: the same key again
        ]))
        let first = try desk.ok(["import", "claims", v1], as: Desk.admin)
        #expect(first.stdout == "imported 2 claims from \(v1) (1 repeated in the file (lines 4))\n", "\(first)")
        #expect(try desk.storedClaims().map(\.text) == ["Taxes rose by 5%.", "Crime fell."])

        // The sheet edited its text since: the key still says it is stored.
        let v2 = try dir.write("v2.csv", csvFile([
            ["external_id", "claim", "claimant"], ["sheet-1", "Taxes rose by 5 percent, she said.", "Ana"],
            ["sheet-3", "Exports doubled.", "Chen"],
        ]))
        let second = try desk.ok(["import", "claims", v2], as: Desk.admin)
        #expect(second.stdout == "imported 1 claims from \(v2) (1 already stored)\n", "\(second)")
        #expect(try desk.storedClaims().map(\.text) == ["Taxes rose by 5%.", "Crime fell.", "Exports doubled."])
    }

    /// Two rows with the same text (after normalising) but different external ids: one claim,
    /// the second reported as repeated. The same rule as against stored claims (skipped) and as
    /// `claim add` (refused): a desk never holds one statement twice.
    @Test func sameTextUnderTwoExternalIDsIsOneClaim() throws {
        let desk = try Desk.adminOnly()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("sheet.csv", csvFile([
            ["external_id", "claim", "claimant"],
            ["sheet-1", "Taxes rose by 5%.", "Ana"],
            ["sheet-2", "taxes rose by 5 %", "Ben"],
        ]))
        let out = try desk.ok(["import", "claims", file], as: Desk.admin)
        #expect(try desk.storedClaims().map(\.text) == ["Taxes rose by 5%."], "\(out)")
        #expect(out.stdout.contains("imported 1 claims"), "\(out)")
        #expect(out.stdout.contains("lines 3"), "the repeat is reported: \(out)")
        // And without external ids, the same text from two claimants is one claim too.
        let other = try dir.write("other.csv", csvFile([
            ["claim", "claimant"], ["Crime fell.", "Ana"], ["Crime fell!", "Ben"],
        ]))
        let out2 = try desk.ok(["import", "claims", other], as: Desk.admin)
        #expect(try desk.tally("claims", where: "text ILIKE 'crime fell%'") == 1, "\(out2)")
    }

    // MARK: --map

    @Test func mapRenamesASpreadsheetsColumns() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("desk-sheet.csv", csvFile([
            ["Statement", "Who said it", "Notes"],
            ["The talks lasted eleven hours.", "Foreign Minister Lena Hart", "check the transcript"],
            ["Exports doubled since 2020.", "Finance Minister", ""],
        ]))
        let out = try desk.ok(["import", "claims", file, "--map", "Statement=claim", "--map", "Who said it=claimant"],
                              as: Desk.editor)
        #expect(out.stdout == "imported 2 claims from \(file)\n")
        let stored = try desk.storedClaims()
        #expect(stored.map(\.text) == ["The talks lasted eleven hours.", "Exports doubled since 2020."])
        #expect(stored.map(\.claimant) == ["Foreign Minister Lena Hart", "Finance Minister"])
    }

    @Test func mapTargetsIgnoreCase() throws {
        let desk = try Desk.adminOnly()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("sheet.csv", csvFile([["Statement", "Speaker"], ["Taxes rose.", "Ana"]]))
        let out = try desk.run(["import", "claims", file, "--map", "statement=Claim", "--map", "SPEAKER=Claimant"],
                               as: Desk.admin)
        #expect(out.status == 0, "--map Statement=Claim names the claim field: \(out)")
        #expect(try desk.storedClaims().map(\.claimant) == ["Ana"])
    }

    @Test func aBadMapTargetListsTheFields() throws {
        let desk = try Desk.adminOnly()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("sheet.csv", csvFile([["claim", "claimant", "X"], ["Taxes rose.", "Ana", "x"]]))
        let out = try desk.run(["import", "claims", file, "--map", "X=nonsense"], as: Desk.admin)
        #expect([64, 65].contains(out.status), "\(out)")
        expectErrorShape(out)
        #expect(out.stderr.contains("nonsense"))
        #expect(out.stderr.contains("external_id, claim, claimant, said_on, article_url"), "\(out)")
        #expect(try desk.tally("claims") == 0)

        let malformed = try desk.run(["import", "claims", file, "--map", "X"], as: Desk.admin)
        #expect(malformed.status == 64, "\(malformed)")
        expectErrorShape(malformed)
    }

    // MARK: Audit

    @Test func importedClaimsAreAuditedWithFileAndLine() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("desk-sheet.csv", csvFile([
            ["claim", "claimant", "tags", "priority"],
            ["Taxes rose by 5%.", "Ana Lima", "tax, economy", "high"],   // 2
            ["A quote\nover two lines.", "Ben", "", ""],                 // 3-4
            ["Exports doubled.", "Chen", "", "urgent"],                  // 5
        ]))
        let mark = try desk.lastEventId()
        try desk.ok(["import", "claims", file], as: Desk.editor)
        let events = try desk.events(after: mark)
        #expect(events.map(\.action) == ["claim.logged", "claim.logged", "claim.logged"], "\(events)")
        #expect(events.map(\.claimId) == [1, 2, 3])
        #expect(events.map(\.object) == ["C-1", "C-2", "C-3"])
        #expect(events.allSatisfy { $0.actor == Desk.editor && $0.stream == "claim:\($0.claimId ?? 0)" })
        #expect(events.map { $0.after?["imported_from"] as? String } == Array(repeating: "desk-sheet.csv", count: 3))
        #expect(events.map { ($0.after?["line"] as? NSNumber)?.intValue } == [2, 3, 5])
        #expect(events.map { $0.after?["text"] as? String }
            == ["Taxes rose by 5%.", "A quote\nover two lines.", "Exports doubled."])
        #expect(events.first?.after?["tags"] as? [String] == ["tax", "economy"])
        #expect(events.first?.after?["state"] as? String == "logged")
        let verify = try desk.ok(["audit", "verify"], as: Desk.editor)
        #expect(verify.stdout.contains("verifies"))

        // The history each claim shows starts with its import.
        let history = try #require(try desk.detail("C-2")["history"] as? [[String: Any]])
        #expect(history.map { $0["action"] as? String } == ["claim.logged"])
    }

    // MARK: Archives

    static let archiveHeader = ["claim", "claimant", "state", "rating", "conclusion", "proposed_by", "approved_by",
                                "approved_at", "published_at", "published_url", "tags"]

    @Test func anArchiveLandsInItsStates() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("archive-2025.csv", csvFile([
            Self.archiveHeader,
            ["Taxes rose by 5%.", "Ana Lima", "published", "Mostly True", "Close: 4.8%.", "ben", "chen", "2025-05-30",
             "2025-06-01T09:30:00Z", "https://ledger.example/checks/1", "tax"],
            ["Crime fell 20%.", "Ben", "Approved", "FALSE", "It rose.", "ben", "chen", "2025-05-31", "", "", ""],
            ["Exports doubled.", "Chen", "in_review", "half-true", "Partly.", "chen", "", "", "", "", ""],
            ["Not a claim at all.", "Dana", "rejected", "", "", "", "", "", "", "", ""],
            ["Still to check.", "Eli", "", "", "", "", "", "", "", "", ""],
            ["Under research.", "Fay", "researching", "", "", "", "", "", "", "", ""],
        ]))
        let out = try desk.ok(["import", "claims", file], as: Desk.admin)
        #expect(out.stdout == "imported 6 claims from \(file)\n", "\(out)")
        #expect(try desk.storedClaims().map(\.state)
            == ["published", "approved", "in_review", "rejected", "logged", "researching"])

        let published = try desk.detail("C-1")
        let c1 = try #require(published["claim"] as? [String: Any])
        #expect(c1["state"] as? String == "published")
        #expect(c1["published_url"] as? String == "https://ledger.example/checks/1")
        #expect((c1["published_at"] as? String)?.hasPrefix("2025-06-01T09:30:00") == true, "\(c1)")
        let v1 = try #require((published["verdicts"] as? [[String: Any]])?.first)
        #expect(v1["status"] as? String == "approved")
        #expect(v1["rating"] as? String == "mostly-true")
        #expect(v1["conclusion"] as? String == "Close: 4.8%.")
        #expect(v1["proposed_by"] as? String == "ben")
        #expect(v1["decided_by"] as? String == "chen")
        #expect((v1["decided_at"] as? String)?.hasPrefix("2025-05-30") == true, "\(v1)")

        let v2 = try #require((try desk.detail("C-2")["verdicts"] as? [[String: Any]])?.first)
        #expect(v2["status"] as? String == "approved")
        #expect(v2["rating"] as? String == "false")

        let v3s = try #require(try desk.detail("C-3")["verdicts"] as? [[String: Any]])
        #expect(v3s.count == 1)
        #expect(v3s.first?["status"] as? String == "proposed")
        #expect(v3s.first?["rating"] as? String == "half-true")
        #expect(isNull(v3s.first?["decided_by"]))

        #expect((try desk.detail("C-4")["verdicts"] as? [Any])?.isEmpty == true)
        #expect((try desk.detail("C-5")["verdicts"] as? [Any])?.isEmpty == true)

        // The archive's checks go on as any other: the second reviewer approves C-3 …
        try desk.ok(["verdict", "approve", "C-3"], as: Desk.reviewer)
        // … and the reports carry them.
        let rows = try csvRows(try desk.ok(["export", "claims"], as: Desk.editor).stdout).rows
        #expect(rows[0]["rating"] == "mostly-true")
        #expect(rows[0]["approved_by"] == "chen")
        #expect(rows[0]["published_at"] == "2025-06-01T09:30:00Z")
        #expect(rows[0]["approved_at"] == "2025-05-30T00:00:00Z")
        let review = try desk.ok(["export", "claimreview", "--publisher", "Ledger", "--publisher-url", "https://l.example"],
                                 as: Desk.editor)
        let items = try #require(try parseJSON(review.stdout) as? [[String: Any]])
        #expect(items.map { $0["claimReviewed"] as? String } == ["Taxes rose by 5%."])
        #expect(items.first?["datePublished"] as? String == "2025-06-01")
        #expect(((items.first?["reviewRating"] as? [String: Any])?["ratingValue"] as? NSNumber)?.intValue == 5)

        #expect(try desk.ok(["audit", "verify"], as: Desk.admin).stdout.contains("verifies"))
    }

    @Test func aRatingOffTheScaleNamesTheLabels() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("archive.csv", csvFile([
            Self.archiveHeader,
            ["Taxes rose by 5%.", "Ana", "published", "Pants on Fire", "No.", "ben", "chen", "", "2025-06-01", "", ""],
        ]))
        let before = try desk.snapshot()
        let out = try desk.importClaims([file])
        #expect(out.status == 65, "\(out)")
        #expect(reportedRows(out.stderr).map(\.line) == [2], "\(out)")
        #expect(out.stderr.contains("true, mostly-true, half-true, misleading, mostly-false, false, unverifiable"), "\(out)")
        #expect(try desk.snapshot() == before)
    }

    /// An archive that does not say when its verdicts were approved or its claims published:
    /// the dates stay unknown everywhere (none is taken from the moment of the import).
    @Test func anArchiveWithoutDatesKeepsThemUnknown() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("archive.csv", csvFile([
            Self.archiveHeader,
            ["Taxes rose by 5%.", "Ana Lima", "published", "false", "They fell.", "ben", "chen", "", "",
             "https://ledger.example/checks/1", ""],
            ["Crime fell 20%.", "Ben", "approved", "true", "It did.", "ben", "chen", "", "", "", ""],
            ["Exports doubled.", "Chen", "in_review", "half-true", "Partly.", "chen", "", "", "", "", ""],
        ]))
        try desk.ok(["import", "claims", file], as: Desk.admin)

        let published = try desk.detail("C-1")
        #expect(isNull((published["claim"] as? [String: Any])?["published_at"]), "\(published)")
        for claim in ["C-1", "C-2", "C-3"] {
            let verdict = try #require((try desk.detail(claim)["verdicts"] as? [[String: Any]])?.first)
            #expect(isNull(verdict["proposed_at"]), "\(claim): an archive does not say when: \(verdict)")
            #expect(isNull(verdict["decided_at"]), "\(claim): \(verdict)")
        }
        #expect((try desk.detail("C-2")["verdicts"] as? [[String: Any]])?.first?["decided_by"] as? String == "chen")

        let show = try desk.ok(["claim", "show", "C-1"], as: Desk.editor).stdout
        #expect(show.contains("date unknown at https://ledger.example/checks/1"), "\(show)")
        #expect(show.contains("proposed by ben (date unknown), approved by chen"), "\(show)")

        let rows = try csvRows(try desk.ok(["export", "claims"], as: Desk.editor).stdout).rows
        #expect(rows.map { $0["approved_at"] } == ["", "", ""])
        #expect(rows.map { $0["published_at"] } == ["", "", ""])

        // The claim under review is approved on the desk: that date is known.
        try desk.ok(["verdict", "approve", "C-3"], as: Desk.reviewer)
        let approved = try #require((try desk.detail("C-3")["verdicts"] as? [[String: Any]])?.first)
        #expect(approved["decided_at"] is String, "\(approved)")
        #expect(try desk.ok(["audit", "verify"], as: Desk.admin).stdout.contains("verifies"))
    }

    // MARK: Older rating labels

    /// A PolitiFact-derived archive (the LIAR dataset, PolitiFact's own data) says barely-true
    /// and pants-fire: under the politifact scale they are its mostly-false and pants-on-fire.
    @Test func aPolitiFactArchiveReadsItsOlderLabels() throws {
        let desk = try Desk.make()
        try desk.ok(["scale", "use", "politifact"], as: Desk.admin)
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let labels = ["barely-true", "pants-fire", "Barely True", "Pants on Fire!", "half-true", "PANTS-FIRE"]
        let file = try dir.write("liar.csv", csvFile([Self.archiveHeader] + labels.enumerated().map { i, label in
            ["Statement \(i) about the budget.", "Senator \(i)", "published", label, "See the record.", "ben", "chen",
             "", "", "", ""]
        }))
        let out = try desk.ok(["import", "claims", file], as: Desk.admin)
        #expect(out.stdout == "imported 6 claims from \(file)\n", "\(out)")
        let conn = try desk.connection()
        defer { conn.close() }
        let stored = try conn.query("SELECT rating, rating_value FROM verdicts ORDER BY claim_id").map { row in
            "\(try row.require("rating") as String)=\(try row.require("rating_value") as Int)"
        }
        #expect(stored == ["mostly-false=3", "pants-on-fire=1", "mostly-false=3", "pants-on-fire=1", "half-true=4",
                           "pants-on-fire=1"])
        // The newsroom scale has no such names: the same file is refused there, every row named.
        let newsroom = try Desk.make()
        let refused = try newsroom.importClaims([file])
        #expect(refused.status == 65, "\(refused)")
        #expect(reportedRows(refused.stderr).map(\.line) == [2, 3, 4, 5, 7], "\(refused)")
    }

    /// --map-rating reads an archive's own names; each is validated against the active scale.
    @Test func mapRatingReadsAnArchivesOwnNames() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("archive.csv", csvFile([
            Self.archiveHeader,
            ["Taxes rose by 5%.", "Ana", "published", "Fib", "No.", "ben", "chen", "", "", "", ""],
            ["Crime fell.", "Ben", "published", "Whopper", "No.", "ben", "chen", "", "", "", ""],
            ["Exports doubled.", "Chen", "published", "true", "Yes.", "ben", "chen", "", "", "", ""],
        ]))
        let before = try desk.snapshot()
        let plain = try desk.importClaims([file])
        #expect(plain.status == 65 && reportedRows(plain.stderr).map(\.line) == [2, 3], "\(plain)")
        #expect(try desk.snapshot() == before)

        let out = try desk.ok(["import", "claims", file, "--map-rating", "fib=false", "--map-rating", "Whopper=Mostly False"],
                              as: Desk.admin)
        #expect(out.stdout == "imported 3 claims from \(file)\n", "\(out)")
        let conn = try desk.connection()
        defer { conn.close() }
        let stored: [String] = try conn.query("SELECT rating FROM verdicts ORDER BY claim_id").map { try $0.require("rating") }
        #expect(stored == ["false", "mostly-false", "true"])
    }

    @Test func aMapRatingOffTheScaleIsAUsageError() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("archive.csv", csvFile([
            Self.archiveHeader, ["Taxes rose by 5%.", "Ana", "published", "fib", "No.", "ben", "chen", "", "", "", ""],
        ]))
        let before = try desk.snapshot()
        let off = try desk.importClaims([file, "--map-rating", "fib=pants-on-fire"])
        #expect(off.status == 64, "\(off)")
        expectErrorShape(off)
        #expect(off.stderr.contains("--map-rating"), "\(off)")
        #expect(off.stderr.contains("'pants-on-fire' is not on the newsroom scale; use one of true, mostly-true, half-true, "
            + "misleading, mostly-false, false, unverifiable"), "\(off)")
        for malformed in ["fib", "=false", "fib="] {
            let out = try desk.importClaims([file, "--map-rating", malformed])
            #expect(out.status == 64, "\(malformed): \(out)")
            expectErrorShape(out)
        }
        let twice = try desk.importClaims([file, "--map-rating", "fib=false", "--map-rating", "FIB=true"])
        #expect(twice.status == 64, "\(twice)")
        #expect(try desk.snapshot() == before, "nothing was written")

        // Under another scale, its labels are named.
        try desk.ok(["scale", "use", "politifact"], as: Desk.admin)
        let politifact = try desk.importClaims([file, "--map-rating", "fib=misleading", "--dry-run"])
        #expect(politifact.status == 64, "\(politifact)")
        #expect(politifact.stderr.contains("use one of true, mostly-true, half-true, mostly-false, false, pants-on-fire"),
                "\(politifact)")
    }

    /// A reviewer may rate with an alias too; the verdict carries the label it stands for.
    @Test func verdictProposeStoresTheLabelOfAnAlias() throws {
        let desk = try Desk.make()
        try desk.ok(["scale", "use", "politifact"], as: Desk.admin)
        let claim = try desk.logClaim("Unemployment is at a 50-year low.")
        try desk.ok(["claim", "start", claim], as: Desk.reviewer)
        try desk.ok(["source", "add", claim, "--url", "https://stats.example/jobs"], as: Desk.reviewer)
        let out = try desk.ok(["verdict", "propose", claim, "--rating", "Barely True", "--conclusion", "A 20-year low."],
                              as: Desk.reviewer)
        #expect(out.stdout.contains("proposed V-1 mostly-false for \(claim)"), "\(out)")
        #expect((try desk.detail(claim)["verdicts"] as? [[String: Any]])?.first?["rating"] as? String == "mostly-false")
        let event = try #require(try desk.events().last { $0.action == "verdict.proposed" })
        #expect(event.after?["rating"] as? String == "mostly-false")
    }

    /// `scale show` lists each label's aliases, in the table and in JSON.
    @Test func scaleShowListsTheAliases() throws {
        let desk = try Desk.make()
        try desk.ok(["scale", "use", "politifact"], as: Desk.admin)
        let table = try desk.ok(["scale", "show"], as: Desk.reviewer).stdout
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("mostly-false") && $0.contains("barely-true") }, "\(table)")
        #expect(lines.contains { $0.hasPrefix("pants-on-fire") && $0.contains("pants-fire") }, "\(table)")
        #expect(lines.contains { $0.hasPrefix("LABEL") && $0.contains("ALIASES") }, "\(table)")
        let json = try #require(try parseJSON(try desk.ok(["scale", "show", "--format", "json"], as: Desk.reviewer).stdout)
            as? [[String: Any]])
        #expect(json.map { $0["label"] as? String ?? "" }
            == ["true", "mostly-true", "half-true", "mostly-false", "false", "pants-on-fire"])
        #expect(json.map { $0["aliases"] as? [String] ?? ["?"] } == [[], [], [], ["barely-true"], [], ["pants-fire"]])
    }

    @Test func anEditorMayNotImportAnArchive() throws {
        let desk = try Desk.make()
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let file = try dir.write("archive.csv", csvFile([
            ["claim", "claimant", "state"], ["Taxes rose by 5%.", "Ana", "published"],
        ]))
        let before = try desk.snapshot()
        for dryRun in [false, true] {
            let out = try desk.importClaims([file] + (dryRun ? ["--dry-run"] : []), as: Desk.editor)
            #expect(out.status == 77, "\(out)")
            expectErrorShape(out)
        }
        #expect(try desk.snapshot() == before)
        // A reviewer may not import at all.
        let plain = try dir.write("plain.csv", csvFile([["claim", "claimant"], ["Taxes rose.", "Ana"]]))
        #expect(try desk.importClaims([plain], as: Desk.reviewer).status == 77)
        #expect(try desk.snapshot() == before)
    }
}
