#include "identity/session_cache.hpp"

#include <algorithm>

namespace hiresafe::identity {

template <class V>
std::optional<V> SessionCache::live(std::unordered_map<std::string, Timed<V>>& map,
                                    const std::string& key, long long now) {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  if (it->second.valid_until <= now) {
    map.erase(it);
    return std::nullopt;
  }
  return it->second.value;
}

std::optional<Auth> SessionCache::get(const std::string& token_hash, long long now) {
  if (ttl_ <= 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  return live(entries_, token_hash, now);
}

void SessionCache::put(const std::string& token_hash, const Auth& auth, long long now,
                       long long session_expires_at) {
  if (ttl_ <= 0) return;
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();  // crude but bounded; misses refill it
  entries_[token_hash] = {auth, std::min(now + ttl_, session_expires_at)};
}

void SessionCache::forget_session(const std::string& session_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const auto& kv) { return kv.second.value.session_id == session_id; });
}

void SessionCache::forget_user(const std::string& user_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const auto& kv) { return kv.second.value.user_id == user_id; });
  accounts_.erase(user_id);
}

std::optional<SessionCache::Account> SessionCache::account(const std::string& user_id,
                                                           long long now) {
  if (ttl_ <= 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  return live(accounts_, user_id, now);
}

void SessionCache::put_account(const Account& account, long long now) {
  if (ttl_ <= 0) return;
  std::lock_guard lock(mutex_);
  if (accounts_.size() >= kMaxEntries) accounts_.clear();
  accounts_[account.row.id] = {account, now + ttl_};
}

void SessionCache::forget_account(const std::string& user_id) {
  std::lock_guard lock(mutex_);
  accounts_.erase(user_id);
}

}  // namespace hiresafe::identity
