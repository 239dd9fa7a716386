// Combines the same small write from concurrent callers into one statement (group commit for a
// single kind of row). No thread of its own: the caller who finds no batch running takes every
// item queued so far, its own included, runs `flush` on them, hands each caller its outcome, and
// wakes the next in line to lead the next batch. Alone, a caller flushes a batch of one at once,
// so an idle server adds no wait; under load, callers queue while a batch runs and go out
// together in the next.
//
// With `flights` > 1, up to that many batches run at once, each on its own connection: a batch
// waiting for its commit's fsync then no longer holds up the next one, and the statements run
// in several database backends (so on several cores). A further batch starts only once
// `min_extra` callers are waiting, so that a trickle of callers still goes out in one batch at a
// time instead of a batch (and a commit) each. `flush` is told which flight it runs in (0 to
// flights - 1, never two running batches with the same), so that rows every batch updates can
// be kept per flight and never make one batch wait for another's lock.
#pragma once

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace hiresafe::store {

template <class Item, class Outcome>
class Combiner {
 public:
  // Must return one outcome per item, in order, and must not throw. The second argument is the
  // flight the batch runs in.
  using Flush = std::function<std::vector<Outcome>(const std::vector<const Item*>&, std::size_t)>;

  Combiner(Flush flush, std::size_t max_batch, std::size_t flights = 1, std::size_t min_extra = 1)
      : flush_(std::move(flush)),
        max_batch_(std::max<std::size_t>(max_batch, 1)),
        flights_(std::clamp<std::size_t>(flights, 1, kMaxFlights)),
        min_extra_(std::max<std::size_t>(min_extra, 1)) {}
  Combiner(const Combiner&) = delete;
  Combiner& operator=(const Combiner&) = delete;

  Outcome submit(const Item& item) {
    Waiter me(&item);
    std::unique_lock lock(mutex_);
    queue_.push_back(&me);
    while (!me.outcome) {
      // Only a caller still queued leads (one taken into a running batch waits for its
      // outcome), and only when a flight is free and, if another batch runs, enough wait.
      const std::size_t running =
          static_cast<std::size_t>(std::count(busy_.begin(), busy_.end(), true));
      const bool may_lead = running == 0 || (running < flights_ && queue_.size() >= min_extra_);
      if (me.taken || !may_lead) {
        me.wake.wait(lock);
        continue;
      }
      std::size_t flight = 0;
      while (busy_[flight]) ++flight;
      busy_[flight] = true;
      const std::size_t n = std::min(queue_.size(), max_batch_);
      std::vector<Waiter*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      for (Waiter* w : batch) w->taken = true;
      lock.unlock();
      std::vector<const Item*> items;
      items.reserve(n);
      for (Waiter* w : batch) items.push_back(w->item);
      std::vector<Outcome> outcomes = flush_(items, flight);
      lock.lock();
      busy_[flight] = false;
      ++batches_;
      items_ += static_cast<long long>(n);
      for (std::size_t i = 0; i < n; ++i) {
        batch[i]->outcome.emplace(std::move(outcomes[i]));
        if (batch[i] != &me) batch[i]->wake.notify_one();
      }
      if (!queue_.empty()) queue_.front()->wake.notify_one();
    }
    return std::move(*me.outcome);
  }

  // Batches flushed so far and the items they held (items ÷ batches is the saving).
  long long batches() const {
    std::lock_guard lock(mutex_);
    return batches_;
  }
  long long items() const {
    std::lock_guard lock(mutex_);
    return items_;
  }
  // Callers queued for the next batch.
  std::size_t waiting() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
  }

 private:
  struct Waiter {
    explicit Waiter(const Item* i) : item(i) {}
    const Item* item;
    std::optional<Outcome> outcome;
    bool taken = false;            // in a batch being flushed
    std::condition_variable wake;  // woken alone: when served, or first in line to lead
  };

  static constexpr std::size_t kMaxFlights = 8;
  Flush flush_;
  std::size_t max_batch_;
  std::size_t flights_;
  std::size_t min_extra_;
  mutable std::mutex mutex_;
  std::deque<Waiter*> queue_;
  std::array<bool, kMaxFlights> busy_{};  // the flights with a batch being flushed
  long long batches_ = 0;
  long long items_ = 0;
};

}  // namespace hiresafe::store
