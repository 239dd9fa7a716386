#include "verification/identity_checker.hpp"

#include <curl/curl.h>

#include <nlohmann/json.hpp>

namespace hiresafe::verification {

namespace {
size_t collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}
}  // namespace

std::optional<bool> HttpIdentityChecker::check(const std::string& verification_id,
                                               const std::string& real_name,
                                               const std::string& id_number) {
  const std::string body =
      nlohmann::json{{"verification_id", verification_id}, {"name", real_name}, {"id_number", id_number}}
          .dump();
  std::string answer;
  long status = 0;
  CURL* curl = curl_easy_init();
  if (!curl) return std::nullopt;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK || status != 200) {
    logger_->warn("identity provider failed verification={} status={}; queued for staff",
                  verification_id, status);
    return std::nullopt;
  }
  auto json = nlohmann::json::parse(answer, nullptr, false);
  if (json.is_discarded() || !json.contains("match") || !json["match"].is_boolean()) {
    logger_->warn("identity provider answered without a match verdict verification={}; queued",
                  verification_id);
    return std::nullopt;
  }
  return json["match"].get<bool>();
}

}  // namespace hiresafe::verification
