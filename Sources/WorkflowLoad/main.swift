// WorkflowLoad: drives workflow transitions from concurrent sessions, for Scripts/bench's
// "8 concurrent writers" line (SPEC section 9), the way pgbench drives its own script.
//
// Each writer is a thread with its own connection and its own claims (writers on different
// claims must not queue behind one another). It goes through the store exactly as the CLI
// does: every transition reads the claim, lets the domain decide, writes with the version
// check and appends its hash-chained audit events, in one transaction. The cycle is
// verdict propose → verdict return (by another reviewer) → claim assign (by the editor, to a
// reviewer other than the current one and the one who returned the verdict), which
// repeats for ever; sources are added once, up front.
//
// usage: WorkflowLoad [--writers N] [--seconds S] [--claims-per-writer K]
// The database comes from FACTCHECK_DATABASE_URL and the rest of SPEC section 5's order.
import FactCheckCore
import FactCheckStore
import Foundation

struct Options {
    var writers = 8
    var seconds = 20.0
    var claimsPerWriter = 16

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { Options.usage() }
            switch flag {
            case "--writers": writers = Int(value) ?? 0
            case "--seconds": seconds = Double(value) ?? 0
            case "--claims-per-writer": claimsPerWriter = Int(value) ?? 0
            default: Options.usage()
            }
        }
        if writers < 1 || seconds <= 0 || claimsPerWriter < 1 { Options.usage() }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: WorkflowLoad [--writers N] [--seconds S] [--claims-per-writer K]\n".utf8))
        exit(64)
    }
}

/// What the writers did, added up under a lock.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var committed = 0
    private(set) var retried = 0
    private(set) var failures: [String] = []

    func add(committed: Int, retried: Int, failure: String?) {
        lock.lock(); defer { lock.unlock() }
        self.committed += committed
        self.retried += retried
        if let failure { failures.append(failure) }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let location = DatabaseLocation.resolve(option: nil, environment: ProcessInfo.processInfo.environment)
let reviewers = ["ben", "chen", "dana"]

// Set-up: claims in research, each with a source, split between the writers.
struct Assigned: Sendable { let claim: ClaimNumber; var assignee: String? }
let slices: [[Assigned]]
do {
    let store = try Store(location: location)
    try store.migrator.requireCurrent()
    let ben = try store.actor("ben")
    let wanted = options.writers * options.claimsPerWriter
    let claims = try store.claims(ClaimFilter(state: .researching, limit: wanted), by: ben)
        .map { Assigned(claim: ClaimNumber($0.number), assignee: $0.assignee) }
    guard claims.count == wanted else { fail("needs \(wanted) claims in research, found \(claims.count)") }
    for claim in claims {
        _ = try store.addSource(to: claim.claim, NewSource(url: "https://load.example/\(claim.claim.value)",
                                                           kind: .officialData, stance: .refutes), by: ben)
    }
    slices = (0..<options.writers).map { w in
        Array(claims[(w * options.claimsPerWriter)..<((w + 1) * options.claimsPerWriter)])
    }
} catch {
    fail("set-up: \(error)")
}

let tally = Tally()
let group = DispatchGroup()
// Like pgbench, the clock leaves connecting out: every writer connects and looks up its
// users first, and all start together once the last one is ready.
let connected = DispatchGroup()
let start = DispatchSemaphore(value: 0)
for (w, claims) in slices.enumerated() {
    group.enter()
    connected.enter()
    Thread.detachNewThread {
        defer { group.leave() }
        var committed = 0, retried = 0
        var slice = claims
        var waiting = true
        defer { if waiting { connected.leave() } }
        do {
            let store = try Store(location: location, preparesRepeatedStatements: true)
            let actors = try reviewers.map(store.actor)
            let editor = try store.actor("ed")
            waiting = false
            connected.leave()
            start.wait()
            let deadline = Date().addingTimeInterval(options.seconds)
            var turn = w
            // The deadline is read before each cycle, which always ends with the claim back
            // in research: a run leaves no claim halfway.
            cycles: while true {
                for i in slice.indices {
                    guard Date() < deadline else { break cycles }
                    let number = slice[i].claim
                    let proposer = actors[turn % 3], checker = actors[(turn + 1) % 3]
                    let next = actors.first { $0.handle != slice[i].assignee && $0.handle != checker.handle }!
                    turn += 1
                    do {
                        _ = try store.propose(number, rating: "false", conclusion: "The series says otherwise.", by: proposer)
                        committed += 1
                        _ = try store.decide(number, .returnVerdict, reason: "Cite the table, not the summary.", by: checker)
                        committed += 1
                        slice[i].assignee = try store.assign(number, to: next.handle, note: nil, by: editor).assignee
                        committed += 1
                    } catch StoreError.concurrentChange {
                        // Nobody else writes these claims, so this stays 0; counted to show it.
                        retried += 1
                    }
                }
            }
            tally.add(committed: committed, retried: retried, failure: nil)
        } catch {
            tally.add(committed: committed, retried: retried, failure: "writer \(w): \(error)")
        }
    }
}
connected.wait()
let started = Date()
for _ in slices { start.signal() }
group.wait()
let elapsed = Date().timeIntervalSince(started)
if !tally.failures.isEmpty { fail(tally.failures.joined(separator: "; ")) }
print(String(format: "writers=%d seconds=%.1f transitions=%d retried=%d tps=%.1f",
             options.writers, elapsed, tally.committed, tally.retried, Double(tally.committed) / elapsed))
