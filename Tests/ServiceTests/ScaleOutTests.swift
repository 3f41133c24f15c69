import FactCheckCore
import FactCheckStore
import Foundation
import Postgres
import TestSupport
import Testing

/// Two `factcheck serve` processes behind one nginx (Debian's, on loopback, its configuration
/// written here), both through the PgBouncer of Scripts/test with the listener on the direct
/// URL: one desk, whichever instance a request lands on.
@Suite(.serialized) struct ScaleOutTests {
    /// The desk's database through the pooler, and the direct URL for the listener.
    func urls(_ desk: ServiceDesk) throws -> (pooled: String, environment: [String: String]) {
        let name = try #require(desk.conninfo.split(separator: " ").last { $0.hasPrefix("dbname=") }?.dropFirst("dbname=".count))
        return (try TestDatabase.poolerConninfo(database: String(name)),
                ["FACTCHECK_DIRECT_URL": try TestDatabase.directConninfo(database: String(name))])
    }

    func cookie(_ response: String) -> String? {
        response.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie:") }
            .map { String($0.dropFirst("set-cookie: ".count).split(separator: ";")[0]) }
    }

    func login(_ base: String, _ handle: String, password: String = ServiceDesk.password) throws -> (status: Int, cookie: String?) {
        let out = try curl(["-i", "-X", "POST", "--data-urlencode", "handle=\(handle)",
                            "--data-urlencode", "password=\(password)", "\(base)/login"]).out
        let status = out.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, cookie(out))
    }

    @Test func aServicePointedAtThePoolerAloneRefusesToStart() throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let (pooled, _) = try urls(desk)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        process.arguments = ["--listen", "127.0.0.1:0", "--database-url", pooled]
        var env = ProcessInfo.processInfo.environment
        env["FACTCHECK_DIRECT_URL"] = nil
        process.environment = env
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 64, "\(text)")
        #expect(text.hasPrefix("error: live updates (the listener's LISTEN) needs a direct connection to PostgreSQL"), "\(text)")
        #expect(text.contains("\nhint: set FACTCHECK_DIRECT_URL"), "\(text)")
    }

    @Test func twoInstancesServeOneDesk() async throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        _ = try desk.store.addClaim(NewClaim(text: "Wheat doubled.", claimant: "Hart"), by: try desk.store.actor("ed"))
        let (pooled, environment) = try urls(desk)
        let a = try ServerProcess(database: pooled, arguments: ["--no-access-log"], environment: environment)
        let b = try ServerProcess(database: pooled, arguments: ["--no-access-log"], environment: environment)
        let balancer = try Nginx(upstreams: [a.port, b.port])
        defer { balancer.stop() }

        // A session made on one instance works on the other, and through the balancer.
        let made = try login(a.base, "ben")
        #expect(made.status == 303 || made.status == 302 || made.status == 200, "\(made)")
        let session = try #require(made.cookie)
        for base in [b.base, balancer.base, balancer.base] {
            let me = try curl(["-H", "Cookie: \(session)", "\(base)/session"])
            #expect(me.out.contains("\"handle\":\"ben\"") || me.out.contains("\"handle\" : \"ben\""), "\(base): \(me.out)")
        }

        // Failed logins count across both: five (the account's allowance), alternating, then
        // the next is throttled wherever it lands, the right password too.
        for index in 0..<5 {
            let failed = try login(index % 2 == 0 ? a.base : b.base, "chen", password: "not the password at all")
            #expect(failed.status == 401 || failed.status == 303 || failed.status == 200, "\(failed)")
        }
        #expect(try login(b.base, "chen").status == 429)
        #expect(try login(a.base, "chen").status == 429)

        // A change made through one instance reaches a stream served by the other.
        let token = desk.tokens["ed"]!
        let stream = try EventStream("\(b.base)/api/v1/claims/C-1/events", token: token)
        defer { stream.close() }
        #expect(await stream.waitFor(": live"), "\(stream.received)")
        let assigned = try curl(["-X", "POST", "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                                 "-d", "{\"user\":\"ben\"}", "-w", "%{http_code}", "\(a.base)/api/v1/claims/C-1/assign"])
        #expect(assigned.out.hasSuffix("200"), "\(assigned.out)")
        #expect(await stream.waitFor("\"action\":\"claim.assigned\""), "\(stream.received)")

        // kill -9 of one instance mid-request: nothing of that request is written, and the
        // balancer keeps answering from the other.
        var csv = "claim,claimant\n"
        for i in 0..<30_000 { csv += "Upload claim \(i) about wheat prices rising \(i)%,Minister \(i % 11)\n" }
        let upload = FileManager.default.temporaryDirectory.appendingPathComponent("up-\(UUID().uuidString).csv").path
        try csv.write(toFile: upload, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: upload) }
        let uploading = Task.detached {
            try? curl(["-X", "POST", "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: text/csv",
                       "--data-binary", "@\(upload)", "\(a.base)/api/v1/imports/claims"])
        }
        let watcher = try Connection(environment["FACTCHECK_DIRECT_URL"]!)
        try await waitForAnOpenTransaction(watcher, attempts: 1_000)
        a.signal(SIGKILL)
        _ = await uploading.value
        #expect(a.wait() != 0)
        for _ in 0..<6 {
            let listed = try curl(["-H", "Authorization: Bearer \(token)", "-w", "\n%{http_code}", "\(balancer.base)/api/v1/claims?limit=5"])
            #expect(listed.out.hasSuffix("\n200"), "\(listed.out)")
        }
        for _ in 0..<200 {
            let open: Int = try watcher.query("""
                SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                  AND backend_type = 'client backend' AND xact_start IS NOT NULL
                """).first!.require("n")
            if open == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        // The one claim from before, and either none of the upload or (committed just before the
        // kill) all of it; never a part.
        let claims = try desk.count("SELECT count(*) AS n FROM claims")
        #expect(claims == 1 || claims == 30_001, "all or nothing: \(claims)")
        #expect(try desk.cli.run(["audit", "verify"], as: "ed").status == 0)
        b.signal(SIGTERM)
        #expect(b.wait() == 0)
    }
}

/// Debian's nginx as a round-robin load balancer on a free loopback port, in a folder of its
/// own; stopped (by its own pid) at the end of the test.
final class Nginx: @unchecked Sendable {
    let process = Process()
    let port: Int
    let directory: URL

    var base: String { "http://127.0.0.1:\(port)" }

    init(upstreams: [Int]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Workers may run as another user (nginx started by root): let them use the folder.
        chmod(directory.path, 0o777)
        var chosen: Int?
        for _ in 0..<20 {
            let candidate = Int.random(in: 20_000...29_999)
            let config = """
                worker_processes 1;
                error_log \(directory.path)/error.log;
                pid \(directory.path)/nginx.pid;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path \(directory.path)/body;
                    proxy_temp_path \(directory.path)/proxy;
                    fastcgi_temp_path \(directory.path)/fastcgi;
                    uwsgi_temp_path \(directory.path)/uwsgi;
                    scgi_temp_path \(directory.path)/scgi;
                    client_max_body_size 100m;
                    upstream desk { \(upstreams.map { "server 127.0.0.1:\($0) max_fails=1 fail_timeout=30s;" }.joined(separator: " ")) }
                    server {
                        listen 127.0.0.1:\(candidate);
                        location / {
                            proxy_pass http://desk;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $http_host;
                            proxy_buffering off;
                            proxy_read_timeout 1h;
                            proxy_next_upstream error timeout http_502;
                        }
                    }
                }
                """
            try config.write(to: directory.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
            let trial = Process()
            trial.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
            trial.arguments = ["-p", directory.path, "-c", directory.appendingPathComponent("nginx.conf").path, "-g", "daemon off;"]
            trial.standardError = FileHandle.nullDevice
            trial.standardOutput = FileHandle.nullDevice
            try trial.run()
            // Up once it answers (any status); a taken port makes it exit.
            var up = false
            for _ in 0..<100 where trial.isRunning {
                if let answer = try? curl(["-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(candidate)/healthz"], timeout: 2),
                   answer.out != "000" {
                    up = true
                    break
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            if up {
                chosen = candidate
                process.executableURL = trial.executableURL
                running = trial
                break
            }
            if trial.isRunning { trial.terminate() }
        }
        guard let chosen else { throw ServerProcess.Failure(message: "nginx did not start (see \(directory.path)/error.log)") }
        port = chosen
    }

    private var running: Process?

    func stop() {
        if let running, running.isRunning {
            kill(running.processIdentifier, SIGQUIT)
            running.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
