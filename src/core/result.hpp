// Result<T>: the value a service returns, or an Error that maps one-to-one onto an HTTP problem.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hiresafe::core {

enum class ErrorKind {
  kBadRequest,        // 400: malformed syntax
  kUnauthorized,      // 401: no or bad credentials
  kForbidden,         // 403
  kNotFound,          // 404
  kMethodNotAllowed,  // 405
  kConflict,          // 409: wrong state or duplicate
  kPreconditionFailed,    // 412: If-Match names an old version
  kPreconditionRequired,  // 428: a write that must name the version it replaces did not
  kPayloadTooLarge,   // 413
  kUnsupportedMedia,  // 415
  kInvalid,           // 422: validation, with per-field errors
  kTooManyRequests,   // 429, with retry_after
  kInternal,          // 500: details only in the log
  kUnavailable,       // 503
};

struct FieldError {
  std::string field;
  std::string message;
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string type;    // stable problem slug, e.g. "invalid-code"
  std::string title;   // human summary, safe to show
  std::string detail;  // optional longer explanation, safe to show
  std::vector<FieldError> errors;
  std::optional<long long> retry_after;  // seconds, for 429

  static Error bad_request(std::string type, std::string title) {
    return {ErrorKind::kBadRequest, std::move(type), std::move(title), {}, {}, {}};
  }
  static Error unauthorized(std::string title = "Authentication required") {
    return {ErrorKind::kUnauthorized, "unauthorized", std::move(title), {}, {}, {}};
  }
  static Error forbidden(std::string type, std::string title) {
    return {ErrorKind::kForbidden, std::move(type), std::move(title), {}, {}, {}};
  }
  static Error not_found(std::string title = "Not found") {
    return {ErrorKind::kNotFound, "not-found", std::move(title), {}, {}, {}};
  }
  static Error conflict(std::string type, std::string title) {
    return {ErrorKind::kConflict, std::move(type), std::move(title), {}, {}, {}};
  }
  static Error stale(std::string type, std::string title) {
    return {ErrorKind::kPreconditionFailed, std::move(type), std::move(title), {}, {}, {}};
  }
  static Error precondition_required(std::string title) {
    return {ErrorKind::kPreconditionRequired, "if-match-required", std::move(title), {}, {}, {}};
  }
  static Error invalid(std::string field, std::string message, std::string type = "validation") {
    return {ErrorKind::kInvalid,
            std::move(type),
            "The request has invalid fields",
            {},
            {{std::move(field), std::move(message)}},
            {}};
  }
  static Error invalid(std::vector<FieldError> errors, std::string type = "validation",
                       std::string title = "The request has invalid fields") {
    return {ErrorKind::kInvalid, std::move(type), std::move(title), {}, std::move(errors), {}};
  }
  static Error too_many(std::string type, std::string title, long long retry_after_seconds) {
    return {ErrorKind::kTooManyRequests,
            std::move(type),
            std::move(title),
            {},
            {},
            retry_after_seconds < 1 ? 1 : retry_after_seconds};
  }
  static Error internal(std::string log_detail = {}) {
    // log_detail is for the server log only; the HTTP layer never sends it.
    return {ErrorKind::kInternal,  "internal", "Internal server error",
            std::move(log_detail), {},         {}};
  }
  static Error unavailable(std::string title) {
    return {ErrorKind::kUnavailable, "unavailable", std::move(title), {}, {}, {}};
  }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}
  Result(Error error) : data_(std::move(error)) {}

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& { return std::get<1>(data_); }
  Error&& error() && { return std::get<1>(std::move(data_)); }

 private:
  std::variant<T, Error> data_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() {
  return Unit{};
}

}  // namespace hiresafe::core

// Propagates an error from an expression returning Result<...>; binds the value otherwise.
#define HS_TRY_CAT2(a, b) a##b
#define HS_TRY_CAT(a, b) HS_TRY_CAT2(a, b)
#define HS_TRY(decl, expr)                                                                     \
  auto HS_TRY_CAT(hs_try_, __LINE__) = (expr);                                                 \
  if (!HS_TRY_CAT(hs_try_, __LINE__)) return std::move(HS_TRY_CAT(hs_try_, __LINE__)).error(); \
  decl = std::move(HS_TRY_CAT(hs_try_, __LINE__)).value()
#define HS_CHECK(expr)                                   \
  do {                                                   \
    auto hs_check_ = (expr);                             \
    if (!hs_check_) return std::move(hs_check_).error(); \
  } while (0)
