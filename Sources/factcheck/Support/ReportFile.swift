import Foundation

/// Where a report goes: a file (written beside its final name and renamed when complete, so
/// an interrupted export never leaves a file that looks whole) or stdout. Writes in large
/// chunks, and shows a progress line on a terminal.
final class ReportFile {
    private let fd: Int32
    private let finalPath: String?
    private let partialPath: String?
    private var buffer: [UInt8] = []
    private var rows = 0
    private let progress = ProgressLine()
    private let noun: String
    private var closed = false
    private let excel: Bool
    /// Bytes already handed to the file or stdout.
    private var written = 0

    init(path: String?, excel: Bool, noun: String) throws {
        self.noun = noun
        self.excel = excel
        if let path {
            let partial = path + ".partial"
            let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else {
                throw CLIError.fileUnreadable("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            self.fd = fd
            finalPath = path
            partialPath = partial
        } else {
            fd = STDOUT_FILENO
            finalPath = nil
            partialPath = nil
        }
        buffer.reserveCapacity(1 << 17)
        // Spreadsheets (Excel above all) read UTF-8 only with the byte-order mark.
        if excel { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// One row as COPY sent it.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        rows += 1
        if buffer.count >= 1 << 16 { try flush() }
        if rows % 10_000 == 0 { progress.show("\(noun): \(rows - 1) rows…") }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError.fileUnreadable("cannot write \(finalPath ?? "stdout"): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Takes back everything written so far, for an export that starts again on a new
    /// snapshot; false when that cannot be done (stdout already has some of it).
    func restart() -> Bool {
        if partialPath != nil {
            guard lseek(fd, 0, SEEK_SET) == 0, ftruncate(fd, 0) == 0 else { return false }
        } else if written > 0 {
            return false
        }
        written = 0
        rows = 0
        buffer.removeAll(keepingCapacity: true)
        if excel { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        return true
    }

    /// Flushes, and gives the file its final name.
    func finish() throws {
        try flush()
        progress.finish()
        if let finalPath, let partialPath {
            let synced = fsync(fd) == 0 || errno == EINVAL
            closed = true
            guard close(fd) == 0, synced, rename(partialPath, finalPath) == 0 else {
                throw CLIError.fileUnreadable("cannot write \(finalPath): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Removes what an interrupted export wrote.
    func abandon() {
        if let partialPath {
            if !closed { close(fd) }
            closed = true
            unlink(partialPath)
        }
    }

}
