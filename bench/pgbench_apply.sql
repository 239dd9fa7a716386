-- pgbench script: the statements PostgreSQL runs for one application (POST /api/v1/applications)
-- by a seeker whose session is not cached, issued by pgbench instead of the server, to measure
-- what PostgreSQL alone can do with them on the same machine (the ceiling for the server's apply
-- rate there). The INSERT goes to scratch copies of applications and resume_snapshots (same
-- columns and indexes, no foreign keys), every transaction with a new seeker id, as the
-- benchmark's applies are; like the server's on PostgreSQL, it stores the resume's snapshot
-- unless that version's is stored already (migration 0014: here it is, after the first
-- transaction, as it is for a seeker's every application after their first with a version),
-- in the same statement as the application (the checks do not read it). The server sends the
-- INSERTs of concurrent applies as one statement (a batch of rows); here each is its own, so
-- this is the ceiling without that batching.
--
--   psql "$URL" -c 'CREATE TABLE apps_copy (LIKE applications INCLUDING ALL)' \
--     -c 'CREATE TABLE snapshots_copy (LIKE resume_snapshots INCLUDING ALL)'
--   pgbench "$URL" -n -M prepared -c 16 -j 2 -T 10 -f bench/pgbench_apply.sql \
--     -D job=<open job id> -D resume=<a resume id> -D token=<token_hash of a live session>
--   psql "$URL" -c 'DROP TABLE apps_copy, snapshots_copy'
--
\set n random(1, 2000000000)
SELECT s.id, s.user_id, s.active_role, s.device_label_enc, s.created_at, s.last_seen_at, s.expires_at, (SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = s.user_id) FROM sessions s WHERE s.token_hash = :token AND s.revoked_at IS NULL AND s.expires_at > 0;
SELECT j.status, j.expires_at, j.company_id, j.title, c.name, r.user_id, r.title, r.version, CASE WHEN EXISTS (SELECT 1 FROM company_blocks b WHERE b.user_id = 'u_' || :n AND b.company_id = j.company_id) THEN 1 ELSE 0 END FROM jobs j LEFT JOIN companies c ON c.id = j.company_id LEFT JOIN resumes r ON r.id = :resume WHERE j.id = :job;
WITH ok AS (SELECT 'a_' || :n AS id, CAST(:job AS text) AS job_id, j.company_id, 'u_' || :n AS seeker_id, r.id AS resume_id, r.title, r.id || ':' || r.version AS snapshot_id, r.content, r.identity_enc FROM jobs j, resumes r WHERE j.id = :job AND r.id = :resume), ins AS (INSERT INTO apps_copy (id, job_id, company_id, seeker_id, resume_id, resume_title, snapshot_id, status, created_at, updated_at, viewed_at) SELECT id, job_id, company_id, seeker_id, resume_id, title, snapshot_id, 'submitted', 1, 1, NULL FROM ok ON CONFLICT (job_id, seeker_id) DO NOTHING RETURNING id), snap AS (INSERT INTO snapshots_copy (id, seeker_id, content, identity_enc, created_at) SELECT ok.snapshot_id, ok.seeker_id, ok.content, ok.identity_enc, 1 FROM ok JOIN ins ON ins.id = ok.id ON CONFLICT (id) DO NOTHING) SELECT COUNT(*) FROM ins;
