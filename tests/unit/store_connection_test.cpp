// Statements prepared once per pooled connection (store::Conn::once), on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "store/connection.hpp"
#include "store/database.hpp"
#include "test_env.hpp"

using namespace hiresafe;

namespace {

class StoreConnection : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = hiresafe::testing::open_test_database(dir_.path());
    if (!db_) GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
    ASSERT_TRUE(db_->transaction<core::Unit>([](soci::session& sql) -> core::Status {
      sql << "CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT, n BIGINT)";
      sql << "INSERT INTO notes (id, body, n) VALUES ('a', 'first', 1)";
      return core::Unit{};
    }));
  }

  std::optional<std::string> body_of(const std::string& id) {
    return db_
        ->read<std::optional<std::string>>(
            [&](store::Conn& conn) -> core::Result<std::optional<std::string>> {
              store::OptText body;
              if (!conn.once("SELECT body FROM notes WHERE id = :id", soci::use(id),
                             soci::into(body.value, body.ind)))
                return std::optional<std::string>();
              return body.get();
            })
        .value();
  }

  // Ids and numbers of the notes with n >= min, through one cached multi-row statement.
  std::vector<std::pair<std::string, long long>> notes_from(long long min) {
    return db_
        ->read<std::vector<std::pair<std::string, long long>>>(
            [&](store::Conn& conn) -> core::Result<std::vector<std::pair<std::string, long long>>> {
              std::vector<std::pair<std::string, long long>> out;
              conn.rows(
                  "SELECT id, n FROM notes WHERE n >= :min ORDER BY id",
                  [&](const soci::row& r) {
                    out.emplace_back(r.get<std::string>(0), store::row_int(r, 1));
                  },
                  soci::use(min));
              return out;
            })
        .value();
  }

  hiresafe::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(StoreConnection, ReusedStatementSeesEachCallsOwnValuesAndLaterCommits) {
  ASSERT_TRUE(db_->transaction<core::Unit>([](store::Conn& conn) -> core::Status {
    conn.once("INSERT INTO notes (id, body, n) VALUES (:id, :b, :n)",
              soci::use(std::string("b")), soci::use(std::string("second")),
              soci::use(2LL));
    return core::Unit{};
  }));
  // Many reads on every pooled connection: each must bind this call's id, not a stale one.
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(body_of("a"), "first");
    EXPECT_EQ(body_of("b"), "second");
    EXPECT_EQ(body_of("missing"), std::nullopt);
  }
  ASSERT_TRUE(db_->transaction<core::Unit>([](soci::session& sql) -> core::Status {
    sql << "UPDATE notes SET body = 'changed' WHERE id = 'a'";
    return core::Unit{};
  }));
  for (int i = 0; i < 20; ++i) EXPECT_EQ(body_of("a"), "changed");
}

TEST_F(StoreConnection, ReusedMultiRowStatementReturnsEachCallsRows) {
  ASSERT_TRUE(db_->transaction<core::Unit>([](soci::session& sql) -> core::Status {
    sql << "INSERT INTO notes (id, body, n) VALUES ('b', 'x', 2)";
    sql << "INSERT INTO notes (id, body, n) VALUES ('c', 'y', 3)";
    return core::Unit{};
  }));
  using Rows = std::vector<std::pair<std::string, long long>>;
  // Again and again on every pooled connection: each call binds its own bound and gets every
  // row of its own result, however many the call before returned.
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(notes_from(1), (Rows{{"a", 1}, {"b", 2}, {"c", 3}}));
    EXPECT_EQ(notes_from(3), (Rows{{"c", 3}}));
    EXPECT_EQ(notes_from(9), Rows{});
    EXPECT_EQ(notes_from(2), (Rows{{"b", 2}, {"c", 3}}));
  }
  ASSERT_TRUE(db_->transaction<core::Unit>([](soci::session& sql) -> core::Status {
    sql << "DELETE FROM notes WHERE id = 'b'";
    return core::Unit{};
  }));
  for (int i = 0; i < 20; ++i) EXPECT_EQ(notes_from(1), (Rows{{"a", 1}, {"c", 3}}));
}

TEST_F(StoreConnection, ACachedReadHoldsNoSnapshotOpen) {
  if (db_->dialect() != store::Dialect::kSqlite) GTEST_SKIP() << "SQLite snapshots only";
  for (int i = 0; i < 20; ++i) EXPECT_EQ(body_of("a"), "first");
  for (int i = 0; i < 20; ++i) EXPECT_EQ(notes_from(1).size(), 1u);
  // A statement left positioned on its row would pin a WAL read mark: a TRUNCATE checkpoint
  // would then report the database busy.
  int busy = -1, log = -1, done = -1;
  ASSERT_TRUE(db_->transaction<core::Unit>([](soci::session& sql) -> core::Status {
    sql << "UPDATE notes SET n = n + 1";
    return core::Unit{};
  }));
  db_->read<core::Unit>([&](soci::session& sql) -> core::Status {
       sql << "PRAGMA wal_checkpoint(TRUNCATE)", soci::into(busy), soci::into(log),
           soci::into(done);
       return core::Unit{};
     })
      .value();
  EXPECT_EQ(busy, 0);
}

TEST_F(StoreConnection, AFailedStatementLeavesTheConnectionUsable) {
  auto failed = db_->read<core::Unit>([](store::Conn& conn) -> core::Status {
    long long n = 0;
    conn.once("SELECT n FROM no_such_table WHERE id = :id", soci::use(std::string("a")),
              soci::into(n));
    return core::Unit{};
  });
  EXPECT_FALSE(failed);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(body_of("a"), "first");
}

TEST_F(StoreConnection, APageLimitIsRoundedUpToOneOfFewSizes) {
  EXPECT_EQ(store::limit_clause(2), " LIMIT 11");
  EXPECT_EQ(store::limit_clause(11), " LIMIT 11");
  EXPECT_EQ(store::limit_clause(12), " LIMIT 21");
  EXPECT_EQ(store::limit_clause(21), " LIMIT 21");
  EXPECT_EQ(store::limit_clause(101), " LIMIT 101");
  EXPECT_EQ(store::limit_clause(1001), " LIMIT 1001");
  EXPECT_EQ(store::limit_clause(5000), " LIMIT 5000");
}

// Why the applicant list writes its LIMIT into the text: PostgreSQL plans a page query whose
// LIMIT is a parameter afresh at every run, and keeps one generic plan for a constant one.
TEST_F(StoreConnection, APageQueryWithAConstantLimitIsPlannedOnceOnPostgres) {
  if (db_->dialect() != store::Dialect::kPostgres) GTEST_SKIP() << "PostgreSQL's plan cache";
  ASSERT_TRUE(db_->transaction<core::Unit>([](soci::session& sql) -> core::Status {
    sql << "CREATE INDEX notes_n ON notes (n, id)";
    sql << "INSERT INTO notes (id, body, n) SELECT 'g' || g, 'x', g % 50 "
           "FROM generate_series(1, 20000) g";
    sql << "ANALYZE notes";
    return core::Unit{};
  }));
  const std::string page = "SELECT id, n FROM notes WHERE n = :n ORDER BY id DESC";
  // Plans made so far on this connection for the statement whose text (as sent, with $n for
  // its parameters) ends in `limit`: {generic, custom}.
  const auto plans = [](soci::session& sql, const std::string& limit) {
    long long generic = -1, custom = -1;
    const std::string pattern = "%notes WHERE n = $1 ORDER BY id DESC " + limit;
    sql << "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
           "WHERE statement LIKE :p",
        soci::use(pattern), soci::into(generic), soci::into(custom);
    return std::pair{generic, custom};
  };
  const auto run = [&](const std::string& text, bool bind_limit, const std::string& limit) {
    return db_
        ->read<std::pair<long long, long long>>(
            [&](store::Conn& conn) -> core::Result<std::pair<long long, long long>> {
              int rows = 0, page_rows = 21;
              const auto each = [&rows](const soci::row&) { ++rows; };
              for (int i = 0; i < 12; ++i) {
                rows = 0;
                long long n = i % 3;
                if (bind_limit)
                  conn.rows(text, each, soci::use(n), soci::use(page_rows));
                else
                  conn.rows(text, each, soci::use(n));
                EXPECT_EQ(rows, 21);
              }
              return plans(conn.sql(), limit);
            })
        .value();
  };
  const auto [generic_param, custom_param] = run(page + " LIMIT :lim", true, "LIMIT $2");
  EXPECT_EQ(generic_param, 0);
  EXPECT_GE(custom_param, 12);
  const auto [generic_const, custom_const] = run(page + store::limit_clause(21), false, "LIMIT 21");
  EXPECT_GE(generic_const, 6);
  EXPECT_LE(custom_const, 6);
}

}  // namespace
