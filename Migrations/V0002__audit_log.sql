-- The audit log: append-only in the database itself, and hash-chained.
--
-- Events form one chain per stream ('claim:42', 'article:7', 'user:ana', 'scale'), so that
-- writers on different claims never wait for one another; each stream's newest seq and
-- hash are kept in audit_heads, so that removing a stream's newest events is detectable.
-- `factcheck audit verify` recomputes every chain with audit_event_hash and compares the
-- ends with audit_heads.

CREATE TABLE audit_events (
    id          bigserial PRIMARY KEY,
    stream      text NOT NULL,
    seq         bigint NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    db_role     text NOT NULL DEFAULT current_user,
    action      text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
    claim_id    bigint,
    object      text,
    before      jsonb,
    after       jsonb,
    prev_hash   text NOT NULL,
    hash        text NOT NULL,
    UNIQUE (stream, seq)
);
CREATE INDEX audit_events_claim_idx ON audit_events (claim_id, id) WHERE claim_id IS NOT NULL;
CREATE INDEX audit_events_actor_idx ON audit_events (actor, id);
CREATE INDEX audit_events_time_idx  ON audit_events (occurred_at);

CREATE TABLE audit_heads (
    stream     text PRIMARY KEY,
    seq        bigint NOT NULL,
    hash       text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The hash of one event: SHA-256 over a JSON array of its fields and the previous hash.
-- A JSON array is unambiguous whatever the fields contain; jsonb's text form is canonical.
CREATE FUNCTION audit_event_hash(
    prev_hash text, stream text, seq bigint, occurred_at timestamptz, actor text, db_role text,
    action text, claim_id bigint, object text, before jsonb, after jsonb
) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT encode(sha256(convert_to(jsonb_build_array(
        prev_hash, stream, seq,
        (extract(epoch FROM occurred_at) * 1000000)::bigint,
        actor, db_role, action, claim_id, object, before, after)::text, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head audit_heads%ROWTYPE;
BEGIN
    INSERT INTO audit_heads (stream, seq, hash) VALUES (NEW.stream, 0, repeat('0', 64))
        ON CONFLICT (stream) DO NOTHING;
    SELECT * INTO head FROM audit_heads WHERE stream = NEW.stream FOR UPDATE;
    NEW.seq := head.seq + 1;
    NEW.prev_hash := head.hash;
    NEW.occurred_at := now();
    NEW.hash := audit_event_hash(NEW.prev_hash, NEW.stream, NEW.seq, NEW.occurred_at, NEW.actor,
        NEW.db_role, NEW.action, NEW.claim_id, NEW.object, NEW.before, NEW.after);
    UPDATE audit_heads SET seq = NEW.seq, hash = NEW.hash, updated_at = now() WHERE stream = NEW.stream;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_chain();

CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'history is corrected by appending an event, never by rewriting one';
END
$$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- The heads move only forward, and only through the chaining trigger above.
CREATE FUNCTION audit_heads_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.seq <> OLD.seq + 1 OR NEW.stream <> OLD.stream THEN
        RAISE EXCEPTION 'audit chain heads only move forward: % is refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_heads_forward_only BEFORE UPDATE OR DELETE ON audit_heads
    FOR EACH ROW EXECUTE FUNCTION audit_heads_forward_only();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
