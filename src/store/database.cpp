#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <libpq-fe.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

namespace hiresafe::store {

core::Result<std::string> postgres_conninfo(const std::string& url) {
  // SOCI rewrites parts of a URI; libpq's own parser turns it into keyword=value form first.
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "unparseable";
    PQfreemem(error);
    return core::Error::invalid("database_url", "bad PostgreSQL URL: " + message);
  }
  std::string out;
  for (auto* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    std::string value = o->val;
    std::string quoted;
    for (char c : value) {
      if (c == '\\' || c == '\'') quoted.push_back('\\');
      quoted.push_back(c);
    }
    out += std::string(out.empty() ? "" : " ") + o->keyword + "='" + quoted + "'";
  }
  PQconninfoFree(options);
  return out;
}

Database::Database(Dialect dialect, int pool_size)
    : pool_(pool_size), caches_(pool_size), dialect_(dialect) {}

Database::~Database() {
  {
    std::lock_guard lock(checkpoint_mutex_);
    stopping_ = true;
  }
  checkpoint_wake_.notify_all();
  if (checkpointer_.joinable()) checkpointer_.join();
}

Database::Lease::Lease(Database& db)
    : db_(db),
      position_(db.pool_.lease()),
      conn_(db.pool_.at(position_), db.dialect_, db.caches_[position_]) {}

Database::Lease::~Lease() {
  db_.pool_.give_back(position_);
}

namespace {
void open_sqlite(soci::session& s, const std::string& connect) {
  s.open(*soci::factory_sqlite3(), connect);
  s << "PRAGMA journal_mode=WAL";
  s << "PRAGMA foreign_keys=ON";
  s << "PRAGMA busy_timeout=10000";
  s << "PRAGMA synchronous=NORMAL";
}
}  // namespace

core::Result<std::unique_ptr<Database>> Database::open(const std::string& url, int pool_size) {
  static constexpr std::string_view kSqlite = "sqlite://";
  Dialect dialect;
  std::string connect;
  std::string path;
  if (url.starts_with(kSqlite)) {
    dialect = Dialect::kSqlite;
    path = url.substr(kSqlite.size());
    if (path.empty()) return core::Error::invalid("database_url", "sqlite URL has no path");
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    connect = "db=" + path + " timeout=10";
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    dialect = Dialect::kPostgres;
    HS_TRY(connect, postgres_conninfo(url));
  } else {
    return core::Error::invalid("database_url", "must start with sqlite:// or postgresql://");
  }

  if (dialect == Dialect::kSqlite) {
    // SQLite's memory statistics take a process-wide mutex on every allocation; the I/O threads
    // contended on it under load. Multi-thread mode drops the per-connection mutex: the pool
    // hands a connection to one thread at a time. Both must be set before SQLite initialises.
    static std::once_flag configured;
    std::call_once(configured, [] {
      sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
      sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    });
  }
  std::unique_ptr<Database> db(new Database(dialect, pool_size));
  db->sqlite_path_ = path;
  db->sqlite_connect_ = connect;
  try {
    for (int i = 0; i < pool_size; ++i) {
      soci::session& s = db->pool_.at(i);
      if (dialect == Dialect::kSqlite) {
        open_sqlite(s, connect);
      } else {
        s.open(*soci::factory_postgresql(), connect);
      }
    }
    if (dialect == Dialect::kSqlite) {
      open_sqlite(db->writer_, connect);
      // Every write goes through this one connection, so its cache is never invalidated by
      // another connection's commit: the B-tree pages that inserts walk stay in memory.
      db->writer_ << "PRAGMA cache_size=-65536";
      // Each transaction of a batch runs in a SAVEPOINT, whose undo pages go to a temporary
      // sub-journal: in memory rather than a file written through the kernel.
      db->writer_ << "PRAGMA temp_store=MEMORY";
    }
  } catch (const std::exception& e) {
    return core::Error::unavailable(std::string("cannot open database: ") + e.what());
  }
  return db;
}

void Database::write(WriteJob& job) {
  // No dedicated writer thread: the caller who finds the writer idle runs everything queued so
  // far, including its own job, while later callers queue behind it for the next batch.
  static constexpr std::size_t kMaxBatch = 128;
  std::unique_lock lock(write_mutex_);
  write_queue_.push_back(&job);
  while (!job.done) {
    if (writing_ || restart_waiting_) {
      job.wake.wait(lock);
      continue;
    }
    writing_ = true;
    const std::size_t n = std::min(write_queue_.size(), kMaxBatch);
    std::vector<WriteJob*> batch(write_queue_.begin(), write_queue_.begin() + n);
    write_queue_.erase(write_queue_.begin(), write_queue_.begin() + n);
    lock.unlock();
    run_batch(batch);
    lock.lock();
    write_stats_.transactions += static_cast<long long>(batch.size());
    write_stats_.commits += 1;
    writing_ = false;
    for (WriteJob* j : batch) {
      j->done = true;
      if (j != &job) j->wake.notify_one();
    }
    // The next in line leads the next batch.
    if (!write_queue_.empty()) write_queue_.front()->wake.notify_one();
    writer_idle_.notify_all();
  }
}

void Database::run_batch(const std::vector<WriteJob*>& batch) {
  Conn conn(writer_, dialect_, writer_cache_);
  // Fails every job that has not failed on its own: nothing of this batch was kept.
  auto fail_all = [&](const std::exception& e) {
    writer_cache_.clear();
    for (WriteJob* j : batch)
      if (!j->failure) j->failure = database_error(e);
    try {
      writer_ << "ROLLBACK";
    } catch (...) {
      // Already rolled back by SQLite (or never begun); nothing more to undo.
    }
  };
  try {
    conn.change("BEGIN IMMEDIATE");
  } catch (const std::exception& e) {
    fail_all(e);
    return;
  }
  for (WriteJob* job : batch) {
    bool keep = false;
    try {
      conn.change("SAVEPOINT job");
      keep = job->run(conn);
    } catch (const std::exception& e) {
      // The statement cache goes: a statement that threw may be left mid-step.
      writer_cache_.clear();
      job->failure = database_error(e);
    }
    try {
      if (!keep) conn.change("ROLLBACK TO job");
      conn.change("RELEASE job");
    } catch (const std::exception& e) {
      // SQLite ended the whole transaction (an I/O error, a full disk): earlier jobs are gone.
      fail_all(e);
      return;
    }
  }
  try {
    conn.change("COMMIT");
  } catch (const std::exception& e) {
    fail_all(e);
  }
}

Database::WriteStats Database::write_stats() {
  std::lock_guard lock(write_mutex_);
  return write_stats_;
}

void Database::set_on_writer(const char* pragma) {
  // Between batches only: the writer connection belongs to whoever holds the writer slot.
  std::unique_lock lock(write_mutex_);
  writer_idle_.wait(lock, [&] { return !writing_; });
  writer_ << pragma;
}

void Database::set_durable_commits(bool durable) {
  if (dialect_ != Dialect::kSqlite) return;
  set_on_writer(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
}

void Database::start_checkpoints(std::chrono::milliseconds interval) {
  if (dialect_ != Dialect::kSqlite || checkpointer_.joinable()) return;
  // A safety net rather than zero: should this thread fall behind, SQLite checkpoints once
  // the WAL holds 40 MB instead of letting it grow without bound.
  set_on_writer("PRAGMA wal_autocheckpoint=10000");
  checkpointer_ = std::thread([this, interval] { checkpoint_loop(interval); });
}

void Database::checkpoint_loop(std::chrono::milliseconds interval) {
  soci::session sql;
  try {
    open_sqlite(sql, sqlite_connect_);
    // Only the restarting pass waits for readers, and only this long: the writer slot is held
    // meanwhile, and one long read must not stall every write; the next round tries again.
    sql << "PRAGMA busy_timeout=20";
  } catch (const std::exception&) {
    return;  // SQLite's own automatic checkpoints remain
  }
  // The database file itself, for syncing it before a restart (below); -1: not opened, and the
  // restart syncs everything itself as before.
  struct File {
    int fd;
    ~File() {
      if (fd >= 0) ::close(fd);
    }
  } file{::open(sqlite_path_.c_str(), O_RDONLY | O_CLOEXEC)};
  // PASSIVE never waits for readers or the writer: it copies what it can while commits go on.
  // Passes repeat while commits keep adding many frames meanwhile, so what is left for the
  // restart, which holds up writes, is a short tail. Returns the WAL's size in frames.
  auto copy_unlocked = [&] {
    int busy = 0, frames = 0, copied = 0, before = -1;
    for (int pass = 0; pass < kMaxUnlockedPasses; ++pass) {
      sql << "PRAGMA wal_checkpoint(PASSIVE)", soci::into(busy), soci::into(frames),
          soci::into(copied);
      if (before >= 0 && frames - before < kRestartTail) break;
      before = frames;
    }
    return frames;
  };
  std::unique_lock lock(checkpoint_mutex_);
  while (!checkpoint_wake_.wait_for(lock, interval, [&] { return stopping_; })) {
    lock.unlock();
    try {
      if (copy_unlocked() >= kRestartFrames) {
        // A PASSIVE pass that commits outran syncs nothing, so every page the passes copied
        // would otherwise be synced by the restart with writes held: 6-14 ms a restart at
        // 2,000 applies/s, the paced p99 of bench/hiring.sh. Synced here while commits go on,
        // and the frames that arrived meanwhile copied, the restart syncs only a short tail.
        if (file.fd >= 0) {
          ::fdatasync(file.fd);
          copy_unlocked();
        }
        restart_wal(sql);
      }
    } catch (const std::exception&) {
      // A failed round (the file briefly locked by another process) is retried next round.
    }
    lock.lock();
  }
}

void Database::restart_wal(soci::session& sql) {
  // Under continuous writes a PASSIVE pass never finds the WAL fully copied, so SQLite never
  // starts it over, it grows until the writer's safety-net checkpoint fires inside a commit.
  // Holding the writer slot, the few frames appended since the unlocked pass are copied, and
  // RESTART waits (briefly) for readers of old frames, so the next commit writes the WAL from
  // its start.
  // New batches wait from the announcement on, so that is where the hold starts.
  const auto announced = std::chrono::steady_clock::now();
  {
    // Announced first: under steady writes a new batch would otherwise always win the slot.
    std::unique_lock lock(write_mutex_);
    restart_waiting_ = true;
    writer_idle_.wait(lock, [&] { return !writing_; });
    restart_waiting_ = false;
    writing_ = true;
  }
  struct Release {
    Database& db;
    std::chrono::steady_clock::time_point announced;
    bool restarted = false;
    ~Release() {
      const auto held = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - announced)
                            .count();
      std::lock_guard lock(db.write_mutex_);
      if (restarted) ++db.write_stats_.wal_restarts;
      db.write_stats_.restart_hold_us += held;
      db.write_stats_.longest_restart_hold_us =
          std::max<long long>(db.write_stats_.longest_restart_hold_us, held);
      db.writing_ = false;
      if (!db.write_queue_.empty()) db.write_queue_.front()->wake.notify_one();
      db.writer_idle_.notify_all();
    }
  } release{*this, announced, false};
  int busy = 0, frames = 0, copied = 0;
  sql << "PRAGMA wal_checkpoint(RESTART)", soci::into(busy), soci::into(frames), soci::into(copied);
  release.restarted = busy == 0;
}

bool Database::ping() {
  try {
    soci::session sql(pool_);
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception&) {
    return false;
  }
}

core::Error database_error(const std::exception& e) {
  std::string what = e.what();
  if (what.find("UNIQUE constraint failed") != std::string::npos ||
      what.find("duplicate key value") != std::string::npos) {
    return core::Error::conflict("duplicate", "That already exists");
  }
  // SOCI appends the query and its bound values after " while "; values stay out of logs.
  if (auto cut = what.find(" while "); cut != std::string::npos) what.resize(cut);
  return core::Error::internal("database: " + what);
}

}  // namespace hiresafe::store
