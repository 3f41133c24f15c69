-- The desk key (docs/citus.md, "The distribution key"): every piece of work belongs to a desk.
--
-- A `desks` table (a reference table on Citus) with row 1 for the desk this database has held
-- so far, and `desk_id` on the nine tables that would be distributed by it. Every row already
-- stored belongs to desk 1 (the column's default, also for every writer that does not name a
-- desk yet). Every primary key and unique index of those tables includes desk_id, under its
-- old name (the store maps constraint names to errors), and a foreign key between them names
-- the desk on both sides, so that nothing links one desk's rows to another's. The keys become
-- per desk: one claim per text per desk, one url per desk, one chain per stream per desk.
--
-- desk_id comes last in each widened index: until the store filters by desk, `WHERE id = $1`
-- and `(stream, seq) > (...)` walk `(id, desk_id)` and `(stream, seq, desk_id)` as they walked
-- `(id)` and `(stream, seq)`; with a desk filter they are single-desk lookups all the same.
--
-- Cost on a large database: no table is rewritten (a column with a constant default is a
-- catalog change), but the 17 widened keys are built again and every new foreign key is
-- checked by one scan of its table, all in one transaction that holds the nine tables'
-- exclusive locks, so the desk waits for it: 19 s on 1,000,000 claims with 1,020,000 audit
-- events and 1,000,000 chain heads (2.5 GB; 2 busy cores), most of it the claims' and the
-- audit log's keys. Plan it as a pause of that order per million claims.
--
-- The audit chain is kept per (desk_id, stream); the hash of an event is unchanged (it does not
-- cover the desk), so every chain already written verifies as before.

CREATE TABLE desks (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL UNIQUE CHECK (btrim(name) <> '' AND length(name) <= 200),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO desks (id, name) VALUES (1, 'desk 1');
SELECT setval('desks_id_seq', 1);
GRANT SELECT ON desks TO factcheck_app;

-- The links between desk tables go first: they hold on the keys about to be widened.
ALTER TABLE claims DROP CONSTRAINT claims_article_id_fkey, DROP CONSTRAINT claims_duplicate_of_fkey;
ALTER TABLE appearances DROP CONSTRAINT appearances_claim_id_fkey;
ALTER TABLE sources DROP CONSTRAINT sources_claim_id_fkey;
ALTER TABLE verdicts DROP CONSTRAINT verdicts_claim_id_fkey;
ALTER TABLE claim_notes DROP CONSTRAINT claim_notes_claim_id_fkey;

-- The key, its rows in desk 1, and the keys of each table widened under their old names.
ALTER TABLE articles
    ADD COLUMN desk_id bigint NOT NULL DEFAULT 1 REFERENCES desks (id),
    DROP CONSTRAINT articles_pkey, ADD CONSTRAINT articles_pkey PRIMARY KEY (id, desk_id),
    DROP CONSTRAINT articles_url_key, ADD CONSTRAINT articles_url_key UNIQUE (url, desk_id);

ALTER TABLE claims
    ADD COLUMN desk_id bigint NOT NULL DEFAULT 1 REFERENCES desks (id),
    DROP CONSTRAINT claims_pkey, ADD CONSTRAINT claims_pkey PRIMARY KEY (id, desk_id);
DROP INDEX claims_normalized_digest_idx;
CREATE UNIQUE INDEX claims_normalized_digest_idx ON claims (text_digest(normalized_text), desk_id)
    WHERE duplicate_of IS NULL;
DROP INDEX claims_import_key_digest_idx;
CREATE UNIQUE INDEX claims_import_key_digest_idx ON claims (text_digest(import_key), desk_id)
    WHERE import_key IS NOT NULL;

ALTER TABLE appearances
    ADD COLUMN desk_id bigint NOT NULL DEFAULT 1 REFERENCES desks (id),
    DROP CONSTRAINT appearances_pkey, ADD CONSTRAINT appearances_pkey PRIMARY KEY (id, desk_id),
    DROP CONSTRAINT appearances_claim_id_url_key, ADD CONSTRAINT appearances_claim_id_url_key UNIQUE (claim_id, url, desk_id);
DROP INDEX appearances_one_first_idx;
CREATE UNIQUE INDEX appearances_one_first_idx ON appearances (claim_id, desk_id) WHERE is_first;

ALTER TABLE sources
    ADD COLUMN desk_id bigint NOT NULL DEFAULT 1 REFERENCES desks (id),
    DROP CONSTRAINT sources_pkey, ADD CONSTRAINT sources_pkey PRIMARY KEY (id, desk_id);

ALTER TABLE verdicts
    ADD COLUMN desk_id bigint NOT NULL DEFAULT 1 REFERENCES desks (id),
    DROP CONSTRAINT verdicts_pkey, ADD CONSTRAINT verdicts_pkey PRIMARY KEY (id, desk_id);
DROP INDEX verdicts_one_pending_idx;
CREATE UNIQUE INDEX verdicts_one_pending_idx ON verdicts (claim_id, desk_id) WHERE status = 'proposed';
DROP INDEX verdicts_one_current_idx;
CREATE UNIQUE INDEX verdicts_one_current_idx ON verdicts (claim_id, desk_id) WHERE status = 'approved';

ALTER TABLE claim_notes
    ADD COLUMN desk_id bigint NOT NULL DEFAULT 1 REFERENCES desks (id),
    DROP CONSTRAINT claim_notes_pkey, ADD CONSTRAINT claim_notes_pkey PRIMARY KEY (id, desk_id);

-- Adding a column fires no row trigger: the append-only guards see nothing.
ALTER TABLE audit_events
    ADD COLUMN desk_id bigint NOT NULL DEFAULT 1 REFERENCES desks (id),
    DROP CONSTRAINT audit_events_pkey, ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id, desk_id),
    DROP CONSTRAINT audit_events_stream_seq_key, ADD CONSTRAINT audit_events_stream_seq_key UNIQUE (stream, seq, desk_id);

ALTER TABLE audit_heads
    ADD COLUMN desk_id bigint NOT NULL DEFAULT 1 REFERENCES desks (id),
    DROP CONSTRAINT audit_heads_pkey, ADD CONSTRAINT audit_heads_pkey PRIMARY KEY (stream, desk_id);

ALTER TABLE settings
    ADD COLUMN desk_id bigint NOT NULL DEFAULT 1 REFERENCES desks (id),
    DROP CONSTRAINT settings_pkey, ADD CONSTRAINT settings_pkey PRIMARY KEY (key, desk_id);

-- The links again, within one desk (docs/citus.md, rule 3), under their old names.
ALTER TABLE claims
    ADD CONSTRAINT claims_article_id_fkey FOREIGN KEY (desk_id, article_id) REFERENCES articles (desk_id, id),
    ADD CONSTRAINT claims_duplicate_of_fkey FOREIGN KEY (desk_id, duplicate_of) REFERENCES claims (desk_id, id);
ALTER TABLE appearances
    ADD CONSTRAINT appearances_claim_id_fkey FOREIGN KEY (desk_id, claim_id) REFERENCES claims (desk_id, id);
ALTER TABLE sources
    ADD CONSTRAINT sources_claim_id_fkey FOREIGN KEY (desk_id, claim_id) REFERENCES claims (desk_id, id);
ALTER TABLE verdicts
    ADD CONSTRAINT verdicts_claim_id_fkey FOREIGN KEY (desk_id, claim_id) REFERENCES claims (desk_id, id);
ALTER TABLE claim_notes
    ADD CONSTRAINT claim_notes_claim_id_fkey FOREIGN KEY (desk_id, claim_id) REFERENCES claims (desk_id, id);

-- One chain per stream per desk: the event's desk picks its head. The hash is V0011's.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    head audit_heads%ROWTYPE;
BEGIN
    SELECT * INTO head FROM audit_heads WHERE stream = NEW.stream AND desk_id = NEW.desk_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO audit_heads (stream, desk_id, seq, hash) VALUES (NEW.stream, NEW.desk_id, 0, repeat('0', 64))
            ON CONFLICT (stream, desk_id) DO NOTHING;
        SELECT * INTO head FROM audit_heads WHERE stream = NEW.stream AND desk_id = NEW.desk_id FOR UPDATE;
    END IF;
    NEW.seq := head.seq + 1;
    NEW.prev_hash := head.hash;
    NEW.occurred_at := now();
    NEW.hash := audit_event_hash(NEW.prev_hash, NEW.stream, NEW.seq, NEW.occurred_at, NEW.actor,
        NEW.db_role, NEW.action, NEW.claim_id, NEW.object, NEW.before, NEW.after, NEW.channel, NEW.via);
    UPDATE audit_heads SET seq = NEW.seq, hash = NEW.hash, updated_at = now()
        WHERE stream = NEW.stream AND desk_id = NEW.desk_id;
    RETURN NEW;
END
$$;

-- A head stays in its desk as it stays in its stream.
CREATE OR REPLACE FUNCTION audit_heads_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.seq <> OLD.seq + 1 OR NEW.stream <> OLD.stream OR NEW.desk_id <> OLD.desk_id THEN
        RAISE EXCEPTION 'audit chain heads only move forward: % is refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER audit_heads_forward_only ON audit_heads;
CREATE TRIGGER audit_heads_forward_only BEFORE UPDATE ON audit_heads
    FOR EACH ROW WHEN (NEW.seq <> OLD.seq + 1 OR NEW.stream <> OLD.stream OR NEW.desk_id <> OLD.desk_id)
    EXECUTE FUNCTION audit_heads_forward_only();

-- The import's set-based first events, for the importer's desk. The earlier signatures stay
-- and mean desk 1 (their rows take the default); each head insert still fails on a stream the
-- desk has already started, so none of them can extend or rewrite a chain.
CREATE FUNCTION audit_append_first_events(events audit_event_input[], channel text, via text, desk bigint)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    appended bigint;
BEGIN
    WITH e AS MATERIALIZED (
        SELECT x.*,
               audit_event_hash(repeat('0', 64), x.stream, 1, now(), x.actor, session_user::text, x.action,
                                x.claim_id, x.object, x.before, x.after, channel, via) AS hash
        FROM unnest(events) WITH ORDINALITY AS x(stream, actor, action, claim_id, object, before, after, n)
    ), heads AS (
        INSERT INTO audit_heads (desk_id, stream, seq, hash) SELECT desk, stream, 1, hash FROM e
    )
    INSERT INTO audit_events (desk_id, stream, seq, occurred_at, actor, db_role, action, claim_id, object,
                              before, after, prev_hash, hash, channel, via)
    SELECT desk, stream, 1, now(), actor, session_user, action, claim_id, object, before, after, repeat('0', 64), hash,
           channel, via
    FROM e ORDER BY n;
    GET DIAGNOSTICS appended = ROW_COUNT;
    RETURN appended;
END
$$;

REVOKE ALL ON FUNCTION audit_append_first_events(audit_event_input[], text, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append_first_events(audit_event_input[], text, text, bigint) TO factcheck_app;
