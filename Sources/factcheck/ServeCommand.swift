import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `factcheck serve` starts the service: the `factcheck-server` binary installed beside this
/// one, given the same arguments. The HTTP stack lives in that binary, so the command line's
/// start-up does not pay for it (see the README's figures).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the desk as an HTTP service: the JSON API and the browser desk.",
        discussion: """
            Options (see factcheck serve --help for all of them):
              --listen HOST:PORT      where to listen (default 127.0.0.1:8080)
              --public-url URL        the address people use; https unless it is loopback
              --database-url URL      the database, found as for every command (a PgBouncer in
                                      transaction mode works; then FACTCHECK_DIRECT_URL names the
                                      server itself, for the live-update listener)

            Example:
              factcheck serve --listen 127.0.0.1:8080 --public-url http://127.0.0.1:8080
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "Options of the service.")
    var arguments: [String] = []

    func run() throws {
        let server = Self.serverPath()
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw CLIError.fileUnreadable("the service binary is missing: \(server) (install both factcheck and factcheck-server)")
        }
        let argv = ([server] + arguments).map { strdup($0) } + [nil]
        execv(server, argv)
        throw CLIError.fileUnreadable("cannot start \(server): \(String(cString: strerror(errno)))")
    }

    /// `factcheck-server` in the folder of the running binary (`FACTCHECK_SERVER` overrides).
    static func serverPath() -> String {
        if let override = ProcessInfo.processInfo.environment["FACTCHECK_SERVER"], !override.isEmpty { return override }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("factcheck-server").path
    }
}
