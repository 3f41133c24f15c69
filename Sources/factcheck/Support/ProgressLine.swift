import Foundation

/// One progress line on stderr, redrawn at most four times a second, and only when stderr
/// is a terminal (a script's log gets none of it). Shared by exports and imports.
final class ProgressLine {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var last = Date.distantPast

    /// Redraws the line with `text()`, unless it was redrawn in the last quarter second.
    func show(_ text: @autoclosure () -> String) {
        guard enabled, Date().timeIntervalSince(last) > 0.25 else { return }
        last = Date()
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text())".utf8))
    }

    /// Clears the line.
    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
