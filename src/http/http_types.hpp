// The request and response a handler sees, independent of RESTinio, plus JSON field readers.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "identity/identity_service.hpp"
#include "staff/staff_service.hpp"

namespace hiresafe::http {

struct HttpRequest {
  std::string method;
  std::string path;
  std::string route;  // the route pattern that matched, e.g. /api/v1/me/sessions/:id
  std::map<std::string, std::string> params;
  std::string body;
  std::string client_ip;
  std::string request_id;
  std::optional<std::string> user_agent;
  std::map<std::string, std::string> query;
  std::string content_type;
  std::optional<std::string> if_match;  // the If-Match header, for optimistic concurrency
  std::optional<identity::Auth> auth;     // set for routes that need a session
  std::optional<staff::StaffAuth> staff;  // set for staff routes

  const identity::Auth& caller() const { return *auth; }
  const staff::StaffAuth& staff_caller() const { return *staff; }
  std::optional<std::string> query_param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  const std::string& param(const std::string& name) const { return params.at(name); }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string log_detail;  // for 5xx: what went wrong, for the server log only
};

HttpResponse json_response(int status, const nlohmann::json& body);
// A body that is JSON text already (e.g. kept from an earlier answer).
HttpResponse json_text_response(int status, std::string body);
// JSON as every response writes it: text that is not UTF-8 is replaced, never an error.
std::string json_text(const nlohmann::json& body);
HttpResponse no_content();
HttpResponse problem_response(const core::Error& error);
int status_of(core::ErrorKind kind);

// Reads typed fields from a JSON object body, collecting every problem so one 422 lists them all.
class Fields {
 public:
  // Parses `body`; a syntax error or a non-object is a 400.
  static core::Result<Fields> parse(const std::string& body);

  std::string text(const std::string& name);  // required string
  std::optional<std::string> optional_text(const std::string& name);
  std::optional<long long> optional_integer(const std::string& name);
  std::optional<bool> optional_boolean(const std::string& name);
  std::optional<double> optional_number(const std::string& name);
  std::vector<std::string> string_list(const std::string& name);  // absent: empty
  long long integer(const std::string& name);
  core::Status finish() const;  // 422 with every collected field error, if any
  // The whole body, for documents checked by their own domain rules (e.g. a resume).
  const nlohmann::json& document() const { return *json_; }

 private:
  explicit Fields(std::shared_ptr<nlohmann::json> json) : json_(std::move(json)) {}
  std::shared_ptr<nlohmann::json> json_;
  std::vector<core::FieldError> errors_;
};

// Maps a Result to a response: `ok` builds the success body from the value.
template <class T, class F>
HttpResponse respond(core::Result<T>&& result, F&& ok) {
  if (!result) return problem_response(result.error());
  return ok(result.value());
}

}  // namespace hiresafe::http

namespace hiresafe::http {

// Parses the JSON body, lets `read` pull typed fields out of it, answers 400/422 for any
// problem, and only then calls `act` with what `read` returned.
template <class Read, class Act>
HttpResponse with_body(const HttpRequest& req, Read&& read, Act&& act) {
  auto fields = Fields::parse(req.body);
  if (!fields) return problem_response(fields.error());
  auto input = read(*fields);
  if (auto s = fields->finish(); !s) return problem_response(s.error());
  return act(input);
}

}  // namespace hiresafe::http
