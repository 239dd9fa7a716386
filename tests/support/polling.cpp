#include "polling.hpp"

#include <thread>

namespace hiresafe::testing {

namespace {
constexpr std::chrono::milliseconds kPollEvery{50};
constexpr std::chrono::milliseconds kGiveUpAfter{3000};
}  // namespace

Waited poll_until(const std::function<HttpResult()>& ask,
                  const std::function<bool(const HttpResult&)>& holds,
                  std::chrono::steady_clock::time_point since) {
  using Clock = std::chrono::steady_clock;
  Waited w;
  const auto deadline = Clock::now() + kGiveUpAfter;
  for (;;) {
    w.last = ask();
    if (holds(w.last)) {
      w.held = true;
      w.after = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since);
      return w;
    }
    if (Clock::now() >= deadline) return w;
    std::this_thread::sleep_for(kPollEvery);
  }
}

}  // namespace hiresafe::testing
