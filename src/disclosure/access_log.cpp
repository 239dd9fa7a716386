#include "disclosure/access_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/ids.hpp"

namespace hiresafe::disclosure {

using nlohmann::json;

namespace {

constexpr const char* kPrefix = "access-journal.";

json line_of(const std::string& id, const AccessRecord& r, long long at) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", id},
          {"actor_kind", r.actor_kind},
          {"actor_id", r.actor_id},
          {"subject", r.subject_user_id},
          {"data_kind", r.data_kind},
          {"purpose", r.purpose},
          {"grant", opt(r.grant_id)},
          {"company", opt(r.actor_company_id)},
          {"object", opt(r.object_id)},
          {"fields", r.fields},
          {"at", at}};
}

std::optional<std::string> opt_of(const json& v) {
  return v.is_string() ? std::optional<std::string>(v.get<std::string>()) : std::nullopt;
}

// Inserts with the record's own id; an id already present is skipped (a replayed journal).
void insert(hiresafe::store::Conn& conn, const std::string& id, const AccessRecord& r,
            long long at) {
  const std::string grant = r.grant_id.value_or(""), company = r.actor_company_id.value_or(""),
                    object = r.object_id.value_or("");
  soci::indicator grant_ind = r.grant_id ? soci::i_ok : soci::i_null;
  soci::indicator company_ind = r.actor_company_id ? soci::i_ok : soci::i_null;
  soci::indicator object_ind = r.object_id ? soci::i_ok : soci::i_null;
  conn.once(
      "INSERT INTO access_records (id, actor_kind, actor_id, subject_user_id, data_kind, "
      "purpose, grant_id, at, actor_company_id, object_id, fields) "
      "VALUES (:id, :k, :a, :s, :d, :p, :g, :t, :c, :o, :f) ON CONFLICT (id) DO NOTHING",
      soci::use(id), soci::use(r.actor_kind), soci::use(r.actor_id), soci::use(r.subject_user_id),
      soci::use(r.data_kind), soci::use(r.purpose), soci::use(grant, grant_ind), soci::use(at),
      soci::use(company, company_ind), soci::use(object, object_ind), soci::use(r.fields));
}

}  // namespace

core::Result<long long> replay_journal(hiresafe::store::Database& db, const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::Error::internal("cannot read access journal " + path);
  std::vector<std::pair<std::string, std::pair<AccessRecord, long long>>> records;
  std::string line;
  while (std::getline(in, line)) {
    // A crash mid-write leaves at most a torn last line: it was never acknowledged, skip it.
    const json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id")) continue;
    AccessRecord r{j.value("actor_kind", ""), j.value("actor_id", ""), j.value("subject", ""),
                   j.value("data_kind", ""),  j.value("purpose", ""),  opt_of(j["grant"]),
                   opt_of(j["company"]),      opt_of(j["object"]),     j.value("fields", "")};
    records.push_back({j["id"].get<std::string>(), {std::move(r), j.value("at", 0LL)}});
  }
  HS_CHECK(db.transaction<core::Unit>([&](hiresafe::store::Conn& sql) -> core::Status {
    for (const auto& [id, rec] : records) insert(sql, id, rec.first, rec.second);
    return core::Unit{};
  }));
  return static_cast<long long>(records.size());
}

AccessLog::AccessLog(hiresafe::store::Database& db, std::string journal_dir, long long batch_ms,
                     core::Logger logger)
    : db_(db), dir_(std::move(journal_dir)), batch_ms_(batch_ms), logger_(std::move(logger)) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  writer_.reset();
  if (auto s = commit_queued(); !s)
    logger_->error("access records stay in their journal until the next start: {}",
                   s.error().title + " " + s.error().detail);
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  if (queue_.empty() && retired_.empty() && !journal_path_.empty()) {
    std::error_code ec;
    std::filesystem::remove(journal_path_, ec);
  }
}

core::Status AccessLog::open_journal() {
  // Names sort by creation: seconds since the epoch, then a random suffix.
  const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  journal_path_ = dir_ + "/" + kPrefix + std::to_string(now) + "-" + core::random_hex(4) + ".log";
  fd_ = ::open(journal_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0)
    return core::Error::internal("cannot open access journal: " + std::string(std::strerror(errno)));
  return core::Unit{};
}

core::Status AccessLog::start() {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  std::vector<std::string> leftovers;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec))
    if (entry.path().filename().string().starts_with(kPrefix))
      leftovers.push_back(entry.path().string());
  std::sort(leftovers.begin(), leftovers.end());
  for (const auto& path : leftovers) {
    HS_TRY(long long n, replay_journal(db_, path));
    std::filesystem::remove(path, ec);
    logger_->info("replayed {} access record(s) from a journal left by the last run", n);
  }
  {
    std::lock_guard lock(mutex_);
    HS_CHECK(open_journal());
  }
  writer_.emplace(std::chrono::milliseconds(batch_ms_), [this] { tick(); });
  return core::Unit{};
}

core::Status AccessLog::record(const AccessRecord& r, long long now) {
  // Ordered ids: each insert lands at the right edge of the primary-key index instead of on a
  // random page of it (random ids dirtied one more index page per record in every batch).
  Entry e{core::new_ordered_id("ar_"), r, now};
  const std::string line = line_of(e.id, r, now).dump() + "\n";
  std::lock_guard lock(mutex_);
  if (fd_ < 0) return core::Error::internal("the access journal is not open");
  // One write(2) per line with O_APPEND: the kernel has it once this returns.
  const ssize_t written = ::write(fd_, line.data(), line.size());
  if (written != static_cast<ssize_t>(line.size()))
    return core::Error::internal("cannot write the access journal: " +
                                 std::string(std::strerror(errno)));
  queue_.push_back(std::move(e));
  return core::Unit{};
}

core::Status AccessLog::commit_queued() {
  std::lock_guard commit(commit_mutex_);
  std::deque<Entry> batch;
  std::vector<std::string> done;
  {
    std::lock_guard lock(mutex_);
    if (queue_.empty()) return core::Unit{};
    batch.swap(queue_);
    // New records go to a fresh journal; the old one goes once this batch is committed.
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
      retired_.push_back(journal_path_);
      // Without a journal `record` refuses, so no view goes out unrecorded.
      if (!stop_)
        if (auto opened = open_journal(); !opened)
          logger_->error("access journal: {}", opened.error().detail);
    }
    done = retired_;
  }
  auto committed = db_.transaction<core::Unit>([&](hiresafe::store::Conn& sql) -> core::Status {
    for (const auto& e : batch) insert(sql, e.id, e.record, e.at);
    return core::Unit{};
  });
  std::lock_guard lock(mutex_);
  if (!committed) {
    // Keep them: the next tick tries again, and the journals stay for a restart.
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) queue_.push_front(std::move(*it));
    return committed.error();
  }
  std::error_code ec;
  for (const auto& path : done) std::filesystem::remove(path, ec);
  retired_.erase(retired_.begin(), retired_.begin() + static_cast<long>(done.size()));
  return core::Unit{};
}

core::Status AccessLog::flush() { return commit_queued(); }

void AccessLog::tick() {
  {
    std::lock_guard lock(mutex_);
    if (queue_.empty()) return;
  }
  if (auto s = commit_queued(); !s)
    logger_->error("access records not committed yet (will retry): {}", s.error().title);
}

}  // namespace hiresafe::disclosure
