-- A post's totals per status are kept in several rows, one for each of the apply batches that
-- may run at once on PostgreSQL (`flight`, src/store/combiner.hpp), and read as their sum. With
-- one row per (post, status), two batches of applications to the same post each updated that
-- row, so the second waited for the first's commit and fsync: concurrent batches were no faster
-- than one (docs/benchmarks.md, sessions 14 and 16). A status change adds to flight 0, so one
-- flight's row may go negative; only the sum means anything.
CREATE TABLE application_totals_by_flight (
  job_id TEXT NOT NULL REFERENCES jobs(id),
  status TEXT NOT NULL,
  flight INTEGER NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (job_id, status, flight)
);
INSERT INTO application_totals_by_flight (job_id, status, flight, n)
  SELECT job_id, status, 0, n FROM application_totals;
DROP TABLE application_totals;
ALTER TABLE application_totals_by_flight RENAME TO application_totals;
-- postgresql only: SQLite's automatic index follows the table's name by itself.
ALTER INDEX application_totals_by_flight_pkey RENAME TO application_totals_pkey;
