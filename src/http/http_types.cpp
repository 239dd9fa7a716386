#include "http/http_types.hpp"

#include <nlohmann/json.hpp>

namespace hiresafe::http {

using nlohmann::json;

std::string json_text(const json& body) {
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

HttpResponse json_response(int status, const json& body) {
  return json_text_response(status, json_text(body));
}

HttpResponse json_text_response(int status, std::string body) {
  return {status, "application/json", std::move(body), {}, {}};
}

HttpResponse no_content() {
  return {204, "", "", {}, {}};
}

int status_of(core::ErrorKind kind) {
  using K = core::ErrorKind;
  switch (kind) {
    case K::kBadRequest:
      return 400;
    case K::kUnauthorized:
      return 401;
    case K::kForbidden:
      return 403;
    case K::kNotFound:
      return 404;
    case K::kMethodNotAllowed:
      return 405;
    case K::kConflict:
      return 409;
    case K::kPreconditionFailed:
      return 412;
    case K::kPreconditionRequired:
      return 428;
    case K::kPayloadTooLarge:
      return 413;
    case K::kUnsupportedMedia:
      return 415;
    case K::kInvalid:
      return 422;
    case K::kTooManyRequests:
      return 429;
    case K::kInternal:
      return 500;
    case K::kUnavailable:
      return 503;
  }
  return 500;
}

HttpResponse problem_response(const core::Error& e) {
  const int status = status_of(e.kind);
  json body = {
      {"type", "https://hiresafe.dev/problems/" + e.type}, {"title", e.title}, {"status", status}};
  // Internal details belong in the log only.
  if (!e.detail.empty() && e.kind != core::ErrorKind::kInternal &&
      e.kind != core::ErrorKind::kUnavailable)
    body["detail"] = e.detail;
  if (!e.errors.empty()) {
    json list = json::array();
    for (const auto& f : e.errors) list.push_back({{"field", f.field}, {"message", f.message}});
    body["errors"] = std::move(list);
  }
  HttpResponse r = json_response(status, body);
  r.content_type = "application/problem+json";
  if (status >= 500) r.log_detail = e.detail;
  if (e.retry_after) r.headers.emplace_back("Retry-After", std::to_string(*e.retry_after));
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

core::Result<Fields> Fields::parse(const std::string& body) {
  auto parsed = std::make_shared<json>(json::parse(body, nullptr, false));
  if (parsed->is_discarded())
    return core::Error::bad_request("malformed-json", "The request body is not valid JSON");
  if (!parsed->is_object())
    return core::Error::bad_request("malformed-json", "The request body must be a JSON object");
  return Fields(parsed);
}

std::optional<std::string> Fields::optional_text(const std::string& name) {
  auto it = json_->find(name);
  if (it == json_->end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    errors_.push_back({name, "must be a string"});
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::string Fields::text(const std::string& name) {
  auto it = json_->find(name);
  if (it == json_->end() || it->is_null()) {
    errors_.push_back({name, "is required"});
    return {};
  }
  auto v = optional_text(name);
  return v.value_or("");
}

std::optional<long long> Fields::optional_integer(const std::string& name) {
  auto it = json_->find(name);
  if (it == json_->end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) {
    errors_.push_back({name, "must be an integer"});
    return std::nullopt;
  }
  return it->get<long long>();
}

std::optional<bool> Fields::optional_boolean(const std::string& name) {
  auto it = json_->find(name);
  if (it == json_->end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) {
    errors_.push_back({name, "must be true or false"});
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<double> Fields::optional_number(const std::string& name) {
  auto it = json_->find(name);
  if (it == json_->end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) {
    errors_.push_back({name, "must be a number"});
    return std::nullopt;
  }
  return it->get<double>();
}

std::vector<std::string> Fields::string_list(const std::string& name) {
  std::vector<std::string> out;
  auto it = json_->find(name);
  if (it == json_->end() || it->is_null()) return out;
  if (!it->is_array()) {
    errors_.push_back({name, "must be an array of strings"});
    return out;
  }
  for (const auto& item : *it) {
    if (!item.is_string()) {
      errors_.push_back({name, "must be an array of strings"});
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

long long Fields::integer(const std::string& name) {
  auto it = json_->find(name);
  if (it == json_->end() || it->is_null()) {
    errors_.push_back({name, "is required"});
    return 0;
  }
  return optional_integer(name).value_or(0);
}

core::Status Fields::finish() const {
  if (errors_.empty()) return core::Unit{};
  return core::Error::invalid(errors_);
}

}  // namespace hiresafe::http
