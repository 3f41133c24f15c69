/// Reads RFC 4180 CSV (or tab-separated values) from bytes, one record at a time, with the
/// line each record starts on. Strict where spreadsheets are sloppy in ways that lose data:
/// a quote inside an unquoted field, text after a closing quote, a quote left open, a NUL
/// byte, or bytes that are not UTF-8 are errors naming the line, never guesses.
public struct CSVReader {
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        /// The reader stands at the next record and may go on (a bad byte); quoting that went
        /// wrong leaves nothing after it to trust.
        public let recoverable: Bool
        public init(line: Int, reason: String, recoverable: Bool = false) {
            self.line = line
            self.reason = reason
            self.recoverable = recoverable
        }
        public var description: String { "line \(line): \(reason)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let delimiter: UInt8
    private var index = 0
    private var line = 1

    /// `bytes` must outlive the reader. A UTF-8 byte-order mark at the start is skipped.
    public init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.delimiter = delimiter
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    /// How far the reader is, for progress lines.
    public var offset: Int { index }

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// The next record, nil at the end, or a `Failure`.
    public mutating func next() throws(Failure) -> Record? {
        let count = bytes.count
        guard index < count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var badByte: Failure?
        while true {
            // One field.
            field.removeAll(keepingCapacity: true)
            if index < count, bytes[index] == Self.quote {
                index += 1
                while true {
                    guard index < count else {
                        throw Failure(line: startLine, reason: "a quoted field is never closed (missing \")")
                    }
                    let b = bytes[index]
                    if b == Self.quote {
                        if index + 1 < count, bytes[index + 1] == Self.quote {
                            field.append(Self.quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if b == Self.lf { line += 1 }
                    if b == 0, badByte == nil { badByte = Failure(line: line, reason: "a NUL byte is not allowed", recoverable: true) }
                    field.append(b)
                    index += 1
                }
                if index < count, bytes[index] != delimiter, bytes[index] != Self.cr, bytes[index] != Self.lf {
                    throw Failure(line: line, reason: "text after a closing quote (a quote inside a quoted field must be doubled)")
                }
            } else {
                while index < count {
                    let b = bytes[index]
                    if b == delimiter || b == Self.cr || b == Self.lf { break }
                    if b == Self.quote {
                        throw Failure(line: line, reason: "a quote inside an unquoted field (quote the field and double the quote)")
                    }
                    if b == 0, badByte == nil { badByte = Failure(line: line, reason: "a NUL byte is not allowed", recoverable: true) }
                    field.append(b)
                    index += 1
                }
            }
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                if badByte == nil {
                    badByte = Failure(line: line, reason: "field \(fields.count + 1) is not valid UTF-8", recoverable: true)
                }
                fields.append("")
            }
            // What ends the field.
            if index >= count { break }
            let b = bytes[index]
            if b == delimiter {
                index += 1
                continue
            }
            if b == Self.cr {
                index += 1
                if index < count, bytes[index] == Self.lf { index += 1 }
            } else {
                index += 1
            }
            line += 1
            break
        }
        if let badByte { throw badByte }
        return Record(line: startLine, fields: fields)
    }
}
