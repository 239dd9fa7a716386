// Combines the same small write from concurrent callers into one statement (group commit for a
// single kind of row). No thread of its own: the caller who finds no batch running takes every
// item queued so far, its own included, runs `flush` on them, hands each caller its outcome, and
// wakes the next in line to lead the next batch. Alone, a caller flushes a batch of one at once,
// so an idle server adds no wait; under load, callers queue while a batch runs and go out
// together in the next.
#pragma once

#include <algorithm>
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
  // Must return one outcome per item, in order, and must not throw.
  using Flush = std::function<std::vector<Outcome>(const std::vector<const Item*>&)>;

  Combiner(Flush flush, std::size_t max_batch)
      : flush_(std::move(flush)), max_batch_(std::max<std::size_t>(max_batch, 1)) {}
  Combiner(const Combiner&) = delete;
  Combiner& operator=(const Combiner&) = delete;

  Outcome submit(const Item& item) {
    Waiter me(&item);
    std::unique_lock lock(mutex_);
    queue_.push_back(&me);
    while (!me.outcome) {
      if (flushing_) {
        me.wake.wait(lock);
        continue;
      }
      flushing_ = true;
      const std::size_t n = std::min(queue_.size(), max_batch_);
      std::vector<Waiter*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      lock.unlock();
      std::vector<const Item*> items;
      items.reserve(n);
      for (Waiter* w : batch) items.push_back(w->item);
      std::vector<Outcome> outcomes = flush_(items);
      lock.lock();
      flushing_ = false;
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
    std::condition_variable wake;  // woken alone: when served, or first in line to lead
  };

  Flush flush_;
  std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::deque<Waiter*> queue_;
  bool flushing_ = false;
  long long batches_ = 0;
  long long items_ = 0;
};

}  // namespace hiresafe::store
