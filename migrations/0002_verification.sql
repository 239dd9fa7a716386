-- Staff second factor and sessions, access grants and records, the audit chain, files,
-- companies, verifications, invitations, business cards.

ALTER TABLE staff ADD COLUMN totp_secret_enc TEXT;
ALTER TABLE staff ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

CREATE TABLE staff_sessions (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);

-- SEC-4: a staff member reads personal data only under an approved, time-limited grant.
CREATE TABLE access_grants (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  reason TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX access_grants_staff ON access_grants (staff_id, purpose);

-- SEC-3/SEC-4: who read whose data, what and why.
CREATE TABLE access_records (
  id TEXT PRIMARY KEY,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  subject_user_id TEXT NOT NULL,
  data_kind TEXT NOT NULL,
  purpose TEXT NOT NULL,
  grant_id TEXT,
  at BIGINT NOT NULL
);
CREATE INDEX access_records_subject ON access_records (subject_user_id, at);

-- Append-only, hash-chained record of staff and operator actions. Ids only, no personal data.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

-- Uploaded files, sealed under the uploader's key.
CREATE TABLE files (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  content_enc TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX files_owner ON files (owner_id);

CREATE TABLE companies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  uscc TEXT NOT NULL UNIQUE,
  city_code TEXT NOT NULL,
  industry TEXT NOT NULL,
  size TEXT NOT NULL,
  description TEXT NOT NULL,
  logo_file_id TEXT,
  email_domain TEXT,
  email_domain_verified INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);

-- One ID number, one account: the keyed hash of each ID number claimed by a verification.
CREATE TABLE id_claims (
  id_index TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE
);

-- VER-1 / VER-2 / VER-5: one row per submission; kind says which check it is.
CREATE TABLE verifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  provider TEXT NOT NULL,
  company_id TEXT REFERENCES companies(id),
  details_enc TEXT NOT NULL,
  id_index TEXT,
  email_token_hash TEXT UNIQUE,
  reason TEXT,
  submitted_at BIGINT NOT NULL,
  decided_at BIGINT,
  decided_by TEXT
);
CREATE INDEX verifications_user ON verifications (user_id, kind);
CREATE INDEX verifications_status ON verifications (status, submitted_at);

CREATE TABLE company_members (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  company_id TEXT NOT NULL REFERENCES companies(id),
  joined_via TEXT NOT NULL,
  joined_at BIGINT NOT NULL
);
CREATE INDEX company_members_company ON company_members (company_id);

CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  inviter_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  email_index TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  accepted_by TEXT,
  accepted_at BIGINT
);

-- VER-6: what others see of a recruiter or headhunter; display name sealed (may be a real name).
CREATE TABLE business_cards (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  display_name_enc TEXT NOT NULL,
  job_title TEXT,
  title_visible INTEGER NOT NULL DEFAULT 1,
  avatar_file_id TEXT,
  profile TEXT,
  updated_at BIGINT NOT NULL
);
