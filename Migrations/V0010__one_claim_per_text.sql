-- One claim per normalised text, held by the database whatever the timing.
--
-- `claim add` and imports looked for a claim with the same normalised text before inserting,
-- with nothing behind the look: writers at the same moment each found none and each logged
-- the claim. A unique index now holds the rule for every writer. It indexes a digest of the
-- text, because a btree entry must fit in a third of a page and a claim of 5,000 characters
-- need not; for the same reason the digest index replaces the plain index on the text
-- (claims_normalized_idx), and the import key (which holds the text when a row has no
-- external id) is indexed by its digest too.
--
-- A database may already hold claims that repeat an earlier claim's text. None is dropped or
-- changed: each later one is marked with duplicate_of (the earliest claim of that text), the
-- mark is written to the claim's audit chain, and the unique index covers the unmarked
-- claims only. `db migrate` and `db status` list the marked claims not yet rejected, with
-- the command that resolves each.

-- SHA-256 of a text's UTF-8 bytes. convert_to is only STABLE (conversions are looked up in
-- the catalog), but into UTF-8 its result depends on nothing but its input, so the digest is
-- IMMUTABLE, as an index expression must be.
CREATE FUNCTION text_digest(value text) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT sha256(convert_to(value, 'UTF8'))
$$;

ALTER TABLE claims ADD COLUMN duplicate_of bigint REFERENCES claims (id),
    ADD CONSTRAINT claims_duplicate_of_other CHECK (duplicate_of <> id);

WITH texts AS (
    SELECT id, first_value(id) OVER (PARTITION BY normalized_text ORDER BY id) AS first FROM claims
)
UPDATE claims c SET duplicate_of = t.first FROM texts t WHERE t.id = c.id AND t.first <> c.id;

-- The mark is a change to the claim: its chain says who made it (the migration) and when.
INSERT INTO audit_events (stream, actor, action, claim_id, object, after)
SELECT 'claim:' || id, 'db migrate', 'claim.marked_duplicate', id, 'C-' || id,
       jsonb_build_object('duplicate_of', 'C-' || duplicate_of)
FROM claims WHERE duplicate_of IS NOT NULL ORDER BY id;

CREATE UNIQUE INDEX claims_normalized_digest_idx ON claims (text_digest(normalized_text))
    WHERE duplicate_of IS NULL;
DROP INDEX claims_normalized_idx;

CREATE UNIQUE INDEX claims_import_key_digest_idx ON claims (text_digest(import_key))
    WHERE import_key IS NOT NULL;
DROP INDEX claims_import_key_idx;

-- What `db status` lists: the marked claims, usually none.
CREATE INDEX claims_duplicates_idx ON claims (id) WHERE duplicate_of IS NOT NULL;
