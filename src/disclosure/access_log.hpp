// Access records for high-volume reads (resume views), committed in batches so that a busy
// server does not run one write transaction per read — on SQLite each commit would also make
// every other connection drop its page cache.
//
// No record is lost when the process crashes: `record` appends the record to a journal file
// (one write(2), ids only, never personal data) before it returns, and so before the view is
// answered. A writer thread commits what is queued every `batch_ms`, rotating to a fresh
// journal first and deleting the old one only after its records are committed. At start-up
// leftover journals are replayed; records carry their ids, so a journal whose batch was already
// committed is inserted again as a no-op. Like the database's own synchronous=NORMAL, a power
// loss may lose the last moments; a process crash loses nothing.
#pragma once

#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/logging.hpp"
#include "core/periodic.hpp"
#include "core/result.hpp"
#include "disclosure/access_records.hpp"
#include "store/database.hpp"

namespace hiresafe::disclosure {

class AccessLog {
 public:
  AccessLog(hiresafe::store::Database& db, std::string journal_dir, long long batch_ms,
            core::Logger logger);
  ~AccessLog();  // commits what is queued
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Replays journals left by a previous run, then starts the writer thread.
  core::Status start();
  // Journals and queues one record; an error means it could not be journaled (nothing shown).
  core::Status record(const AccessRecord& record, long long now);
  // Commits everything queued so far (readers of access records call this first).
  core::Status flush();

 private:
  struct Entry {
    std::string id;
    AccessRecord record;
    long long at = 0;
  };
  core::Status open_journal();
  core::Status commit_queued();
  void tick();  // a round of the writer: commits what is queued, if anything

  hiresafe::store::Database& db_;
  std::string dir_;
  long long batch_ms_;
  core::Logger logger_;

  std::mutex mutex_;  // guards the journal file, the queue and `stop_`
  int fd_ = -1;
  std::string journal_path_;
  std::deque<Entry> queue_;
  std::vector<std::string> retired_;  // journals whose records are queued, not yet committed
  bool stop_ = false;
  std::mutex commit_mutex_;               // one batch at a time (writer thread or flush)
  std::optional<core::Periodic> writer_;  // stopped first in the destructor, before its commit
};

// Inserts records from one journal file; used at start-up and by tests.
core::Result<long long> replay_journal(hiresafe::store::Database& db, const std::string& path);

}  // namespace hiresafe::disclosure
