#include "api_checks.hpp"

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace hiresafe::testing {

using nlohmann::json;

namespace {
const std::string kProblems = "https://hiresafe.dev/problems/";
}  // namespace

::testing::AssertionResult is_problem(const HttpResult& r, long status, const std::string& type) {
  if (r.status != status)
    return ::testing::AssertionFailure()
           << "status " << r.status << " != " << status << ": " << r.body;
  if (r.header("content-type").rfind("application/problem+json", 0) != 0)
    return ::testing::AssertionFailure() << "content-type " << r.header("content-type");
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object()) return ::testing::AssertionFailure() << "body is not an object";
  // An empty `type` accepts any problem type of the API.
  if (type.empty() ? !body.value("type", "").starts_with(kProblems)
                   : body.value("type", "") != kProblems + type)
    return ::testing::AssertionFailure() << "type " << body.value("type", "") << " != " << type;
  if (!body["title"].is_string() || body["title"].get<std::string>().empty())
    return ::testing::AssertionFailure() << "no title: " << r.body;
  if (body.value("status", 0L) != status)
    return ::testing::AssertionFailure() << "body status " << body["status"];
  if (r.header("x-request-id").empty()) return ::testing::AssertionFailure() << "no X-Request-Id";
  return ::testing::AssertionSuccess();
}

std::set<std::string> error_fields(const HttpResult& r) {
  std::set<std::string> fields;
  json body = json::parse(r.body, nullptr, false);
  if (body.is_object() && body.contains("errors"))
    for (const auto& e : body["errors"]) fields.insert(e.value("field", ""));
  return fields;
}

store::Database& database_of(const TestServer& server) {
  static std::map<std::string, std::unique_ptr<hiresafe::store::Database>> open;
  auto& db = open[server.database_url()];
  if (!db) {
    auto opened = hiresafe::store::Database::open(server.database_url(), 1);
    if (!opened) throw std::runtime_error("cannot open the test database: " + opened.error().title);
    db = std::move(opened).value();
  }
  return *db;
}

long long count_rows(const TestServer& server, const std::string& table) {
  auto n = database_of(server).read<long long>(
      [&](soci::session& sql) -> hiresafe::core::Result<long long> {
        long long count = 0;
        sql << "SELECT COUNT(*) FROM " + table, soci::into(count);
        return count;
      });
  if (!n) throw std::runtime_error("cannot count " + table + ": " + n.error().title);
  return *n;
}

}  // namespace hiresafe::testing

