import FactCheckCore
import PropertyBased
import Testing

/// A bounded fuzz pass over the import's reading and checking: random byte-level mutations
/// of a valid file never crash the reader or the row checks, and every failure names a line
/// inside the file.
@Suite struct ImportFuzz {
    static let seed = Array(#"""
        claim,claimant,said_on,tags,priority,due_date
        "Exports rose by 5%, ""officially""",Minister Hart,2026-01-05,"trade, figures",high,2026-02-01
        =SUM(A1),@someone,,,low,
        "Two
        lines",Ana,2026-02-30,x,urgent,2026-13-01
        plain,Ben,2026-01-01,,normal,

        """#.utf8)

    static let bytes: [UInt8] = [0, 9, 10, 13, 34, 44, 39, 61, 0xC3, 0xA9, 0xFF, 0xE2, 0x80, 0x8F, 65]
    static let edit = Gen<Int>.value(in: 0..<(Self.seed.count * Self.bytes.count * 3)).array(of: 1...8)

    @Test func mutatedFilesNeverCrashTheReaderOrTheChecks() async {
        let scale = RatingScale.default
        await propertyCheck(count: 3000, input: Self.edit) { edits in
            var file = Self.seed
            for e in edits {
                let position = (e / 3) % max(file.count, 1)
                let byte = Self.bytes[e % Self.bytes.count]
                switch e % 3 {
                case 0: if !file.isEmpty { file[position] = byte }
                case 1: file.insert(byte, at: min(position, file.count))
                default: if !file.isEmpty { file.remove(at: position) }
                }
            }
            // A line ends at LF, at CRLF, or at a lone CR: at most one line per LF or CR.
            let lines = file.filter { $0 == 10 || $0 == 13 }.count + 1
            file.withUnsafeBufferPointer { buffer in
                var reader = CSVReader(bytes: buffer)
                var layout: ImportLayout?
                var guardCount = 0
                while guardCount < 1000 {
                    guardCount += 1
                    do {
                        guard let record = try reader.next() else { break }
                        #expect(record.line >= 1 && record.line <= lines)
                        if let layout {
                            if case .failure(let problems) = ImportRow.parse(record.fields, line: record.line, layout: layout,
                                                                             scale: scale, by: Actor(handle: "maria", role: .admin, isActive: true)) {
                                #expect(!problems.reasons.isEmpty)
                            }
                        } else {
                            layout = try? ImportLayout(header: record.fields)
                            if layout == nil { break }
                        }
                    } catch let failure as CSVReader.Failure {
                        #expect(failure.line >= 1 && failure.line <= lines)
                        if !failure.recoverable { break }
                    } catch {
                        Issue.record("unexpected \(error)")
                        break
                    }
                }
                #expect(guardCount < 1000, "the reader did not reach the end")
            }
        }
    }
}
