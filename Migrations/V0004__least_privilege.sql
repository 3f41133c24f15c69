-- Least privilege: a role for everyday use. It can run every workflow command, and no more:
-- no DDL, no UPDATE, DELETE or TRUNCATE on the audit log, no way to disable its guards
-- (only a table's owner may), and the chain heads move only through the chaining trigger.
--
-- Log in as a member of it, e.g.
--   CREATE ROLE desk LOGIN PASSWORD '…' IN ROLE factcheck_app;
-- and point factcheck at that login. Migrations stay with the owner of the schema.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'factcheck_app') THEN
        CREATE ROLE factcheck_app NOLOGIN;
    END IF;
EXCEPTION
    -- Roles belong to the whole cluster: another database migrating at the same moment may
    -- have created it between our check and our CREATE.
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO factcheck_app;

GRANT SELECT ON factcheck_migrations TO factcheck_app;
GRANT SELECT, INSERT, UPDATE ON users, claims, sources, verdicts, settings TO factcheck_app;
GRANT SELECT, INSERT ON articles, appearances TO factcheck_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON rating_labels TO factcheck_app;
GRANT SELECT, INSERT ON audit_events TO factcheck_app;
GRANT SELECT ON audit_heads TO factcheck_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO factcheck_app;

-- The chaining trigger writes audit_heads on the inserter's behalf; it runs as the schema's
-- owner, with a fixed search path so that no caller can slip in objects of its own.
ALTER FUNCTION audit_events_chain() SECURITY DEFINER SET search_path = public, pg_temp;
