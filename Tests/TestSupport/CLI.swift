import Foundation

/// Runs the built `factcheck` binary as a user would.
public struct CLI: Sendable {
    public struct Outcome: Sendable, CustomStringConvertible {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        public var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    public let databaseURL: String?
    public let environment: [String: String]

    public init(databaseURL: String?, environment: [String: String] = [:]) {
        self.databaseURL = databaseURL
        self.environment = environment
    }

    /// The binary Scripts/test built, or the debug build next to the sources.
    public static var binary: String {
        if let path = ProcessInfo.processInfo.environment["FACTCHECK_BIN"], !path.isEmpty { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/factcheck").path
    }

    /// Copies an executable with `cp` in a process of its own. Copied in this process, the file
    /// is open for writing while other tests start processes; a child forked then holds that
    /// descriptor until it execs, and running the copy fails with ETXTBSY ("text file busy").
    public static func copyExecutable(_ source: String, to destination: String) throws {
        let cp = Process()
        cp.executableURL = URL(fileURLWithPath: "/bin/cp")
        cp.arguments = ["-p", source, destination]
        try cp.run()
        cp.waitUntilExit()
        guard cp.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination])
        }
    }

    /// Runs `factcheck ARGS` with the test database, and `--as USER` when given.
    @discardableResult
    public func run(_ arguments: [String], as user: String? = nil, stdin: String? = nil,
                    binary: String = CLI.binary, directory: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments + (user.map { ["--as", $0] } ?? [])
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PG") || key == "DATABASE_URL" || key == "FACTCHECK_USER" {
            env.removeValue(forKey: key)
        }
        env["FACTCHECK_DATABASE_URL"] = databaseURL
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `run(arguments.split(" "))` for arguments without spaces.
    @discardableResult
    public func run(_ line: String, as user: String? = nil) throws -> Outcome {
        try run(line.split(separator: " ").map(String.init), as: user)
    }
}
