-- How many applications each post holds in each state, kept beside the rows (HIR-1). A
-- recruiter's list shows the total with every page; counting it read every application to the
-- post, and on PostgreSQL each one's wide heap row (it carries the resume snapshot) unless
-- autovacuum had marked its page all-visible: 4–28 ms for 10,000 (docs/benchmarks.md).
-- Every write to `applications` adjusts it in the same transaction
-- (src/hiring/application_store.cpp); a future delete of applications must do the same.
CREATE TABLE application_totals (
  job_id TEXT NOT NULL REFERENCES jobs(id),
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (job_id, status)
);
INSERT INTO application_totals (job_id, status, n)
  SELECT job_id, status, COUNT(*) FROM applications GROUP BY job_id, status;
