import Foundation

/// The desk's one stylesheet and one small script, compiled in and served by the service at
/// `/static/desk.css` and `/static/desk.js` (same origin: the Content-Security-Policy allows no
/// other, and no inline script or style). Nothing is fetched from the network.
public enum Assets {
    public static let css: String = """
        :root { --ink: #1d2330; --muted: #4f586a; --line: #d9dde5; --bg: #f4f5f7; --card: #ffffff; --accent: #1f5fbf;
                --accent-ink: #ffffff; --alert: #b42318; --alert-bg: #fef3f2; --alert-line: #f4c3bd; --ok: #1a7f43;
                --focus: #f5b400; }
        * { box-sizing: border-box; }
        html { color-scheme: light; -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--ink);
               font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif;
               overflow-wrap: anywhere; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
            outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px #1d2330; }
        .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 8px 12px; z-index: 10; }
        .skip:focus { left: 8px; top: 8px; }
        .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        header.top { background: #1d2330; color: #fff; display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between;
                     gap: 8px 16px; padding: 8px 16px; }
        header.top nav { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
        header.top a { color: #fff; text-decoration: none; padding: 4px 2px; border-bottom: 2px solid transparent; }
        header.top a[aria-current="page"] { border-bottom-color: var(--focus); font-weight: 600; }
        header.top .brand { font-weight: 800; letter-spacing: 0.02em; margin-right: 8px; }
        .logout { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin: 0; }
        .logout .who { color: #d7dbe3; font-size: 14px; }
        main { max-width: 1120px; margin: 0 auto; padding: 20px 16px 48px; }
        h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 16px; }
        h2 { font-size: 18px; margin: 0 0 12px; }
        h3 { font-size: 16px; margin: 0 0 8px; }
        .heading { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; justify-content: space-between; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin-bottom: 16px; }
        .narrow { max-width: 420px; margin: 40px auto; }
        .sub { color: var(--muted); margin: 0 0 8px; font-size: 14px; }
        .empty { color: var(--muted); font-style: italic; }
        .count { display: inline-block; min-width: 1.6em; padding: 0 6px; border-radius: 999px; background: #e8ebf1; color: var(--ink);
                 font-size: 13px; text-align: center; font-weight: 600; }
        label { display: block; font-weight: 600; font-size: 14px; margin: 8px 0 4px; }
        input, select, textarea { font: inherit; color: var(--ink); background: #fff; border: 1px solid #8a93a5; border-radius: 6px;
                                  padding: 7px 9px; width: 100%; max-width: 100%; }
        input[type="checkbox"] { width: 22px; height: 22px; margin: 4px 10px 0 0; flex: none; accent-color: var(--accent); }
        textarea { resize: vertical; }
        button, .button { font: inherit; font-weight: 600; background: var(--accent); color: var(--accent-ink); border: 1px solid var(--accent);
                          border-radius: 6px; padding: 8px 16px; cursor: pointer; text-decoration: none; display: inline-block; margin-top: 10px; }
        button.quiet { background: #fff; color: var(--ink); border-color: #8a93a5; padding: 4px 10px; margin-top: 0; }
        header.top button.quiet { background: transparent; color: #fff; border-color: #aab1bf; }
        .stack { display: flex; flex-direction: column; }
        .stack button { align-self: flex-start; }
        .filters, .bulk fieldset { display: flex; flex-wrap: wrap; gap: 0 14px; align-items: flex-end; }
        .bulk fieldset { border: 0; padding: 0; margin: 0; }
        .bulk legend { font-weight: 700; padding: 0; margin-bottom: 4px; }
        .field { flex: 1 1 140px; min-width: 0; }
        .field.wide { flex: 2 1 240px; }
        .actions { flex: 0 0 auto; padding-bottom: 2px; }
        .actions a { margin-left: 8px; }
        .alert { background: var(--alert-bg); border: 1px solid var(--alert-line); border-left: 5px solid var(--alert); border-radius: 8px;
                 padding: 10px 14px; margin-bottom: 16px; }
        .alert strong { color: var(--alert); }
        .alert p { margin: 4px 0; }
        .notice { background: #eef6f0; border: 1px solid #b8dcc4; border-left: 5px solid var(--ok); border-radius: 8px; padding: 10px 14px;
                  margin-bottom: 16px; }
        .notice p { margin: 4px 0; }
        .live { position: sticky; top: 0; z-index: 5; background: #fff7db; border-bottom: 2px solid var(--focus); padding: 8px 16px;
                text-align: center; font-weight: 600; }
        .refusal { background: #fff7db; border-left: 5px solid #b7791f; padding: 8px 12px; border-radius: 6px; }
        .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 12px; margin-bottom: 16px; }
        .kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; }
        .kpi .n { font-size: 30px; font-weight: 700; line-height: 1.1; }
        .kpi .l { color: var(--muted); font-size: 13px; }
        .kpi.alert .n { color: var(--alert); }
        ul.claims { list-style: none; margin: 0; padding: 0; }
        .claim-item { display: flex; align-items: flex-start; background: var(--card); border: 1px solid var(--line); border-radius: 8px;
                      padding: 10px 14px; margin-bottom: 8px; }
        .card .claim-item { border-left-width: 1px; }
        .claim-item.overdue { border-left: 5px solid var(--alert); }
        .claim-body { min-width: 0; flex: 1; }
        .claim-body p { margin: 2px 0; }
        .claim-id { font-weight: 700; }
        .claim-text a { color: var(--ink); text-decoration: none; font-size: 17px; }
        .claim-text a:hover { text-decoration: underline; }
        .claim-who { color: var(--muted); font-size: 14px; }
        .state { display: inline-block; padding: 0 8px; border: 1px solid; border-left-width: 4px; border-radius: 4px; font-size: 13px;
                 white-space: nowrap; background: #fff; color: var(--ink); }
        \(HTMLReport.stateStyle)
        .prio { font-size: 13px; font-weight: 600; color: #8a4b00; }
        .prio-urgent { color: var(--alert); }
        .prio-normal, .prio-low { color: var(--muted); font-weight: 400; }
        .due { font-size: 13px; color: var(--muted); }
        .due.late { color: var(--alert); font-weight: 700; }
        .tag { display: inline-block; background: #e8ebf1; border-radius: 4px; padding: 0 6px; font-size: 13px; color: var(--ink); }
        .rating { display: inline-block; font-weight: 700; background: #1d2330; color: #fff; border-radius: 4px; padding: 0 8px; }
        .badge { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 12px; font-weight: 600; background: #e8ebf1; color: var(--ink); }
        .b-approved { background: #d6f0de; color: #0f5a2c; } .b-returned { background: #fde7c2; color: #6b3d00; }
        .b-proposed { background: #e6ddf7; color: #43297a; }
        .url { color: var(--muted); font-size: 14px; word-break: break-all; }
        .claim-quote { font-size: 21px; line-height: 1.4; margin: 8px 0 12px; padding-left: 14px; border-left: 4px solid var(--accent); }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
        dl.facts dt { color: var(--muted); font-size: 14px; }
        dl.facts dd { margin: 0; min-width: 0; }
        .context { color: var(--muted); font-style: italic; }
        .move-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; margin-bottom: 16px; }
        .moves { margin-bottom: 8px; }
        .move { margin-bottom: 0; display: flex; flex-direction: column; }
        .move button { align-self: flex-start; }
        .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 0 16px; }
        ul.sources, ul.notes, ol.verdicts, ul.plain { list-style: none; margin: 0 0 8px; padding: 0; }
        ul.sources li, ul.notes li, ol.verdicts li { border-bottom: 1px solid var(--line); padding: 8px 0; }
        ul.sources p, ul.notes p, ol.verdicts p { margin: 2px 0; }
        ul.plain li { padding: 4px 0; }
        .source.retracted > p:not(.sub) { text-decoration: line-through; color: var(--muted); }
        .stance { font-weight: 600; font-size: 13px; }
        .stance-refutes { color: var(--alert); } .stance-supports { color: var(--ok); }
        .kind { font-size: 13px; color: var(--muted); }
        .note-body, .conclusion { white-space: pre-wrap; }
        form.inline { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0 0; }
        form.inline label { margin: 0; }
        form.inline input { flex: 1 1 160px; width: auto; }
        form.inline button { margin-top: 0; }
        ol.events { list-style: none; padding: 0; margin: 0; }
        ol.events li, ul.events li { padding: 4px 0; border-bottom: 1px solid var(--line); }
        .when { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
        .detail { color: var(--muted); font-size: 14px; }
        ol.candidates { padding-left: 0; list-style: none; }
        ol.candidates > li { border-bottom: 1px solid var(--line); padding: 10px 0; }
        .sentence { margin: 0 0 4px; font-size: 17px; }
        .score { display: inline-block; min-width: 2em; text-align: center; background: var(--accent); color: #fff; border-radius: 4px;
                 font-weight: 700; margin-right: 6px; }
        ul.features { margin: 0 0 4px; padding-left: 20px; color: var(--muted); font-size: 14px; }
        .article-text p { max-width: 70ch; }
        table.grid { width: 100%; border-collapse: collapse; background: var(--card); margin-bottom: 16px; }
        table.grid th, table.grid td { text-align: left; padding: 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        table.grid th { font-size: 13px; color: var(--muted); }
        code.secret { display: block; padding: 8px; background: #fff; border: 1px dashed #8a93a5; word-break: break-all; }
        .pager { display: flex; gap: 16px; margin: 12px 0; }
        details > summary { cursor: pointer; font-weight: 700; }
        .alert-card h2 { color: var(--alert); }
        /* The desk report, as `report --html` draws it. */
        .report .kpis { grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); }
        .report .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
        .report svg { display: block; width: 100%; height: auto; }
        .report svg.half { max-width: 520px; }
        .report .bigs { display: flex; flex-wrap: wrap; gap: 24px; margin: 6px 0 14px; }
        .report .big .l { color: var(--muted); font-size: 12px; text-transform: uppercase; }
        .report .big .n { font-size: 40px; font-weight: 700; line-height: 1.05; }
        .report .big .unit { font-size: 18px; color: var(--muted); }
        .report .big .other { color: var(--muted); }
        .report table { border-collapse: collapse; width: 100%; font-size: 14px; display: block; overflow-x: auto; }
        .report th { text-align: left; color: var(--muted); font-size: 12px; border-bottom: 1px solid var(--line); padding: 6px 8px; }
        .report td { padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        .report .num { text-align: right; white-space: nowrap; }
        .report .card.alert { border-left: 5px solid var(--alert); }
        .report .card.alert h2 { color: var(--alert); }
        .report .kpi.alert { border-color: var(--alert-line); background: var(--alert-bg); }
        .report .badge { background: var(--alert); color: #fff; }
        .report .good { color: var(--ok); font-weight: 600; margin: 0; }
        .report h2 .note { font-weight: 400; font-size: 13px; color: var(--muted); margin-left: 6px; }
        .report footer { color: var(--muted); font-size: 13px; }
        .report td.long { color: var(--alert); font-weight: 600; }
        @media (max-width: 560px) {
            h1 { font-size: 23px; }
            main { padding: 14px 10px 40px; }
            .card { padding: 12px; }
            .claim-quote { font-size: 18px; }
            dl.facts { grid-template-columns: 1fr; }
            dl.facts dt { margin-top: 6px; }
            table.grid, table.grid tbody, table.grid tr, table.grid td { display: block; width: 100%; }
            table.grid thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
            table.grid tr { border-bottom: 2px solid var(--line); }
            table.grid td { border: 0; padding: 2px 8px; }
            .move-grid, .columns { grid-template-columns: minmax(0, 1fr); }
        }
        """

    /// Live updates: the page subscribes to `/events` (the session's stream of every change) and,
    /// when its claim (or, on a list, any claim) changed, refreshes the parts marked
    /// `data-live-part` from a fresh copy of the page and says who changed it. Forms are left as
    /// they are, so nothing typed is lost; a form drawn before the change is refused as stale.
    public static let js: String = """
        (function () {
          "use strict";
          var body = document.body;
          // Parts a page leaves to be loaded after it is shown (the claim page's similar claims):
          // fetched once from their own page, which holds an element of the same id.
          document.querySelectorAll("[data-load]").forEach(function (part) {
            fetch(part.dataset.load, { credentials: "same-origin", headers: { "Accept": "text/html" } })
              .then(function (r) { return r.ok ? r.text() : null; })
              .then(function (html) {
                if (!html || !part.id) return;
                var next = new DOMParser().parseFromString(html, "text/html").getElementById(part.id);
                if (next) part.replaceWith(document.importNode(next, true));
              })
              .catch(function () {});
          });
          if (!body || !window.EventSource || !body.dataset.me) return;
          var me = body.dataset.me, claim = body.dataset.claim, list = body.dataset.liveList;
          if (!claim && !list) return;
          var banner = document.getElementById("live");
          var pending = null;
          function say(text) {
            if (!banner) return;
            banner.textContent = text;
            banner.hidden = false;
          }
          function refresh() {
            pending = null;
            fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
              .then(function (r) { return r.ok ? r.text() : null; })
              .then(function (html) {
                if (!html) return;
                var fresh = new DOMParser().parseFromString(html, "text/html");
                document.querySelectorAll("[data-live-part]").forEach(function (part) {
                  if (!part.id) return;
                  if (part.querySelector("input[type=checkbox]:checked")) return;
                  var next = fresh.getElementById(part.id);
                  if (next) part.replaceWith(document.importNode(next, true));
                });
              })
              .catch(function () {});
          }
          var source = new EventSource("/events");
          source.addEventListener("change", function (message) {
            var change;
            try { change = JSON.parse(message.data); } catch (e) { return; }
            var id = change.claim_id ? "C-" + change.claim_id : null;
            if (claim && id !== claim) return;
            if (list && !id) return;
            if (change.actor && change.actor !== me) {
              say((id || "The desk") + " changed by " + change.actor + " just now" +
                  (claim ? " — reload before you act on it." : "."));
            }
            if (!pending) pending = setTimeout(refresh, 150);
          });
        })();

        """

    /// A short fingerprint of both files, for their URLs and ETags (FNV-1a, 64 bits).
    public static let version: String = {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in (css + js).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return String(hash, radix: 16)
    }()
}
