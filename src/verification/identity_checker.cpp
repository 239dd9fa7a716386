#include "verification/identity_checker.hpp"

#include "core/http_post.hpp"

#include <nlohmann/json.hpp>

namespace hiresafe::verification {

std::optional<bool> HttpIdentityChecker::check(const std::string& verification_id,
                                               const std::string& real_name,
                                               const std::string& id_number) {
  const std::string body = nlohmann::json{
      {"verification_id", verification_id},
      {"name", real_name},
      {"id_number", id_number}}.dump();
  auto answer = core::post_json(url_, body, 10000);
  if (answer.status != 200) {
    logger_->warn("identity provider failed verification={} status={}; queued for staff",
                  verification_id, answer.status);
    return std::nullopt;
  }
  auto json = nlohmann::json::parse(answer.body, nullptr, false);
  if (json.is_discarded() || !json.contains("match") || !json["match"].is_boolean()) {
    logger_->warn("identity provider answered without a match verdict verification={}; queued",
                  verification_id);
    return std::nullopt;
  }
  return json["match"].get<bool>();
}

}  // namespace hiresafe::verification
