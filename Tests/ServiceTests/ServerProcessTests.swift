import FactCheckCore
import FactCheckStore
import Foundation
import Postgres
import TestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The service as a process: signals, crashes, overload and live updates, over real HTTP.
@Suite(.serialized) struct ServerProcessTests {
    func seeded(claims: Int) throws -> ServiceDesk {
        let desk = try ServiceDesk()
        if claims > 0 {
            var csv = "claim,claimant,tags\n"
            for i in 0..<claims { csv += "\"Claim \(i) says exports rose by \(i % 97)% in \(2000 + i % 25)\",Speaker \(i % 13),t\(i % 5)\n" }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("seed-\(UUID().uuidString).csv").path
            try csv.write(toFile: file, atomically: true, encoding: .utf8)
            let outcome = try desk.cli.run(["import", "claims", file], as: "ed")
            try? FileManager.default.removeItem(atPath: file)
            guard outcome.status == 0 else { throw ServerProcess.Failure(message: outcome.description) }
        }
        return desk
    }

    /// SIGTERM while a slow client downloads an export: the export completes, then the process exits 0.
    @Test func sigtermLetsAnExportFinish() async throws {
        let desk = try seeded(claims: 20_000)
        defer { desk.close() }
        let server = try ServerProcess(database: desk.conninfo)
        let expected = try desk.cli.run(["export", "claims"], as: "ed").stdout
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("slow-\(UUID().uuidString).csv").path
        let download = Task.detached {
            try curl(["--limit-rate", "400k", "-H", "Authorization: Bearer \(desk.tokens["ed"]!)", "-o", file,
                      "\(server.base)/api/v1/exports/claims.csv"])
        }
        // Once bytes flow, ask the server to stop.
        for _ in 0..<200 where ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        server.signal(SIGTERM)
        let result = try await download.value
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == expected)
        #expect(server.wait() == 0)
        try? FileManager.default.removeItem(atPath: file)
    }

    /// `kill -9` mid-upload and mid-move: nothing partial; a restart serves at once and the
    /// sessions made before still work.
    @Test func killMinus9LeavesNothingPartialAndSessionsSurvive() async throws {
        let desk = try seeded(claims: 0)
        defer { desk.close() }
        let first = try ServerProcess(database: desk.conninfo)
        let login = try curl(["-i", "-X", "POST", "--data-urlencode", "handle=ben",
                              "--data-urlencode", "password=\(ServiceDesk.password)", "\(first.base)/login"])
        let cookie = try #require(login.out.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie:") }
            .map { String($0.dropFirst("set-cookie: ".count).split(separator: ";")[0]) }, "\(login.out)")
        var csv = "claim,claimant\n"
        for i in 0..<30_000 { csv += "Upload claim \(i) about wheat prices rising \(i)%,Minister \(i % 11)\n" }
        let upload = FileManager.default.temporaryDirectory.appendingPathComponent("up-\(UUID().uuidString).csv").path
        try csv.write(toFile: upload, atomically: true, encoding: .utf8)
        let uploading = Task.detached {
            try? curl(["-X", "POST", "-H", "Authorization: Bearer \(desk.tokens["ed"]!)", "-H", "Content-Type: text/csv",
                       "--data-binary", "@\(upload)", "\(first.base)/api/v1/imports/claims"])
        }
        // Kill it while the import's transaction is open on the server.
        let watcher = try Connection(desk.conninfo)
        try await waitForAnOpenTransaction(watcher, attempts: 500)
        first.signal(SIGKILL)
        _ = await uploading.value
        #expect(first.wait() != 0)
        for _ in 0..<100 {
            let open: Int = try watcher.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'").first!.require("n")
            if open == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        // Killed mid-transaction, nothing; on a quick machine the import may have committed just
        // before the kill, and then all of it. Never a part.
        let claims = try desk.count("SELECT count(*) AS n FROM claims")
        #expect(claims == 0 || claims == 30_000, "all or nothing: \(claims)")

        let server = try ServerProcess(database: desk.conninfo)
        let me = try curl(["-H", "Cookie: \(cookie)", "\(server.base)/session"])
        #expect(me.out.contains("\"handle\":\"ben\"") || me.out.contains("\"handle\" : \"ben\""), "a session survives a restart: \(me.out)")
        // A workflow move killed mid-flight: the claim is at a state its history explains.
        _ = try desk.store.addClaim(NewClaim(text: "Wheat doubled.", claimant: "Hart"), by: try desk.store.actor("ed"))
        let moving = Task.detached {
            for user in ["ben", "chen", "ben", "chen", "ben", "chen"] {
                _ = try? curl(["-X", "POST", "-H", "Authorization: Bearer \(desk.tokens["ed"]!)", "-H", "Content-Type: application/json",
                               "-d", "{\"user\":\"\(user)\"}", "\(server.base)/api/v1/claims/C-1/assign"])
            }
        }
        try await Task.sleep(for: .milliseconds(30))
        server.signal(SIGKILL)
        _ = await moving.value
        let assigned = try desk.count("SELECT count(*) AS n FROM audit_events WHERE action = 'claim.assigned'")
        let version = try desk.count("SELECT version AS n FROM claims WHERE id = 1")
        #expect(version == assigned + 1, "every committed move has its event, and no event lacks its move")
        #expect(try desk.cli.run(["audit", "verify"], as: "ed").status == 0)
        try? FileManager.default.removeItem(atPath: upload)
    }

    /// 200 connections at once on a pool of 8 with a short queue: each gets an answer, a page or
    /// a fast 503 with Retry-After; none hangs.
    @Test func overloadGetsAnswersOrFast503s() async throws {
        let desk = try seeded(claims: 2_000)
        defer { desk.close() }
        let server = try ServerProcess(database: desk.conninfo, arguments: ["--pool-size", "8", "--queue", "16", "--no-access-log"])
        let token = desk.tokens["ed"]!
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<200 {
                group.addTask {
                    try await fetch("\(server.base)/api/v1/claims?search=exports&limit=200&tag=t\(i % 5)",
                                    headers: ["Authorization": "Bearer \(token)"], timeout: 30).status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.count == 200)
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 }, "\(Set(statuses))")
        #expect(statuses.contains(200))
        server.signal(SIGTERM)
        #expect(server.wait() == 0)
    }

    /// A change made through the CLI reaches a live stream within a second; a reconnect with
    /// Last-Event-ID replays what it missed.
    @Test func liveUpdatesArriveAndReplay() async throws {
        let desk = try seeded(claims: 0)
        defer { desk.close() }
        _ = try desk.store.addClaim(NewClaim(text: "Wheat doubled.", claimant: "Hart"), by: try desk.store.actor("ed"))
        let server = try ServerProcess(database: desk.conninfo)
        let token = desk.tokens["ed"]!
        let stream = try EventStream("\(server.base)/api/v1/claims/C-1/events", token: token)
        defer { stream.close() }
        #expect(await stream.waitFor(": live"), "\(stream.received)")
        let moved = Date()
        #expect(try desk.cli.run(["claim", "assign", "C-1", "ben"], as: "ed").status == 0)
        #expect(await stream.waitFor("\"action\":\"claim.assigned\""), "\(stream.received)")
        // Within a second of the commit on an idle machine; four allows for a loaded one.
        #expect(Date().timeIntervalSince(moved) < 4)
        let id = try desk.count("SELECT max(id) AS n FROM audit_events WHERE action = 'claim.assigned'")
        // Missed while away: two more moves, replayed on reconnect.
        #expect(try desk.cli.run(["claim", "start", "C-1"], as: "ben").status == 0)
        let replay = try curl(["-N", "-H", "Authorization: Bearer \(token)", "-H", "Last-Event-ID: \(id)",
                               "\(server.base)/api/v1/claims/C-1/events"], timeout: 2)
        #expect(replay.out.contains("claim.state_changed"), "\(replay.out)")
        #expect(!replay.out.contains("id: \(id)\n"))
        // A stream still open does not hold up a graceful stop.
        let open = Task.detached {
            try curl(["-N", "-H", "Authorization: Bearer \(token)", "\(server.base)/api/v1/events"], timeout: 30)
        }
        try await Task.sleep(for: .milliseconds(500))
        server.signal(SIGTERM)
        #expect(server.wait(timeout: 10) == 0)
        _ = try await open.value
    }
}
