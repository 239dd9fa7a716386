-- pgbench script: the statements PostgreSQL runs for one application (POST /api/v1/applications)
-- by a seeker whose session is not cached, issued by pgbench instead of the server, to measure
-- what PostgreSQL alone can do with them on the same machine (the ceiling for the server's apply
-- rate there). The INSERT goes to a scratch copy of applications (same columns and indexes, no
-- foreign keys), every transaction with a new seeker id, as the benchmark's applies are; like
-- the server's on PostgreSQL, it copies the snapshot from the resume (the checks do not read it).
-- The server sends the INSERTs of concurrent applies as one statement (a batch of rows); here
-- each is its own, so this is the ceiling without that batching.
--
--   psql "$URL" -c 'CREATE TABLE apps_copy (LIKE applications INCLUDING ALL)'
--   pgbench "$URL" -n -M prepared -c 16 -j 2 -T 10 -f bench/pgbench_apply.sql \
--     -D job=<open job id> -D resume=<a resume id> -D token=<token_hash of a live session>
--   psql "$URL" -c 'DROP TABLE apps_copy'
--
\set n random(1, 2000000000)
SELECT s.id, s.user_id, s.active_role, s.device_label_enc, s.created_at, s.last_seen_at, s.expires_at, (SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = s.user_id) FROM sessions s WHERE s.token_hash = :token AND s.revoked_at IS NULL AND s.expires_at > 0;
SELECT j.status, j.expires_at, j.company_id, j.title, c.name, r.user_id, r.title, CASE WHEN EXISTS (SELECT 1 FROM company_blocks b WHERE b.user_id = 'u_' || :n AND b.company_id = j.company_id) THEN 1 ELSE 0 END FROM jobs j LEFT JOIN companies c ON c.id = j.company_id LEFT JOIN resumes r ON r.id = :resume WHERE j.id = :job;
INSERT INTO apps_copy (id, job_id, company_id, seeker_id, resume_id, resume_title, snapshot_content, snapshot_identity_enc, status, created_at, updated_at, viewed_at) SELECT 'a_' || :n, :job, j.company_id, 'u_' || :n, r.id, r.title, r.content, r.identity_enc, 'submitted', 1, 1, NULL FROM jobs j, resumes r WHERE j.id = :job AND r.id = :resume ON CONFLICT (job_id, seeker_id) DO NOTHING;
