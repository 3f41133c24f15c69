-- Notes on a claim (SPEC section 11): the desk's discussion thread beside the workflow. A note
-- is never edited or deleted (the everyday role may only add and read them), and each one is
-- an audit event of its claim's stream like every other change. A note does not move the
-- claim's version: talking about a claim does not make someone else's open form stale.
CREATE TABLE claim_notes (
    id         bigserial PRIMARY KEY,
    claim_id   bigint NOT NULL REFERENCES claims (id),
    body       text NOT NULL CHECK (btrim(body) <> '' AND length(body) <= 4000),
    added_by   text NOT NULL REFERENCES users (handle),
    added_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_notes_claim_idx ON claim_notes (claim_id, id);

GRANT SELECT, INSERT ON claim_notes TO factcheck_app;
GRANT USAGE ON SEQUENCE claim_notes_id_seq TO factcheck_app;

-- Live updates name who made the change, so a page can say "changed by ben just now" without
-- reading the log for every event. Still ids and names only: no text of any claim.
CREATE OR REPLACE FUNCTION audit_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('factcheck_events', json_build_object(
        'id', NEW.id, 'claim_id', NEW.claim_id, 'stream', NEW.stream, 'action', NEW.action,
        'actor', NEW.actor)::text);
    RETURN NEW;
END
$$;
