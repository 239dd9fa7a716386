-- Each node keeps open posts in memory (src/jobs/job_cache.hpp) and asks every second which
-- posts changed lately, so that a change made on another node reaches it: by this index.
CREATE INDEX jobs_updated ON jobs (updated_at);
