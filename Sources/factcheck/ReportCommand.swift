import DeskViews
import ArgumentParser
import FactCheckCore
import FactCheckStore
import Foundation

/// `factcheck report`: the desk's figures at a glance, for the desk or the editor-in-chief.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The desk report: claims by state and rating, work by reviewer, time to publish, late and waiting claims.",
        discussion: """
            Every figure covers the claims logged in the window (--since and --until are inclusive \
            days, UTC; all claims without them) and is read from one snapshot. Time to publish runs \
            from logging to the first publication, over the claims published through the desk; claims \
            imported already published count as published (with the archive's date, or "date \
            unknown" where it gave none) and are not timed. Overdue claims are past their due date and neither \
            published nor rejected. Waiting time counts from when a claim entered its current state.

            --format csv writes one long table of section,key,value rows. --html FILE writes the same \
            figures as one self-contained web page with charts, to open in a browser or print; with \
            --html and no --format, nothing else is printed.

            Examples:
              factcheck report --as maria
              factcheck report --since 2026-11-01 --until 2026-11-30 --as maria
              factcheck report --html desk.html --as maria
              factcheck report --format json --as maria
              factcheck report --read-url "host=replica.internal dbname=factcheck" --as maria

            The figures name their snapshot by its newest audit event ("audit event N"). \
            --read-url (or FACTCHECK_READ_URL) reads them from a replica.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Claims logged on or after this day.", valueName: "YYYY-MM-DD")) var since: String?
    @Option(help: ArgumentHelp("Claims logged on or before this day.", valueName: "YYYY-MM-DD")) var until: String?
    @Option(help: "Output format: table, json or csv (table by default).") var format: OutputFormat?
    @Option(help: ArgumentHelp("Write the report as a web page to this file.", valueName: "file")) var html: String?
    @OptionGroup var read: ReadOptions

    func window() throws -> (since: CalendarDate?, until: CalendarDate?) {
        let since = try self.since.map { s in try validated { () throws(DomainError) in try Validate.date(s, field: "--since") } }
        let until = try self.until.map { s in try validated { () throws(DomainError) in try Validate.date(s, field: "--until") } }
        if let since, let until, until < since {
            throw CLIError.usage("--until \(until) is before --since \(since)", hint: "the window runs from --since to --until, both included")
        }
        return (since, until)
    }

    func run() throws {
        let (since, until) = try window()
        let session = try Session.open(global, readURL: read.readURL)
        let actor = try session.actor()
        let report = try session.store.deskReport(since: since, until: until, by: actor)
        if let html {
            let file = try ReportFile(path: html, excel: false, noun: "report")
            do {
                try file.write(HTMLReport.page(report))
                try file.finish()
            } catch {
                file.abandon()
                throw error
            }
            FileHandle.standardError.write(Data("wrote the desk report to \(html)\n".utf8))
            if format == nil { return }
        }
        switch format ?? .table {
        case .json: try Output(format: .json).json(report)
        case .csv: Output(format: .csv).write(Self.csv(report))
        case .table: Output(format: .table).write(Self.table(report))
        }
    }

    // MARK: Table

    static func table(_ r: DeskReport) -> String {
        var out = "Desk report, \(r.windowDescription) (\(r.totalClaims)), as of \(r.asOf.short) UTC, audit event \(r.auditSequence)\n"

        out += "\nClaims by state\n"
        out += Table(headers: ["state", "claims"],
                     rows: r.claimsByState.map { [$0.state.rawValue, String($0.claims)] } + [["total", String(r.totalClaims)]])
            .rendered()

        out += "\nCurrent verdicts by rating (\(r.scale) scale)\n"
        out += Table(headers: ["rating", "claims"], rows: r.verdictsByRating.map {
            [$0.retired ? "\($0.rating) (retired)" : $0.rating, String($0.claims)]
        }).rendered()

        out += "\nWork by reviewer\n"
        out += Table(headers: ["user", "started", "proposed", "approved", "returned", "sources", "open assigned"],
                     rows: r.workByReviewer.map { w in
                         [w.handle, String(w.claimsStarted), String(w.verdictsProposed), String(w.verdictsApproved),
                          String(w.verdictsReturned), String(w.sourcesAdded), String(w.openClaimsAssigned)]
                     }).rendered()

        let t = r.timeToPublish
        out += "\nTime from logged to first published (\(t.publishedClaims) published)\n"
        if let untimed = t.untimedDescription { out += untimed + "\n" }
        if let medianHours = t.medianHours, let medianDays = t.medianDays, let p90Hours = t.p90Hours, let p90Days = t.p90Days {
            out += Table(headers: ["", "hours", "days"], rows: [
                ["median", decimal(medianHours), decimal(medianDays)],
                ["90th percentile", decimal(p90Hours), decimal(p90Days)],
            ]).rendered()
        } else {
            out += t.publishedClaims == 0 ? "(nothing published yet)\n" : "(nothing published through the desk yet)\n"
        }

        out += "\nOverdue (\(r.overdue.count), due before \(r.today))\n"
        out += Table(headers: ["claim", "state", "assignee", "due", "days overdue", "text"], rows: r.overdue.map { o in
            [o.claimId, o.state.rawValue, o.assignee ?? "-", o.dueDate.description, String(o.daysOverdue), excerpt(o.text)]
        }).rendered()

        out += "\nWaiting longest\n"
        out += Table(headers: ["state", "claims", "oldest", "waiting", "since", "assignee", "text"], rows: r.oldestWaiting.map { w in
            guard let id = w.claimId else { return [w.state.rawValue, "0", "-", "", "", "", ""] }
            return [w.state.rawValue, String(w.claims), id, waiting(hours: w.waitingHours, days: w.waitingDays),
                    w.since?.short ?? "", w.assignee ?? "-", excerpt(w.text ?? "")]
        }).rendered()
        return out
    }

    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }

    /// "5.0 h" under two days, "3.2 d" from then on.
    static func waiting(hours: Double?, days: Double?) -> String {
        guard let hours, let days else { return "" }
        return hours < 48 ? "\(decimal(hours)) h" : "\(decimal(days)) d"
    }

    static func excerpt(_ text: String, width: Int = 60) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > width ? String(line.prefix(width - 1)) + "…" : line
    }

    // MARK: CSV

    /// One long table: `section,key,value`. A figure with several values per item (a reviewer,
    /// an overdue claim) names the value in the section: `overdue.days_overdue,C-4,3`.
    static func csv(_ r: DeskReport) -> String {
        var out = CSV.record([.plain("section"), .plain("key"), .plain("value")])
        func add(_ section: String, _ key: String, _ value: String?, text: Bool = false) {
            out += CSV.record([.plain(section), .plain(key), text ? .text(value) : .plain(value)])
        }
        add("report", "since", r.since?.description)
        add("report", "until", r.until?.description)
        add("report", "as_of", r.asOf.iso)
        add("report", "audit_sequence", String(r.auditSequence))
        add("report", "today", r.today.description)
        add("report", "scale", r.scale)
        add("report", "total_claims", String(r.totalClaims))
        for s in r.claimsByState { add("claims_by_state", s.state.rawValue, String(s.claims)) }
        for v in r.verdictsByRating { add(v.retired ? "verdicts_by_rating.retired" : "verdicts_by_rating", v.rating, String(v.claims)) }
        for w in r.workByReviewer {
            add("work_by_reviewer.claims_started", w.handle, String(w.claimsStarted))
            add("work_by_reviewer.verdicts_proposed", w.handle, String(w.verdictsProposed))
            add("work_by_reviewer.verdicts_approved", w.handle, String(w.verdictsApproved))
            add("work_by_reviewer.verdicts_returned", w.handle, String(w.verdictsReturned))
            add("work_by_reviewer.sources_added", w.handle, String(w.sourcesAdded))
            add("work_by_reviewer.open_claims_assigned", w.handle, String(w.openClaimsAssigned))
        }
        let t = r.timeToPublish
        add("time_to_publish", "published_claims", String(t.publishedClaims))
        add("time_to_publish", "timed_claims", String(t.timedClaims))
        add("time_to_publish", "imported_dated_claims", String(t.importedDatedClaims))
        add("time_to_publish", "date_unknown_claims", String(t.dateUnknownClaims))
        add("time_to_publish", "median_hours", t.medianHours.map(decimal))
        add("time_to_publish", "median_days", t.medianDays.map(decimal))
        add("time_to_publish", "p90_hours", t.p90Hours.map(decimal))
        add("time_to_publish", "p90_days", t.p90Days.map(decimal))
        for o in r.overdue {
            add("overdue.state", o.claimId, o.state.rawValue)
            add("overdue.priority", o.claimId, o.priority.rawValue)
            add("overdue.assignee", o.claimId, o.assignee)
            add("overdue.due_date", o.claimId, o.dueDate.description)
            add("overdue.days_overdue", o.claimId, String(o.daysOverdue))
            add("overdue.claim", o.claimId, o.text, text: true)
        }
        for w in r.oldestWaiting {
            let state = w.state.rawValue
            add("oldest_waiting.claims", state, String(w.claims))
            guard let id = w.claimId else { continue }
            add("oldest_waiting.claim_id", state, id)
            add("oldest_waiting.assignee", state, w.assignee)
            add("oldest_waiting.since", state, w.since?.iso)
            add("oldest_waiting.waiting_hours", state, w.waitingHours.map(decimal))
            add("oldest_waiting.waiting_days", state, w.waitingDays.map(decimal))
            add("oldest_waiting.claim", state, w.text, text: true)
        }
        return out
    }
}
