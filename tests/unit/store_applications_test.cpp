// Applications written several at a time (PostgreSQL's batched apply, HIR-1): one statement
// stores each new (post, seeker) pair once, repeats inside or outside the batch are left out,
// and a statement that fails keeps nothing, so the service can send its rows again one by one.
#include <gtest/gtest.h>

#include <algorithm>

#include "hiring/application_store.hpp"
#include "store/database.hpp"
#include "store_rows.hpp"
#include "test_env.hpp"

using namespace hiresafe;
using hiring::store::ApplicationRow;

namespace {

class StoreApplications : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = hiresafe::testing::open_test_database(dir_.path());
    if (!db_) GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
    if (db_->dialect() != store::Dialect::kPostgres)
      GTEST_SKIP() << "SQLite's writer commits concurrent applies together already";
    ASSERT_TRUE(db_->transaction<core::Unit>([](soci::session& sql) -> core::Status {
      for (const std::string id : {"rec", "u1", "u2", "u3"})
        hiresafe::testing::insert_user_row(sql, id);
      hiresafe::testing::insert_company_row(sql, "co", "rec");
      hiresafe::testing::insert_job_row(sql, "j1", "co", "rec");
      hiresafe::testing::insert_job_row(sql, "j2", "co", "rec");
      return core::Unit{};
    }));
  }

  static ApplicationRow row(const std::string& id, const std::string& job,
                            const std::string& seeker) {
    // Content with the characters a JSON parameter must carry through: quotes, a backslash,
    // a line break and Chinese text.
    return {id,
            job,
            "co",
            seeker,
            "r_" + seeker,
            "简历 \"" + seeker + "\"",
            R"({"self_evaluation":"踏实\\认真\n\"可靠\""})",
            "sealed:" + seeker,
            "submitted",
            7,
            7,
            std::nullopt};
  }

  core::Result<std::vector<std::string>> insert_batch(const std::vector<ApplicationRow>& rows) {
    std::vector<const ApplicationRow*> ptrs;
    for (const auto& r : rows) ptrs.push_back(&r);
    return db_->single_statement<std::vector<std::string>>(
        [&](store::Conn& conn) -> core::Result<std::vector<std::string>> {
          return hiring::store::insert_applications(conn, ptrs);
        });
  }

  std::vector<std::string> stored_ids() {
    return db_
        ->read<std::vector<std::string>>(
            [](soci::session& sql) -> core::Result<std::vector<std::string>> {
              std::vector<std::string> out;
              soci::rowset<std::string> rows = sql.prepare
                                               << "SELECT id FROM applications ORDER BY id";
              for (const auto& id : rows) out.push_back(id);
              return out;
            })
        .value();
  }

  long long total(const std::string& job) {
    return db_
        ->read<long long>([&](store::Conn& conn) -> core::Result<long long> {
          return hiring::store::count_of_job(conn, job, std::nullopt);
        })
        .value();
  }

  hiresafe::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(StoreApplications, OneStatementStoresEachNewPairOnceAndLeavesRepeatsOut) {  // HIR-1
  ASSERT_TRUE(db_->single_statement<bool>([&](store::Conn& conn) -> core::Result<bool> {
    return hiring::store::insert_application(conn, row("a0", "j1", "u1"));
  }));
  // u1 applied before; u2 appears twice in the batch (a double-click landing in one batch).
  // u1 also applies to a second post.
  auto inserted = insert_batch({row("a1", "j1", "u1"), row("a2", "j1", "u2"), row("a3", "j1", "u2"),
                                row("a4", "j1", "u3"), row("a5", "j2", "u1")});
  ASSERT_TRUE(inserted) << inserted.error().title;
  EXPECT_EQ(*inserted, (std::vector<std::string>{"a2", "a4", "a5"}));
  EXPECT_EQ(stored_ids(), (std::vector<std::string>{"a0", "a2", "a4", "a5"}));

  auto back = db_->read<std::optional<ApplicationRow>>(
      [](store::Conn& conn) -> core::Result<std::optional<ApplicationRow>> {
        return hiring::store::application_by_id(conn, "a2");
      });
  ASSERT_TRUE(back && back->has_value());
  const ApplicationRow expected = row("a2", "j1", "u2");
  const ApplicationRow& got = **back;
  EXPECT_EQ(got.snapshot_content, expected.snapshot_content) << "carried through JSON unchanged";
  EXPECT_EQ(got.resume_title, expected.resume_title);
  EXPECT_EQ(got.snapshot_identity_enc, expected.snapshot_identity_enc);
  EXPECT_EQ(got.seeker_id, "u2");
  EXPECT_EQ(got.status, "submitted");
  EXPECT_EQ(got.created_at, 7);
  EXPECT_FALSE(got.viewed_at.has_value());
  // The post's total counts each stored row once: the repeats added nothing.
  EXPECT_EQ(total("j1"), 3);
  EXPECT_EQ(total("j2"), 1);
}

TEST_F(StoreApplications, AStatementWithARowAtFaultKeepsNothing) {
  // The second row names a post that does not exist (deleted since its checks): the foreign
  // key fails the statement, and the first row must not have been kept either.
  auto inserted = insert_batch({row("a1", "j1", "u1"), row("a2", "j_gone", "u2")});
  EXPECT_FALSE(inserted);
  EXPECT_TRUE(stored_ids().empty());
  EXPECT_EQ(total("j1"), 0) << "the total was not kept either";
  // The connection is usable afterwards.
  auto again = insert_batch({row("a1", "j1", "u1")});
  ASSERT_TRUE(again) << again.error().title;
  EXPECT_EQ(*again, std::vector<std::string>{"a1"});
}

}  // namespace
