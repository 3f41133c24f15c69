-- "Already checked?": similar claims by trigram similarity of their normalised text.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX claims_normalized_trgm_idx ON claims USING gin (normalized_text gin_trgm_ops);
