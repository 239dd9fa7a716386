// SQL for codes, accounts, roles, sessions and guardians. Every function runs on the caller's
// session so the service decides the transaction.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/connection.hpp"

namespace hiresafe::identity::store {

struct CodeRow {
  std::string id, target_index, purpose, code_hash, ip_hash;
  long long created_at = 0, expires_at = 0, attempts = 0;
};

std::optional<long long> locked_until(soci::session& sql, const std::string& target);
void lock_target(soci::session& sql, const std::string& target, long long until);
// Codes created at or after `since` for a target / from an IP: how many, and the oldest.
struct Window {
  long long count = 0, oldest = 0, newest = 0;
};
Window codes_for_target(soci::session& sql, const std::string& target, long long since);
Window codes_for_ip(soci::session& sql, const std::string& ip_hash, long long since);
void retire_codes(soci::session& sql, const std::string& target, const std::string& purpose,
                  long long now);
void insert_code(soci::session& sql, const CodeRow& row);
std::optional<CodeRow> live_code(soci::session& sql, const std::string& target,
                                 const std::string& purpose, long long now);
// Counts a wrong password for `target` within a window of `window` seconds; returns the count.
long long count_password_failure(soci::session& sql, const std::string& target, long long now,
                                 long long window);
void clear_password_failures(soci::session& sql, const std::string& target);
// Lifts the password lock and failure count of the user's e-mail, if they have one.
void clear_password_lock(soci::session& sql, const std::string& user_id);
void count_failed_attempt(soci::session& sql, const std::string& code_id);
// Marks the code used; false when another request used it first.
bool consume_code(soci::session& sql, const std::string& code_id, long long now);

struct UserRow {
  std::string id, wrapped_key, phone_enc, birth_date_enc, status;
  std::optional<std::string> email_enc, password_hash;
  bool is_minor = false;
  long long created_at = 0;
};
std::optional<UserRow> user_by_id(hiresafe::store::Conn& sql, const std::string& id);
std::optional<UserRow> user_by_phone(hiresafe::store::Conn& sql, const std::string& phone_index);
std::optional<UserRow> user_by_email(hiresafe::store::Conn& sql, const std::string& email_index);
void insert_user(soci::session& sql, const UserRow& row, const std::string& phone_index,
                 const std::optional<std::string>& email_index);
void set_credentials(soci::session& sql, const std::string& user_id, const std::string& email_index,
                     const std::string& email_enc, const std::string& password_hash);
void set_password(soci::session& sql, const std::string& user_id, const std::string& hash);
bool email_taken(soci::session& sql, const std::string& email_index,
                 const std::string& except_user);

void add_role(soci::session& sql, const std::string& user_id, const std::string& role,
              long long now);
std::vector<std::string> roles_of(soci::session& sql, const std::string& user_id);

struct SessionRow {
  std::string id, token_hash, user_id, active_role;
  std::optional<std::string> device_label_enc;
  long long created_at = 0, last_seen_at = 0, expires_at = 0;
};
void insert_session(soci::session& sql, const SessionRow& row);
// The live (unrevoked, unexpired) session with this token hash, if any, with its user's roles
// (sorted): what every request without a cached session reads, so it is one prepared statement.
struct LiveSession {
  SessionRow session;
  std::vector<std::string> roles;
};
std::optional<LiveSession> live_session(hiresafe::store::Conn& conn, const std::string& token_hash,
                                        long long now);
std::vector<SessionRow> live_sessions_of(soci::session& sql, const std::string& user_id,
                                         long long now);
// Writes last-seen for each session id; never moves it backwards (batched touches may arrive
// out of order).
void touch_sessions(hiresafe::store::Conn& conn,
                    const std::vector<std::pair<std::string, long long>>& last_seen);
// Each change to what a session grants (revocation, active role, add_role) stamps the session's
// changed_at, which sessions_changed_since reads for the other nodes' caches.
bool revoke_session(soci::session& sql, const std::string& user_id, const std::string& session_id,
                    long long now);
long long revoke_sessions(soci::session& sql, const std::string& user_id, long long now,
                          const std::string& except_session);
void set_active_role(soci::session& sql, const std::string& session_id, const std::string& role,
                     long long now);
// Ids of the sessions changed at or after `since`.
std::vector<std::string> sessions_changed_since(soci::session& sql, long long since);

struct GuardianRow {
  std::string user_id, name_enc, phone_enc, relationship;
  long long verified_at = 0;
};
void upsert_guardian(soci::session& sql, const GuardianRow& row);
bool has_guardian(hiresafe::store::Conn& sql, const std::string& user_id);

}  // namespace hiresafe::identity::store
