#include "jobs/job_cache.hpp"

#include <functional>

namespace hiresafe::jobs {

JobCache::JobCache(std::size_t capacity, long long max_age_seconds)
    : per_shard_(capacity == 0 ? 0 : (capacity + kShards - 1) / kShards),
      max_age_(max_age_seconds) {}

JobCache::Shard& JobCache::shard_of(const std::string& id) const {
  return shards_[std::hash<std::string>{}(id) % kShards];
}

std::shared_ptr<const JobCache::Entry> JobCache::find(const std::string& id, long long now) const {
  Shard& shard = shard_of(id);
  std::shared_ptr<const Entry> entry;
  {
    std::lock_guard lock(shard.mutex);
    auto it = shard.entries.find(id);
    if (it == shard.entries.end()) return nullptr;
    entry = it->second;
  }
  if (entry->expires_at <= now || now - entry->loaded_at >= max_age_) return nullptr;
  return entry;
}

JobCache::Ticket JobCache::ticket(const std::string& id) const {
  Shard& shard = shard_of(id);
  std::lock_guard lock(shard.mutex);
  return shard.forgotten;
}

void JobCache::put(const std::string& id, Ticket ticket, Entry entry) {
  if (per_shard_ == 0) return;
  auto shared = std::make_shared<const Entry>(std::move(entry));
  Shard& shard = shard_of(id);
  std::lock_guard lock(shard.mutex);
  // Something in this shard was forgotten since the read began: it may have been this post.
  if (shard.forgotten != ticket) return;
  if (shard.entries.size() >= per_shard_ && !shard.entries.contains(id))
    shard.entries.erase(shard.entries.begin());  // an arbitrary one: no bookkeeping per read
  shard.entries.insert_or_assign(id, std::move(shared));
}

void JobCache::forget(const std::string& id) {
  Shard& shard = shard_of(id);
  std::lock_guard lock(shard.mutex);
  shard.entries.erase(id);
  ++shard.forgotten;
}

std::size_t JobCache::size() const {
  std::size_t n = 0;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    n += shard.entries.size();
  }
  return n;
}

}  // namespace hiresafe::jobs
