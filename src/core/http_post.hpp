// One outbound JSON POST over libcurl, for the adapters that talk to external services
// (SMS gateway, identity-check provider).
#pragma once

#include <string>

namespace hiresafe::core {

struct PostResult {
  bool sent = false;  // false: a transport error (no HTTP answer at all)
  long status = 0;
  std::string body;
  bool ok() const { return sent && status >= 200 && status < 300; }
};

PostResult post_json(const std::string& url, const std::string& json_body, long timeout_ms);

}  // namespace hiresafe::core
