-- Foundation: keys, policy versions, accounts, codes, sessions, consents, guardians, staff.
-- Timestamps are Unix seconds (BIGINT); flags are INTEGER 0/1; encrypted values are base64 TEXT.

-- System keys (blind-index key, IP-hash key, code key), each wrapped by the master key.
CREATE TABLE system_keys (
  name TEXT PRIMARY KEY,
  wrapped TEXT NOT NULL
);

CREATE TABLE policy_versions (
  version INTEGER PRIMARY KEY,
  text_hash TEXT NOT NULL,
  body TEXT NOT NULL,
  material INTEGER NOT NULL DEFAULT 1,
  published_at BIGINT NOT NULL
);

-- One row per person. Personal fields are encrypted under the person's data key, which is
-- stored wrapped by the master key; wiping wrapped_key crypto-shreds the row.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  wrapped_key TEXT,
  phone_index TEXT NOT NULL UNIQUE,
  phone_enc TEXT NOT NULL,
  email_index TEXT UNIQUE,
  email_enc TEXT,
  password_hash TEXT,
  birth_date_enc TEXT NOT NULL,
  is_minor INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',
  created_at BIGINT NOT NULL
);

CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  granted_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  device_label_enc TEXT,
  active_role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- One-time codes. target_index is the keyed hash of the phone or e-mail, never the value.
CREATE TABLE verification_codes (
  id TEXT PRIMARY KEY,
  target_index TEXT NOT NULL,
  purpose TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  ip_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  consumed_at BIGINT
);
CREATE INDEX verification_codes_target ON verification_codes (target_index, created_at);
CREATE INDEX verification_codes_ip ON verification_codes (ip_hash, created_at);

-- Locks on a code recipient (after wrong codes) or a password sign-in target ("pw:" prefix).
CREATE TABLE code_lockouts (
  target_index TEXT PRIMARY KEY,
  locked_until BIGINT NOT NULL
);

-- Wrong passwords per e-mail blind index within the current window.
CREATE TABLE sign_in_failures (
  target_index TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  first_at BIGINT NOT NULL
);

CREATE TABLE consents (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  policy_version INTEGER,
  granted_at BIGINT NOT NULL,
  ip_hash TEXT NOT NULL,
  withdrawn_at BIGINT
);
CREATE INDEX consents_user ON consents (user_id);

CREATE TABLE guardian_consents (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  name_enc TEXT NOT NULL,
  phone_enc TEXT NOT NULL,
  relationship TEXT NOT NULL,
  verified_at BIGINT NOT NULL
);

CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
