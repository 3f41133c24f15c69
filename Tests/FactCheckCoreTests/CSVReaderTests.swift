import FactCheckCore
import Testing

/// Every record of `bytes`, or the first failure.
private func read(_ bytes: [UInt8], delimiter: Character = ",") -> Result<[CSVReader.Record], CSVReader.Failure> {
    bytes.withUnsafeBufferPointer { buffer in
        var reader = CSVReader(bytes: buffer, delimiter: delimiter.asciiValue!)
        var records: [CSVReader.Record] = []
        do throws(CSVReader.Failure) {
            while let record = try reader.next() { records.append(record) }
        } catch {
            return .failure(error)
        }
        #expect(reader.offset == buffer.count, "the reader stops at the end of the input")
        return .success(records)
    }
}

private func read(_ text: String, delimiter: Character = ",") -> Result<[CSVReader.Record], CSVReader.Failure> {
    read(Array(text.utf8), delimiter: delimiter)
}

/// The records of input that must parse, as (line, fields).
private func records(_ input: [UInt8], delimiter: Character = ",",
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> [(line: Int, fields: [String])] {
    let result = read(input, delimiter: delimiter)
    guard case .success(let records) = result else {
        Issue.record("expected records, got \(result)", sourceLocation: sourceLocation)
        return []
    }
    return records.map { ($0.line, $0.fields) }
}

private func records(_ text: String, delimiter: Character = ",",
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> [(line: Int, fields: [String])] {
    try records(Array(text.utf8), delimiter: delimiter, sourceLocation: sourceLocation)
}

/// The failure input must end in.
private func failure(_ input: [UInt8], delimiter: Character = ",",
                     sourceLocation: SourceLocation = #_sourceLocation) -> CSVReader.Failure? {
    switch read(input, delimiter: delimiter) {
    case .failure(let failure): return failure
    case .success(let records):
        Issue.record("expected a failure, read \(records)", sourceLocation: sourceLocation)
        return nil
    }
}

private func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> CSVReader.Failure? {
    failure(Array(text.utf8), sourceLocation: sourceLocation)
}

@Suite("CSVReader: RFC 4180 as spreadsheets write it")
struct CSVReaderTests {
    @Test(arguments: ["\r\n", "\n", "\r"])
    func lineEndings(_ end: String) throws {
        let parsed = try records("claim,claimant\(end)Taxes rose,Ana\(end)Crime fell,Ben\(end)")
        #expect(parsed.map(\.line) == [1, 2, 3])
        #expect(parsed.map(\.fields) == [["claim", "claimant"], ["Taxes rose", "Ana"], ["Crime fell", "Ben"]])
    }

    @Test func lastRecordWithoutLineEnd() throws {
        let parsed = try records("a,b\r\nc,d")
        #expect(parsed.map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(parsed.map(\.line) == [1, 2])
    }

    @Test func trailingLineEndAddsNoRecord() throws {
        #expect(try records("a,b\n").map(\.fields) == [["a", "b"]])
        #expect(try records("a,b\r\n").map(\.fields) == [["a", "b"]])
        #expect(try records("").isEmpty)
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndLineBreaks() throws {
        let text = "h1,h2\r\n\"one, two\",\"she said \"\"no\"\"\"\r\n\"LF\ninside\",\"CRLF\r\ninside\"\r\nlast,row\r\n"
        let parsed = try records(text)
        #expect(parsed.map(\.fields) == [
            ["h1", "h2"],
            ["one, two", "she said \"no\""],
            ["LF\ninside", "CRLF\r\ninside"],
            ["last", "row"],
        ])
        // A record starts on the line of its first byte; a record spanning lines moves the next one down.
        #expect(parsed.map(\.line) == [1, 2, 3, 6])
    }

    @Test func recordsSpanningSeveralLines() throws {
        let parsed = try records("claim,claimant\n\"a\nb\nc\",x\n\"d\",\"e\n\nf\"\ng,h")
        #expect(parsed.map(\.line) == [1, 2, 5, 8])
        #expect(parsed[1].fields == ["a\nb\nc", "x"])
        #expect(parsed[2].fields == ["d", "e\n\nf"])
        #expect(parsed[3].fields == ["g", "h"])
    }

    @Test func byteOrderMarkIsSkippedAtTheStartOnly() throws {
        let parsed = try records([0xEF, 0xBB, 0xBF] + Array("claim,claimant\r\nx,y\r\n".utf8))
        #expect(parsed.map(\.fields) == [["claim", "claimant"], ["x", "y"]])
        #expect(parsed.map(\.line) == [1, 2])
        // A file that is only a byte-order mark has no records.
        #expect(try records([0xEF, 0xBB, 0xBF]).isEmpty)
    }

    @Test func emptyFields() throws {
        #expect(try records(",,\n").map(\.fields) == [["", "", ""]])
        #expect(try records("a,\n,b\n").map(\.fields) == [["a", ""], ["", "b"]])
        #expect(try records("\"\",x,\"\"\n").map(\.fields) == [["", "x", ""]])
        #expect(try records("a,").map(\.fields) == [["a", ""]])
        // A blank line is a record of one empty field (the importer skips it).
        #expect(try records("a\n\nb\n").map(\.fields) == [["a"], [""], ["b"]])
        #expect(try records("a\n\nb\n").map(\.line) == [1, 2, 3])
    }

    @Test func unicodeIsKeptByteForByte() throws {
        let cells = ["שלום עולם", "مرحبا", "e\u{301}\u{302}", "🧲👍🏽", "back\\slash", "tab\there", "=1+2", "'@x"]
        let line = cells.map { "\"" + $0 + "\"" }.joined(separator: ",")
        #expect(try records(line + "\r\n").map(\.fields) == [cells])
    }

    @Test func tabSeparatedValues() throws {
        let parsed = try records("claim\tclaimant\nTaxes, rose\tAna\n\"quoted\ttab\"\tBen\n", delimiter: "\t")
        #expect(parsed.map(\.fields) == [["claim", "claimant"], ["Taxes, rose", "Ana"], ["quoted\ttab", "Ben"]])
    }

    @Test func aLongFieldIsReadWhole() throws {
        let long = String(repeating: "x,\"y\"\n", count: 2_000)
        let parsed = try records("a,b\n\"" + long.replacingOccurrences(of: "\"", with: "\"\"") + "\",z\n")
        #expect(parsed.count == 2)
        #expect(parsed[1].fields == [long, "z"])
    }

    // MARK: Failures, each with the line it happened on

    @Test func quoteNeverClosedNamesTheLineTheRecordStarts() {
        let f = failure("claim,claimant\nok,row\n\"never closed,x\nmore\nand more\n")
        #expect(f?.line == 3)
        #expect(f?.reason.contains("never closed") == true)
    }

    @Test func quoteInsideAnUnquotedField() {
        let f = failure("claim,claimant\nok,row\nhe said \"no\",x\n")
        #expect(f?.line == 3)
        #expect(f?.reason.contains("quote inside an unquoted field") == true)
    }

    @Test func textAfterAClosingQuote() {
        let f = failure("claim,claimant\n\"quoted\"trailing,x\n")
        #expect(f?.line == 2)
        #expect(f?.reason.contains("after a closing quote") == true)
        // On a record spanning lines, the line where the stray text is.
        #expect(failure("a,b\n\"x\ny\"z,w\n")?.line == 3)
    }

    @Test func nulByte() {
        let f = failure(Array("claim,claimant\nok,row\nbad".utf8) + [0] + Array(",x\n".utf8))
        #expect(f?.line == 3)
        #expect(f?.reason.contains("NUL") == true)
        let quoted = failure(Array("claim,claimant\n\"a".utf8) + [0] + Array("\",x\n".utf8))
        #expect(quoted?.line == 2)
        #expect(quoted?.reason.contains("NUL") == true)
    }

    @Test(arguments: [[0xFF] as [UInt8], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF]])
    func invalidUTF8(_ bad: [UInt8]) {
        let f = failure(Array("claim,claimant\nok,row\nx,ab".utf8) + bad + Array("cd\n".utf8))
        #expect(f?.line == 3)
        #expect(f?.reason.contains("field 2 is not valid UTF-8") == true)
    }

    @Test func invalidUTF8InAQuotedField() {
        let f = failure(Array("claim,claimant\n\"".utf8) + [0xFE] + Array("\",x\n".utf8))
        #expect(f?.line == 2)
        #expect(f?.reason.contains("field 1 is not valid UTF-8") == true)
    }

    @Test func failureDescriptionNamesTheLine() {
        #expect(CSVReader.Failure(line: 7, reason: "a NUL byte is not allowed").description
            == "line 7: a NUL byte is not allowed")
    }
}
