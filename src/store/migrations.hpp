// Versioned SQL migrations, embedded at build time and applied in order, each in a transaction.
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace hiresafe::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;  // statements end with ';' at the end of a line
};

const std::vector<Migration>& embedded_migrations();
// The privacy policy text shipped with this build (docs/privacy-policy.md).
std::string_view embedded_default_policy();

// Applies every migration newer than the database's, up to version `up_to` (tests stop there
// to write data as an older version did); returns how many ran.
core::Result<int> migrate(Database& db, long long now, int up_to = std::numeric_limits<int>::max());
// The newest version applied, 0 for an empty database.
core::Result<int> current_version(Database& db);
int latest_version();

}  // namespace hiresafe::store
