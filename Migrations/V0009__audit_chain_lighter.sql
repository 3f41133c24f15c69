-- The chaining trigger, lighter on the everyday path.
--
-- V0002's trigger first tried to insert the stream's head (ON CONFLICT DO NOTHING) on every
-- event, although only a stream's first event finds no head. It now locks the head first
-- and inserts one only when there is none; the chain it writes is the same, hash for hash.
-- Two first events of one new stream at once still meet at the head's primary key: the
-- second waits for the first, inserts nothing and then locks the head the first wrote.

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
        NEW.db_role, NEW.action, NEW.claim_id, NEW.object, NEW.before, NEW.after);
    UPDATE audit_heads SET seq = NEW.seq, hash = NEW.hash, updated_at = now() WHERE stream = NEW.stream;
    RETURN NEW;
END
$$;

-- The event hash is a one-line SQL function that the trigger's expression should absorb.
-- Declared IMMUTABLE, it was not: its body calls jsonb_build_array, which is STABLE, and the
-- planner inlines no function whose body is more volatile than its declaration. So every
-- transaction ran it through the SQL-function executor, parsing and planning its body anew
-- (8% of a busy desk's database time). STABLE is what it is; the hash is unchanged.
ALTER FUNCTION audit_event_hash(text, text, bigint, timestamptz, text, text, text, bigint, text, jsonb, jsonb) STABLE;
