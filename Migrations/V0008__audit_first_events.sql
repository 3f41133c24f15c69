-- A set-based way to start many streams at once (an import's `claim.logged` events), and
-- cheaper guards on the everyday path.
--
-- The chaining trigger costs a few statements per event; an import of 100,000 claims spent
-- most of its time there. Every stream an import starts is new, so its first event's chain
-- fields are known without reading anything: seq 1, a zero previous hash, and the hash of
-- the event itself. audit_append_first_events computes them in one statement and inserts
-- the heads in another; inserting a head that exists fails, so the function can only start
-- streams, never extend or rewrite one.
--
-- Rows that arrive with their chain fields filled in skip the stamping and chaining
-- triggers. Only the schema's owner may send such rows (the function runs as the owner);
-- anyone else is refused before any trigger runs, so the app role still cannot choose its
-- own seq, hash or db_role.

CREATE TYPE audit_event_input AS (
    stream text, actor text, action text, claim_id bigint, object text, before jsonb, after jsonb
);

CREATE FUNCTION audit_events_refuse_prechained() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are chained by the database: prev_hash is not yours to give'
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'insert the event without seq, prev_hash and hash';
END
$$;

DROP TRIGGER audit_events_a_stamp_role ON audit_events;
DROP TRIGGER audit_events_chain ON audit_events;

-- The owner's name is fixed into the guard when it is created: a trigger's WHEN clause
-- cannot look it up, and a WHEN clause costs no function call on the common path.
DO $$
BEGIN
    EXECUTE format($f$
        CREATE TRIGGER audit_events_0_prechained_guard BEFORE INSERT ON audit_events
            FOR EACH ROW WHEN (NEW.prev_hash IS NOT NULL AND NOT pg_has_role(current_user, %L, 'MEMBER'))
            EXECUTE FUNCTION audit_events_refuse_prechained()
        $f$, current_user);
END
$$;

-- db_role defaults to current_user, evaluated as the inserter; the stamp only runs when a
-- writer gave another value. A WHEN clause is evaluated without calling PL/pgSQL, so an
-- honest insert (every insert the app makes) compiles and calls one function, not two.
CREATE TRIGGER audit_events_a_stamp_role BEFORE INSERT ON audit_events
    FOR EACH ROW WHEN (NEW.prev_hash IS NULL AND NEW.db_role IS DISTINCT FROM current_user)
    EXECUTE FUNCTION audit_events_stamp_role();
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
    FOR EACH ROW WHEN (NEW.prev_hash IS NULL) EXECUTE FUNCTION audit_events_chain();

-- The heads' guard, the same way: the refusal is only called for a move that is not one
-- step forward, and for deletes.
DROP TRIGGER audit_heads_forward_only ON audit_heads;
CREATE TRIGGER audit_heads_forward_only BEFORE UPDATE ON audit_heads
    FOR EACH ROW WHEN (NEW.seq <> OLD.seq + 1 OR NEW.stream <> OLD.stream)
    EXECUTE FUNCTION audit_heads_forward_only();
CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads
    FOR EACH ROW EXECUTE FUNCTION audit_heads_forward_only();

-- Appends the first event of each given stream, in the order given. The database role
-- recorded is the session's login role (inside this function current_user is the owner).
CREATE FUNCTION audit_append_first_events(events audit_event_input[]) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    appended bigint;
BEGIN
    WITH e AS MATERIALIZED (
        SELECT x.*,
               audit_event_hash(repeat('0', 64), x.stream, 1, now(), x.actor, session_user::text, x.action,
                                x.claim_id, x.object, x.before, x.after) AS hash
        FROM unnest(events) WITH ORDINALITY AS x(stream, actor, action, claim_id, object, before, after, n)
    ), heads AS (
        INSERT INTO audit_heads (stream, seq, hash) SELECT stream, 1, hash FROM e
    )
    INSERT INTO audit_events (stream, seq, occurred_at, actor, db_role, action, claim_id, object,
                              before, after, prev_hash, hash)
    SELECT stream, 1, now(), actor, session_user, action, claim_id, object, before, after, repeat('0', 64), hash
    FROM e ORDER BY n;
    GET DIAGNOSTICS appended = ROW_COUNT;
    RETURN appended;
END
$$;

REVOKE ALL ON FUNCTION audit_append_first_events(audit_event_input[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append_first_events(audit_event_input[]) TO factcheck_app;
GRANT USAGE ON TYPE audit_event_input TO factcheck_app;
