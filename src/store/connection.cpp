#include "store/connection.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

namespace hiresafe::store {

std::string limit_clause(int rows) {
  int size = rows;
  for (int fixed : {1001, 501, 201, 101, 51, 21, 11})
    if (rows <= fixed) size = fixed;
  std::string clause = " LIMIT ";
  clause += std::to_string(size);
  return clause;
}

soci::statement& StatementCache::get(soci::session& sql, const std::string& text) {
  auto it = statements_.find(text);
  if (it != statements_.end()) return *it->second;
  auto st = std::make_unique<soci::statement>(sql);
  st->alloc();
  st->prepare(text);
  return *statements_.emplace(text, std::move(st)).first->second;
}

Conn::Rebind::~Rebind() {
  st.bind_clean_up();
  if (conn.dialect_ == Dialect::kSqlite) {
    auto* backend = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
    if (backend && backend->stmt_) sqlite_api::sqlite3_reset(backend->stmt_);
  }
}

}  // namespace hiresafe::store
