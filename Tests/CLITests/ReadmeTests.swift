import Foundation
import TestSupport
import Testing

/// The README's install step and worked example, run as written: the blocks are read from
/// README.md itself, so the README cannot drift from the tool. They run in a copy of `Scripts/`
/// (so `Scripts/db start` makes a PostgreSQL of their own, deleted afterwards), with a home of
/// their own, and as a plain user: as `nobody` when the tests run as root.
@Suite struct ReadmeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// A fenced block of the README with the marker comment on the line before it.
    struct Block {
        let line: Int
        let language: String
        let marker: String?
        let body: [String]
        var runs: Bool { marker == "<!-- readme-test -->" }
    }

    /// One command of a block: the command line and, in a `console` block, the output shown
    /// under it (nil in an `sh` block, whose output is not shown).
    struct Step {
        let line: Int
        let command: String
        let shown: [String]?
    }

    static func blocks(_ readme: String) -> [Block] {
        let lines = readme.components(separatedBy: "\n")
        var blocks: [Block] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix("```"), line.count > 3 else { index += 1; continue }
            let language = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
            let end = lines[(index + 1)...].firstIndex { $0.hasPrefix("```") } ?? lines.count
            let before = index > 0 ? lines[index - 1].trimmingCharacters(in: .whitespaces) : ""
            blocks.append(Block(line: index + 1, language: language,
                                marker: before.hasPrefix("<!-- readme-test") ? before : nil,
                                body: Array(lines[(index + 1)..<end])))
            index = end + 1
        }
        return blocks
    }

    static func steps(_ block: Block) -> [Step] {
        var steps: [Step] = []
        if block.language == "console" {
            var command: (Int, String)?
            var shown: [String] = []
            for (offset, line) in block.body.enumerated() {
                if line.hasPrefix("$ ") {
                    if let command { steps.append(Step(line: command.0, command: command.1, shown: shown)) }
                    command = (block.line + 1 + offset, String(line.dropFirst(2)))
                    shown = []
                } else {
                    shown.append(line)
                }
            }
            if let command { steps.append(Step(line: command.0, command: command.1, shown: shown)) }
        } else {
            var pending = ""
            for (offset, line) in block.body.enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                if line.hasSuffix("\\") { pending += line.dropLast() + " "; continue }
                steps.append(Step(line: block.line + 1 + offset, command: pending + line, shown: nil))
                pending = ""
            }
        }
        return steps
    }

    /// What varies from run to run (times, hashes) made alike, trailing blanks dropped.
    static func normalised(_ line: String) -> String {
        line.replacing(/\d{4}-\d\d-\d\d \d\d:\d\d/, with: "<time>")
            .replacing(/[0-9a-f]{64}/, with: "<hash>")
            .replacing(/\s+$/, with: "")
    }

    /// Whether `actual` is what the README shows: line for line, where `…` within a line
    /// stands for any text and a line of `…` alone for any number of lines.
    static func matches(_ shown: [String], _ actual: [String]) -> Bool {
        func lineMatches(_ pattern: String, _ line: String) -> Bool {
            let parts = normalised(pattern).components(separatedBy: "…")
            guard parts.count > 1 else { return normalised(pattern) == line }
            let regex = "^" + parts.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: ".*") + "$"
            return line.range(of: regex, options: .regularExpression) != nil
        }
        func match(_ s: ArraySlice<String>, _ a: ArraySlice<String>) -> Bool {
            guard let first = s.first else { return a.isEmpty }
            if first.trimmingCharacters(in: .whitespaces) == "…" {
                return (a.startIndex...a.endIndex).contains { match(s.dropFirst(), a[$0...]) }
            }
            guard let line = a.first, lineMatches(first, line) else { return false }
            return match(s.dropFirst(), a.dropFirst())
        }
        return match(shown[...], actual.map(normalised)[...])
    }

    static func readme() throws -> String {
        try String(contentsOfFile: root + "/README.md", encoding: .utf8)
    }

    /// Every shell or console block says whether it is run here; a new one cannot slip in untested.
    @Test func everyCommandBlockIsMarked() throws {
        let blocks = Self.blocks(try Self.readme()).filter { ["sh", "console", "bash"].contains($0.language) }
        for block in blocks {
            let wanted = "<!-- readme-test --> (run by ReadmeTests) or <!-- readme-test: not run, REASON -->"
            #expect(block.marker != nil, "README.md:\(block.line): a ```\(block.language) block needs \(wanted) on the line before")
        }
        let run = blocks.filter(\.runs)
        #expect(run.count >= 4, "the install step, the worked example and least privilege are run")
        #expect(run.first?.body.contains { $0.hasPrefix("Scripts/install") } == true, "the first block run is the install step")
    }

    @Test func theMatcherAllowsOnlyWhatTheREADMEElides() {
        #expect(Self.matches(["a", "…", "d"], ["a", "b", "c", "d"]))
        #expect(Self.matches(["a", "…"], ["a"]))
        #expect(Self.matches(["x: …"], ["x: 12"]))
        #expect(Self.matches(["at 2026-11-27 21:01"], ["at 2026-12-01 09:15"]))
        #expect(!Self.matches(["a", "b"], ["a", "b", "c"]))
        #expect(!Self.matches(["a", "c"], ["a", "b"]))
        #expect(!Self.matches(["on 2026-11-20"], ["on 2026-11-21"]))
    }

    /// The install step and every block marked `<!-- readme-test -->`, in README order, in one
    /// shell: each command's output must be the output the README shows under it, and it must
    /// exit 0 unless the README shows it failing (an `error:` line).
    @Test func theInstallStepAndTheWorkedExampleRunAsWritten() throws {
        let steps = Self.blocks(try Self.readme()).filter(\.runs).flatMap(Self.steps)
        #expect(steps.count >= 20, "\(steps.count) steps")

        let fm = FileManager.default
        let work = try makeWorkFolder()
        defer { try? fm.removeItem(atPath: work) }
        let checkout = work + "/checkout", home = work + "/home", out = work + "/out"
        for dir in [checkout, home, out] { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try shell(["cp", "-R", Self.root + "/Scripts", checkout + "/Scripts"])
        // The binary under test, where a plain user may read it; Scripts/install copies it
        // instead of building one (FACTCHECK_INSTALL_FROM).
        try CLI.copyExecutable(CLI.binary, to: work + "/factcheck-built")
        try CLI.copyExecutable(URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path + "/factcheck-server", to: work + "/factcheck-server")

        var script = """
            set -u
            cd \(quoted(checkout))
            trap 'Scripts/db stop >/dev/null 2>&1 || true' EXIT

            """
        for (n, step) in steps.enumerated() {
            script += "{ \(step.command)\n} >\(quoted("\(out)/\(n)")) 2>&1 </dev/null\necho $? >\(quoted("\(out)/\(n).status"))\n"
        }
        try script.write(toFile: work + "/readme.sh", atomically: true, encoding: .utf8)

        let environment = [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=" + home, "LANG=C.UTF-8",
            "FACTCHECK_INSTALL_FROM=" + work + "/factcheck-built",
        ]
        var command = ["env", "-i"] + environment + ["bash", work + "/readme.sh"]
        if getuid() == 0 {
            // As a plain user: nobody, owning only the work folder.
            #expect(fm.isExecutableFile(atPath: "/usr/sbin/runuser") || fm.isExecutableFile(atPath: "/sbin/runuser"),
                    "running as root needs runuser to run the README as a plain user")
            try shell(["chown", "-R", "nobody", work])
            command = ["runuser", "-u", "nobody", "--"] + command
        }
        let run = try shell(command, allowFailure: true)
        #expect(run.status == 0, "the README's shell itself failed: \(run.output)")

        for (n, step) in steps.enumerated() {
            let output = (try? String(contentsOfFile: "\(out)/\(n)", encoding: .utf8)) ?? "(no output file)"
            let status = Int((try? String(contentsOfFile: "\(out)/\(n).status", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? -1
            let lines = output.components(separatedBy: "\n")
            let actual = lines.last == "" ? Array(lines.dropLast()) : lines
            let failureShown = step.shown?.contains { $0.hasPrefix("error: ") } ?? false
            #expect(failureShown ? status != 0 : status == 0,
                    "README.md:\(step.line): `\(step.command)` exited \(status):\n\(output)")
            if let shown = step.shown {
                #expect(Self.matches(shown, actual),
                        "README.md:\(step.line): `\(step.command)` printed\n\(output)\nwhere the README shows\n\(shown.joined(separator: "\n"))")
            }
        }
        #expect(fm.isExecutableFile(atPath: home + "/.local/bin/factcheck"), "Scripts/install put factcheck in ~/.local/bin")
    }

    func makeWorkFolder() throws -> String {
        let path = NSTemporaryDirectory() + "factcheck-readme-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        return path
    }

    func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func shell(_ arguments: [String], allowFailure: Bool = false) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if !allowFailure, process.terminationStatus != 0 {
            Issue.record("\(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(output)")
        }
        return (process.terminationStatus, output)
    }
}

/// `Scripts/install` itself, on its building path, with a stand-in `swift` that records how it
/// was called and "builds" the binary under test (a release build takes minutes; the README's
/// test installs the built binary with FACTCHECK_INSTALL_FROM).
@Suite struct InstallScriptTests {
    @Test func buildsTheReleaseBinaryInstallsItAndIsSafeToRunTwice() throws {
        let fm = FileManager.default
        let work = NSTemporaryDirectory() + "factcheck-install-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? fm.removeItem(atPath: work) }
        let tools = work + "/tools", built = work + "/built", prefix = work + "/prefix with space"
        for dir in [tools, built] { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try CLI.copyExecutable(CLI.binary, to: built + "/factcheck")
        try CLI.copyExecutable(URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path + "/factcheck-server", to: built + "/factcheck-server")
        try """
            #!/usr/bin/env bash
            echo "$*" >>\(work)/swift-calls
            case " $* " in *" --show-bin-path "*) echo \(built) ;; esac
            """.write(toFile: tools + "/swift", atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tools + "/swift")

        func install(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ReadmeTests.root + "/Scripts/install")
            process.arguments = arguments
            process.environment = ["PATH": tools + ":/usr/local/bin:/usr/bin:/bin", "HOME": work]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }

        let first = try install([prefix])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("installed factcheck in \(prefix)/bin"), "\(first.output)")
        #expect(first.output.contains("\(prefix)/bin is not on your PATH"), "\(first.output)")
        #expect(first.output.contains("factcheck 0."), "prints the installed version: \(first.output)")
        #expect(fm.contentsEqual(atPath: prefix + "/bin/factcheck", andPath: built + "/factcheck"))
        let calls = try String(contentsOfFile: work + "/swift-calls", encoding: .utf8)
        #expect(calls.contains("build -c release --static-swift-stdlib --product factcheck"), "\(calls)")
        #expect(calls.contains("build -c release --static-swift-stdlib --product factcheck-server"), "\(calls)")
        #expect(first.output.contains("installed factcheck-server in \(prefix)/bin"), "\(first.output)")
        #expect(fm.contentsEqual(atPath: prefix + "/bin/factcheck-server", andPath: built + "/factcheck-server"))

        let again = try install([prefix])
        #expect(again.status == 0, "\(again.output)")
        #expect(again.output.contains("already installed in \(prefix)/bin (unchanged)"), "\(again.output)")
        #expect(try fm.contentsOfDirectory(atPath: prefix + "/bin").sorted() == ["factcheck", "factcheck-server"], "no temporary file left")

        let help = try install(["--help"])
        #expect(help.status == 0 && help.output.hasPrefix("usage: Scripts/install"), "\(help.output)")
        let wrong = try install(["--frm", "x"])
        #expect(wrong.status == 2 && wrong.output.hasPrefix("usage: Scripts/install"), "\(wrong.output)")
    }
}
