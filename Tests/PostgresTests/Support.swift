import Foundation
import Postgres
import TestSupport

/// An error only a test body throws, to tell it apart from anything the wrapper throws.
struct BodyError: Error, Equatable {
    let tag: String
}

/// A new empty database and a connection to it.
func emptyDatabase() throws -> (conninfo: String, connection: Connection) {
    let conninfo = try TestDatabase.empty()
    return (conninfo, try Connection(conninfo))
}

/// The error `body` throws as a `PostgresError`, or nil when it throws nothing or another type.
func postgresError(_ body: () throws -> Void) -> PostgresError? {
    do {
        try body()
        return nil
    } catch let error as PostgresError {
        return error
    } catch {
        return nil
    }
}

/// Every way a value can be printed: what a log line or an error report could show.
func printed(_ error: PostgresError) -> String {
    "\(error) | \(String(reflecting: error)) | \(error.message) | \(error.localizedDescription)"
}

/// The bytes of a string: Swift's `==` treats canonically equivalent strings as equal, and a
/// round trip must not normalise (é precomposed is not e + combining acute).
func bytes(_ s: String?) -> [UInt8]? {
    s.map { Array($0.utf8) }
}

/// Polls `condition` for up to `seconds`; true as soon as it holds.
func eventually(seconds: Double = 5, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if try condition() { return true }
        if Date() >= deadline { return false }
        usleep(20_000)
    }
}

/// FNV-1a, 64 bit: a checksum without CryptoKit.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
    }
}
