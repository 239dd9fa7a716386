-- Fewer index entries per application. Every apply wrote six B-tree entries; this leaves four
-- (the primary key, (job_id, seeker_id), applications_job_status and applications_seeker): on
-- PostgreSQL 27 % less WAL an apply and 25 % fewer bytes an application on disk
-- (docs/benchmarks.md, session 20). The recruiter's list reads the same orders from the two
-- indexes that remain for it:
-- * newest/oldest: a merge of one range of applications_job_status per state (no index now
--   starts (job_id, created_at));
-- * recently updated: applications_job_changed holds only applications that have changed. An
--   application still submitted has never changed (nothing returns to submitted), so its
--   updated_at is its created_at and its place in that order is its place in
--   applications_job_status. A new application is submitted, so an apply writes no entry here.
-- src/hiring/application_store.cpp (applications_of_job) builds that merge.
DROP INDEX applications_job;
DROP INDEX applications_job_updated;
CREATE INDEX applications_job_changed ON applications (job_id, status, updated_at, id)
  WHERE status <> 'submitted';
