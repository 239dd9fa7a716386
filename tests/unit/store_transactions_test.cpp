// Database::transaction under concurrency, on SQLite (group commit through one writer
// connection) and PostgreSQL (one transaction per caller): every caller gets its own outcome,
// a failed caller leaves nothing behind, and nobody else's work is lost with it.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "store/database.hpp"
#include "test_env.hpp"

using namespace hiresafe;

namespace {

enum class Outcome { kCommit, kReturnError, kThrowConflict };

class StoreTransactions : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = hiresafe::testing::open_test_database(dir_.path());
    if (!db_) GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
    ASSERT_TRUE(db_->transaction<core::Unit>([](soci::session& sql) -> core::Status {
      sql << "CREATE TABLE entries (id TEXT PRIMARY KEY, n BIGINT)";
      sql << "INSERT INTO entries (id, n) VALUES ('taken', 0)";
      return core::Unit{};
    }));
  }

  // Inserts its own row, then ends as `outcome` says; returns the number it was given.
  core::Result<int> write_entry(int n, Outcome outcome) {
    return db_->transaction<int>([&](store::Conn& conn) -> core::Result<int> {
      const std::string id = "e" + std::to_string(n);
      const long long value = n;
      conn.change("INSERT INTO entries (id, n) VALUES (:id, :n)", soci::use(id), soci::use(value));
      if (outcome == Outcome::kReturnError) return core::Error::invalid("n", "refused");
      if (outcome == Outcome::kThrowConflict)
        conn.change("INSERT INTO entries (id, n) VALUES ('taken', :n)", soci::use(value));
      return n;
    });
  }

  std::vector<std::string> ids() {
    return db_
        ->read<std::vector<std::string>>(
            [](soci::session& sql) -> core::Result<std::vector<std::string>> {
              std::vector<std::string> out;
              soci::rowset<std::string> rows = sql.prepare << "SELECT id FROM entries ORDER BY id";
              for (const auto& id : rows) out.push_back(id);
              return out;
            })
        .value();
  }

  hiresafe::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
};

Outcome outcome_of(int n) {
  switch (n % 4) {
    case 1:
      return Outcome::kReturnError;
    case 2:
      return Outcome::kThrowConflict;
    default:
      return Outcome::kCommit;
  }
}

TEST_F(StoreTransactions, ConcurrentCallersEachGetTheirOwnOutcome) {
  constexpr int kThreads = 24;
  std::vector<core::Result<int>> results(kThreads, core::Error::internal("not run"));
  std::vector<std::thread> threads;
  for (int n = 0; n < kThreads; ++n)
    threads.emplace_back([&, n] { results[n] = write_entry(n, outcome_of(n)); });
  for (auto& t : threads) t.join();

  std::vector<std::string> expected{"taken"};
  for (int n = 0; n < kThreads; ++n) {
    switch (outcome_of(n)) {
      case Outcome::kCommit:
        ASSERT_TRUE(results[n]) << n;
        EXPECT_EQ(*results[n], n);
        expected.push_back("e" + std::to_string(n));
        break;
      case Outcome::kReturnError:
        ASSERT_FALSE(results[n]) << n;
        EXPECT_EQ(results[n].error().kind, core::ErrorKind::kInvalid);
        break;
      case Outcome::kThrowConflict:
        ASSERT_FALSE(results[n]) << n;
        EXPECT_EQ(results[n].error().kind, core::ErrorKind::kConflict);
        break;
    }
  }
  std::sort(expected.begin(), expected.end());
  // A failed caller's own first insert is gone; everyone else's is there.
  EXPECT_EQ(ids(), expected);
}

TEST_F(StoreTransactions, WritersQueuedBehindABusyWriterCommitTogether) {
  if (db_->dialect() != store::Dialect::kSqlite) GTEST_SKIP() << "group commit is SQLite's";
  const auto before = db_->write_stats();
  std::atomic<bool> holding{false};
  std::atomic<bool> release{false};
  std::thread first([&] {
    auto held = db_->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      sql << "INSERT INTO entries (id, n) VALUES ('first', 1)";
      holding = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return core::Unit{};
    });
    EXPECT_TRUE(held);
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  constexpr int kQueued = 12;
  std::vector<core::Result<int>> results(kQueued, core::Error::internal("not run"));
  std::vector<std::thread> queued;
  for (int n = 0; n < kQueued; ++n)
    queued.emplace_back([&, n] { results[n] = write_entry(100 + n, outcome_of(n)); });
  // Give every queued caller time to reach the queue while the first one holds the writer.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  release = true;
  first.join();
  for (auto& t : queued) t.join();

  const auto after = db_->write_stats();
  EXPECT_EQ(after.transactions - before.transactions, kQueued + 1);
  // The first commit plus, at most, a few for callers that were still on their way.
  EXPECT_LE(after.commits - before.commits, 4);
  int kept = 0;
  for (int n = 0; n < kQueued; ++n) {
    EXPECT_EQ(static_cast<bool>(results[n]), outcome_of(n) == Outcome::kCommit) << n;
    if (results[n]) ++kept;
  }
  // "taken", "first" and the queued callers that committed, even though others in the same
  // batch failed.
  EXPECT_EQ(static_cast<int>(ids().size()), 2 + kept);
}

TEST_F(StoreTransactions, AFailedCallerLeavesTheWriterUsable) {
  EXPECT_FALSE(write_entry(1, Outcome::kThrowConflict));
  auto bad_sql = db_->transaction<core::Unit>([](soci::session& sql) -> core::Status {
    sql << "INSERT INTO no_such_table (id) VALUES ('x')";
    return core::Unit{};
  });
  EXPECT_FALSE(bad_sql);
  ASSERT_TRUE(write_entry(2, Outcome::kCommit));
  EXPECT_EQ(ids(), (std::vector<std::string>{"e2", "taken"}));
}

TEST_F(StoreTransactions, CheckpointsStartTheWalOverUnderContinuousWritesAndReads) {
  if (db_->dialect() != store::Dialect::kSqlite) GTEST_SKIP() << "the WAL is SQLite's";
  ASSERT_TRUE(db_->transaction<core::Unit>([](soci::session& sql) -> core::Status {
    sql << "CREATE TABLE bodies (id INTEGER PRIMARY KEY, body TEXT NOT NULL)";
    return core::Unit{};
  }));
  db_->start_checkpoints(std::chrono::milliseconds(5));
  // Short reads never stop, so some reader always holds a snapshot of the WAL as it was.
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    while (!stop) {
      auto n = db_->read<long long>([](soci::session& sql) -> core::Result<long long> {
        long long n = 0;
        sql << "SELECT n FROM entries WHERE id = 'taken'", soci::into(n);
        return n;
      });
      ASSERT_TRUE(n);
    }
  });
  // 8,000 commits of a page-sized row each: at least 8,000 WAL frames, 32 MB.
  const std::string body(3000, 'x');
  for (int n = 0; n < 8000; ++n) {
    ASSERT_TRUE(db_->transaction<core::Unit>([&](store::Conn& conn) -> core::Status {
      conn.change("INSERT INTO bodies (body) VALUES (:b)", soci::use(body));
      return core::Unit{};
    }));
  }
  stop = true;
  reader.join();
  // SQLite alone starts the WAL over only when a checkpoint finds it fully copied and unread,
  // which continuous writes and reads never allow before its 10,000-page safety net fires
  // inside a commit; the checkpointer did it while both went on.
  const auto stats = db_->write_stats();
  EXPECT_GE(stats.wal_restarts, 1);
  // Each restart held writes up for a while, and the stats say how long.
  EXPECT_GT(stats.longest_restart_hold_us, 0);
  EXPECT_GE(stats.restart_hold_us, stats.longest_restart_hold_us);
}

TEST_F(StoreTransactions, DurableCommitsFsyncTheWalAtEveryCommit) {
  if (db_->dialect() != store::Dialect::kSqlite) GTEST_SKIP() << "synchronous is SQLite's";
  // What the writer connection, the one every transaction runs on, is set to: 1 NORMAL, 2 FULL.
  auto synchronous = [&] {
    return db_
        ->transaction<int>([](soci::session& sql) -> core::Result<int> {
          int level = -1;
          sql << "PRAGMA synchronous", soci::into(level);
          return level;
        })
        .value();
  };
  EXPECT_EQ(synchronous(), 1);
  db_->set_durable_commits(true);
  EXPECT_EQ(synchronous(), 2);
  db_->set_durable_commits(false);
  EXPECT_EQ(synchronous(), 1);
}

}  // namespace
