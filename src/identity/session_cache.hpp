// A cache of authenticated sessions, so a client's requests skip the session query, and of the
// signed-in person's own account row for GET /me, which skips two more. Changes made on this
// node (revoke, role switch, reset, new credentials, a guardian's consent) evict at once.
// Changes made on other nodes: a checked session is trusted for `session_ttl` seconds, which a
// server raises (sessions.watched_cache_seconds) once its watch asks every second which sessions
// changed anywhere and evicts them (IdentityService::start_session_watch); without the watch, as
// for an account row, an entry lives at most `ttl` seconds (sessions.cache_seconds; 0 disables
// both). The account row is kept as stored: its personal fields stay sealed here and are opened
// per request, so the cache holds no plaintext personal data.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "identity/identity_service.hpp"
#include "identity/identity_store.hpp"

namespace hiresafe::identity {

class SessionCache {
 public:
  explicit SessionCache(long long ttl_seconds) : ttl_(ttl_seconds), session_ttl_(ttl_seconds) {}

  // How long a session put from now on is trusted; 0 (or a cache with ttl 0) keeps none.
  void set_session_ttl(long long seconds);

  struct Hit {
    Auth auth;
    bool touch_due = false;  // last-seen is due: the caller queues it (taken as written now)
  };
  std::optional<Hit> get(const std::string& token_hash, long long now, long long touch_seconds);
  // The one rule for when a session's last-seen is written again, for hits and misses alike.
  static bool touch_due(long long last_seen, long long now, long long touch_seconds) {
    return last_seen + touch_seconds <= now;
  }
  // `last_seen` is the session's last-seen time as read.
  void put(const std::string& token_hash, const Auth& auth, long long now,
           long long session_expires_at, long long last_seen);
  void forget_session(const std::string& session_id);
  // Forgets the user's sessions and their account row.
  void forget_user(const std::string& user_id);

  // The account row as stored, and whether a guardian consented (ACC-6).
  struct Account {
    store::UserRow row;
    bool has_guardian = false;
  };
  std::optional<Account> account(const std::string& user_id, long long now);
  void put_account(const Account& account, long long now);
  void forget_account(const std::string& user_id);

 private:
  template <class V>
  struct Timed {
    V value;
    long long valid_until;
  };
  struct Checked {
    Auth auth;
    long long last_seen;
  };
  // Drops the session entry under `token_hash` and its index entries. Needs mutex_ held.
  void drop(const std::string& token_hash);
  // Called when the session map is full: drops the expired entries, or everything if too few
  // have expired. Needs mutex_ held.
  void make_room(long long now);
  static constexpr std::size_t kMaxEntries = 100000;
  const long long ttl_;
  std::mutex mutex_;
  long long session_ttl_;
  std::unordered_map<std::string, Timed<Checked>> entries_;   // by token hash
  std::unordered_map<std::string, std::string> by_session_;   // session id -> token hash
  std::unordered_map<std::string, std::unordered_set<std::string>> by_user_;  // -> token hashes
  std::unordered_map<std::string, Timed<Account>> accounts_;  // by user id
};

}  // namespace hiresafe::identity
