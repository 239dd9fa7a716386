#include "identity/last_seen.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "identity/identity_store.hpp"

namespace hiresafe::identity {

LastSeenWriter::LastSeenWriter(hiresafe::store::Database& db, std::chrono::milliseconds interval,
                               std::size_t chunk)
    : db_(db), chunk_(chunk == 0 ? 1 : chunk) {
  rounds_.emplace(interval, [this] { flush(); });
}

LastSeenWriter::~LastSeenWriter() {
  rounds_.reset();
  flush();
}

void LastSeenWriter::queue(const std::string& session_id, long long at) {
  std::lock_guard lock(mutex_);
  auto& latest = queued_[session_id];
  latest = std::max(latest, at);
}

void LastSeenWriter::flush() {
  std::lock_guard writing(write_mutex_);
  std::unordered_map<std::string, long long> due;
  {
    std::lock_guard lock(mutex_);
    if (queued_.empty()) return;
    due.swap(queued_);
  }
  std::vector<std::pair<std::string, long long>> batch;
  batch.reserve(std::min(due.size(), chunk_));
  auto next = due.begin();
  while (next != due.end()) {
    batch.clear();
    for (; next != due.end() && batch.size() < chunk_; ++next)
      batch.emplace_back(next->first, next->second);
    // Each chunk commits on its own. A failure is dropped on purpose: last-seen is advisory, a
    // later use of the session finds it due again, and keeping a failed chunk would let the
    // queue grow while the database is away.
    (void)db_.transaction<core::Unit>([&](hiresafe::store::Conn& conn) -> core::Status {
      store::touch_sessions(conn, batch);
      return core::Unit{};
    });
  }
}

}  // namespace hiresafe::identity
