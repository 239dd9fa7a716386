-- Resumes (RES-1). `content` holds the sections a masked view may show; `identity_enc` holds the
-- identifying fields (name, phone, e-mail, WeChat, birth month, hukou city, avatar,
-- attachments) sealed under the owner's person key (SEC-2). `version` backs the ETag.
CREATE TABLE resumes (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  visibility TEXT NOT NULL,
  content TEXT NOT NULL,
  identity_enc TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX resumes_user ON resumes (user_id);

-- RES-2: work entries switched to "hide me from this company", by company id when the seeker
-- picked a registered company and always by folded name, so a company registered later is
-- matched too. Rebuilt with every save of the resume.
CREATE TABLE resume_hidden_companies (
  resume_id TEXT NOT NULL REFERENCES resumes(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  company_id TEXT,
  company_name_fold TEXT NOT NULL
);
CREATE INDEX resume_hidden_user ON resume_hidden_companies (user_id);

-- RES-9: companies a seeker blocked.
CREATE TABLE company_blocks (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, company_id)
);

-- RES-11: per-person switches; no row means the defaults.
CREATE TABLE seeker_settings (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  allow_recruiter_contact INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);

-- RES-10: requests handled by staff, e.g. removing the last resume while the account stays.
CREATE TABLE support_requests (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  object_id TEXT,
  note TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX support_requests_user ON support_requests (user_id);

-- SEC-4: staff ask for a grant with a reason; another staff member approves it.
CREATE TABLE grant_requests (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  reason TEXT NOT NULL,
  hours BIGINT NOT NULL,
  status TEXT NOT NULL,
  decided_by TEXT,
  grant_id TEXT,
  created_at BIGINT NOT NULL,
  decided_at BIGINT
);

-- SEC-3 / RES-8: an access record also names the viewer's company, the object read and the
-- fields disclosed, so "who viewed me" can answer without joining anything personal.
ALTER TABLE access_records ADD COLUMN actor_company_id TEXT;
ALTER TABLE access_records ADD COLUMN object_id TEXT;
ALTER TABLE access_records ADD COLUMN fields TEXT;
