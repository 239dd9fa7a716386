-- Applications (HIR-1, RES-5, RES-7; SEC-5: a transaction record). One per job and seeker: the
-- unique key turns concurrent double-clicks into one row. The resume as sent is kept: its
-- content (the part a masked view may show) in the clear, its identifying part as the very
-- ciphertext the resume held, sealed under the seeker's key and bound to `resume_id`, so
-- applying never decrypts anything and crypto-shredding the seeker covers the snapshot too.
-- `company_id` is copied from the post so a recruiter's list needs no join.
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  job_id TEXT NOT NULL REFERENCES jobs(id),
  company_id TEXT NOT NULL REFERENCES companies(id),
  seeker_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  resume_id TEXT NOT NULL,
  resume_title TEXT NOT NULL,
  snapshot_content TEXT NOT NULL,
  snapshot_identity_enc TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  viewed_at BIGINT,
  UNIQUE (job_id, seeker_id)
);
CREATE INDEX applications_job ON applications (job_id, created_at);
CREATE INDEX applications_job_status ON applications (job_id, status, created_at);
CREATE INDEX applications_seeker ON applications (seeker_id, created_at);

-- Every state an application passed through, with who moved it: what the seeker sees (HIR-1).
CREATE TABLE application_events (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  note TEXT,
  at BIGINT NOT NULL
);
CREATE INDEX application_events_app ON application_events (application_id, at);

-- In-app notifications (delivery channels come with messaging). `payload` names objects by id
-- and public labels (job title, company name), never another person's personal data.
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  object_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);

-- HIR-2: a recruiter or headhunter invites a seeker, found through one of their resumes, to
-- apply to a post or to chat; only while RES-11 allows it.
CREATE TABLE contact_invitations (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  company_id TEXT REFERENCES companies(id),
  recruiter_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  seeker_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  resume_id TEXT NOT NULL,
  job_id TEXT REFERENCES jobs(id),
  message TEXT,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  responded_at BIGINT
);
CREATE INDEX contact_invitations_seeker ON contact_invitations (seeker_id, created_at);
CREATE INDEX contact_invitations_recruiter ON contact_invitations (recruiter_id, created_at);

-- HIR-3: interviews on an application. The contact person's name and phone are the
-- recruiter's personal data, sealed under the key of the recruiter who proposed the interview.
CREATE TABLE interviews (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  seeker_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  recruiter_id TEXT NOT NULL REFERENCES users(id),
  starts_at BIGINT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  mode TEXT NOT NULL,
  place TEXT,
  link TEXT,
  contact_enc TEXT NOT NULL,
  status TEXT NOT NULL,
  decline_reason TEXT,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX interviews_application ON interviews (application_id);
CREATE INDEX interviews_seeker ON interviews (seeker_id, starts_at);

-- COM-4, RES-6: a pool number bound to one (recruiter, seeker, application) for a limited time.
-- A binding is live while `ended_at` is NULL and `expires_at` is in the future; a number is
-- never live for two pairs that share a caller (checked when binding).
CREATE TABLE number_bindings (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  recruiter_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  seeker_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  provider_ref TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ended_at BIGINT
);
CREATE INDEX number_bindings_recruiter ON number_bindings (recruiter_id, expires_at);
CREATE INDEX number_bindings_seeker ON number_bindings (seeker_id, expires_at);
CREATE INDEX number_bindings_number ON number_bindings (number, expires_at);

-- JOB-4: saved posts and followed companies.
CREATE TABLE saved_jobs (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  job_id TEXT NOT NULL REFERENCES jobs(id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, job_id)
);
CREATE TABLE company_follows (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  company_id TEXT NOT NULL REFERENCES companies(id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, company_id)
);
