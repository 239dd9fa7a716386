#include "identity/identity_store.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "store/database.hpp"

namespace hiresafe::identity::store {

using hiresafe::store::Conn;
using hiresafe::store::OptInt;
using hiresafe::store::OptText;
using soci::into;
using soci::use;

namespace {
long long affected(soci::statement& st) {
  return st.get_affected_rows();
}

constexpr const char* kUserColumns =
    "id, wrapped_key, phone_enc, email_enc, password_hash, birth_date_enc, is_minor, status, "
    "created_at";

std::optional<UserRow> user_where(Conn& conn, const char* column, const std::string& value) {
  UserRow u;
  OptText wrapped, email, password;
  int minor = 0;
  const bool found = conn.once(
      std::string("SELECT ") + kUserColumns + " FROM users WHERE " + column + " = :v", use(value),
      into(u.id), into(wrapped.value, wrapped.ind), into(u.phone_enc),
      into(email.value, email.ind), into(password.value, password.ind), into(u.birth_date_enc),
      into(minor), into(u.status), into(u.created_at));
  if (!found) return std::nullopt;
  u.wrapped_key = wrapped.get().value_or("");
  u.email_enc = email.get();
  u.password_hash = password.get();
  u.is_minor = minor != 0;
  return u;
}

Window window(soci::session& sql, const char* column, const std::string& value, long long since) {
  Window w;
  OptInt oldest, newest;
  sql << std::string(
             "SELECT COUNT(*), MIN(created_at), MAX(created_at) FROM verification_codes "
             "WHERE ") +
             column + " = :v AND created_at > :since",
      use(value), use(since), into(w.count), into(oldest.value, oldest.ind),
      into(newest.value, newest.ind);
  w.oldest = oldest.get().value_or(0);
  w.newest = newest.get().value_or(0);
  return w;
}

std::vector<SessionRow> sessions_where(soci::session& sql, const std::string& where,
                                       const std::string& key, long long now) {
  std::vector<SessionRow> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT id, token_hash, user_id, active_role, device_label_enc, created_at, "
                      "last_seen_at, expires_at FROM sessions WHERE " +
                          where +
                          " = :k AND revoked_at IS NULL AND expires_at > :now ORDER BY created_at",
       use(key), use(now));
  for (const auto& r : rs) {
    SessionRow s;
    s.id = r.get<std::string>(0);
    s.token_hash = r.get<std::string>(1);
    s.user_id = r.get<std::string>(2);
    s.active_role = r.get<std::string>(3);
    if (r.get_indicator(4) == soci::i_ok) s.device_label_enc = r.get<std::string>(4);
    s.created_at = hiresafe::store::row_int(r, 5);
    s.last_seen_at = hiresafe::store::row_int(r, 6);
    s.expires_at = hiresafe::store::row_int(r, 7);
    out.push_back(std::move(s));
  }
  return out;
}
}  // namespace

std::optional<long long> locked_until(soci::session& sql, const std::string& target) {
  OptInt until;
  sql << "SELECT locked_until FROM code_lockouts WHERE target_index = :t", use(target),
      into(until.value, until.ind);
  return sql.got_data() ? until.get() : std::nullopt;
}

void lock_target(soci::session& sql, const std::string& target, long long until) {
  sql << "INSERT INTO code_lockouts (target_index, locked_until) VALUES (:t, :u) "
         "ON CONFLICT (target_index) DO UPDATE SET locked_until = excluded.locked_until",
      use(target), use(until);
}

Window codes_for_target(soci::session& sql, const std::string& target, long long since) {
  return window(sql, "target_index", target, since);
}
Window codes_for_ip(soci::session& sql, const std::string& ip_hash, long long since) {
  return window(sql, "ip_hash", ip_hash, since);
}

void retire_codes(soci::session& sql, const std::string& target, const std::string& purpose,
                  long long now) {
  sql << "UPDATE verification_codes SET consumed_at = :now WHERE target_index = :t AND "
         "purpose = :p AND consumed_at IS NULL",
      use(now), use(target), use(purpose);
}

void insert_code(soci::session& sql, const CodeRow& c) {
  sql << "INSERT INTO verification_codes (id, target_index, purpose, code_hash, ip_hash, "
         "created_at, expires_at, attempts) VALUES (:id, :t, :p, :h, :ip, :c, :e, 0)",
      use(c.id), use(c.target_index), use(c.purpose), use(c.code_hash), use(c.ip_hash),
      use(c.created_at), use(c.expires_at);
}

std::optional<CodeRow> live_code(soci::session& sql, const std::string& target,
                                 const std::string& purpose, long long now) {
  CodeRow c;
  sql << "SELECT id, target_index, purpose, code_hash, ip_hash, created_at, expires_at, attempts "
         "FROM verification_codes WHERE target_index = :t AND purpose = :p AND consumed_at IS "
         "NULL AND expires_at > :now ORDER BY created_at DESC LIMIT 1",
      use(target), use(purpose), use(now), into(c.id), into(c.target_index), into(c.purpose),
      into(c.code_hash), into(c.ip_hash), into(c.created_at), into(c.expires_at), into(c.attempts);
  if (!sql.got_data()) return std::nullopt;
  return c;
}

long long count_password_failure(soci::session& sql, const std::string& target, long long now,
                                 long long window) {
  const long long window_start = now - window;
  sql << "INSERT INTO sign_in_failures (target_index, failures, first_at) VALUES (:t, 1, :now) "
         "ON CONFLICT (target_index) DO UPDATE SET "
         "failures = CASE WHEN sign_in_failures.first_at < :ws THEN 1 "
         "ELSE sign_in_failures.failures + 1 END, "
         "first_at = CASE WHEN sign_in_failures.first_at < :ws2 THEN :now2 "
         "ELSE sign_in_failures.first_at END",
      use(target), use(now), use(window_start), use(window_start), use(now);
  long long failures = 0;
  sql << "SELECT failures FROM sign_in_failures WHERE target_index = :t", use(target),
      into(failures);
  return failures;
}

void clear_password_failures(soci::session& sql, const std::string& target) {
  sql << "DELETE FROM sign_in_failures WHERE target_index = :t", use(target);
}

void clear_password_lock(soci::session& sql, const std::string& user_id) {
  OptText email;
  sql << "SELECT email_index FROM users WHERE id = :u", use(user_id), into(email.value, email.ind);
  if (!email.get()) return;
  const std::string lock = "pw:" + email.value;
  sql << "DELETE FROM code_lockouts WHERE target_index = :t", use(lock);
  sql << "DELETE FROM sign_in_failures WHERE target_index = :t", use(email.value);
}

void count_failed_attempt(soci::session& sql, const std::string& code_id) {
  sql << "UPDATE verification_codes SET attempts = attempts + 1 WHERE id = :id", use(code_id);
}

bool consume_code(soci::session& sql, const std::string& code_id, long long now) {
  soci::statement st = (sql.prepare << "UPDATE verification_codes SET consumed_at = :now WHERE "
                                       "id = :id AND consumed_at IS NULL",
                        use(now), use(code_id));
  st.execute(true);
  return affected(st) == 1;
}

std::optional<UserRow> user_by_id(Conn& sql, const std::string& id) {
  return user_where(sql, "id", id);
}
std::optional<UserRow> user_by_phone(Conn& sql, const std::string& phone_index) {
  return user_where(sql, "phone_index", phone_index);
}
std::optional<UserRow> user_by_email(Conn& sql, const std::string& email_index) {
  return user_where(sql, "email_index", email_index);
}

void insert_user(soci::session& sql, const UserRow& u, const std::string& phone_index,
                 const std::optional<std::string>& email_index) {
  soci::indicator email_ind = email_index ? soci::i_ok : soci::i_null;
  soci::indicator email_enc_ind = u.email_enc ? soci::i_ok : soci::i_null;
  soci::indicator pw_ind = u.password_hash ? soci::i_ok : soci::i_null;
  std::string email_index_v = email_index.value_or(""), email_enc_v = u.email_enc.value_or(""),
              pw_v = u.password_hash.value_or("");
  int minor = u.is_minor ? 1 : 0;
  sql << "INSERT INTO users (id, wrapped_key, phone_index, phone_enc, email_index, email_enc, "
         "password_hash, birth_date_enc, is_minor, status, created_at) VALUES (:id, :k, :pi, :pe, "
         ":ei, :ee, :pw, :bd, :m, :s, :c)",
      use(u.id), use(u.wrapped_key), use(phone_index), use(u.phone_enc),
      use(email_index_v, email_ind), use(email_enc_v, email_enc_ind), use(pw_v, pw_ind),
      use(u.birth_date_enc), use(minor), use(u.status), use(u.created_at);
}

void set_credentials(soci::session& sql, const std::string& user_id, const std::string& email_index,
                     const std::string& email_enc, const std::string& password_hash) {
  sql << "UPDATE users SET email_index = :ei, email_enc = :ee, password_hash = :pw WHERE id = :id",
      use(email_index), use(email_enc), use(password_hash), use(user_id);
}

void set_password(soci::session& sql, const std::string& user_id, const std::string& hash) {
  sql << "UPDATE users SET password_hash = :pw WHERE id = :id", use(hash), use(user_id);
}

bool email_taken(soci::session& sql, const std::string& email_index,
                 const std::string& except_user) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM users WHERE email_index = :e AND id <> :u", use(email_index),
      use(except_user), into(n);
  return n > 0;
}

void add_role(soci::session& sql, const std::string& user_id, const std::string& role,
              long long now) {
  sql << "INSERT INTO user_roles (user_id, role, granted_at) VALUES (:u, :r, :t) "
         "ON CONFLICT (user_id, role) DO NOTHING",
      use(user_id), use(role), use(now);
  // Every live session of the user grants the new role from now on: other nodes must re-read
  // them (sessions_changed_since).
  sql << "UPDATE sessions SET changed_at = :t WHERE user_id = :u AND revoked_at IS NULL", use(now),
      use(user_id);
}

std::vector<std::string> roles_of(soci::session& sql, const std::string& user_id) {
  std::vector<std::string> roles;
  soci::rowset<std::string> rs =
      (sql.prepare << "SELECT role FROM user_roles WHERE user_id = :u ORDER BY role", use(user_id));
  for (const auto& r : rs) roles.push_back(r);
  return roles;
}

void insert_session(soci::session& sql, const SessionRow& s) {
  soci::indicator label_ind = s.device_label_enc ? soci::i_ok : soci::i_null;
  std::string label = s.device_label_enc.value_or("");
  sql << "INSERT INTO sessions (id, token_hash, user_id, device_label_enc, active_role, "
         "created_at, last_seen_at, expires_at) VALUES (:id, :th, :u, :dl, :r, :c, :ls, :e)",
      use(s.id), use(s.token_hash), use(s.user_id), use(label, label_ind), use(s.active_role),
      use(s.created_at), use(s.last_seen_at), use(s.expires_at);
}

std::optional<LiveSession> live_session(Conn& conn, const std::string& token_hash, long long now) {
  // The roles come back as one comma-joined column (role names have no commas), so the whole
  // lookup is one cached statement: on PostgreSQL a single round trip instead of a prepare,
  // execute and deallocate for each of two queries.
  static const std::string kSqlite =
      "SELECT s.id, s.user_id, s.active_role, s.device_label_enc, s.created_at, s.last_seen_at, "
      "s.expires_at, (SELECT group_concat(r.role, ',') FROM user_roles r WHERE r.user_id = "
      "s.user_id) FROM sessions s WHERE s.token_hash = :k AND s.revoked_at IS NULL AND "
      "s.expires_at > :now";
  static const std::string kPostgres = [] {
    std::string q = kSqlite;
    q.replace(q.find("group_concat"), 12, "string_agg");
    return q;
  }();
  LiveSession live;
  SessionRow& s = live.session;
  OptText label, roles;
  const auto& query = conn.dialect() == hiresafe::store::Dialect::kPostgres ? kPostgres : kSqlite;
  if (!conn.once(query, use(token_hash), use(now), into(s.id), into(s.user_id),
                 into(s.active_role), into(label.value, label.ind), into(s.created_at),
                 into(s.last_seen_at), into(s.expires_at), into(roles.value, roles.ind)))
    return std::nullopt;
  s.token_hash = token_hash;
  s.device_label_enc = label.get();
  const std::string joined = roles.get().value_or("");
  for (std::size_t at = 0; at < joined.size();) {
    const std::size_t end = std::min(joined.find(',', at), joined.size());
    live.roles.push_back(joined.substr(at, end - at));
    at = end + 1;
  }
  std::sort(live.roles.begin(), live.roles.end());
  return live;
}

std::vector<SessionRow> live_sessions_of(soci::session& sql, const std::string& user_id,
                                         long long now) {
  return sessions_where(sql, "user_id", user_id, now);
}

void touch_sessions(hiresafe::store::Conn& conn,
                    const std::vector<std::pair<std::string, long long>>& last_seen) {
  if (conn.dialect() == hiresafe::store::Dialect::kPostgres) {
    // One statement for the whole chunk: under load nearly every request's session is due (a
    // user is rarely seen twice a minute), and one UPDATE a session cost a round trip each.
    // It gives way after 50 ms of waiting for a session another transaction holds: it locks a
    // chunk's sessions in no set order, and a revocation of all of a user's sessions, or the
    // deletion of the account, locks several in another, so a longer wait could close a
    // deadlock, and PostgreSQL (after deadlock_timeout, 1 s) might abort the revocation. The
    // chunk is then dropped, as any failed chunk is (last_seen.cpp). SKIP LOCKED would keep the
    // rest of the chunk but locks every row before updating it: 4-6 % more WAL an apply in
    // bench/apply_ab.sh (docs/benchmarks.md, session 20).
    static const std::string kGiveWay = "SELECT set_config('lock_timeout', '50ms', true)";
    static const std::string kBatch =
        "UPDATE sessions s SET last_seen_at = v.at "
        "FROM json_to_recordset(CAST(:rows AS json)) AS v(id text, at bigint) "
        "WHERE s.id = v.id AND s.last_seen_at < v.at";
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& [id, at] : last_seen) rows.push_back({{"id", id}, {"at", at}});
    const std::string text = rows.dump();
    std::string set;
    conn.once(kGiveWay, into(set));
    conn.change(kBatch, use(text));
    return;
  }
  // SQLite: the same prepared statement per session, inside one transaction.
  static const std::string kOne =
      "UPDATE sessions SET last_seen_at = :now WHERE id = :id AND last_seen_at < :now2";
  for (const auto& [id, at] : last_seen) conn.change(kOne, use(at), use(id), use(at));
}

bool revoke_session(soci::session& sql, const std::string& user_id, const std::string& session_id,
                    long long now) {
  soci::statement st = (sql.prepare << "UPDATE sessions SET revoked_at = :now, changed_at = :now2 "
                                       "WHERE id = :id AND user_id = :u AND revoked_at IS NULL",
                        use(now), use(now), use(session_id), use(user_id));
  st.execute(true);
  return affected(st) == 1;
}

long long revoke_sessions(soci::session& sql, const std::string& user_id, long long now,
                          const std::string& except_session) {
  soci::statement st = (sql.prepare << "UPDATE sessions SET revoked_at = :now, changed_at = :now2 "
                                       "WHERE user_id = :u AND id <> :keep AND revoked_at IS NULL",
                        use(now), use(now), use(user_id), use(except_session));
  st.execute(true);
  return affected(st);
}

void set_active_role(soci::session& sql, const std::string& session_id, const std::string& role,
                     long long now) {
  sql << "UPDATE sessions SET active_role = :r, changed_at = :t WHERE id = :id", use(role),
      use(now), use(session_id);
}

std::vector<std::string> sessions_changed_since(soci::session& sql, long long since) {
  soci::rowset<std::string> rows =
      (sql.prepare << "SELECT id FROM sessions WHERE changed_at >= :since", use(since));
  return {rows.begin(), rows.end()};
}

void upsert_guardian(soci::session& sql, const GuardianRow& g) {
  sql << "INSERT INTO guardian_consents (user_id, name_enc, phone_enc, relationship, verified_at) "
         "VALUES (:u, :n, :p, :r, :v) ON CONFLICT (user_id) DO UPDATE SET name_enc = "
         "excluded.name_enc, phone_enc = excluded.phone_enc, relationship = excluded.relationship, "
         "verified_at = excluded.verified_at",
      use(g.user_id), use(g.name_enc), use(g.phone_enc), use(g.relationship), use(g.verified_at);
}

bool has_guardian(Conn& conn, const std::string& user_id) {
  long long n = 0;
  conn.once("SELECT COUNT(*) FROM guardian_consents WHERE user_id = :u", use(user_id), into(n));
  return n > 0;
}

}  // namespace hiresafe::identity::store
