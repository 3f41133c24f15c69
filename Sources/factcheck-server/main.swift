import ArgumentParser
import FactCheckService
import FactCheckStore
import Foundation
import Hummingbird
import Logging

/// The service's process. `factcheck serve` runs it with the same arguments; it is its own
/// binary so that the command line does not start the HTTP stack's runtime on every command.
@main
struct Server: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factcheck serve",
        abstract: "Run the desk as an HTTP service: the JSON API and the browser desk.",
        discussion: """
            Listens on 127.0.0.1:8080 unless told otherwise. Connect it as a member of \
            factcheck_app (see the README's least-privilege section). Stops gracefully on SIGTERM \
            or SIGINT: requests in flight finish, then the database pool closes.

            The desk in a browser is at / (sign in with the password of factcheck user passwd); \
            the JSON API is under /api/v1, described at /api/v1/openapi.json.

            Behind PgBouncer in transaction mode, give the pooler as --database-url and the \
            server itself as FACTCHECK_DIRECT_URL, for the live-update listener's LISTEN; \
            several instances may run behind one load balancer (sessions and throttles live \
            in PostgreSQL).

            Example:
              factcheck serve --listen 127.0.0.1:8080 --public-url https://desk.example.org
            """
    )

    @Option(help: ArgumentHelp("Where to listen.", valueName: "host:port")) var listen = "127.0.0.1:8080"
    @Option(name: .customLong("public-url"), help: ArgumentHelp("The address people use (https for anything but loopback).", valueName: "url"))
    var publicURL: String?
    @Option(name: .customLong("database-url"), help: ArgumentHelp("The database (as for every command).", valueName: "url"))
    var databaseURL: String?
    @Option(name: .customLong("pool-size"), help: "Database connections, one per store thread.") var poolSize = 8
    @Option(name: .customLong("queue"), help: "Requests that may wait for a connection before the rest get 503.") var queue = 64
    @Option(name: .customLong("statement-timeout"), help: ArgumentHelp("Per-transaction statement_timeout.", valueName: "ms"))
    var statementTimeout = 15_000
    @Option(name: .customLong("session-idle"), help: ArgumentHelp("A browser session ends after this long unused.", valueName: "minutes"))
    var sessionIdle = 30
    @Option(name: .customLong("session-max"), help: ArgumentHelp("A browser session ends this long after login.", valueName: "hours"))
    var sessionMax = 12
    @Flag(name: .customLong("no-access-log"), help: "Do not write the access log.") var noAccessLog = false
    @Flag(help: "Print the OpenAPI document and exit.") var openapi = false

    func validate() throws {
        guard hostPort != nil else { throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080") }
        if let publicURL {
            guard let url = URL(string: publicURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ValidationError("--public-url must be an http or https address, e.g. https://desk.example.org")
            }
            if scheme == "http", !["127.0.0.1", "localhost", "::1", "[::1]"].contains(url.host!) {
                throw ValidationError("--public-url must be https unless it is a loopback address: session cookies are Secure")
            }
        }
        guard (1...256).contains(poolSize), (0...10_000).contains(queue) else {
            throw ValidationError("--pool-size is 1 to 256 and --queue 0 to 10000")
        }
    }

    var hostPort: (String, Int)? {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (0...65535).contains(port) else { return nil }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host.isEmpty ? nil : (host, port)
    }

    func run() async throws {
        if openapi {
            print(DeskService.openAPIDocument)
            return
        }
        let (host, port) = hostPort!
        let location = DatabaseLocation.resolve(option: databaseURL, environment: ProcessInfo.processInfo.environment)
        let configuration = ServiceConfiguration(
            host: host, port: port, publicURL: publicURL.flatMap(URL.init(string:)), database: location,
            pool: .init(size: poolSize, maxWaiting: queue, statementTimeout: statementTimeout),
            sessions: .init(idle: TimeInterval(sessionIdle * 60), absolute: TimeInterval(sessionMax * 3600)))
        var logger = Logger(label: "factcheck")
        logger.logLevel = .info
        let service = DeskService(configuration: configuration)
        if let problem = service.listenerProblem() {
            FileHandle.standardError.write(Data("error: \(problem.description)\nhint: \(problem.hint ?? "")\n".utf8))
            throw ExitCode(64)
        }
        if let warning = await service.privilegeWarning() {
            FileHandle.standardError.write(Data("factcheck serve: warning: \(warning)\n".utf8))
        }
        let publicAddress = configuration.publicURL.absoluteString
        let app = service.application(logger: logger, accessLog: !noAccessLog) { channel in
            let bound = channel.localAddress?.port ?? port
            FileHandle.standardError.write(Data("factcheck serve: listening on \(host):\(bound), public address \(publicAddress)\n".utf8))
        }
        try await app.runService()
        FileHandle.standardError.write(Data("factcheck serve: stopped\n".utf8))
    }
}
