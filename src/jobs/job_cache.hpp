// Open job posts as sent to anyone who asks (the JSON body of GET /api/v1/jobs/{id}), kept in
// memory. A post is public and changes rarely, while its page is read far more than anything
// else: reading it from the database and building its JSON was three quarters of that request.
//
// Freshness: JobService forgets a post here as soon as it changes one, and a watch thread
// forgets posts another node or process changed (JobService::start_cache_watch); an entry is
// also never used past `max_age_seconds` after it was read, nor after the post expires.
// Nothing personal is cached: a post carries its company, never its recruiter.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hiresafe::jobs {

class JobCache {
 public:
  struct Entry {
    std::string body;        // the post's public JSON
    long long expires_at;    // the post stops being served at this clock second
    long long loaded_at;     // when it was read from the database
  };

  // At most `capacity` posts (0: nothing is kept); an entry older than `max_age_seconds` is a miss.
  JobCache(std::size_t capacity, long long max_age_seconds);

  // The post's entry if it is kept, younger than the maximum age and unexpired at `now`.
  std::shared_ptr<const Entry> find(const std::string& id, long long now) const;

  // Taken before reading a post from the database: put() with it refuses the entry if the post
  // was forgotten meanwhile, so a read that raced with a change never stores the old version.
  using Ticket = unsigned long long;
  Ticket ticket(const std::string& id) const;
  void put(const std::string& id, Ticket ticket, Entry entry);

  void forget(const std::string& id);
  std::size_t size() const;

 private:
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const Entry>> entries;
    Ticket forgotten = 0;  // bumped by every forget() in this shard
  };
  // Shards keep the I/O threads from queueing on one lock.
  static constexpr std::size_t kShards = 16;
  Shard& shard_of(const std::string& id) const;

  std::size_t per_shard_;
  long long max_age_;
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace hiresafe::jobs
