-- Last-seen is written to many sessions at once (IdentityService::flush_touches, under load up
-- to one row for each request of the last second). On a full page PostgreSQL writes each new row
-- version to another page and adds it to all three of the table's indexes; with room left on
-- the page the update stays there and touches no index (a HOT update, as `last_seen_at` is not
-- indexed): a batch of 3,000 took 69–94 ms before, 16–23 ms after (docs/benchmarks.md, session
-- 15). Pages written from now on keep 30 % free; pages already full keep their rows until a
-- `VACUUM FULL sessions` rewrites them (the operator's choice: it locks the table).
-- postgresql only: SQLite updates a row where it is.
ALTER TABLE sessions SET (fillfactor = 70);
