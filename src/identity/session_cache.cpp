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

void SessionCache::set_session_ttl(long long seconds) {
  std::lock_guard lock(mutex_);
  session_ttl_ = ttl_ <= 0 ? 0 : seconds;
}

std::optional<SessionCache::Hit> SessionCache::get(const std::string& token_hash, long long now,
                                                   long long touch_seconds) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.valid_until <= now) {
    drop(token_hash);
    return std::nullopt;
  }
  Checked& c = it->second.value;
  Hit hit{c.auth, c.last_seen + touch_seconds <= now};
  if (hit.touch_due) c.last_seen = now;
  return hit;
}

void SessionCache::put(const std::string& token_hash, const Auth& auth, long long now,
                       long long session_expires_at, long long last_seen) {
  std::lock_guard lock(mutex_);
  if (session_ttl_ <= 0) return;
  if (entries_.size() >= kMaxEntries) {  // crude but bounded; misses refill it
    entries_.clear();
    by_session_.clear();
  }
  entries_[token_hash] = {{auth, last_seen}, std::min(now + session_ttl_, session_expires_at)};
  by_session_[auth.session_id] = token_hash;
}

void SessionCache::drop(const std::string& token_hash) {
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return;
  by_session_.erase(it->second.value.auth.session_id);
  entries_.erase(it);
}

void SessionCache::forget_session(const std::string& session_id) {
  std::lock_guard lock(mutex_);
  auto it = by_session_.find(session_id);
  if (it == by_session_.end()) return;
  const std::string token_hash = it->second;
  drop(token_hash);
}

void SessionCache::forget_user(const std::string& user_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const auto& kv) {
    if (kv.second.value.auth.user_id != user_id) return false;
    by_session_.erase(kv.second.value.auth.session_id);
    return true;
  });
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
