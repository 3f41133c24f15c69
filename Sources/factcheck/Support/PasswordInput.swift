import FactCheckCore
import FactCheckStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a password: from a terminal without echo, asked twice; from a pipe, the first line
/// with only its line ending removed (a password is checked exactly as typed).
enum PasswordInput {
    static func read(for handle: String) throws -> String {
        if isatty(STDIN_FILENO) == 1 {
            guard let first = getpass("password for \(handle): ").map({ String(cString: $0) }) else {
                throw CLIError.usage("no password given", hint: nil)
            }
            guard let second = getpass("again: ").map({ String(cString: $0) }), second == first else {
                throw CLIError.usage("the two passwords differ; nothing was changed", hint: nil)
            }
            return first
        }
        var bytes: [UInt8] = []
        while let byte = readByte(), byte != 0x0A {
            bytes.append(byte)
            if bytes.count > 4096 { break }
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CLIError.badInput("the password read from stdin is not UTF-8")
        }
        guard !text.isEmpty else { throw CLIError.usage("no password on stdin", hint: "e.g. printf '%s\\n' \"$PASSWORD\" | factcheck user passwd \(handle)") }
        return text
    }

    private static func readByte() -> UInt8? {
        var byte: UInt8 = 0
        return Glibc.read(STDIN_FILENO, &byte, 1) == 1 ? byte : nil
    }

    /// Checked by the domain (a usage error, 64, when refused), then hashed with bcrypt.
    static func hashed(_ password: String, handle: String) throws -> String {
        let checked = try validated { () throws(DomainError) in try Validate.password(password, handle: handle) }
        return Store.hashPassword(checked)
    }
}
