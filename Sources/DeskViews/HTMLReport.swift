import FactCheckCore
import FactCheckStore
import Foundation
import Mustache

/// The desk report as one self-contained web page: inline CSS and SVG charts, no scripts, no
/// fonts, images or styles fetched from anywhere, so it opens the same offline, in a mail
/// attachment or on paper. Every text from the database is escaped.
public enum HTMLReport {
    public static func page(_ r: DeskReport) -> String {
        let title = "Desk report · \(r.windowDescription) · \(r.asOf.short) UTC"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <main>
            \(header(r))\(sections(r, madeBy: "<code>factcheck report</code>"))</main>
            </body>
            </html>

            """
    }

    /// The report's figures and charts without the page around them, for the browser desk's
    /// report page (whose stylesheet carries `style` scoped to `.report`, so no inline style is
    /// needed and the page's Content-Security-Policy holds). Every text is escaped.
    public static func fragment(_ r: DeskReport) -> SafeHTML {
        SafeHTML(sections(r, madeBy: "the desk's report page"))
    }

    static func sections(_ r: DeskReport, madeBy: String) -> String {
        var body = kpis(r)
        body += "<div class=\"grid2\">\n"
        body += card("Claims by state", id: "states", content: stateChart(r))
        body += card("Time from logged to published", id: "time-to-publish", content: timeToPublish(r))
        body += "</div>\n"
        body += card("Current verdicts by rating", id: "ratings", note: "\(r.scale) scale, truest first",
                     content: ratingChart(r))
        body += card("Work by reviewer", id: "work", note: "on the claims in this report", content: workChart(r))
        body += overdue(r)
        body += card("Waiting longest", id: "waiting", note: "the claim that has been longest in each open state",
                     content: waiting(r))
        body += """
            <footer>Figures cover \(escape(r.windowDescription)), read from one database snapshot at \
            \(escape(r.asOf.short)) UTC. Time to publish runs from logging to the first publication, \
            over claims published through the desk; claims imported already published are counted, not timed. Overdue means due before \(escape(r.today.description)) \
            and neither published nor rejected. Made by \(madeBy).</footer>

            """
        return body
    }

    // MARK: Sections

    static func header(_ r: DeskReport) -> String {
        """
        <header>
        <h1>Desk report</h1>
        <p class="sub">\(escape(r.windowDescription.capitalizedFirst)) · as of \(escape(r.asOf.short)) UTC</p>
        </header>

        """
    }

    static func kpis(_ r: DeskReport) -> String {
        let count = { (state: ReviewState) in r.claimsByState.first { $0.state == state }?.claims ?? 0 }
        let open = [ReviewState.logged, .researching, .inReview, .approved].map(count).reduce(0, +)
        func tile(_ label: String, _ value: Int, alert: Bool = false) -> String {
            "<div class=\"kpi\(alert ? " alert" : "")\"><div class=\"n\">\(value)</div><div class=\"l\">\(label)</div></div>\n"
        }
        return "<div class=\"kpis\">\n" + tile("claims", r.totalClaims) + tile("open", open)
            + tile("published", count(.published)) + tile("rejected", count(.rejected))
            + tile("overdue", r.overdue.count, alert: !r.overdue.isEmpty) + "</div>\n"
    }

    static func card(_ title: String, id: String, note: String? = nil, alert: Bool = false, content: String) -> String {
        var out = "<section class=\"card\(alert ? " alert" : "")\" id=\"\(id)\">\n<h2>\(escape(title))"
        if let note { out += " <span class=\"note\">\(escape(note))</span>" }
        return out + "</h2>\n" + content + "</section>\n"
    }

    static func timeToPublish(_ r: DeskReport) -> String {
        let t = r.timeToPublish
        // Claims imported already published count, and are not timed: say how many, so that
        // an archive's thousands are not taken for "nothing published".
        let untimed = t.untimedDescription.map { "<p class=\"sub\">\(t.publishedClaims) published, \(escape($0)).</p>\n" } ?? ""
        guard let medianHours = t.medianHours, let medianDays = t.medianDays,
              let p90Hours = t.p90Hours, let p90Days = t.p90Days else {
            return t.publishedClaims == 0
                ? "<p class=\"empty\">Nothing published yet.</p>\n"
                : "<p class=\"empty\">Nothing published through the desk yet.</p>\n" + untimed
        }
        // One unit for both, so that they compare at a glance: hours while nine in ten take
        // under two days, days from then on.
        let inHours = p90Hours < 48
        func big(_ label: String, hours: Double, days: Double) -> String {
            let (value, unit, other) = inHours
                ? (decimal(hours), "hours", "\(decimal(days)) days")
                : (decimal(days), "days", "\(decimal(hours)) hours")
            return """
                <div class="big"><div class="l">\(label)</div><div class="n">\(value)<span class="unit"> \(unit)</span></div>\
                <div class="other">\(other)</div></div>

                """
        }
        return "<div class=\"bigs\">\n" + big("Median", hours: medianHours, days: medianDays)
            + big("90th percentile", hours: p90Hours, days: p90Days) + "</div>\n"
            + timeBar(median: inHours ? medianHours : medianDays, p90: inHours ? p90Hours : p90Days,
                      unit: inHours ? "h" : "d")
            + "<p class=\"sub\">Over \(t.timedClaims) published \(t.timedClaims == 1 ? "claim" : "claims"), "
            + "from logging to first publication.</p>\n" + untimed
    }

    /// Half of the claims are published within the dark bar, nine in ten within the light one.
    static func timeBar(median: Double, p90: Double, unit: String) -> String {
        let width = 460.0, left = 4.0, area = 400.0, top = 8.0, bar = 18.0
        let scale = area / max(p90, median, 0.1)
        var svg = svgOpen(width: width, height: 56, label: "Median and 90th percentile time to publish", half: true)
        svg += "<rect x=\"\(fmt(left))\" y=\"\(top)\" width=\"\(fmt(max(2, p90 * scale)))\" height=\"\(bar)\" rx=\"3\" fill=\"#b9d9c4\"/>\n"
        svg += "<rect x=\"\(fmt(left))\" y=\"\(top)\" width=\"\(fmt(max(2, median * scale)))\" height=\"\(bar)\" rx=\"3\" fill=\"#1f8a48\"/>\n"
        let ly = top + bar + 20
        svg += "<rect x=\"\(fmt(left))\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" rx=\"2\" fill=\"#1f8a48\"/>\n"
        svg += text(x: left + 17, y: ly, size: 12, fill: "#4b5563", "half of the claims, within \(decimal(median)) \(unit)")
        svg += "<rect x=\"\(fmt(left + 230))\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" rx=\"2\" fill=\"#b9d9c4\"/>\n"
        svg += text(x: left + 247, y: ly, size: 12, fill: "#4b5563", "nine in ten, within \(decimal(p90)) \(unit)")
        return svg + "</svg>\n"
    }

    static func overdue(_ r: DeskReport) -> String {
        guard !r.overdue.isEmpty else {
            return card("Overdue", id: "overdue", content: "<p class=\"good\">Nothing overdue.</p>\n")
        }
        var rows = ""
        for o in r.overdue {
            rows += """
                <tr><td class="id">\(escape(o.claimId))</td><td class="claim-text">\(escape(o.text))</td>\
                <td>\(stateTag(o.state))</td><td>\(escape(o.assignee ?? "nobody"))</td>\
                <td class="num">\(escape(o.dueDate.description))</td>\
                <td class="num"><span class="badge">\(o.daysOverdue) \(o.daysOverdue == 1 ? "day" : "days")</span></td></tr>

                """
        }
        let content = """
            <table class="overdue">
            <thead><tr><th>Claim</th><th>Text</th><th>State</th><th>Assignee</th><th class="num">Due</th>\
            <th class="num">Overdue</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
        return card("Overdue: \(r.overdue.count)", id: "overdue", note: "due before \(r.today), not published or rejected",
                    alert: true, content: content)
    }

    static func waiting(_ r: DeskReport) -> String {
        var rows = ""
        for w in r.oldestWaiting {
            guard let id = w.claimId else {
                rows += "<tr><td>\(stateTag(w.state))</td><td class=\"num\">0</td><td colspan=\"5\" class=\"empty\">none waiting</td></tr>\n"
                continue
            }
            let long = (w.waitingDays ?? 0) >= 7
            rows += """
                <tr><td>\(stateTag(w.state))</td><td class="num">\(w.claims)</td><td class="id">\(escape(id))</td>\
                <td class="claim-text">\(escape(w.text ?? ""))</td><td>\(escape(w.assignee ?? "nobody"))</td>\
                <td class="num">\(escape(w.since?.short ?? ""))</td>\
                <td class="num\(long ? " long" : "")">\(escape(waitingText(hours: w.waitingHours, days: w.waitingDays)))</td></tr>

                """
        }
        return """
            <table>
            <thead><tr><th>State</th><th class="num">Claims</th><th>Oldest</th><th>Text</th><th>Assignee</th>\
            <th class="num">In state since</th><th class="num">Waiting</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
    }

    // MARK: Charts

    static let stateColours: [ReviewState: String] = [
        .logged: "#8491a7", .researching: "#3b7be0", .inReview: "#8a5cd6",
        .approved: "#0f9488", .published: "#1f8a48", .rejected: "#a3a3a3",
    ]

    /// Horizontal bars, one per state, in workflow order.
    static func stateChart(_ r: DeskReport) -> String {
        let width = 480.0, labelWidth = 96.0, row = 34.0, bar = 22.0
        let maximum = Double(max(1, r.claimsByState.map(\.claims).max() ?? 0))
        let area = width - labelWidth - 90
        let height = row * Double(r.claimsByState.count) + 4
        var svg = svgOpen(width: width, height: height, label: "Claims by state", half: true)
        for (i, s) in r.claimsByState.enumerated() {
            let y = Double(i) * row + 4
            let w = max(2, area * Double(s.claims) / maximum)
            svg += text(x: labelWidth - 10, y: y + bar / 2 + 5, anchor: "end", s.state.displayName)
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(fmt(w))\" height=\"\(bar)\" rx=\"3\" fill=\"\(stateColours[s.state]!)\">"
                + "<title>\(escape("\(s.state.rawValue): \(s.claims)"))</title></rect>\n"
            svg += "<text x=\"\(fmt(labelWidth + w + 6))\" y=\"\(fmt(y + bar / 2 + 5))\" font-size=\"14\" fill=\"#1d2330\">"
                + "<tspan font-weight=\"600\">\(s.claims)</tspan>"
                + (r.totalClaims > 0 ? "<tspan fill=\"#6b7280\" font-size=\"12\"> · \(percent(s.claims, of: r.totalClaims))</tspan>" : "")
                + "</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Columns in the active scale's order, coloured from true (green) to false (red); labels off
    /// the numeric scale grey, retired labels after a divider.
    static func ratingChart(_ r: DeskReport) -> String {
        let ratings = r.verdictsByRating
        guard !ratings.isEmpty else { return "<p class=\"empty\">No rating scale yet.</p>\n" }
        let width = 860.0, top = 24.0, plot = 140.0, labels = 44.0
        let column = min(120, (width - 20) / Double(ratings.count))
        let left = (width - column * Double(ratings.count)) / 2
        let bar = column * 0.62
        let maximum = Double(max(1, ratings.map(\.claims).max() ?? 0))
        let rated = ratings.filter { !$0.retired && $0.value > 0 }.map(\.value)
        let best = Double(rated.max() ?? 1), worst = Double(rated.min() ?? 1)
        let height = top + plot + labels + 8
        var svg = svgOpen(width: width, height: height, label: "Current verdicts by rating")
        svg += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(left + column * Double(ratings.count)))\" y1=\"\(top + plot)\" y2=\"\(top + plot)\" stroke=\"#c9ced8\"/>\n"
        var dividerDrawn = false
        for (i, rating) in ratings.enumerated() {
            let x = left + Double(i) * column
            if rating.retired, !dividerDrawn {
                svg += "<line x1=\"\(fmt(x))\" x2=\"\(fmt(x))\" y1=\"\(top - 10)\" y2=\"\(top + plot + labels)\" stroke=\"#c9ced8\" stroke-dasharray=\"4 4\"/>\n"
                dividerDrawn = true
            }
            let h = max(2, plot * Double(rating.claims) / maximum)
            let colour: String
            if rating.retired || rating.value <= 0 {
                colour = "#a3a3a3"
            } else {
                let t = best > worst ? (Double(rating.value) - worst) / (best - worst) : 1
                colour = "hsl(\(Int((4 + 136 * t).rounded())), 62%, 40%)"
            }
            let cx = x + column / 2
            svg += "<rect x=\"\(fmt(cx - bar / 2))\" y=\"\(fmt(top + plot - h))\" width=\"\(fmt(bar))\" height=\"\(fmt(h))\" rx=\"3\" fill=\"\(colour)\""
                + (rating.retired ? " fill-opacity=\"0.55\"" : "") + "><title>\(escape("\(rating.rating): \(rating.claims)"))</title></rect>\n"
            svg += text(x: cx, y: top + plot - h - 6, anchor: "middle", weight: "600", String(rating.claims))
            let lines = hyphenLines(rating.rating)
            for (n, line) in lines.enumerated() {
                svg += text(x: cx, y: top + plot + 17 + Double(n) * 14, anchor: "middle", size: 12, line)
            }
            if rating.retired {
                svg += text(x: cx, y: top + plot + 17 + Double(lines.count) * 14, anchor: "middle", size: 11,
                            fill: "#6b7280", "(retired)")
            }
        }
        svg += "</svg>\n"
        if ratings.allSatisfy({ $0.claims == 0 }) { svg += "<p class=\"empty\">No approved verdicts yet.</p>\n" }
        return svg
    }

    /// The kinds of work done, with their colours, in the order they stack.
    static var workKinds: [(String, String, KeyPath<DeskReport.ReviewerWork, Int>)] {
        [
            ("claims started", "#7aa7ec", \.claimsStarted),
            ("verdicts proposed", "#8a5cd6", \.verdictsProposed),
            ("verdicts approved", "#1f8a48", \.verdictsApproved),
            ("verdicts returned", "#e0a526", \.verdictsReturned),
            ("sources added", "#9aa3b2", \.sourcesAdded),
        ]
    }

    /// One stacked bar of work done per person, and their open claims beside it.
    static func workChart(_ r: DeskReport) -> String {
        let people = r.workByReviewer
        guard !people.isEmpty else { return "<p class=\"empty\">Nobody has started, reviewed or sourced a claim yet.</p>\n" }
        let width = 860.0, nameWidth = 190.0, openWidth = 170.0, row = 34.0, bar = 22.0, top = 26.0
        let area = width - nameWidth - openWidth - 60
        let totals = people.map { p in workKinds.map { p[keyPath: $0.2] }.reduce(0, +) }
        let maximum = Double(max(1, totals.max() ?? 0))
        let maxOpen = Double(max(1, people.map(\.openClaimsAssigned).max() ?? 0))
        let openX = width - openWidth
        let height = top + row * Double(people.count) + 34
        var svg = svgOpen(width: width, height: height, label: "Work by reviewer")
        svg += text(x: nameWidth, y: 14, size: 12, fill: "#6b7280", "WORK DONE")
        svg += text(x: openX, y: 14, size: 12, fill: "#6b7280", "OPEN CLAIMS ASSIGNED")
        for (i, p) in people.enumerated() {
            let y = top + Double(i) * row
            let name = p.name.map { "\($0) (\(p.handle))" } ?? p.handle
            svg += text(x: nameWidth - 10, y: y + bar / 2 + 5, anchor: "end", truncated(name, 26))
            var x = nameWidth
            for (label, colour, path) in workKinds {
                let n = p[keyPath: path]
                guard n > 0 else { continue }
                let w = area * Double(n) / maximum
                svg += "<rect x=\"\(fmt(x))\" y=\"\(y)\" width=\"\(fmt(w))\" height=\"\(bar)\" fill=\"\(colour)\">"
                    + "<title>\(escape("\(p.handle): \(n) \(label)"))</title></rect>\n"
                if w >= 18 { svg += text(x: x + w / 2, y: y + bar / 2 + 5, anchor: "middle", size: 12, fill: "#ffffff", String(n)) }
                x += w
            }
            svg += text(x: x + 6, y: y + bar / 2 + 5, weight: "600", String(totals[i]))
            let o = p.openClaimsAssigned
            let ow = o == 0 ? 0 : max(3, (openWidth - 40) * Double(o) / maxOpen)
            if o > 0 {
                svg += "<rect x=\"\(fmt(openX))\" y=\"\(y + 3)\" width=\"\(fmt(ow))\" height=\"\(bar - 6)\" rx=\"2\" fill=\"#fde7c2\" stroke=\"#c98a12\">"
                    + "<title>\(escape("\(p.handle): \(o) open claims assigned"))</title></rect>\n"
            }
            svg += text(x: openX + ow + 6, y: y + bar / 2 + 5, weight: "600", String(o))
        }
        // The legend.
        var lx = nameWidth
        let ly = top + row * Double(people.count) + 14
        for (label, colour, _) in workKinds {
            svg += "<rect x=\"\(fmt(lx))\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" rx=\"2\" fill=\"\(colour)\"/>\n"
            svg += text(x: lx + 17, y: ly, size: 12, fill: "#4b5563", label)
            lx += 34 + Double(label.count) * 6.6
        }
        svg += "</svg>\n"

        var rows = ""
        for (i, p) in people.enumerated() {
            rows += "<tr><td>\(escape(p.handle))</td>"
                + workKinds.map { "<td class=\"num\">\(p[keyPath: $0.2])</td>" }.joined()
                + "<td class=\"num\"><b>\(totals[i])</b></td><td class=\"num\">\(p.openClaimsAssigned)</td></tr>\n"
        }
        return svg + """
            <table class="compact">
            <thead><tr><th>User</th><th class="num">Started</th><th class="num">Proposed</th>\
            <th class="num">Approved</th><th class="num">Returned</th><th class="num">Sources</th>\
            <th class="num">Total</th><th class="num">Open assigned</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
    }

    // MARK: SVG and HTML pieces

    static func svgOpen(width: Double, height: Double, label: String, half: Bool = false) -> String {
        "<svg\(half ? " class=\"half\"" : "") viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" role=\"img\" aria-label=\"\(escape(label))\">\n"
    }

    static func text(x: Double, y: Double, anchor: String = "start", size: Int = 14, weight: String? = nil,
                     fill: String = "#1d2330", _ content: String) -> String {
        var attributes = "x=\"\(fmt(x))\" y=\"\(fmt(y))\" font-size=\"\(size)\" fill=\"\(fill)\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        return "<text \(attributes)>\(escape(content))</text>\n"
    }

    static func stateTag(_ state: ReviewState) -> String {
        "<span class=\"state s-\(state.rawValue)\">\(escape(state.displayName))</span>"
    }

    /// "mostly-false" on two lines, "mostly-" and "false", so that long labels fit a column.
    static func hyphenLines(_ label: String) -> [String] {
        guard let dash = label.firstIndex(of: "-") else { return [label] }
        return [String(label[...dash]), String(label[label.index(after: dash)...])]
    }

    static func truncated(_ text: String, _ width: Int) -> String {
        text.count > width ? String(text.prefix(width - 1)) + "…" : text
    }

    static func waitingText(hours: Double?, days: Double?) -> String {
        guard let hours, let days else { return "" }
        return hours < 48 ? "\(decimal(hours)) hours" : "\(decimal(days)) days"
    }

    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }

    static func percent(_ part: Int, of whole: Int) -> String {
        "\(Int((100 * Double(part) / Double(whole)).rounded()))%"
    }

    static func fmt(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// Text for HTML content and quoted attribute values alike. (The report draws SVG by hand;
    /// the desk's pages are Mustache templates, which escape by themselves.)
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The border colour of each state's tag (a class, not an inline style: the desk's pages
    /// allow no inline style).
    public static var stateStyle: String {
        ReviewState.allCases.map { ".state.s-\($0.rawValue) { border-color: \(stateColours[$0]!); }" }.joined(separator: " ")
    }

    public static let style = """
        :root { --ink: #1d2330; --muted: #5b6475; --line: #e3e6ec; --bg: #f4f5f7; --card: #ffffff;
                --alert: #b42318; --alert-bg: #fef3f2; --alert-line: #f4c3bd; }
        * { box-sizing: border-box; }
        html { color-scheme: light; }
        body { margin: 0; background: var(--bg); color: var(--ink);
               font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
                     "Liberation Sans", sans-serif; }
        main { max-width: 1080px; margin: 0 auto; padding: 28px 24px 40px; }
        h1 { font-size: 30px; margin: 0 0 2px; letter-spacing: -0.01em; }
        h2 { font-size: 17px; margin: 0 0 14px; }
        h2 .note { font-weight: 400; font-size: 13px; color: var(--muted); margin-left: 6px; }
        .sub { color: var(--muted); margin: 0; }
        .kpis { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin: 20px 0 16px; }
        .kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
        .kpi .n { font-size: 34px; font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
        .kpi .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; }
        .kpi.alert { border-color: var(--alert-line); background: var(--alert-bg); }
        .kpi.alert .n { color: var(--alert); }
        .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px;
                margin-bottom: 16px; break-inside: avoid; }
        .card.alert { border-color: var(--alert-line); border-left: 5px solid var(--alert); }
        .card.alert h2 { color: var(--alert); }
        svg { display: block; width: 100%; height: auto; }
        svg.half { max-width: 520px; }
        svg text { font-family: inherit; }
        .bigs { display: flex; gap: 36px; margin: 6px 0 14px; }
        .big .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; }
        .big .n { font-size: 52px; font-weight: 700; line-height: 1.05; font-variant-numeric: tabular-nums; }
        .big .unit { font-size: 20px; font-weight: 600; color: var(--muted); }
        .big .other { color: var(--muted); }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        th { text-align: left; color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase;
             letter-spacing: 0.04em; border-bottom: 1px solid var(--line); padding: 6px 8px; }
        td { padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.id { font-weight: 600; white-space: nowrap; }
        .claim-text { max-width: 440px; }
        table.compact { margin-top: 14px; font-size: 13px; }
        table.compact td { padding: 4px 8px; }
        table.overdue tbody tr { background: var(--alert-bg); }
        table.overdue td { border-bottom-color: var(--alert-line); }
        .badge { display: inline-block; padding: 1px 9px; border-radius: 999px; background: var(--alert); color: #fff;
                 font-weight: 600; font-size: 13px; }
        .state { display: inline-block; padding: 0 7px; border: 1px solid; border-left-width: 4px; border-radius: 4px;
                 font-size: 13px; white-space: nowrap; }
        td.long { color: var(--alert); font-weight: 600; }
        \(stateStyle)
        .empty { color: var(--muted); font-style: italic; }
        .good { color: #1f8a48; font-weight: 600; margin: 0; }
        footer { color: var(--muted); font-size: 12px; margin-top: 20px; }
        @media screen and (max-width: 760px) { .grid2 { grid-template-columns: 1fr; } .kpis { grid-template-columns: repeat(2, 1fr); } }
        @media print {
          body { background: #fff; font-size: 12px; }
          main { max-width: none; padding: 0; }
          .grid2 { grid-template-columns: 1fr; gap: 0; }
          .big .n { font-size: 40px; }
          table { font-size: 11px; }
          th, td { padding: 4px 6px; }
          .badge, .state { font-size: 11px; }
          .card, .kpi { border-color: #cfd3da; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        @page { size: A4; margin: 14mm; }
        """
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension DeskReport.TimeToPublish {
    /// "of which 2 through the desk (timed), 3 imported with their date, 5,000 imported, date
    /// unknown", or nil when every published claim went through the desk.
    public var untimedDescription: String? {
        guard timedClaims < publishedClaims else { return nil }
        var parts = ["\(timedClaims) through the desk (timed)"]
        if importedDatedClaims > 0 { parts.append("\(importedDatedClaims) imported already published, with their date") }
        if dateUnknownClaims > 0 { parts.append("\(dateUnknownClaims) imported already published, date unknown") }
        return "of which " + parts.joined(separator: "; ")
    }
}

extension DeskReport {
    /// "all claims", "claims logged 2026-11-01 to 2026-11-30", "claims logged since 2026-11-01" …
    public var windowDescription: String {
        switch (since, until) {
        case (nil, nil): "all claims"
        case let (since?, nil): "claims logged since \(since)"
        case let (nil, until?): "claims logged until \(until)"
        case let (since?, until?) where since == until: "claims logged on \(since)"
        case let (since?, until?): "claims logged \(since) to \(until)"
        }
    }
}

extension Date {
    /// `2026-11-27 20:42` in UTC: what a desk reads in a table.
    public var short: String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: self)
    }

}

/// HTML that one of this target's renderers made, every text in it escaped: the only kind of
/// value a page template writes unescaped (`{{{…}}}`). Nothing outside DeskViews can make one.
public struct SafeHTML: Sendable, MustacheCustomRenderable {
    let html: String
    init(_ html: String) { self.html = html }
    public var renderText: String { html }
    public var isNull: Bool { html.isEmpty }
}
