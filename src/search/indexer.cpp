#include "search/indexer.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "jobs/job_store.hpp"
#include "resumes/resume_store.hpp"
#include "search/job_index.hpp"
#include "search/resume_index.hpp"

namespace hiresafe::search {

namespace {

constexpr int kBatch = 500;
constexpr long long kKeepAppliedSeconds = 86400;

// What one batch of outbox rows needs from the database, read before touching the indexes.
struct Loaded {
  std::map<std::string, std::optional<jobs::store::JobRow>> jobs;
  struct Seeker {
    std::vector<resumes::store::ResumeRow> resumes;
    SeekerFacts facts;
  };
  std::map<std::string, Seeker> seekers;
};

SeekerFacts facts_of(soci::session& sql, const std::string& user_id) {
  SeekerFacts facts;
  facts.hidden = resumes::store::hidden_of(sql, user_id);
  for (auto& b : resumes::store::blocks_of(sql, user_id)) facts.blocked.push_back(b.company_id);
  return facts;
}

}  // namespace

struct Indexer::Writer {
  std::string generation;
  std::unique_ptr<Xapian::WritableDatabase> db;
};

Indexer::Indexer(IndexSources sources, IndexDir& jobs, IndexDir& resumes, int poll_ms,
                 core::Logger logger)
    : sources_(sources),
      jobs_(jobs),
      resumes_(resumes),
      poll_ms_(poll_ms),
      logger_(std::move(logger)),
      job_writer_(std::make_unique<Writer>()),
      resume_writer_(std::make_unique<Writer>()) {}

Indexer::~Indexer() { stop(); }

core::Status Indexer::start() {
  HS_CHECK(jobs_.ensure());
  HS_CHECK(resumes_.ensure());
  HS_TRY(int replayed, apply_pending());
  if (replayed > 0) logger_->info("search: applied {} pending change(s) left by the last run",
                                  replayed);
  thread_ = std::thread([this] { run(); });
  HS_TRY(const int job_layout, jobs_.layout());
  HS_TRY(const int resume_layout, resumes_.layout());
  if (std::min(job_layout, resume_layout) < kLayout) {
    logger_->warn("search: the indexes have layout {}/{}, this build writes {}; rebuilding them "
                  "in the background (searches use the old ones until then)",
                  job_layout, resume_layout, kLayout);
    rebuild_ = std::thread([this] {
      auto stats = rebuild(sources_, jobs_, resumes_, {}, &stop_rebuild_);
      if (stats)
        logger_->info("search: rebuilt the indexes ({} job posts, {} resumes)", stats->jobs,
                      stats->resumes);
      else
        logger_->error("search: rebuilding the indexes failed: {}", stats.error().detail);
    });
  }
  return core::Unit{};
}

void Indexer::finish_rebuild() {
  if (rebuild_.joinable()) rebuild_.join();
}

void Indexer::stop() {
  stop_rebuild_ = true;
  finish_rebuild();
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Indexer::run() {
  auto last_prune = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, std::chrono::milliseconds(poll_ms_));
    if (stop_) break;
    lock.unlock();
    if (auto applied = apply_pending(); !applied)
      logger_->error("search: indexing failed: {}", applied.error().detail);
    if (std::chrono::steady_clock::now() - last_prune > std::chrono::hours(1)) {
      last_prune = std::chrono::steady_clock::now();
      const long long before = sources_.clock.now() - kKeepAppliedSeconds;
      (void)sources_.db.transaction<long long>(
          [&](soci::session& sql) -> core::Result<long long> { return prune(sql, before); });
      if (auto purged = purge_expired(); !purged)
        logger_->error("search: purging expired posts failed: {}", purged.error().detail);
    }
    lock.lock();
  }
}

core::Status Indexer::open_writers() {
  // Open both first: catching up applies rows to both indexes.
  std::vector<Writer*> rebuilt;
  for (auto [dir, writer] : {std::pair{&jobs_, job_writer_.get()},
                             std::pair{&resumes_, resume_writer_.get()}}) {
    HS_TRY(auto generation, dir->current_generation());
    if (writer->db && writer->generation == generation) continue;
    try {
      writer->db.reset();  // releases the old generation's write lock first
      writer->db = std::make_unique<Xapian::WritableDatabase>(
          dir->path_of(generation).string(), Xapian::DB_CREATE_OR_OPEN);
      writer->generation = generation;
      if (!writer->db->get_metadata(kBuiltFrom).empty() &&
          writer->db->get_metadata(kCaughtUp).empty())
        rebuilt.push_back(writer);
    } catch (const Xapian::Error& e) {
      return core::Error::internal("search: cannot open " + generation + " for writing: " +
                                   e.get_description());
    }
  }
  // A freshly published rebuild: apply everything since its snapshot once (re-applying a row
  // to the other index changes nothing).
  for (Writer* writer : rebuilt) {
    const long long built_from = std::stoll(writer->db->get_metadata(kBuiltFrom));
    std::string after;
    for (;;) {
      HS_TRY(auto rows, sources_.db.read<std::vector<OutboxRow>>(
                            [&](soci::session& sql) -> core::Result<std::vector<OutboxRow>> {
                              return created_since(sql, built_from, kBatch, after);
                            }));
      if (rows.empty()) break;
      after = rows.back().id;
      HS_CHECK(apply(rows));
    }
    try {
      writer->db->set_metadata(kCaughtUp, "1");
      writer->db->commit();
    } catch (const Xapian::Error& e) {
      return core::Error::internal("search: " + e.get_description());
    }
    logger_->info("search: switched to the rebuilt index {}", writer->generation);
  }
  return core::Unit{};
}

core::Result<int> Indexer::apply_pending() {
  std::lock_guard lock(work_);
  HS_CHECK(open_writers());
  int total = 0;
  for (;;) {
    HS_TRY(auto rows, sources_.db.read<std::vector<OutboxRow>>(
                          [&](soci::session& sql) -> core::Result<std::vector<OutboxRow>> {
                            return pending(sql, kBatch);
                          }));
    if (rows.empty()) return total;
    HS_CHECK(apply(rows));
    HS_CHECK(sources_.db.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      mark_applied(sql, rows, sources_.clock.now());
      return core::Unit{};
    }));
    total += static_cast<int>(rows.size());
    if (rows.size() < static_cast<std::size_t>(kBatch)) return total;
  }
}

core::Result<int> Indexer::purge_expired() {
  std::lock_guard lock(work_);
  HS_CHECK(open_writers());
  auto& db = *job_writer_->db;
  try {
    // Searches already skip them by their expiry value; this only returns the space.
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_VALUE_LE, job_slots::kExpires,
        Xapian::sortable_serialise(static_cast<double>(sources_.clock.now()))));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const auto mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) db.delete_document(*it);
    if (mset.empty()) return 0;
    db.commit();
    jobs_.committed();
    return static_cast<int>(mset.size());
  } catch (const Xapian::Error& e) {
    return core::Error::internal("search: " + e.get_description());
  }
}

core::Status Indexer::apply(const std::vector<OutboxRow>& rows) {
  Loaded loaded;
  for (const auto& r : rows) {
    if (r.kind == kOutboxJob) loaded.jobs[r.object_id];
    if (r.kind == kOutboxSeeker) loaded.seekers[r.object_id];
  }
  HS_CHECK(sources_.db.read<core::Unit>([&](hiresafe::store::Conn& conn) -> core::Status {
    for (auto& [id, job] : loaded.jobs) job = jobs::store::job_by_id(conn, id);
    for (auto& [user, seeker] : loaded.seekers) {
      seeker.resumes = resumes::store::resumes_of(conn, user);
      seeker.facts = facts_of(conn, user);
    }
    return core::Unit{};
  }));
  const long long now = sources_.clock.now();
  try {
    auto generator = make_term_generator();
    auto& jobs_db = *job_writer_->db;
    for (const auto& [id, job] : loaded.jobs) {
      if (job && job->status == "open" && job->expires_at > now)
        jobs_db.replace_document(job_id_term(id), job_document(*job, sources_.taxonomy, generator));
      else
        jobs_db.delete_document(job_id_term(id));
    }
    auto& resumes_db = *resume_writer_->db;
    for (const auto& [user, seeker] : loaded.seekers) {
      // A person's documents go and come back together: a deleted resume, a new block or a
      // new "hide me" switch all land in one commit.
      resumes_db.delete_document(owner_term(sources_.keys, user));
      for (const auto& resume : seeker.resumes)
        if (auto doc = resume_document(resume, seeker.facts, sources_.taxonomy, sources_.keys,
                                       generator))
          resumes_db.add_document(*doc);
    }
    if (!loaded.jobs.empty()) jobs_db.commit();
    if (!loaded.seekers.empty()) resumes_db.commit();
  } catch (const Xapian::Error& e) {
    return core::Error::internal("search: applying changes failed: " + e.get_description());
  }
  if (!loaded.jobs.empty()) jobs_.committed();
  if (!loaded.seekers.empty()) resumes_.committed();
  return core::Unit{};
}

}  // namespace hiresafe::search
