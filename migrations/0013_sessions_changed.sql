-- A node keeps the sessions it has checked in memory (src/identity/session_cache.hpp) and asks
-- every second which sessions changed lately, so a revocation or a role change made on another
-- node reaches it within about a second. Everything that changes what a session grants sets
-- `changed_at` (src/identity/identity_store.cpp): a revocation, a switch of active role, a new
-- role for the user. Deleting a session row hides it from the watch, so a future account deletion
-- must revoke its sessions first. Partial: the index holds only the few sessions ever changed,
-- and a new session or a last-seen write does not touch it.
ALTER TABLE sessions ADD COLUMN changed_at BIGINT;
CREATE INDEX sessions_changed ON sessions (changed_at) WHERE changed_at IS NOT NULL;
