import Mustache

/// The browser desk's templates, compiled into the binary (no files are read at run time).
/// Mustache escapes every `{{value}}`; the only unescaped value, `{{{body}}}`/`{{{report}}}`, is
/// a `SafeHTML` that a template of this library or the report's renderer made.
enum Templates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in sources {
            do { try library.register(text, named: name) } catch { preconditionFailure("template \(name): \(error)") }
        }
        return library
    }()

    static func render(_ name: String, _ model: [String: Any]) -> String {
        guard let html = library.render(model, withTemplate: name) else { preconditionFailure("no template \(name)") }
        return html
    }

    static let sources: [String: String] = [
        "layout": layout, "login": login, "work": work, "claimList": claimList, "claims": claims, "claim": claim,
        "newClaim": newClaim, "articles": articles, "article": article, "report": report, "users": users,
        "tokens": tokens, "scale": scale, "bulk": bulk, "error": error, "csrf": csrf, "moveForm": moveForm,
        "similarList": similarList, "similar": similar,
    ]

    static let csrf = #"<input type="hidden" name="csrf_token" value="{{csrf}}">"#

    static let layout = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · factcheck desk</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/static/desk.css?v={{assetVersion}}">
        <script src="/static/desk.js?v={{assetVersion}}" defer></script>
        </head>
        <body{{#me}} data-me="{{handle}}"{{/me}}{{#liveClaim}} data-claim="{{liveClaim}}"{{/liveClaim}}{{#liveList}} data-live-list="1"{{/liveList}}>
        <a class="skip" href="#main">Skip to content</a>
        {{#me}}
        <header class="top">
        <nav aria-label="Desk">
        <a class="brand" href="/">factcheck</a>
        {{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/nav}}
        </nav>
        <form class="logout" method="post" action="/logout">{{>csrf}}<span class="who">{{handle}} ({{role}})</span> <button type="submit" class="quiet">Log out</button></form>
        </header>
        {{/me}}
        <div id="live" class="live" role="status" aria-live="polite" hidden></div>
        <main id="main">
        {{#error}}<div class="alert" role="alert" id="error"><p><strong>{{message}}</strong></p>{{#hint}}<p class="hint">{{hint}}</p>{{/hint}}</div>{{/error}}
        {{#notice}}<div class="notice" role="status" id="notice"><p>{{notice}}</p></div>{{/notice}}
        {{{body}}}
        </main>
        </body>
        </html>

        """#

    static let login = #"""
        <section class="narrow card">
        <h1>Sign in to the desk</h1>
        <form method="post" action="/login" class="stack">
        <input type="hidden" name="next" value="{{next}}">
        <label for="handle">Handle</label>
        <input id="handle" name="handle" autocomplete="username" autocapitalize="none" required value="{{handle}}">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
        </form>
        </section>

        """#

    /// A list of claims as cards; `selectable` adds the bulk form's check boxes.
    static let claimList = #"""
        <ul class="claims">
        {{#claims}}
        <li class="claim-item{{#overdue}} overdue{{/overdue}}" id="item-{{id}}">
        {{#selectable}}<input type="checkbox" name="claim" value="{{id}}" id="pick-{{id}}" form="bulk-form"><label for="pick-{{id}}" class="sr-only">select {{id}}</label>{{/selectable}}
        <div class="claim-body">
        <p class="claim-meta"><a class="claim-id" href="/claims/{{id}}">{{id}}</a> <span class="state s-{{state}}">{{stateName}}</span>{{#urgent}} <span class="prio prio-{{priority}}">{{priority}}</span>{{/urgent}}{{#due}} <span class="due{{#overdue}} late{{/overdue}}">due {{due}}{{#overdue}} · overdue{{/overdue}}</span>{{/due}}</p>
        <p class="claim-text"><a href="/claims/{{id}}">{{text}}</a></p>
        <p class="claim-who">{{claimant}} · {{#assignee}}assigned to {{assignee}}{{/assignee}}{{^assignee}}unassigned{{/assignee}}{{#rating}} · rated {{rating}}{{/rating}}{{#tags}} <span class="tag">{{.}}</span>{{/tags}}</p>
        </div>
        </li>
        {{/claims}}
        </ul>
        {{^claims}}<p class="empty">{{empty}}</p>{{/claims}}

        """#

    static let work = #"""
        <h1>My work</h1>
        <div class="kpis">
        {{#tiles}}<div class="kpi{{#alert}} alert{{/alert}}"><div class="n">{{n}}</div><div class="l">{{label}}</div></div>{{/tiles}}
        </div>
        <div id="claim-list" data-live-part>
        {{#sections}}
        <section class="card" id="{{id}}">
        <h2>{{title}} <span class="count">{{count}}</span></h2>
        {{>claimList}}
        {{#more}}<p><a href="{{more}}">See them all in the claim list</a></p>{{/more}}
        </section>
        {{/sections}}
        </div>

        """#

    static let claims = #"""
        <div class="heading"><h1>Claims</h1>{{#mayAdd}}<a class="button" href="/claims/new">Log a claim</a>{{/mayAdd}}</div>
        <form method="get" action="/claims" class="filters card" role="search">
        <div class="field wide"><label for="f-search">Search</label><input id="f-search" name="search" type="search" value="{{filter.search}}"></div>
        <div class="field"><label for="f-state">State</label><select id="f-state" name="state"><option value="">any</option>{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></div>
        <div class="field"><label for="f-assignee">Assignee</label><input id="f-assignee" name="assignee" value="{{filter.assignee}}"></div>
        <div class="field"><label for="f-tag">Tag</label><input id="f-tag" name="tag" value="{{filter.tag}}"></div>
        <div class="field"><label for="f-claimant">Claimant</label><input id="f-claimant" name="claimant" value="{{filter.claimant}}"></div>
        <div class="field"><label for="f-rating">Rating</label><input id="f-rating" name="rating" value="{{filter.rating}}"></div>
        <div class="field"><label for="f-since">Logged since</label><input id="f-since" name="since" type="date" value="{{filter.since}}"></div>
        <div class="field"><label for="f-until">Logged until</label><input id="f-until" name="until" type="date" value="{{filter.until}}"></div>
        <div class="field"><label for="f-limit">Per page</label><input id="f-limit" name="limit" type="number" min="1" max="500" value="{{filter.limit}}"></div>
        <div class="actions"><button type="submit">Filter</button> <a href="/claims">Clear</a></div>
        </form>
        {{#bulk}}
        <form method="post" action="/claims/bulk" id="bulk-form" class="bulk card">
        {{>csrf}}
        <input type="hidden" name="back" value="{{back}}">
        <fieldset><legend>With the selected claims</legend>
        <div class="field"><label for="b-action">Do</label><select id="b-action" name="action">{{#actions}}<option value="{{value}}">{{label}}</option>{{/actions}}</select></div>
        <div class="field"><label for="b-user">Assign to</label><select id="b-user" name="user"><option value="">—</option>{{#assignees}}<option value="{{handle}}">{{name}} ({{handle}})</option>{{/assignees}}</select></div>
        <div class="field"><label for="b-tag">Tag</label><input id="b-tag" name="tag"></div>
        <div class="field wide"><label for="b-reason">Reason (to reject)</label><input id="b-reason" name="reason"></div>
        <div class="actions"><button type="submit">Apply to selected</button></div>
        </fieldset>
        </form>
        {{/bulk}}
        <div id="claim-list" data-live-part>
        <p class="sub">{{summary}}</p>
        {{>claimList}}
        </div>
        <nav class="pager" aria-label="Pages">{{#first}}<a href="{{first}}">First page</a>{{/first}} {{#next}}<a href="{{next}}" rel="next">Next page</a>{{/next}}</nav>

        """#

    static let newClaim = #"""
        <h1>Log a claim</h1>
        <form method="post" action="/claims" class="stack card">
        {{>csrf}}
        <label for="c-text">Claim, verbatim</label><textarea id="c-text" name="text" rows="3" required>{{typed.text}}</textarea>
        <label for="c-claimant">Claimant (who said it)</label><input id="c-claimant" name="claimant" required value="{{typed.claimant}}">
        <label for="c-article">Article (A-n or url, optional)</label><input id="c-article" name="article" value="{{typed.article}}">
        <label for="c-said">Said on</label><input id="c-said" name="said_on" type="date" value="{{typed.said_on}}">
        <label for="c-appearance">Where it appeared (url, optional)</label><input id="c-appearance" name="appearance" type="url" value="{{typed.appearance}}">
        <label for="c-tags">Tags (comma-separated)</label><input id="c-tags" name="tags" value="{{typed.tags}}">
        <label for="c-priority">Priority</label><select id="c-priority" name="priority">{{#priorities}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/priorities}}</select>
        <label for="c-due">Due</label><input id="c-due" name="due_date" type="date" value="{{typed.due_date}}">
        <button type="submit">Log the claim</button>
        </form>

        """#

    /// One move as a form: hidden version (a stale form is refused) and the fields it needs.
    static let moveForm = #"""
        <form method="post" action="/claims/{{claimId}}/moves" class="move card" id="move-{{move}}">
        {{>csrf}}
        <input type="hidden" name="move" value="{{move}}">
        <input type="hidden" name="version" value="{{version}}">
        <input type="hidden" name="seen" value="{{seen}}">
        <h3>{{title}}</h3>
        {{#explain}}<p class="sub">{{explain}}</p>{{/explain}}
        {{#assign}}<label for="{{move}}-user">Reviewer</label><select id="{{move}}-user" name="user" required>{{#assignees}}<option value="{{handle}}"{{#selected}} selected{{/selected}}>{{name}} ({{handle}})</option>{{/assignees}}</select>
        <label for="{{move}}-reason">Note (optional)</label><input id="{{move}}-reason" name="reason" value="{{typed.reason}}">{{/assign}}
        {{#propose}}<label for="propose-rating">Rating</label><select id="propose-rating" name="rating" required>{{#ratings}}<option value="{{label}}"{{#selected}} selected{{/selected}}>{{label}} — {{description}}</option>{{/ratings}}</select>
        <label for="propose-conclusion">Conclusion</label><textarea id="propose-conclusion" name="conclusion" rows="5" required>{{typed.conclusion}}</textarea>{{/propose}}
        {{#publish}}<label for="publish-url">Published at (url, optional)</label><input id="publish-url" name="url" type="url" value="{{typed.url}}">{{/publish}}
        {{#reason}}<label for="{{move}}-reason">Reason</label><textarea id="{{move}}-reason" name="reason" rows="2" required>{{typed.reason}}</textarea>{{/reason}}
        {{#note}}<label for="{{move}}-reason">Note (optional)</label><input id="{{move}}-reason" name="reason" value="{{typed.reason}}">{{/note}}
        <button type="submit">{{button}}</button>
        </form>

        """#

    /// The claims that read like one: on their own page, and loaded into the claim page's
    /// "Already checked?" by the script (the search is the page's dearest query).
    static let similarList = #"""
        <div id="similar">
        <ul class="plain">{{#similar}}<li><a href="/claims/{{id}}">{{id}}</a> <span class="state s-{{state}}">{{state}}</span>{{#rating}} <span class="rating">{{rating}}</span>{{/rating}} {{text}} <span class="sub">({{similarity}})</span></li>{{/similar}}</ul>
        {{^similar}}<p class="empty">No claim reads alike.</p>{{/similar}}
        </div>
        """#

    static let similar = #"""
        <section class="card" aria-labelledby="similar-h">
        <h1 id="similar-h">Claims that read like <a href="/claims/{{claimId}}">{{claimId}}</a></h1>
        <blockquote class="claim-quote">{{text}}</blockquote>
        {{>similarList}}
        </section>
        """#

    static let claim = #"""
        {{#stale}}<div class="alert stale" role="alert" id="stale">
        <p><strong>{{message}}</strong> Nothing was saved; what you typed is still in the form below.</p>
        <p>What changed since you opened the page:</p>
        <ul class="events">{{#changes}}<li><span class="when">{{when}}</span> <b>{{actor}}</b> {{what}}{{#detail}} <span class="detail">{{detail}}</span>{{/detail}}</li>{{/changes}}</ul>
        <p><a href="/claims/{{claim.id}}">Reload the claim</a> to act on its new version.</p>
        </div>{{/stale}}
        <article class="claim-page">
        <header id="claim-head" data-live-part class="card">
        <p class="claim-meta"><span class="claim-id">{{claim.id}}</span> <span class="state s-{{claim.state}}" id="claim-state">{{stateName}}</span> <span class="prio prio-{{claim.priority}}">{{claim.priority}} priority</span>{{#claim.dueDate}} <span class="due{{#overdue}} late{{/overdue}}">due {{claim.dueDate}}{{#overdue}} · overdue{{/overdue}}</span>{{/claim.dueDate}}</p>
        <blockquote class="claim-quote" id="claim-text">{{claim.text}}</blockquote>
        <dl class="facts">
        <dt>Claimant</dt><dd id="claimant">{{claim.claimant}}</dd>
        {{#claim.saidOn}}<dt>Said on</dt><dd>{{claim.saidOn}}</dd>{{/claim.saidOn}}
        <dt>Assignee</dt><dd id="assignee">{{#claim.assignee}}{{claim.assignee}}{{/claim.assignee}}{{^claim.assignee}}nobody yet{{/claim.assignee}}</dd>
        {{#article}}<dt>Article</dt><dd><a href="/articles/{{id}}">A-{{id}} {{title}}</a> <span class="url">{{url}}</span></dd>{{/article}}
        {{#claim.rating}}<dt>Verdict</dt><dd><span class="rating">{{claim.rating}}</span></dd>{{/claim.rating}}
        {{#claim.publishedUrl}}<dt>Published at</dt><dd class="url">{{claim.publishedUrl}}</dd>{{/claim.publishedUrl}}
        <dt>Tags</dt><dd>{{#claim.tags}}<span class="tag">{{.}}</span> {{/claim.tags}}{{^claim.tags}}none{{/claim.tags}}</dd>
        <dt>Logged</dt><dd>by {{claim.createdBy}} on {{logged}}</dd>
        </dl>
        {{#context}}<p class="context">From the article: “{{context}}”</p>{{/context}}
        </header>
        {{#edit}}
        <details class="card edit" id="edit"{{#open}} open{{/open}}>
        <summary>Edit the details</summary>
        <form method="post" action="/claims/{{claim.id}}/edit" class="stack" id="edit-form">
        {{>csrf}}
        <input type="hidden" name="version" value="{{version}}">
        <input type="hidden" name="seen" value="{{seen}}">
        {{#wording}}<label for="edit-text">Claim</label><textarea id="edit-text" name="text" rows="3" required>{{text}}</textarea>
        <label for="edit-claimant">Claimant</label><input id="edit-claimant" name="claimant" required value="{{claimant}}">
        <label for="edit-said">Said on</label><input id="edit-said" name="said_on" type="date" value="{{saidOn}}">{{/wording}}
        {{^wording}}<p class="sub">The wording, claimant and date said stay as the verdict found them while it is in review or approved; return the verdict first to change them.</p>{{/wording}}
        <label for="edit-tags">Tags (separated by commas)</label><input id="edit-tags" name="tags" value="{{tags}}">
        <label for="edit-priority">Priority</label><select id="edit-priority" name="priority">{{#priorities}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/priorities}}</select>
        <label for="edit-due">Due on</label><input id="edit-due" name="due" type="date" value="{{due}}">
        <button type="submit">Save the details</button>
        </form>
        </details>
        {{/edit}}

        <section class="moves" id="moves" aria-labelledby="moves-h">
        <h2 id="moves-h">What you can do now</h2>
        {{#refusals}}<p class="refusal" role="note">{{.}}</p>{{/refusals}}
        <div class="move-grid">
        {{#moves}}{{>moveForm}}{{/moves}}
        </div>
        {{^moves}}{{^refusals}}<p class="empty">{{nothing}}</p>{{/refusals}}{{/moves}}
        </section>

        <div class="columns">
        <section class="card" id="sources" aria-labelledby="sources-h">
        <h2 id="sources-h">Sources <span class="count">{{sourceCount}}</span></h2>
        <div id="sources-list" data-live-part>
        <ul class="sources">
        {{#sources}}<li class="source{{#retracted}} retracted{{/retracted}}" id="source-{{id}}">
        <p><b>{{id}}</b> <span class="stance stance-{{stance}}">{{stance}}</span> <span class="kind">{{kind}}</span>{{#retracted}} <span class="badge">retracted</span>{{/retracted}}</p>
        <p>{{#title}}{{title}} · {{/title}}{{#publisher}}{{publisher}} · {{/publisher}}<span class="url">{{url}}</span></p>
        {{#note}}<p class="note">{{note}}</p>{{/note}}
        <p class="sub">added by {{addedBy}}{{#accessedOn}}, accessed {{accessedOn}}{{/accessedOn}}{{#archivedUrl}}, archived at <span class="url">{{archivedUrl}}</span>{{/archivedUrl}}{{#retractionReason}}; retracted by {{retractedBy}}: {{retractionReason}}{{/retractionReason}}</p>
        {{#mayRetract}}<form method="post" action="/sources/{{id}}/retract" class="inline">{{>csrf}}<input type="hidden" name="claim" value="{{claimId}}"><label for="retract-{{id}}">Reason to retract {{id}}</label><input id="retract-{{id}}" name="reason" required><button type="submit" class="quiet">Retract</button></form>{{/mayRetract}}
        </li>{{/sources}}
        </ul>
        {{^sources}}<p class="empty">No sources yet.</p>{{/sources}}
        </div>
        {{#sourceForm}}
        <form method="post" action="/claims/{{claim.id}}/sources" class="stack" id="source-form">
        {{>csrf}}
        <h3>Add a source</h3>
        <label for="s-url">Url</label><input id="s-url" name="url" type="url" required value="{{sourceTyped.url}}">
        <label for="s-title">Title</label><input id="s-title" name="title" value="{{sourceTyped.title}}">
        <label for="s-publisher">Publisher</label><input id="s-publisher" name="publisher" value="{{sourceTyped.publisher}}">
        <label for="s-kind">Kind</label><select id="s-kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select>
        <label for="s-stance">Stance</label><select id="s-stance" name="stance">{{#stances}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/stances}}</select>
        <label for="s-accessed">Accessed on</label><input id="s-accessed" name="accessed" type="date" value="{{sourceTyped.accessed}}">
        <label for="s-archived">Archived copy (url)</label><input id="s-archived" name="archived_url" type="url" value="{{sourceTyped.archived_url}}">
        <label for="s-note">Note</label><textarea id="s-note" name="note" rows="2">{{sourceTyped.note}}</textarea>
        <button type="submit">Add the source</button>
        </form>
        {{/sourceForm}}
        </section>

        <section class="card" id="verdicts" aria-labelledby="verdicts-h">
        <h2 id="verdicts-h">Verdicts</h2>
        <div id="verdicts-list" data-live-part>
        <ol class="verdicts">
        {{#verdicts}}<li class="verdict v-{{status}}"><p><span class="rating">{{rating}}</span> <span class="badge b-{{status}}">{{status}}</span> proposed by <b>{{proposedBy}}</b>{{#proposedAt}} on {{proposedAt}}{{/proposedAt}}{{#decidedBy}}; {{status}} by <b>{{decidedBy}}</b>{{/decidedBy}}</p>
        <p class="conclusion">{{conclusion}}</p>{{#returnReason}}<p class="sub">Returned: {{returnReason}}</p>{{/returnReason}}</li>{{/verdicts}}
        </ol>
        {{^verdicts}}<p class="empty">No verdict proposed yet.</p>{{/verdicts}}
        </div>
        </section>
        </div>

        <div class="columns">
        <section class="card" id="notes" aria-labelledby="notes-h">
        <h2 id="notes-h">Notes</h2>
        <div id="notes-list" data-live-part>
        <ul class="notes">{{#notes}}<li id="note-{{id}}"><p class="sub"><b>{{addedBy}}</b> · {{when}}</p><p class="note-body">{{body}}</p></li>{{/notes}}</ul>
        {{^notes}}<p class="empty">No notes yet.</p>{{/notes}}
        </div>
        <form method="post" action="/claims/{{claim.id}}/notes" class="stack" id="note-form">
        {{>csrf}}
        <label for="note-body">Add a note</label><textarea id="note-body" name="body" rows="3" required>{{typedNote}}</textarea>
        <button type="submit">Post the note</button>
        </form>
        </section>

        <section class="card" id="appearances" aria-labelledby="appearances-h">
        <h2 id="appearances-h">Appearances</h2>
        <ul class="plain">{{#appearances}}<li><span class="url">{{url}}</span>{{#isFirst}} <span class="badge">first</span>{{/isFirst}} <span class="sub">added by {{addedBy}}</span></li>{{/appearances}}</ul>
        {{^appearances}}<p class="empty">No appearances listed.</p>{{/appearances}}
        <h2>Already checked?</h2>
        {{#similarLoaded}}{{>similarList}}{{/similarLoaded}}
        {{^similarLoaded}}<div id="similar" data-load="/claims/{{claim.id}}/similar"><p><a href="/claims/{{claim.id}}/similar">Look for claims that read alike</a></p></div>{{/similarLoaded}}
        </section>
        </div>

        <section class="card" id="history" aria-labelledby="history-h">
        <h2 id="history-h">History</h2>
        <div id="history-list" data-live-part>
        <ol class="events">{{#history}}<li><span class="when">{{when}}</span> <b>{{actor}}</b> {{what}}{{#detail}} <span class="detail">{{detail}}</span>{{/detail}} <span class="sub">via {{channel}}</span></li>{{/history}}</ol>
        {{#pastCut}}<p id="past-cut">The newest shown; <a href="/claims/{{claim.id}}?past=all#history">show all {{historyCount}} events and {{verdictCount}} verdicts</a>.</p>{{/pastCut}}
        </div>
        </section>
        </article>

        """#

    static let articles = #"""
        <h1>Articles</h1>
        {{#mayAdd}}
        <details class="card"{{#open}} open{{/open}}>
        <summary>Log an article</summary>
        <form method="post" action="/articles" class="stack" id="article-form">
        {{>csrf}}
        <label for="a-url">Url</label><input id="a-url" name="url" type="url" required value="{{typed.url}}">
        <label for="a-title">Title</label><input id="a-title" name="title" value="{{typed.title}}">
        <label for="a-outlet">Outlet</label><input id="a-outlet" name="outlet" value="{{typed.outlet}}">
        <label for="a-byline">Byline</label><input id="a-byline" name="byline" value="{{typed.byline}}">
        <label for="a-published">Published on</label><input id="a-published" name="published" type="date" value="{{typed.published}}">
        <label for="a-text">The article's text (paste it here to rank its sentences)</label><textarea id="a-text" name="text" rows="10">{{typed.text}}</textarea>
        <button type="submit">Log the article</button>
        </form>
        </details>
        {{/mayAdd}}
        <ul class="claims">{{#articles}}<li class="claim-item"><div class="claim-body"><p class="claim-meta"><a class="claim-id" href="/articles/{{id}}">A-{{id}}</a> {{#outlet}}{{outlet}} · {{/outlet}}{{claimCount}} claims{{#hasText}} · text kept{{/hasText}}</p><p class="claim-text"><a href="/articles/{{id}}">{{#title}}{{title}}{{/title}}{{^title}}{{url}}{{/title}}</a></p><p class="url">{{url}}</p></div></li>{{/articles}}</ul>
        {{^articles}}<p class="empty">No articles logged yet.</p>{{/articles}}

        """#

    static let article = #"""
        <h1>A-{{article.id}} {{#article.title}}{{article.title}}{{/article.title}}</h1>
        <p class="sub">{{#article.outlet}}{{article.outlet}} · {{/article.outlet}}{{#article.byline}}{{article.byline}} · {{/article.byline}}{{#article.publishedOn}}published {{article.publishedOn}} · {{/article.publishedOn}}<span class="url">{{article.url}}</span></p>
        {{#hasText}}
        <section class="card" id="candidates">
        <h2>Every sentence by check-worthiness, best first</h2>
        <ol class="candidates">
        {{#candidates}}<li id="sentence-{{number}}">
        <p class="sentence"><span class="score{{#checkWorthy}} check-worthy{{/checkWorthy}}" title="chance a desk would check it">{{score}}</span> {{sentence}}</p>
        <ul class="features">{{#reasons}}<li>{{#lowers}}<b>against</b>: {{/lowers}}{{explanation}}</li>{{/reasons}}</ul>
        {{#mayLog}}<form method="post" action="/articles/{{article.id}}/claims" class="inline log-sentence">{{>csrf}}<input type="hidden" name="sentence" value="{{number}}"><label for="claimant-{{number}}">Claimant of sentence {{number}}</label><input id="claimant-{{number}}" name="claimant" required><button type="submit">Log this sentence</button></form>{{/mayLog}}
        </li>{{/candidates}}
        </ol>
        {{^candidates}}<p class="empty">No sentence of this text reads as checkable.</p>{{/candidates}}
        </section>
        <details class="card"><summary>The article's text</summary><div class="article-text">{{#paragraphs}}<p>{{.}}</p>{{/paragraphs}}</div></details>
        {{/hasText}}
        {{^hasText}}<p class="empty">This article was logged without its text, so it has no sentences to rank.</p>{{/hasText}}

        """#

    static let report = #"""
        <div class="heading"><h1>Desk report</h1></div>
        <form method="get" action="/report" class="filters card">
        <div class="field"><label for="r-since">Logged since</label><input id="r-since" name="since" type="date" value="{{since}}"></div>
        <div class="field"><label for="r-until">Logged until</label><input id="r-until" name="until" type="date" value="{{until}}"></div>
        <div class="actions"><button type="submit">Show</button></div>
        </form>
        <div class="report">{{{report}}}</div>

        """#

    static let users = #"""
        <h1>Users</h1>
        <table class="grid"><thead><tr><th scope="col">Handle</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>{{#users}}<tr><td>{{handle}}</td><td>{{name}}</td><td>{{role}}</td><td>{{#active}}active{{/active}}{{^active}}deactivated{{/active}}</td>
        <td>{{#active}}{{#mayManage}}<form method="post" action="/admin/users/{{handle}}/deactivate" class="inline">{{>csrf}}<button type="submit" class="quiet">Deactivate {{handle}}</button></form>{{/mayManage}}{{/active}}</td></tr>{{/users}}</tbody></table>
        {{#mayManage}}
        <form method="post" action="/admin/users" class="stack card" id="user-form">
        {{>csrf}}
        <h2>Add a user</h2>
        <label for="u-handle">Handle</label><input id="u-handle" name="handle" required autocapitalize="none" value="{{typed.handle}}">
        <label for="u-name">Name</label><input id="u-name" name="name" required value="{{typed.name}}">
        <label for="u-role">Role</label><select id="u-role" name="role">{{#roles}}<option value="{{.}}">{{.}}</option>{{/roles}}</select>
        <label for="u-password">Password (12 to 128 characters; optional)</label><input id="u-password" name="password" type="password" autocomplete="new-password">
        <button type="submit">Add the user</button>
        </form>
        {{/mayManage}}

        """#

    static let tokens = #"""
        <h1>API tokens</h1>
        {{#secret}}<div class="notice" role="status" id="secret"><p>The token <b>{{secretName}}</b>, shown only now; copy it into the script that uses it:</p><p><code class="secret">{{secret}}</code></p></div>{{/secret}}
        <table class="grid"><thead><tr><th scope="col">Token</th><th scope="col">Name</th><th scope="col">User</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>{{#tokens}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{handle}}</td><td>{{expires}}</td><td>{{lastUsed}}</td><td>{{status}}</td>
        <td>{{#live}}<form method="post" action="/admin/tokens/{{id}}/revoke" class="inline">{{>csrf}}<button type="submit" class="quiet">Revoke {{id}}</button></form>{{/live}}</td></tr>{{/tokens}}</tbody></table>
        {{^tokens}}<p class="empty">No tokens.</p>{{/tokens}}
        <form method="post" action="/admin/tokens" class="stack card">
        {{>csrf}}
        <h2>Create a token</h2>
        <label for="t-name">What it is for</label><input id="t-name" name="name" required>
        <label for="t-expires">Expires on (optional)</label><input id="t-expires" name="expires" type="date">
        <button type="submit">Create the token</button>
        </form>

        """#

    static let scale = #"""
        <h1>Rating scale: {{name}}</h1>
        <table class="grid"><thead><tr><th scope="col">Label</th><th scope="col">Value</th><th scope="col">Meaning</th></tr></thead>
        <tbody>{{#labels}}<tr><td><span class="rating">{{label}}</span></td><td>{{value}}</td><td>{{description}}</td></tr>{{/labels}}</tbody></table>
        {{#mayChange}}
        <form method="post" action="/admin/scale" class="stack card">
        {{>csrf}}
        <label for="scale-preset">Use another preset</label><select id="scale-preset" name="preset">{{#presets}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/presets}}</select>
        <p class="sub">Labels that verdicts already use are kept, retired.</p>
        <button type="submit">Use this scale</button>
        </form>
        {{/mayChange}}

        """#

    static let bulk = #"""
        <h1>{{title}}</h1>
        <section class="card" id="done"><h2>Done <span class="count">{{doneCount}}</span></h2>
        <ul class="plain">{{#done}}<li><a href="/claims/{{id}}">{{id}}</a> {{what}}</li>{{/done}}</ul>{{^done}}<p class="empty">Nothing.</p>{{/done}}</section>
        <section class="card alert-card" id="refused"><h2>Refused <span class="count">{{refusedCount}}</span></h2>
        <ul class="plain">{{#refused}}<li><a href="/claims/{{id}}">{{id}}</a>: {{why}}</li>{{/refused}}</ul>{{^refused}}<p class="empty">Nothing.</p>{{/refused}}</section>
        <p><a href="{{back}}">Back to the list</a></p>

        """#

    static let error = #"""
        <h1>{{heading}}</h1>
        <p><a href="{{back}}">{{backLabel}}</a></p>

        """#
}
