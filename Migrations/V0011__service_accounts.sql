-- The service (SPEC section 10): passwords, browser sessions, API tokens, login throttling,
-- and the channel every audit event came through.
--
-- Nothing secret is stored as given: a password as its bcrypt hash, a session id and an API
-- token as their SHA-256 (both are 256 random bits, so a fast hash is enough: there is
-- nothing to guess). Sessions and throttles live here, not in a process, so several service
-- instances behind one address share them.

ALTER TABLE users
    ADD COLUMN password_hash text,
    ADD COLUMN password_changed_at timestamptz;

CREATE TABLE user_sessions (
    id_hash      bytea PRIMARY KEY CHECK (length(id_hash) = 32),
    handle       text NOT NULL REFERENCES users (handle),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    address      text
);
CREATE INDEX user_sessions_handle_idx ON user_sessions (handle) WHERE ended_at IS NULL;

CREATE TABLE api_tokens (
    id           bigserial PRIMARY KEY,
    handle       text NOT NULL REFERENCES users (handle),
    name         text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
    secret_hash  bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_on   date,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   text REFERENCES users (handle)
);
-- One live token of a name per user; a revoked name can be used again.
CREATE UNIQUE INDEX api_tokens_live_name_key ON api_tokens (handle, name) WHERE revoked_at IS NULL;

CREATE TABLE login_failures (
    id        bigserial PRIMARY KEY,
    handle    text NOT NULL,
    address   text NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_handle_idx ON login_failures (handle, failed_at);
CREATE INDEX login_failures_address_idx ON login_failures (address, failed_at);

GRANT SELECT, INSERT, UPDATE ON user_sessions, api_tokens TO factcheck_app;
GRANT SELECT, INSERT, DELETE ON login_failures TO factcheck_app;
GRANT USAGE ON SEQUENCE api_tokens_id_seq, login_failures_id_seq TO factcheck_app;

-- The channel (cli, web, api) and what it came through (a token's T-n, a session's short
-- fingerprint) are part of every event, and of its hash. Events of the command line before
-- this migration hash as they always did: an event with channel 'cli' and no `via` hashes
-- over the same eleven fields; any other event hashes over thirteen. So changing a web
-- event into a cli one, or dropping its `via`, breaks its hash like any other edit.
ALTER TABLE audit_events
    ADD COLUMN channel text NOT NULL DEFAULT 'cli' CHECK (channel IN ('cli', 'web', 'api')),
    ADD COLUMN via text;

CREATE FUNCTION audit_event_hash(
    prev_hash text, stream text, seq bigint, occurred_at timestamptz, actor text, db_role text,
    action text, claim_id bigint, object text, before jsonb, after jsonb, channel text, via text
) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT encode(sha256(convert_to((CASE WHEN channel = 'cli' AND via IS NULL
        THEN jsonb_build_array(prev_hash, stream, seq, (extract(epoch FROM occurred_at) * 1000000)::bigint,
                               actor, db_role, action, claim_id, object, before, after)
        ELSE jsonb_build_array(prev_hash, stream, seq, (extract(epoch FROM occurred_at) * 1000000)::bigint,
                               actor, db_role, action, claim_id, object, before, after, channel, via)
        END)::text, 'UTF8')), 'hex')
$$;

CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    head audit_heads%ROWTYPE;
BEGIN
    SELECT * INTO head FROM audit_heads WHERE stream = NEW.stream FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO audit_heads (stream, seq, hash) VALUES (NEW.stream, 0, repeat('0', 64))
            ON CONFLICT (stream) DO NOTHING;
        SELECT * INTO head FROM audit_heads WHERE stream = NEW.stream FOR UPDATE;
    END IF;
    NEW.seq := head.seq + 1;
    NEW.prev_hash := head.hash;
    NEW.occurred_at := now();
    NEW.hash := audit_event_hash(NEW.prev_hash, NEW.stream, NEW.seq, NEW.occurred_at, NEW.actor,
        NEW.db_role, NEW.action, NEW.claim_id, NEW.object, NEW.before, NEW.after, NEW.channel, NEW.via);
    UPDATE audit_heads SET seq = NEW.seq, hash = NEW.hash, updated_at = now() WHERE stream = NEW.stream;
    RETURN NEW;
END
$$;

-- The import's set-based first events, with their channel. The earlier signature stays and
-- means the command line.
CREATE FUNCTION audit_append_first_events(events audit_event_input[], channel text, via text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    appended bigint;
BEGIN
    WITH e AS MATERIALIZED (
        SELECT x.*,
               audit_event_hash(repeat('0', 64), x.stream, 1, now(), x.actor, session_user::text, x.action,
                                x.claim_id, x.object, x.before, x.after, channel, via) AS hash
        FROM unnest(events) WITH ORDINALITY AS x(stream, actor, action, claim_id, object, before, after, n)
    ), heads AS (
        INSERT INTO audit_heads (stream, seq, hash) SELECT stream, 1, hash FROM e
    )
    INSERT INTO audit_events (stream, seq, occurred_at, actor, db_role, action, claim_id, object,
                              before, after, prev_hash, hash, channel, via)
    SELECT stream, 1, now(), actor, session_user, action, claim_id, object, before, after, repeat('0', 64), hash,
           channel, via
    FROM e ORDER BY n;
    GET DIAGNOSTICS appended = ROW_COUNT;
    RETURN appended;
END
$$;

REVOKE ALL ON FUNCTION audit_append_first_events(audit_event_input[], text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append_first_events(audit_event_input[], text, text) TO factcheck_app;

-- Live updates: every committed event names its claim (or stream) and sequence, ids only.
CREATE FUNCTION audit_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('factcheck_events', json_build_object(
        'id', NEW.id, 'claim_id', NEW.claim_id, 'stream', NEW.stream, 'action', NEW.action)::text);
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_events_zz_notify AFTER INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_notify();
