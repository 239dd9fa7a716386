// Waiting for what the server does in the background (the search indexer, the job cache's
// watch): ask again every 50 ms until the answer holds or 3 s have passed. The only kind of
// waiting the API tests do.
#pragma once

#include <chrono>
#include <functional>

#include "http_client.hpp"

namespace hiresafe::testing {

struct Waited {
  bool held = false;
  std::chrono::milliseconds after{0};  // from `since` to the answer that held
  HttpResult last;                     // the last answer, held or not
};

Waited poll_until(const std::function<HttpResult()>& ask,
                  const std::function<bool(const HttpResult&)>& holds,
                  std::chrono::steady_clock::time_point since = std::chrono::steady_clock::now());

}  // namespace hiresafe::testing
