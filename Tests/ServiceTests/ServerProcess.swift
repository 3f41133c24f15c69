import Foundation
import TestSupport
import Postgres
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `factcheck-server` binary on a free loopback port, as `factcheck serve` runs it.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let errors = Pipe()
    private let output = Pipe()
    nonisolated(unsafe) private(set) var log = ""

    static var binary: String {
        URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("factcheck-server").path
    }

    init(database: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--listen", "127.0.0.1:0", "--database-url", database] + arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        // The server names its port on stderr once it listens.
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { Thread.sleep(forTimeInterval: 0.02); continue }
            seen += String(decoding: data, as: UTF8.self)
            if let range = seen.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                found = Int(seen[range].split(separator: ":").last!)
            }
        }
        guard let found else {
            process.terminate()
            throw Failure(message: "factcheck-server did not start: \(seen)")
        }
        port = found
        log = seen
        let pipe = errors
        DispatchQueue.global().async { [self] in
            while true {
                let data = pipe.fileHandleForReading.availableData
                if data.isEmpty { break }
                self.log += String(decoding: data, as: UTF8.self)
            }
        }
        let out = output
        DispatchQueue.global().async {
            while !out.fileHandleForReading.availableData.isEmpty {}
        }
    }

    struct Failure: Error, CustomStringConvertible { let message: String; var description: String { message } }

    var base: String { "http://127.0.0.1:\(port)" }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end; its exit status.
    func wait(timeout: TimeInterval = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// curl, for what URLSession on Linux does poorly (streams, rates); returns status and body.
@discardableResult
func curl(_ arguments: [String], timeout: TimeInterval = 60) throws -> (status: Int32, out: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-sS", "--max-time", String(Int(timeout))] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// One HTTP request with URLSession: status and body.
func fetch(_ url: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil,
           timeout: TimeInterval = 20) async throws -> (status: Int, body: Data) {
    var request = URLRequest(url: URL(string: url)!, timeoutInterval: timeout)
    request.httpMethod = method
    for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
    request.httpBody = body
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as! HTTPURLResponse).statusCode, data)
}

/// Waits (up to `attempts` × 10 ms) until another client of `watcher`'s database has a
/// transaction open, so a test can kill a server while its write is in flight.
func waitForAnOpenTransaction(_ watcher: Connection, attempts: Int) async throws {
    for _ in 0..<attempts {
        let busy: Int = try watcher.query("""
            SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle'
              AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND xact_start IS NOT NULL
            """).first!.require("n")
        if busy > 0 { return }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// A Server-Sent Events stream read by curl as it arrives, so a test acts only once the
/// stream says it is live and waits for what it expects instead of for a fixed time.
final class EventStream: @unchecked Sendable {
    private let process = Process()
    private let file: URL

    init(_ url: String, token: String, headers: [String] = []) throws {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("sse-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sS", "-N", "--max-time", "120", "-H", "Authorization: Bearer \(token)"]
            + headers.flatMap { ["-H", $0] } + [url]
        process.standardOutput = try FileHandle(forWritingTo: file)
        process.standardError = Pipe()
        try process.run()
    }

    var received: String { (try? String(contentsOf: file, encoding: .utf8)) ?? "" }

    /// Waits up to `timeout` for `text` to arrive; whether it did.
    func waitFor(_ text: String, timeout: TimeInterval = 20) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if received.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return received.contains(text)
    }

    func close() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: file)
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
