// Last-seen times of sessions (ACC-3's sessions list), written in the background. They are
// advisory, so a request that finds its session stale only queues the time and goes on; a
// writer thread writes what is queued every `interval`, in transactions of at most `chunk`
// sessions. No request waits for other people's last-seen writes, and no statement holds a
// database core for long: when the request that came after the clock's second turned wrote the
// whole second's worth, at 3,000 applies/s that was a 3,000-row UPDATE of ~60 ms on PostgreSQL,
// and the requests queued behind it took 10–25 ms once a second (docs/benchmarks.md, session 17).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/periodic.hpp"
#include "store/database.hpp"

namespace hiresafe::identity {

class LastSeenWriter {
 public:
  LastSeenWriter(hiresafe::store::Database& db, std::chrono::milliseconds interval,
                 std::size_t chunk);
  ~LastSeenWriter();  // writes what is still queued
  LastSeenWriter(const LastSeenWriter&) = delete;
  LastSeenWriter& operator=(const LastSeenWriter&) = delete;

  // Remembers that the session was seen at `at` (the latest time wins).
  void queue(const std::string& session_id, long long at);
  // Writes everything queued so far before it returns, including a batch the writer thread has
  // taken but not yet committed (the sessions list calls this first).
  void flush();

 private:
  hiresafe::store::Database& db_;
  const std::size_t chunk_;

  std::mutex mutex_;                                   // guards queued_
  std::unordered_map<std::string, long long> queued_;  // session id -> last seen
  std::mutex write_mutex_;  // one batch at a time, so flush() also waits for one in progress
  std::optional<core::Periodic> rounds_;  // stopped first in the destructor, before its flush
};

}  // namespace hiresafe::identity
