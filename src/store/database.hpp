// The connection pool and transactions over SOCI, for SQLite (embedded) and PostgreSQL.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
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
  // returns an error or throws. SQLite takes the write lock up front (BEGIN IMMEDIATE) so two
  // writers queue on busy_timeout instead of deadlocking on lock upgrade.
  // `work` may take `soci::session&` or `Conn&` (for statements prepared once per connection).
  template <class T>
  core::Result<T> transaction(const std::function<core::Result<T>(Conn&)>& work);

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

  Database(Dialect dialect, int pool_size);
  // SQLite allows one writer at a time; a second BEGIN IMMEDIATE would wait in SQLite's busy
  // handler, which sleeps in whole milliseconds. In-process writers queue here instead and
  // hand over in microseconds; other processes (the CLI) still meet busy_timeout.
  std::mutex sqlite_writer_;
  soci::connection_pool pool_;
  std::vector<StatementCache> caches_;
  Dialect dialect_;
  std::string sqlite_path_;
};

// A postgresql:// URL in libpq keyword=value form, the form SOCI passes through untouched.
core::Result<std::string> postgres_conninfo(const std::string& url);

// Converts the exception thrown inside a transaction into an Error: unique-constraint
// violations become 409 conflicts, everything else a 500 whose detail stays in the log.
core::Error database_error(const std::exception& e);

template <class T>
core::Result<T> Database::transaction(const std::function<core::Result<T>(Conn&)>& work) {
  std::unique_lock<std::mutex> writer;
  if (dialect_ == Dialect::kSqlite) writer = std::unique_lock(sqlite_writer_);
  Lease lease(*this);
  soci::session& sql = lease.conn().sql();
  try {
    sql << (dialect_ == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
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
