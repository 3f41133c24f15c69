-- The newsroom's workflow: people, the rating scale, articles, claims, sources, verdicts.
-- Rules live in the Swift domain; the constraints here make the same rules hold for any
-- client that writes to these tables directly.

CREATE TABLE users (
    handle      text PRIMARY KEY CHECK (handle ~ '^[a-z0-9][a-z0-9._-]{0,39}$'),
    name        text NOT NULL CHECK (btrim(name) <> ''),
    role        text NOT NULL CHECK (role IN ('editor', 'reviewer', 'admin')),
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text REFERENCES users (handle)
);

-- The active scale's labels, best first. Labels of an earlier scale that verdicts still
-- use stay as retired rows: a label in use is never removed.
CREATE TABLE rating_labels (
    label       text PRIMARY KEY CHECK (label ~ '^[a-z0-9][a-z0-9-]*$'),
    value       integer NOT NULL,
    position    integer NOT NULL,
    description text NOT NULL DEFAULT '',
    retired     boolean NOT NULL DEFAULT false
);

CREATE TABLE settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE articles (
    id           bigserial PRIMARY KEY,
    url          text NOT NULL UNIQUE CHECK (url ~ '^https?://'),
    title        text,
    outlet       text,
    byline       text,
    published_on date,
    body         text,
    created_by   text NOT NULL REFERENCES users (handle),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE claims (
    id              bigserial PRIMARY KEY,
    text            text NOT NULL CHECK (btrim(text) <> ''),
    normalized_text text NOT NULL,
    claimant        text NOT NULL CHECK (btrim(claimant) <> ''),
    said_on         date,
    article_id      bigint REFERENCES articles (id),
    context         text,
    tags            text[] NOT NULL DEFAULT '{}',
    priority        text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    due_on          date,
    assignee        text REFERENCES users (handle),
    state           text NOT NULL DEFAULT 'logged'
                    CHECK (state IN ('logged', 'researching', 'in_review', 'approved', 'published', 'rejected')),
    created_by      text NOT NULL REFERENCES users (handle),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz,
    published_url   text,
    version         integer NOT NULL DEFAULT 1,
    search          tsvector GENERATED ALWAYS AS (
                        to_tsvector('simple', text || ' ' || claimant)) STORED
);

-- One index per list filter; each ends in id so `ORDER BY id DESC LIMIT n` walks it.
CREATE INDEX claims_state_idx     ON claims (state, id);
CREATE INDEX claims_assignee_idx  ON claims (assignee, id);
CREATE INDEX claims_claimant_idx  ON claims (lower(claimant), id);
CREATE INDEX claims_created_idx   ON claims (created_at);
CREATE INDEX claims_tags_idx      ON claims USING gin (tags);
CREATE INDEX claims_search_idx    ON claims USING gin (search);
CREATE INDEX claims_normalized_idx ON claims (normalized_text);
CREATE INDEX claims_article_idx   ON claims (article_id);

-- Where else the claim was made. At most one is the first appearance.
CREATE TABLE appearances (
    id         bigserial PRIMARY KEY,
    claim_id   bigint NOT NULL REFERENCES claims (id),
    url        text NOT NULL CHECK (url ~ '^https?://'),
    is_first   boolean NOT NULL DEFAULT false,
    added_by   text NOT NULL REFERENCES users (handle),
    added_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (claim_id, url)
);
CREATE UNIQUE INDEX appearances_one_first_idx ON appearances (claim_id) WHERE is_first;

CREATE TABLE sources (
    id                bigserial PRIMARY KEY,
    claim_id          bigint NOT NULL REFERENCES claims (id),
    url               text NOT NULL CHECK (url ~ '^https?://'),
    title             text,
    publisher         text,
    kind              text NOT NULL DEFAULT 'other' CHECK (kind IN
                      ('primary_document', 'official_data', 'transcript', 'interview', 'expert', 'news_report', 'other')),
    stance            text NOT NULL DEFAULT 'context' CHECK (stance IN ('supports', 'refutes', 'context')),
    accessed_on       date,
    archived_url      text CHECK (archived_url ~ '^https?://'),
    note              text,
    added_by          text NOT NULL REFERENCES users (handle),
    added_at          timestamptz NOT NULL DEFAULT now(),
    retracted_at      timestamptz,
    retracted_by      text REFERENCES users (handle),
    retraction_reason text,
    CHECK ((retracted_at IS NULL) = (retracted_by IS NULL))
);
CREATE INDEX sources_claim_idx ON sources (claim_id, id);

-- Every proposal is kept. status: proposed → returned | approved; approved → superseded
-- when a correction is approved later. The rating's value and the scale's bounds are
-- copied so that a later change of scale does not rewrite a published rating.
CREATE TABLE verdicts (
    id             bigserial PRIMARY KEY,
    claim_id       bigint NOT NULL REFERENCES claims (id),
    rating         text NOT NULL REFERENCES rating_labels (label),
    rating_value   integer NOT NULL,
    best_value     integer NOT NULL,
    worst_value    integer NOT NULL,
    conclusion     text NOT NULL CHECK (btrim(conclusion) <> ''),
    status         text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'returned', 'approved', 'superseded')),
    proposed_by    text NOT NULL REFERENCES users (handle),
    proposed_at    timestamptz NOT NULL DEFAULT now(),
    decided_by     text REFERENCES users (handle),
    decided_at     timestamptz,
    return_reason  text,
    -- Four eyes, held by the database too.
    CHECK (decided_by IS NULL OR decided_by <> proposed_by)
);
CREATE INDEX verdicts_claim_idx ON verdicts (claim_id, id);
CREATE UNIQUE INDEX verdicts_one_pending_idx  ON verdicts (claim_id) WHERE status = 'proposed';
CREATE UNIQUE INDEX verdicts_one_current_idx  ON verdicts (claim_id) WHERE status = 'approved';
