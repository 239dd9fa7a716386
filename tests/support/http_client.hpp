// A small HTTP client over libcurl for black-box tests of the real server.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace hiresafe::testing {

struct HttpResult {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  mutable std::optional<nlohmann::json> parsed;
  // Parsed once and kept, so `for (auto& x : r.json()["items"])` does not loop over a
  // destroyed temporary. Non-const so a missing key reads as null instead of asserting.
  nlohmann::json& json() const;
  std::string header(const std::string& lower_name) const;
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url) : base_(std::move(base_url)) {}
  // body: sent as-is; content_type defaults to application/json when a body is given.
  HttpResult request(const std::string& method, const std::string& path,
                     const std::optional<std::string>& body = std::nullopt,
                     const std::string& token = "",
                     std::map<std::string, std::string> headers = {}) const;
  HttpResult get(const std::string& path, const std::string& token = "") const {
    return request("GET", path, std::nullopt, token);
  }
  HttpResult post(const std::string& path, const nlohmann::json& body,
                  const std::string& token = "") const {
    return request("POST", path, body.dump(), token);
  }
  HttpResult put(const std::string& path, const nlohmann::json& body,
                 const std::string& token = "") const {
    return request("PUT", path, body.dump(), token);
  }
  HttpResult del(const std::string& path, const std::string& token = "") const {
    return request("DELETE", path, std::nullopt, token);
  }
  const std::string& base() const { return base_; }

 private:
  std::string base_;
};

}  // namespace hiresafe::testing
