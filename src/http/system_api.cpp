#include "http/system_api.hpp"

#include <nlohmann/json.hpp>

#include "store/migrations.hpp"

namespace hiresafe::http {

HttpResponse get_healthz(App&, const HttpRequest&) {
  return json_response(200, {{"status", "ok"}});
}

HttpResponse get_readyz(App& app, const HttpRequest&) {
  bool db_ok = app.db.ping();
  auto version = db_ok ? hiresafe::store::current_version(app.db) : core::Result<int>(0);
  bool current = version && *version == hiresafe::store::latest_version();
  nlohmann::json body = {{"database", db_ok ? "ok" : "unreachable"},
                         {"migrations", current ? "current" : "behind"}};
  if (!db_ok || !current) {
    auto e = core::Error::unavailable("Not ready");
    HttpResponse r = problem_response(e);
    auto problem = nlohmann::json::parse(r.body);
    problem["checks"] = body;
    r.body = problem.dump();
    return r;
  }
  body["status"] = "ready";
  return json_response(200, body);
}

HttpResponse get_metrics(App& app, const HttpRequest&) {
  return {200, "text/plain; version=0.0.4", app.metrics.render(), {}, {}};
}

HttpResponse post_test_clock(App& app, const HttpRequest& req) {
  auto fields = Fields::parse(req.body);
  if (!fields) return problem_response(fields.error());
  long long advance = fields->integer("advance_seconds");
  if (auto s = fields->finish(); !s) return problem_response(s.error());
  app.test_clock->advance(advance);
  return json_response(200, {{"now", app.test_clock->now()}, {"offset", app.test_clock->offset()}});
}

}  // namespace hiresafe::http
