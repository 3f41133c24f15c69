-- The database role of an audit event is the inserter's own, never a value it supplies.
-- This trigger runs as the caller (the chaining trigger runs as the schema's owner), and
-- fires first: PostgreSQL fires triggers of one kind in name order.
CREATE FUNCTION audit_events_stamp_role() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.db_role := current_user;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_events_a_stamp_role BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_stamp_role();
