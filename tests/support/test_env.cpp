#include "test_env.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <cstdlib>
#include <filesystem>

#include "core/ids.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace hiresafe::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "hiresafe-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!std::getenv("HIRESAFE_KEEP_TEST_DIRS")) std::filesystem::remove_all(path_, ec);
}

std::string backend() {
  const char* b = std::getenv("HIRESAFE_TEST_BACKEND");
  return b && *b ? b : "sqlite";
}

std::string fresh_database_url(const std::string& dir) {
  if (backend() != "postgres") return "sqlite://" + dir + "/hiresafe.db";
  const char* base = std::getenv("HIRESAFE_TEST_PG_BASE");
  if (!base || !*base) return {};
  std::string name = "hs_" + core::random_hex(8);
  auto conninfo = store::postgres_conninfo(std::string(base) + "/postgres");
  if (!conninfo) throw std::runtime_error("bad HIRESAFE_TEST_PG_BASE");
  soci::session admin(*soci::factory_postgresql(), *conninfo);
  admin << "CREATE DATABASE " + name;
  return std::string(base) + "/" + name;
}

}  // namespace hiresafe::testing

namespace hiresafe::testing {

std::unique_ptr<store::Database> open_test_database(const std::string& dir) {
  auto url = fresh_database_url(dir);
  if (url.empty()) return nullptr;
  auto db = store::Database::open(url, 4);
  if (!db) throw std::runtime_error("cannot open test database: " + db.error().title);
  auto migrated = store::migrate(**db, 0);
  if (!migrated) throw std::runtime_error("cannot migrate: " + migrated.error().detail);
  return std::move(db).value();
}

}  // namespace hiresafe::testing
