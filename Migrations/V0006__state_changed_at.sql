-- When a claim entered its current state, for the desk report's "waiting longest".
--
-- Existing claims take the time of the last audit event that moved them into their current
-- state (state changes write the new state into the event's after), else the time they were
-- logged. From then on a trigger keeps it right, whichever client changes the state.

ALTER TABLE claims ADD COLUMN state_changed_at timestamptz;

UPDATE claims c SET state_changed_at = coalesce(
    (SELECT max(e.occurred_at) FROM audit_events e
     WHERE e.claim_id = c.id AND e.after->>'state' = c.state),
    c.created_at);

ALTER TABLE claims ALTER COLUMN state_changed_at SET DEFAULT now();
ALTER TABLE claims ALTER COLUMN state_changed_at SET NOT NULL;

CREATE FUNCTION claims_state_changed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.state_changed_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER claims_state_changed_at BEFORE UPDATE OF state ON claims
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION claims_state_changed_at();

-- The report's oldest claim in each state walks this index: one row per state.
CREATE INDEX claims_state_changed_idx ON claims (state, state_changed_at, id);
