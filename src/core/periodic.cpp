#include "core/periodic.hpp"

#include <utility>

namespace hiresafe::core {

Periodic::Periodic(std::chrono::milliseconds interval, std::function<void()> task) {
  thread_ = std::thread([this, interval, task = std::move(task)] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
      lock.unlock();
      task();
      lock.lock();
    }
  });
}

Periodic::~Periodic() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

ChangeWatch::ChangeWatch(const Clock& clock, std::chrono::milliseconds interval,
                         std::function<Status(long long since)> forget)
    : since_(clock.now() - kLookBackSeconds),
      rounds_(interval, [this, &clock, forget = std::move(forget)] {
        const long long round = clock.now();
        if (forget(since_)) since_ = round - kLookBackSeconds;
      }) {}

}  // namespace hiresafe::core
