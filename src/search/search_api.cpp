#include "search/search_api.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "http/json_util.hpp"
#include "http/request_headers.hpp"

namespace hiresafe::search {

using http::HttpRequest;
using http::HttpResponse;
using nlohmann::json;

namespace {

// Reads typed query parameters, collecting every problem for one 422. The free-text `q` is
// never a problem (it degrades to plain words).
class Params {
 public:
  explicit Params(const HttpRequest& req) : req_(req) {}

  std::optional<std::string> text(const char* name) {
    auto v = req_.query_param(name);
    if (v && v->empty()) return std::nullopt;
    return v;
  }
  std::optional<long long> integer(const char* name) {
    auto v = text(name);
    if (!v) return std::nullopt;
    long long out = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || end != v->data() + v->size()) {
      problems_.push_back({name, "must be a whole number"});
      return std::nullopt;
    }
    return out;
  }
  std::optional<double> number(const char* name) {
    auto v = text(name);
    if (!v) return std::nullopt;
    double out = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || end != v->data() + v->size() || !std::isfinite(out)) {
      problems_.push_back({name, "must be a number"});
      return std::nullopt;
    }
    return out;
  }
  std::optional<GeoPoint> point(const char* name) {
    auto v = text(name);
    if (!v) return std::nullopt;
    const auto comma = v->find(',');
    GeoPoint p;
    if (comma != std::string::npos) {
      const char* b = v->data();
      const auto lat = std::from_chars(b, b + comma, p.latitude);
      const auto lng = std::from_chars(b + comma + 1, b + v->size(), p.longitude);
      if (lat.ec == std::errc() && lat.ptr == b + comma && lng.ec == std::errc() &&
          lng.ptr == b + v->size())
        return p;
    }
    problems_.push_back({name, "must be latitude,longitude in degrees, e.g. 31.23,121.47"});
    return std::nullopt;
  }
  // The opaque cursor is the offset of the next page, base64url-encoded.
  long long cursor() {
    auto v = text("cursor");
    if (!v) return 0;
    if (auto decoded = http::decode_cursor(*v)) {
      const std::string& raw = *decoded;
      long long offset = 0;
      const auto [end, ec] = std::from_chars(raw.data() + 1, raw.data() + raw.size(), offset);
      if (raw.size() > 1 && raw[0] == 'o' && ec == std::errc() && end == raw.data() + raw.size())
        return offset;
    }
    problems_.push_back({"cursor", "is not a cursor this server handed out"});
    return 0;
  }
  int limit() { return static_cast<int>(integer("limit").value_or(20)); }
  // Unreadable parameters and filters that name nothing, in one 422.
  core::Status finish(std::vector<core::FieldError> more) {
    problems_.insert(problems_.end(), more.begin(), more.end());
    if (problems_.empty()) return core::Unit{};
    return core::Error::invalid(std::move(problems_));
  }

 private:
  const HttpRequest& req_;
  std::vector<core::FieldError> problems_;
};

json cursor_json(const std::optional<long long>& next) {
  if (!next) return nullptr;
  return http::encode_cursor("o" + std::to_string(*next));
}

// The page as JSON text: each stored card is copied as it is, with the highlights (and the
// distance) appended inside it, rather than parsed into a tree and dumped again.
std::string job_results_text(const JobResults& r) {
  std::string out = R"({"items":[)";
  for (const auto& hit : r.hits) {
    json extra = {{"highlights",
                   {{"title", hit.title_highlight},
                    {"excerpt", hit.excerpt_highlight},
                    {"matched_terms", hit.matched_terms}}}};
    if (hit.distance_km) extra["distance_km"] = std::round(*hit.distance_km * 100) / 100;
    if (out.back() != '[') out += ',';
    // A card is a non-empty object: drop its closing brace, continue with the extra members.
    out.append(hit.card_json, 0, hit.card_json.rfind('}'));
    out += ',';
    out += http::json_text(extra).substr(1);
  }
  json facets = json::object();
  for (const auto& [name, counts] : r.facets) {
    json list = json::array();
    for (const auto& c : counts) list.push_back({{"value", c.value}, {"count", c.count}});
    facets[name] = std::move(list);
  }
  const json rest = {{"total", r.total},
                     {"total_exact", r.exact},
                     {"facets", std::move(facets)},
                     {"next_cursor", cursor_json(r.next_offset)}};
  out += "],";
  out += http::json_text(rest).substr(1);
  return out;
}

}  // namespace

HttpResponse get_jobs(http::App& app, const HttpRequest& req) {
  Params p(req);
  JobQuery q;
  q.q = p.text("q").value_or("");
  q.city = p.text("city");
  q.category = p.text("category");
  q.salary_min = p.integer("salary_min");
  q.salary_max = p.integer("salary_max");
  q.education = p.text("education");
  q.experience = p.integer("experience");
  q.work_type = p.text("work_type");
  q.near = p.point("near");
  q.radius_km = p.number("radius_km");
  q.sort = p.text("sort").value_or("relevance");
  q.offset = p.cursor();
  q.limit = p.limit();
  if (auto s = p.finish(app.job_search.problems(q)); !s) return http::problem_response(s.error());
  auto results = app.job_search.search(q);
  // Only a search that worked, only the first page, only for a signed-in seeker who has
  // personalised recommendation on (REC-3); an anonymous visitor leaves nothing (JOB-5).
  if (results && q.offset == 0 && req.auth) {
    json kept = {{"q", q.q}};
    for (const char* name : {"city", "category", "work_type", "education"})
      if (auto v = req.query_param(name); v && !v->empty()) kept[name] = *v;
    if (auto recorded = app.behaviour.record_job_search(&*req.auth, kept); !recorded)
      app.logger->warn("rid={} search history not kept: {}", req.request_id,
                       recorded.error().detail);
  }
  return http::respond(std::move(results), [](const JobResults& r) {
    return http::json_text_response(200, job_results_text(r));
  });
}

HttpResponse get_search_history(http::App& app, const HttpRequest& req) {
  return http::respond(app.behaviour.events_of(req.caller(), 200),
                       [](const std::vector<recommend::BehaviourEvent>& events) {
                         json items = json::array();
                         for (const auto& e : events)
                           items.push_back({{"id", e.id}, {"kind", e.kind},
                                            {"query", e.detail}, {"at", e.at}});
                         return http::json_response(200, {{"items", std::move(items)}});
                       });
}

HttpResponse get_talent(http::App& app, const HttpRequest& req) {
  // Who asks comes first: someone who may not search learns nothing about its parameters.
  auto viewer = app.resumes.viewer_of(req.caller());
  if (!viewer) return http::problem_response(viewer.error());
  Params p(req);
  TalentQuery q;
  q.q = p.text("q").value_or("");
  q.city = p.text("city");
  q.degree = p.text("degree");
  q.years_min = p.integer("years_min");
  q.years_max = p.integer("years_max");
  q.expected_salary_max = p.integer("expected_salary_max");
  q.work_type = p.text("work_type");
  q.offset = p.cursor();
  q.limit = p.limit();
  if (auto s = p.finish(app.talent_search.problems(q)); !s)
    return http::problem_response(s.error());
  return http::respond(app.talent_search.search(*viewer, q), [](const TalentResults& r) {
    return http::json_response(200, {{"items", r.cards},
                                     {"total", r.total},
                                     {"total_exact", r.exact},
                                     {"next_cursor", cursor_json(r.next_offset)}});
  });
}

}  // namespace hiresafe::search
