// Assertions and database probes shared by the API tests.
#pragma once

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "store/database.hpp"
#include "test_server.hpp"

namespace hiresafe::testing {

// A problem+json answer with the given status and type slug (empty: any of the API's), a title
// and a request id.
::testing::AssertionResult is_problem(const HttpResult& r, long status, const std::string& type);
// The `field` of every entry in a problem's `errors`.
std::set<std::string> error_fields(const HttpResult& r);
// The server's database, opened once per database URL (a PostgreSQL connection is slow to open).
store::Database& database_of(const TestServer& server);
long long count_rows(const TestServer& server, const std::string& table);

}  // namespace hiresafe::testing
