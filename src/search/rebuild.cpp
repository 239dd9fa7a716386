// `hiresafe reindex`: builds both indexes from the database on every core. Xapian's inverter
// is single-threaded and Chinese n-grams give it two terms per character, so one writer
// indexes about 2,000 posts a second on this hardware; each worker thread therefore fills its
// own shard, and Xapian's compactor merges the shards into the new generation.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <thread>

#include "jobs/job_store.hpp"
#include "resumes/resume_store.hpp"
#include "search/indexer.hpp"
#include "search/job_index.hpp"
#include "search/resume_index.hpp"

namespace hiresafe::search {

namespace {

constexpr long long kSnapshotMargin = 60;
constexpr std::size_t kItemsPerBatch = 256;
constexpr std::size_t kQueuedBatches = 64;  // bounds memory while the database reads ahead
// Xapian's inverter slows down as its in-memory batch grows (2x between 1,000 and the default
// 10,000 documents, measured with Chinese n-grams), so shards flush often; they are scratch
// files, so without fsync.
constexpr Xapian::doccount kCommitEvery = 1000;

// One document to build, from a row copied out of the database.
using Item = std::function<std::optional<Xapian::Document>(Xapian::TermGenerator&)>;

class ShardedBuilder {
 public:
  ShardedBuilder(std::filesystem::path out, unsigned workers) : out_(std::move(out)) {
    // Each worker gets its own copy of its shard's name: `shards_` grows while workers run.
    for (unsigned i = 0; i < workers; ++i) {
      shards_.push_back(out_.string() + ".shard" + std::to_string(i));
      threads_.emplace_back([this, path = shards_.back()] { work(path); });
    }
  }
  ~ShardedBuilder() {
    close();
    std::error_code ec;  // merged by finish() or given up: scratch either way
    for (const auto& shard : shards_) std::filesystem::remove_all(shard, ec);
  }

  void add(Item item) {
    batch_.push_back(std::move(item));
    if (batch_.size() >= kItemsPerBatch) flush();
  }

  // Waits for the workers and merges their shards into `out`; returns the documents built.
  core::Result<long long> finish(const std::string& built_from) {
    close();
    if (!error_.empty()) return core::Error::internal("search: rebuilding failed: " + error_);
    try {
      Xapian::Database all;
      for (const auto& shard : shards_) all.add_database(Xapian::Database(shard));
      const long long count = all.get_doccount();
      all.compact(out_.string(), 0, kBlockSize);
      Xapian::WritableDatabase merged(out_.string(), Xapian::DB_OPEN);
      merged.set_metadata(kBuiltFrom, built_from);
      merged.set_metadata(kLayoutKey, std::to_string(kLayout));
      merged.commit();
      return count;
    } catch (const Xapian::Error& e) {
      return core::Error::internal("search: merging shards failed: " + e.get_description());
    }
  }

 private:
  void flush() {
    if (batch_.empty()) return;
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return queue_.size() < kQueuedBatches; });
    queue_.push_back(std::move(batch_));
    batch_.clear();
    ready_.notify_one();
  }
  void close() {
    if (threads_.empty()) return;
    flush();
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }
  void work(const std::string& path) {
    try {
      Xapian::WritableDatabase shard(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
      auto generator = make_term_generator();
      Xapian::doccount added = 0;
      for (;;) {
        std::vector<Item> batch;
        {
          std::unique_lock lock(mutex_);
          ready_.wait(lock, [&] { return done_ || !queue_.empty(); });
          if (queue_.empty()) break;
          batch = std::move(queue_.front());
          queue_.pop_front();
          room_.notify_one();
        }
        for (auto& item : batch)
          if (auto doc = item(generator)) {
            shard.add_document(*doc);
            if (++added % kCommitEvery == 0) shard.commit();
          }
      }
      shard.commit();
    } catch (const std::exception& e) {
      fail(e.what());
    } catch (const Xapian::Error& e) {
      fail(e.get_description());
    }
  }
  void fail(const std::string& why) {
    std::lock_guard lock(mutex_);
    if (error_.empty()) error_ = why;
    done_ = true;
    queue_.clear();
    room_.notify_all();
  }

  std::filesystem::path out_;
  std::vector<std::string> shards_;
  std::vector<std::thread> threads_;
  std::vector<Item> batch_;  // filled by the producer only
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<std::vector<Item>> queue_;
  bool done_ = false;
  std::string error_;
};

using Progress = std::function<void(const char*, long long, long long)>;

// Called for every row read; leaves the database read (which turns the exception into an
// error) when asked to stop.
void report(const Progress& progress, const std::atomic<bool>* stop, const char* what,
            long long done, long long total) {
  if (stop && stop->load(std::memory_order_relaxed))
    throw std::runtime_error("the rebuild was stopped");
  if (progress && (done % 10000 == 0 || done == total)) progress(what, done, total);
}

// Removes the new generations unless they were published, so a failed or stopped rebuild
// leaves nothing behind.
struct Unpublished {
  std::vector<std::filesystem::path> paths;
  bool published = false;
  ~Unpublished() {
    std::error_code ec;
    if (!published)
      for (const auto& p : paths) std::filesystem::remove_all(p, ec);
  }
};

}  // namespace

core::Result<RebuildStats> rebuild(IndexSources sources, IndexDir& jobs, IndexDir& resumes,
                                   const Progress& progress, const std::atomic<bool>* stop) {
  HS_CHECK(jobs.ensure());
  HS_CHECK(resumes.ensure());
  RebuildStats stats;
  const long long now = sources.clock.now();
  const std::string built_from = std::to_string(now - kSnapshotMargin);
  const unsigned workers = std::max(1u, std::thread::hardware_concurrency());
  HS_TRY(auto job_generation, jobs.new_generation());
  HS_TRY(auto resume_generation, resumes.new_generation());
  Unpublished unpublished{{jobs.path_of(job_generation), resumes.path_of(resume_generation)}};
  using Totals = std::pair<long long, long long>;
  HS_TRY(const Totals totals,
         sources.db.read<Totals>([&](soci::session& sql) -> core::Result<Totals> {
           long long j = 0, r = 0;
           sql << "SELECT COUNT(*) FROM jobs WHERE status = 'open' AND expires_at > :n",
               soci::use(now), soci::into(j);
           sql << "SELECT COUNT(*) FROM resumes", soci::into(r);
           return Totals{j, r};
         }));
  // The generation directories exist (new_generation); the compactor wants to create them.
  std::filesystem::remove_all(jobs.path_of(job_generation));
  std::filesystem::remove_all(resumes.path_of(resume_generation));

  auto started = std::chrono::steady_clock::now();
  {
    ShardedBuilder builder(jobs.path_of(job_generation), workers);
    long long read = 0;
    HS_CHECK(sources.db.read<core::Unit>([&](soci::session& sql) -> core::Status {
      jobs::store::each_live_job(sql, now, [&](const jobs::store::JobRow& job) {
        builder.add([job, &taxonomy = sources.taxonomy](Xapian::TermGenerator& g) {
          return std::optional(job_document(job, taxonomy, g));
        });
        report(progress, stop, "job posts", ++read, totals.first);
      });
      return core::Unit{};
    }));
    HS_TRY(stats.jobs, builder.finish(built_from));
  }
  stats.job_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (progress) progress("job posts", totals.first, totals.first);

  started = std::chrono::steady_clock::now();
  {
    ShardedBuilder builder(resumes.path_of(resume_generation), workers);
    long long read = 0;
    HS_CHECK(sources.db.read<core::Unit>([&](soci::session& sql) -> core::Status {
      // Blocks and hide entries are few beside resumes: load them all once.
      auto facts = std::make_shared<std::map<std::string, SeekerFacts>>();
      resumes::store::each_hidden(sql, [&](const std::string& user, const resumes::HiddenCompany& h) {
        (*facts)[user].hidden.push_back(h);
      });
      resumes::store::each_block(sql, [&](const std::string& user, const std::string& company) {
        (*facts)[user].blocked.push_back(company);
      });
      resumes::store::each_resume(sql, [&](const resumes::store::ResumeRow& resume) {
        builder.add([resume, facts, &sources](Xapian::TermGenerator& g) {
          static const SeekerFacts kNone;
          const auto f = facts->find(resume.user_id);
          return resume_document(resume, f == facts->end() ? kNone : f->second,
                                 sources.taxonomy, sources.keys, g);
        });
        report(progress, stop, "resumes", ++read, totals.second);
      });
      return core::Unit{};
    }));
    HS_TRY(stats.resumes, builder.finish(built_from));
  }
  stats.resume_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (progress) progress("resumes", totals.second, totals.second);

  unpublished.published = true;
  HS_CHECK(jobs.publish(job_generation));
  HS_CHECK(resumes.publish(resume_generation));
  return stats;
}

}  // namespace hiresafe::search
