import FactCheckCore
import Foundation

/// How a spreadsheet is to be read: what both doors (`import claims FILE`, the API's upload)
/// ask of an import.
public struct ImportRequest: Sendable {
    /// The name the file's events record (`claim.logged` names the file and line).
    public var fileName: String
    public var delimiter: UInt8
    /// File column → field (`--map`).
    public var renames: [String: String]
    /// The file's rating label → a label of the active scale (`--map-rating`).
    public var ratingMap: [(from: String, to: String)]
    public var dryRun: Bool

    public init(fileName: String, delimiter: UInt8 = UInt8(ascii: ","), renames: [String: String] = [:],
                ratingMap: [(from: String, to: String)] = [], dryRun: Bool = false) {
        self.fileName = fileName; self.delimiter = delimiter; self.renames = renames
        self.ratingMap = ratingMap; self.dryRun = dryRun
    }

    /// `COLUMN=FIELD` and `LABEL=SCALE_LABEL` pairs as typed; nil for a malformed one.
    public static func pair(_ text: String) -> (String, String)? {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex, text.index(after: eq) != text.endIndex else { return nil }
        return (String(text[..<eq]), String(text[text.index(after: eq)...]))
    }
}

extension Store {
    /// Reads a CSV or TSV file and imports it, all or nothing: every bad row is collected with its
    /// line number (`StoreError.badRows`), a file that cannot be read as a table is
    /// `StoreError.badFile`, and then nothing is written. `progress` hears the percentage read.
    public func importFile(_ bytes: UnsafeBufferPointer<UInt8>, _ request: ImportRequest, by actor: Actor,
                           progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try Permissions.check(actor, .importClaims)
        let activeScale = try scale(by: actor)
        let scale = try Store.decided { () throws(DomainError) in
            try activeScale.mapping(request.ratingMap, field: "--map-rating")
        }
        let users = Set(try self.users(by: actor).map(\.handle))
        var reader = CSVReader(bytes: bytes, delimiter: request.delimiter)
        let header: CSVReader.Record
        do {
            guard let first = try reader.next() else { throw StoreError.badFile("\(request.fileName) is empty: it needs a header row") }
            header = first
        } catch let failure as CSVReader.Failure {
            throw StoreError.badFile("\(request.fileName) \(failure)")
        }
        let layout = try Store.decided(orBadFile: true) { () throws(DomainError) in
            try ImportLayout(header: header.fields, map: request.renames)
        }
        return try importClaims(file: request.fileName, by: actor, dryRun: request.dryRun) { sink in
            var problems: [RowProblems] = []
            while true {
                let record: CSVReader.Record
                do {
                    guard let next = try reader.next() else { break }
                    record = next
                } catch let failure as CSVReader.Failure {
                    problems.append(RowProblems(line: failure.line, reasons: [failure.reason]))
                    // A bad byte spoils one row; past broken quoting nothing can be trusted.
                    if failure.recoverable { continue }
                    break
                }
                if record.fields.allSatisfy({ $0.isEmpty }) { continue }
                switch ImportRow.parse(record.fields, line: record.line, layout: layout, scale: scale,
                                       by: actor, users: users) {
                case .success(let row): if problems.isEmpty { try sink.add(row) }
                case .failure(let p): problems.append(p)
                }
                progress?(bytes.count > 0 ? reader.offset * 100 / bytes.count : 100)
            }
            // An archive from someone who may not import one is a matter of rights, not of data.
            if problems.contains(where: \.needsAdmin) {
                throw DomainError.notPermitted(handle: actor.handle, role: actor.role, action: .importArchive)
            }
            if !problems.isEmpty { throw StoreError.badRows(problems) }
        }
    }
}

extension Store {
    /// The domain's refusal as the store's: `.refused`, or for what a file holds `.badFile`.
    static func decided<T>(orBadFile: Bool = false, _ body: () throws(DomainError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw orBadFile ? StoreError.badFile(error.description) : StoreError.refused(error, claim: nil)
        }
    }
}
