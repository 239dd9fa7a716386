#include "identity/session_cache.hpp"

#include <algorithm>
#include <vector>

namespace hiresafe::identity {

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
  Hit hit{c.auth, touch_due(c.last_seen, now, touch_seconds)};
  if (hit.touch_due) c.last_seen = now;
  return hit;
}

void SessionCache::put(const std::string& token_hash, const Auth& auth, long long now,
                       long long session_expires_at, long long last_seen) {
  std::lock_guard lock(mutex_);
  if (session_ttl_ <= 0) return;
  if (entries_.size() >= kMaxEntries && !entries_.contains(token_hash)) make_room(now);
  drop(token_hash);  // a re-check replaces the entry, and its place in the indexes
  entries_[token_hash] = {{auth, last_seen}, std::min(now + session_ttl_, session_expires_at)};
  by_session_[auth.session_id] = token_hash;
  by_user_[auth.user_id].insert(token_hash);
}

void SessionCache::make_room(long long now) {
  // Expired entries first. Sessions are kept for minutes, so a full cache usually holds many
  // that are no longer used; only if they are too few to matter does everything go (misses
  // refill it), which keeps the cost of a full cache to one pass per kMaxEntries / 10 puts.
  std::vector<std::string> expired;
  for (const auto& [hash, entry] : entries_)
    if (entry.valid_until <= now) expired.push_back(hash);
  for (const auto& hash : expired) drop(hash);
  if (entries_.size() > kMaxEntries - kMaxEntries / 10) {
    entries_.clear();
    by_session_.clear();
    by_user_.clear();
  }
}

void SessionCache::drop(const std::string& token_hash) {
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return;
  const Auth& auth = it->second.value.auth;
  by_session_.erase(auth.session_id);
  if (auto u = by_user_.find(auth.user_id); u != by_user_.end()) {
    u->second.erase(token_hash);
    if (u->second.empty()) by_user_.erase(u);
  }
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
  if (auto u = by_user_.find(user_id); u != by_user_.end()) {
    const std::vector<std::string> hashes(u->second.begin(), u->second.end());
    for (const auto& hash : hashes) drop(hash);
  }
  accounts_.erase(user_id);
}

std::optional<SessionCache::Account> SessionCache::account(const std::string& user_id,
                                                           long long now) {
  if (ttl_ <= 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = accounts_.find(user_id);
  if (it == accounts_.end()) return std::nullopt;
  if (it->second.valid_until <= now) {
    accounts_.erase(it);
    return std::nullopt;
  }
  return it->second.value;
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
