// Keeps the job and resume indexes in step with the database. Services write search_outbox
// rows in the transaction that makes a change; one indexer thread per deployment (the writer
// of the Xapian indexes) applies them in batches: it re-reads each named object, replaces or
// deletes its documents, commits the indexes, and only then marks the rows applied. A crash
// anywhere leaves the rows pending and the next start applies them again; because an object is
// re-read and replaced by its unique term, applying twice changes nothing.
//
// `hiresafe reindex` builds new generations of both indexes beside the live ones and publishes
// them (index_dir.hpp). The indexer notices, switches its writers, and applies every outbox
// row since the rebuild's snapshot, applied or not, so nothing committed during the rebuild is
// missing from the new index.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "core/logging.hpp"
#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "jobs/taxonomy.hpp"
#include "search/index_dir.hpp"
#include "search/outbox.hpp"
#include "store/database.hpp"

namespace hiresafe::search {

// Metadata of a generation built by `reindex`: the database time its snapshot was taken
// (minus a margin for transactions that were in flight), and whether the live indexer has
// since applied every outbox row from then on.
inline constexpr const char* kBuiltFrom = "hiresafe.built_from";
inline constexpr const char* kCaughtUp = "hiresafe.caught_up";

// What documents are built from.
struct IndexSources {
  hiresafe::store::Database& db;
  const jobs::Taxonomy& taxonomy;
  const crypto::Keyring& keys;
  const core::Clock& clock;
};

class Indexer {
 public:
  Indexer(IndexSources sources, IndexDir& jobs, IndexDir& resumes, int poll_ms,
          core::Logger logger);
  ~Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  // Creates missing indexes, applies what a previous run left pending, starts the thread; an
  // index of an older layout is rebuilt by a second thread while the old one keeps answering.
  core::Status start();
  // Returns once a layout rebuild started by start() has finished (at once when none runs).
  void finish_rebuild();
  void stop();
  // Applies pending rows now; returns how many. The thread calls this every poll_ms.
  core::Result<int> apply_pending();
  // Deletes the documents of posts that have expired (hourly, from the thread); returns how many.
  core::Result<int> purge_expired();

 private:
  struct Writer;
  core::Status open_writers();
  core::Status apply(const std::vector<OutboxRow>& rows);
  void run();

  IndexSources sources_;
  IndexDir& jobs_;
  IndexDir& resumes_;
  int poll_ms_;
  core::Logger logger_;
  std::unique_ptr<Writer> job_writer_, resume_writer_;
  std::mutex work_;  // one apply at a time (the thread, or a caller of apply_pending)
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::atomic<bool> stop_rebuild_ = false;
  std::thread thread_, rebuild_;
};

// The rebuild behind `hiresafe reindex` (rebuild.cpp): every live post and every searchable
// resume into new generations, built on every core, then both are published.
// `progress(what, done, total)` is called now and then; setting `*stop` makes it give up (an
// error) and remove what it built.
struct RebuildStats {
  long long jobs = 0, resumes = 0;
  double job_seconds = 0, resume_seconds = 0;
};
core::Result<RebuildStats> rebuild(IndexSources sources, IndexDir& jobs, IndexDir& resumes,
                                   const std::function<void(const char* what, long long done,
                                                            long long total)>& progress,
                                   const std::atomic<bool>* stop = nullptr);

}  // namespace hiresafe::search
