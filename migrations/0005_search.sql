-- The search outbox: one row per change that a search index must follow, written in the same
-- transaction as the change itself. kind 'job' names a job post; kind 'seeker' names a person
-- whose resumes (with their blocks and "hide me" switches) must be indexed again. The indexer
-- re-reads the current rows, so applying a row twice or out of order gives the same index.
CREATE TABLE search_outbox (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  object_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  applied_at BIGINT
);
CREATE INDEX search_outbox_pending ON search_outbox (applied_at, created_at);
CREATE INDEX search_outbox_created ON search_outbox (created_at);
