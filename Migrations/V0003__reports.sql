-- Reports: CSV export and import.

-- A text cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a
-- carriage return) gets a leading apostrophe, as OWASP recommends. The same rule as
-- FactCheckCore's CSV.neutralized, for exports that stream straight from COPY. A text that
-- already starts with apostrophes before such a character gets one more, so that an import
-- takes exactly one off and every text round-trips.
CREATE FUNCTION csv_text(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN value ~ '^''*[=+@\t\r-]' THEN '''' || value ELSE value END
$$;

-- Times in reports: ISO 8601 in UTC, to the second, as spreadsheets read them.
CREATE FUNCTION iso_time(value timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_char(value AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;

-- Imports add nothing twice: each imported claim keeps the key of its row, an external id
-- from the file when it has one, else its normalised text and claimant.
ALTER TABLE claims ADD COLUMN import_key text;
CREATE UNIQUE INDEX claims_import_key_idx ON claims (import_key) WHERE import_key IS NOT NULL;
ALTER TABLE claims ADD COLUMN imported_from text;
