// Virtual numbers (COM-4): a recruiter and a seeker call each other through a pool number bound
// to their pair for a limited time, so neither ever sees the other's real number.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "hiring/number_pool.hpp"
#include "store/database.hpp"

namespace hiresafe::hiring {

struct Binding {
  std::string id, number, recruiter_id, seeker_id, application_id;
  long long created_at = 0, expires_at = 0;
  std::optional<long long> ended_at;
};

// What the carrier needs to route calls between A and B through X until expires_at.
struct BindRequest {
  std::string binding_id, number, party_a, party_b;  // party_a: recruiter, party_b: seeker
  long long expires_at = 0;
};

// The carrier that routes the calls. Implementations never put a phone number in an Error
// (SEC-7): errors end up in logs.
class Telephony {
 public:
  virtual ~Telephony() = default;
  // Returns the carrier's reference for the binding.
  virtual core::Result<std::string> bind(const BindRequest& request) = 0;
  virtual core::Status unbind(const std::string& provider_ref, const std::string& number) = 0;
};

// No carrier (the offline default): bindings are recorded but route no calls.
class NoneTelephony final : public Telephony {
 public:
  core::Result<std::string> bind(const BindRequest& request) override;
  core::Status unbind(const std::string& provider_ref, const std::string& number) override;
};

// An AXB carrier over HTTP: POST <base_url>/bind {binding_id, number_x, party_a, party_b,
// expires_at} answered by 2xx {"ref": "..."}, and POST <base_url>/unbind {ref, number_x}. Any
// other outcome is a 503.
class HttpTelephony final : public Telephony {
 public:
  HttpTelephony(std::string base_url, long timeout_ms);
  core::Result<std::string> bind(const BindRequest& request) override;
  core::Status unbind(const std::string& provider_ref, const std::string& number) override;

 private:
  std::string base_url_;
  long timeout_ms_;
};

// Binds pool numbers to (recruiter, seeker) pairs. A number may serve many pairs at once, as
// the carrier routes by who calls it (AXB), but never two live pairs that share a caller.
class VirtualNumbers {
 public:
  // The two real E.164 numbers, recruiter's first; asked for only when a new binding is made.
  using Phones = std::function<core::Result<std::pair<std::string, std::string>>()>;

  VirtualNumbers(hiresafe::store::Database& db, const core::Clock& clock, Telephony& carrier,
                 NumberPool pool, long long binding_seconds);

  // The pair's live binding if it has one (whichever application made it), else a new one for
  // `application_id` lasting binding_seconds. 503 "number-pool-exhausted" when every number is
  // held by one of the two callers; 409 "number-binding-in-progress" while another request is
  // binding this pair; the carrier's error when it refuses (nothing is kept then).
  core::Result<Binding> bind(const std::string& recruiter_id, const std::string& seeker_id,
                             const std::string& application_id, const Phones& phones);

  // Live bindings whose carrier binding is in place, newest first.
  core::Result<std::vector<Binding>> live_for_seeker(const std::string& seeker_id);
  // The pair's bound, live binding, whichever application it was made for.
  core::Result<std::optional<Binding>> live_for_pair(const std::string& recruiter_id,
                                                     const std::string& seeker_id);

  // The seeker ends one of their live bindings; 404 when it is not theirs or not live.
  core::Status end(const std::string& seeker_id, const std::string& binding_id);

 private:
  hiresafe::store::Database& db_;
  const core::Clock& clock_;
  Telephony& carrier_;
  NumberPool pool_;
  long long binding_seconds_;
  // Allocations queue here rather than on the database's lock, holding no pool connection.
  std::mutex allocation_;
};

}  // namespace hiresafe::hiring
