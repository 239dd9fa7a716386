-- The resume as sent (HIR-1, RES-7), kept once per version of a resume and shared by every
-- application sent with that version. A seeker applies to many posts with one resume; a copy
-- in each application was personal data kept many times over, and on PostgreSQL the largest
-- part of what every apply wrote to disk (docs/benchmarks.md, session 19). A snapshot taken by
-- applying is named `<resume id>:<version>`: a resume's version changes with every save of it, so
-- the name says which content it holds. Each application stored before this migration keeps its
-- own copy, named after the application. `identity_enc` stays the resume's own ciphertext,
-- sealed under the seeker's key and bound to the resume's id, so applying still decrypts
-- nothing and crypto-shredding the seeker still covers every snapshot. `snapshot_id` has no
-- foreign key: PostgreSQL would lock the shared snapshot's row, a write to its page, for every
-- application sent with it. Each writer stores the snapshot in the same statement or transaction
-- as the application (src/hiring/application_store.cpp), and both go with the seeker's account.
CREATE TABLE resume_snapshots (
  id TEXT PRIMARY KEY,
  seeker_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  content TEXT NOT NULL,
  identity_enc TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
INSERT INTO resume_snapshots (id, seeker_id, content, identity_enc, created_at)
SELECT 'application:' || id, seeker_id, snapshot_content, snapshot_identity_enc, created_at
FROM applications;
ALTER TABLE applications ADD COLUMN snapshot_id TEXT;
UPDATE applications SET snapshot_id = 'application:' || id;
-- postgresql only (SQLite cannot add the constraint to an existing column; every writer sets it)
ALTER TABLE applications ALTER COLUMN snapshot_id SET NOT NULL;
ALTER TABLE applications DROP COLUMN snapshot_content;
ALTER TABLE applications DROP COLUMN snapshot_identity_enc;
