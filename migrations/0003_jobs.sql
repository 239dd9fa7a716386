-- Job posts (JOB-1). Money in whole CNY per month; coordinates optional; tags a JSON array.
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  recruiter_id TEXT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL,
  title TEXT NOT NULL,
  category_id TEXT NOT NULL,
  city_code TEXT NOT NULL,
  address TEXT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  salary_min BIGINT NOT NULL,
  salary_max BIGINT NOT NULL,
  salary_months INTEGER NOT NULL,
  education TEXT NOT NULL,
  experience_years INTEGER NOT NULL,
  work_type TEXT NOT NULL,
  headcount INTEGER NOT NULL,
  description TEXT NOT NULL,
  skill_tags TEXT NOT NULL,
  valid_days INTEGER NOT NULL,
  rules_version INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX jobs_company ON jobs (company_id, status);
CREATE INDEX jobs_open ON jobs (status, expires_at);
