#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <libpq-fe.h>

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
Database::~Database() = default;

Database::Lease::Lease(Database& db)
    : db_(db),
      position_(db.pool_.lease()),
      conn_(db.pool_.at(position_), db.dialect_, db.caches_[position_]) {}

Database::Lease::~Lease() { db_.pool_.give_back(position_); }

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
  try {
    for (int i = 0; i < pool_size; ++i) {
      soci::session& s = db->pool_.at(i);
      if (dialect == Dialect::kSqlite) {
        s.open(*soci::factory_sqlite3(), connect);
        s << "PRAGMA journal_mode=WAL";
        s << "PRAGMA foreign_keys=ON";
        s << "PRAGMA busy_timeout=10000";
        s << "PRAGMA synchronous=NORMAL";
      } else {
        s.open(*soci::factory_postgresql(), connect);
      }
    }
  } catch (const std::exception& e) {
    return core::Error::unavailable(std::string("cannot open database: ") + e.what());
  }
  return db;
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
