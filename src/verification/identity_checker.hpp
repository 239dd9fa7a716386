// Where a real-name + ID check goes (VER-1): by default the staff review queue; optionally an
// identity-check provider reached over HTTP. A provider that fails or is unsure falls back to
// the queue, so a verification is never lost.
#pragma once

#include <optional>
#include <string>

#include "core/logging.hpp"

namespace hiresafe::verification {

class IdentityChecker {
 public:
  virtual ~IdentityChecker() = default;
  virtual std::string name() const = 0;
  // true: the name matches the ID; false: it does not; nullopt: a person must review it.
  virtual std::optional<bool> check(const std::string& verification_id,
                                    const std::string& real_name, const std::string& id_number) = 0;
};

class StaffQueueChecker final : public IdentityChecker {
 public:
  std::string name() const override { return "staff"; }
  std::optional<bool> check(const std::string&, const std::string&, const std::string&) override {
    return std::nullopt;
  }
};

// POSTs {"verification_id","name","id_number"} as JSON and expects 200 {"match": true|false}.
class HttpIdentityChecker final : public IdentityChecker {
 public:
  HttpIdentityChecker(std::string url, core::Logger logger)
      : url_(std::move(url)), logger_(std::move(logger)) {}
  std::string name() const override { return "http"; }
  std::optional<bool> check(const std::string& verification_id, const std::string& real_name,
                            const std::string& id_number) override;

 private:
  std::string url_;
  core::Logger logger_;
};

}  // namespace hiresafe::verification
