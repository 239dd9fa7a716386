// A short-lived cache of authenticated sessions, so a busy client's requests skip two queries,
// and of the signed-in person's own account row for GET /me, which skips two more. Changes made
// on this node (revoke, role switch, reset, new credentials, a guardian's consent) evict at
// once; on other nodes a revoked session or a changed account can live at most `ttl` seconds
// more (sessions.cache_seconds; 0 disables both). The account row is kept as stored: its
// personal fields stay sealed here and are opened per request, so the cache holds no
// plaintext personal data.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "identity/identity_service.hpp"
#include "identity/identity_store.hpp"

namespace hiresafe::identity {

class SessionCache {
 public:
  explicit SessionCache(long long ttl_seconds) : ttl_(ttl_seconds) {}

  std::optional<Auth> get(const std::string& token_hash, long long now);
  void put(const std::string& token_hash, const Auth& auth, long long now,
           long long session_expires_at);
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
  // The entry under `key` while it is valid; an expired one is dropped. Needs mutex_ held.
  template <class V>
  std::optional<V> live(std::unordered_map<std::string, Timed<V>>& map, const std::string& key,
                        long long now);
  static constexpr std::size_t kMaxEntries = 100000;
  long long ttl_;
  std::mutex mutex_;
  std::unordered_map<std::string, Timed<Auth>> entries_;
  std::unordered_map<std::string, Timed<Account>> accounts_;
};

}  // namespace hiresafe::identity
