// A short-lived cache of authenticated sessions, so a busy client's requests skip two queries.
// Changes made on this node (revoke, role switch, reset) evict at once; on other nodes a
// revoked session can live at most `ttl` seconds more (sessions.cache_seconds; 0 disables).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "identity/identity_service.hpp"

namespace hiresafe::identity {

class SessionCache {
 public:
  explicit SessionCache(long long ttl_seconds) : ttl_(ttl_seconds) {}

  std::optional<Auth> get(const std::string& token_hash, long long now);
  void put(const std::string& token_hash, const Auth& auth, long long now,
           long long session_expires_at);
  void forget_session(const std::string& session_id);
  void forget_user(const std::string& user_id);

 private:
  struct Entry {
    Auth auth;
    long long valid_until;
  };
  static constexpr std::size_t kMaxEntries = 100000;
  long long ttl_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace hiresafe::identity
