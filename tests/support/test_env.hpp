// Hermetic test resources: temp directories and fresh databases on the backend under test.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace hiresafe::testing {

// A clock that moves only when the test moves it: "retry after 60 s" stays 60 even when a real
// second ticks between two calls on a slow database.
class ManualClock final : public core::Clock {
 public:
  std::int64_t now() const override { return now_.load(); }
  void advance(std::int64_t seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<std::int64_t> now_{core::SystemClock().now()};
};

// A new empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// "sqlite" or "postgres", from HIRESAFE_TEST_BACKEND (default sqlite).
std::string backend();

// A database URL for a brand-new empty database on the backend under test. For PostgreSQL a
// database is created in the cluster named by HIRESAFE_TEST_PG_BASE (postgresql://user@host:port).
// Returns empty when the PostgreSQL backend is asked for but no cluster is configured.
std::string fresh_database_url(const std::string& dir);

// A fresh, migrated database on the backend under test; null when that backend is not
// configured (the caller skips).
std::unique_ptr<store::Database> open_test_database(const std::string& dir);

// Waits for what a background thread does (a writer, a watch): asks `done` again, yielding in
// between, until it holds or 10 s have passed, and says whether it held. No fixed sleep.
template <class F>
bool eventually(F done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

}  // namespace hiresafe::testing
