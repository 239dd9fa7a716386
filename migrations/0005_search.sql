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

-- REC-3: personalised recommendation, on unless switched off (NULL = never changed).
ALTER TABLE seeker_settings ADD COLUMN personalised INTEGER;

-- REC-3 groundwork: what a signed-in seeker searched for, kept only while personalised
-- recommendation is on and deleted when it is switched off. The detail is sealed under the
-- person's key; nothing is kept for anonymous visitors (JOB-5).
CREATE TABLE behaviour_events (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  detail_enc TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX behaviour_events_user ON behaviour_events (user_id, created_at);
