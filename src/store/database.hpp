// The connection pool and transactions over SOCI, for SQLite (embedded) and PostgreSQL.
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "store/connection.hpp"

namespace hiresafe::store {

class Database {
 public:
  // url: sqlite:///abs/path, sqlite://relative/path or postgresql://...
  static core::Result<std::unique_ptr<Database>> open(const std::string& url, int pool_size);
  ~Database();

  Dialect dialect() const { return dialect_; }
  const std::string& sqlite_path() const { return sqlite_path_; }

  // Runs `work` inside one transaction: committed when it returns a value, rolled back when it
  // returns an error or throws. `work` may take `soci::session&` or `Conn&` (for statements
  // prepared once per connection). It must not start another transaction.
  //
  // On SQLite, which has one writer at a time, concurrent callers are committed together
  // (group commit): whoever finds the writer free runs every queued `work` on the one writer
  // connection, each inside its own SAVEPOINT (a failed one is rolled back alone), and commits
  // them with one COMMIT. Each caller still gets its own result, and none returns before the
  // commit that holds its changes. A commit that fails fails every caller in it.
  template <class T>
  core::Result<T> transaction(const std::function<core::Result<T>(Conn&)>& work);

  // For a change that is one statement (`work` may read after it, but its only write is that
  // statement and it returns no error once the statement ran). On PostgreSQL the statement
  // runs in autocommit: one round trip instead of BEGIN, statement, COMMIT. On SQLite it joins
  // the group commit like any transaction.
  template <class T>
  core::Result<T> single_statement(const std::function<core::Result<T>(Conn&)>& work);

  // SQLite only (a no-op on PostgreSQL): with `durable`, the writer fsyncs the WAL at every
  // commit (synchronous=FULL), one fsync per group commit rather than per transaction; without,
  // at checkpoints only (NORMAL: a crash of the process loses nothing, a power cut the last
  // commits).
  void set_durable_commits(bool durable);

  // SQLite only (a no-op on PostgreSQL): copies the WAL back into the database file on a
  // background thread every `interval` instead of inside the commit that crosses SQLite's
  // threshold, where every queued writer waits for its two fsyncs. For `serve`; short-lived
  // commands keep SQLite's automatic checkpoints.
  void start_checkpoints(std::chrono::milliseconds interval);

  // How much group commit saved: transactions run through the SQLite writer and the commits
  // that held them (equal when every writer found the writer idle), and how often the
  // checkpointer started the WAL over. Zero on PostgreSQL.
  struct WriteStats {
    long long transactions = 0;
    long long commits = 0;
    long long wal_restarts = 0;
    // How long writes were held up by restarts (SQLite), in all and at most: the stall a
    // restart adds to every commit queued behind it.
    long long restart_hold_us = 0;
    long long longest_restart_hold_us = 0;
  };
  WriteStats write_stats();

  // Runs read-only `work` on a pooled connection, outside an explicit transaction.
  template <class T>
  core::Result<T> read(const std::function<core::Result<T>(Conn&)>& work);

  bool ping();

 private:
  // A pool connection held for one unit of work; a failure drops its prepared statements.
  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease();
    Conn& conn() { return conn_; }
    void failed() { db_.caches_[position_].clear(); }

   private:
    Database& db_;
    std::size_t position_;
    Conn conn_;
  };

  // One caller's transaction waiting for the SQLite writer, type-erased so that one batch can
  // hold work of any result type. `run` returns true to keep its changes.
  struct WriteJob {
    std::function<bool(Conn&)> run;
    std::optional<core::Error> failure;  // thrown by `run`, or the batch did not commit
    bool done = false;
    // Woken alone, when its batch has committed or it is first in line to lead the next one:
    // a shared condition variable woke every waiting writer after each commit.
    std::condition_variable wake;
  };

  Database(Dialect dialect, int pool_size);
  // Queues `job` and waits until a batch holding it has committed or failed.
  void write(WriteJob& job);
  // BEGIN IMMEDIATE, every job in a SAVEPOINT of its own, one COMMIT.
  void run_batch(const std::vector<WriteJob*>& batch);
  void checkpoint_loop(std::chrono::milliseconds interval);
  void restart_wal(soci::session& sql);
  void set_on_writer(const char* pragma);
  // WAL size (pages) from which the checkpointer starts the WAL over: 4 MB.
  static constexpr int kRestartFrames = 1000;
  // New frames per unlocked pass below which the restart's tail is short enough to copy while
  // writes wait, and the most unlocked passes before it. At 2,000 applies/s a pass copies
  // about three times as fast as commits add frames, so each pass leaves a third of the last.
  static constexpr int kRestartTail = 64;
  static constexpr int kMaxUnlockedPasses = 8;

  soci::connection_pool pool_;
  std::vector<StatementCache> caches_;
  Dialect dialect_;
  std::string sqlite_path_;
  std::string sqlite_connect_;

  // SQLite's writer: one connection for every write, so its page cache is never invalidated
  // by another connection's commit and stays warm; writers queue in process (microseconds)
  // rather than in SQLite's busy handler, which sleeps in whole milliseconds. Other processes
  // (the CLI) still meet busy_timeout.
  soci::session writer_;
  StatementCache writer_cache_;
  std::mutex write_mutex_;
  std::condition_variable writer_idle_;  // for set_on_writer and restart_wal
  std::deque<WriteJob*> write_queue_;
  bool writing_ = false;
  bool restart_waiting_ = false;  // the checkpointer waits for the writer slot
  WriteStats write_stats_;        // guarded by write_mutex_

  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  bool stopping_ = false;
  std::thread checkpointer_;
};

// A postgresql:// URL in libpq keyword=value form, the form SOCI passes through untouched.
core::Result<std::string> postgres_conninfo(const std::string& url);

// Converts the exception thrown inside a transaction into an Error: unique-constraint
// violations become 409 conflicts, everything else a 500 whose detail stays in the log.
core::Error database_error(const std::exception& e);

template <class T>
core::Result<T> Database::transaction(const std::function<core::Result<T>(Conn&)>& work) {
  if (dialect_ == Dialect::kSqlite) {
    std::optional<core::Result<T>> result;
    WriteJob job;
    job.run = [&](Conn& conn) {
      result.emplace(work(conn));
      return static_cast<bool>(*result);
    };
    write(job);
    if (job.failure) return *job.failure;
    return std::move(*result);
  }
  Lease lease(*this);
  soci::session& sql = lease.conn().sql();
  try {
    sql << "BEGIN";
  } catch (const std::exception& e) {
    return database_error(e);
  }
  try {
    core::Result<T> result = work(lease.conn());
    if (result)
      sql << "COMMIT";
    else
      sql << "ROLLBACK";
    return result;
  } catch (const std::exception& e) {
    lease.failed();
    try {
      sql << "ROLLBACK";
    } catch (...) {
      // The connection may already have rolled back; nothing more to undo.
    }
    return database_error(e);
  }
}

template <class T>
core::Result<T> Database::single_statement(const std::function<core::Result<T>(Conn&)>& work) {
  if (dialect_ == Dialect::kSqlite) return transaction<T>(work);
  // A pooled connection outside an explicit transaction commits each statement by itself.
  return read<T>(work);
}

template <class T>
core::Result<T> Database::read(const std::function<core::Result<T>(Conn&)>& work) {
  Lease lease(*this);
  try {
    return work(lease.conn());
  } catch (const std::exception& e) {
    lease.failed();
    return database_error(e);
  }
}

// Reads an integer column from a soci::row whatever width the backend reports it in (SQLite
// and PostgreSQL describe INTEGER and BIGINT columns differently).
inline long long row_int(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<long long>(r.get<double>(i));
    case soci::dt_string:
      return std::stoll(r.get<std::string>(i));
    default:
      throw soci::soci_error("column is not an integer");
  }
}

// Optional columns of a soci::row: an empty optional for SQL NULL.
inline std::optional<std::string> row_opt_text(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  return r.get<std::string>(i);
}
inline std::optional<long long> row_opt_int(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  return row_int(r, i);
}

// Reads an optional text column: empty optional for SQL NULL.
struct OptText {
  std::string value;
  soci::indicator ind = soci::i_null;
  std::optional<std::string> get() const {
    return ind == soci::i_ok ? std::optional<std::string>(value) : std::nullopt;
  }
};
template <class T>
struct OptValue {
  T value = 0;
  soci::indicator ind = soci::i_null;
  std::optional<T> get() const {
    return ind == soci::i_ok ? std::optional<T>(value) : std::nullopt;
  }
};
using OptInt = OptValue<long long>;
using OptDouble = OptValue<double>;

}  // namespace hiresafe::store
