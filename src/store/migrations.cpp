#include "store/migrations.hpp"

#include <sstream>

namespace hiresafe::store {

namespace {

// A statement whose leading comment lines include this one runs on PostgreSQL only (storage
// settings SQLite has no syntax for); the migration's version is recorded on both all the same.
constexpr std::string_view kPostgresOnly = "-- postgresql only";

struct Statement {
  std::string sql;
  bool postgres_only = false;
};

// SQLite prepares one statement at a time, so a migration file is split at lines ending in ';'.
// Comment lines before a statement are dropped (and looked at for kPostgresOnly).
std::vector<Statement> split_statements(const std::string& sql) {
  std::vector<Statement> out;
  std::istringstream in(sql);
  std::string line;
  Statement current;
  while (std::getline(in, line)) {
    auto trimmed = line;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\r'))
      trimmed.pop_back();
    if (trimmed.rfind("--", 0) == 0 && current.sql.empty()) {
      if (trimmed.rfind(kPostgresOnly, 0) == 0) current.postgres_only = true;
      continue;
    }
    current.sql += line + "\n";
    if (!trimmed.empty() && trimmed.back() == ';') {
      out.push_back(std::move(current));
      current = {};
    }
  }
  if (current.sql.find_first_not_of(" \n\t\r") != std::string::npos)
    out.push_back(std::move(current));
  return out;
}

void ensure_table(soci::session& sql) {
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
         "name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
}

}  // namespace

int latest_version() {
  const auto& all = embedded_migrations();
  return all.empty() ? 0 : all.back().version;
}

core::Result<int> current_version(Database& db) {
  return db.read<int>([](soci::session& sql) -> core::Result<int> {
    ensure_table(sql);
    OptInt v;
    sql << "SELECT MAX(version) FROM schema_migrations", soci::into(v.value, v.ind);
    return static_cast<int>(v.get().value_or(0));
  });
}

core::Result<int> migrate(Database& db, long long now, int up_to) {
  HS_TRY(int have, current_version(db));
  const bool postgres = db.dialect() == Dialect::kPostgres;
  int applied = 0;
  for (const auto& m : embedded_migrations()) {
    if (m.version <= have || m.version > up_to) continue;
    HS_CHECK(db.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      for (const auto& stmt : split_statements(m.sql))
        if (postgres || !stmt.postgres_only) sql << stmt.sql;
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
          soci::use(m.version), soci::use(m.name), soci::use(now);
      return core::Unit{};
    }));
    ++applied;
  }
  return applied;
}

}  // namespace hiresafe::store
