// A recruiter's applicant list (HIR-1) read as a merge of one ordered share per state
// (migration 0015): every order, with and without a status filter, paged by its cursor at
// several page sizes, gives exactly the post's applications in the order a plain sort of them
// gives, on both databases. The fixture has every state, ties on the sort key (broken by id),
// applications changed after they were sent, and a second post whose rows must never show.
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "hiring/application_states.hpp"
#include "hiring/application_store.hpp"
#include "store/database.hpp"
#include "store_rows.hpp"
#include "test_env.hpp"

using namespace hiresafe;
using hiring::store::ApplicantRow;
using hiring::store::JobListQuery;
using hiring::store::ListOrder;

namespace {

struct Fixture {
  std::string id, job, status;
  long long created_at = 0, updated_at = 0;
};

class StoreApplicantList : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = hiresafe::testing::open_test_database(dir_.path());
    if (!db_) GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
    // 42 applications to j1 (and 6 to j2): created in bursts of three in one millisecond, so the
    // id breaks ties; every state; those not submitted changed later, some in one millisecond.
    for (int i = 0; i < 48; ++i) {
      Fixture f;
      f.job = i < 42 ? "j1" : "j2";
      // Ids whose order differs from the creation order.
      f.id = "app" + std::to_string((i * 17) % 48 + 100);
      f.status = hiring::kApplicationStates[(i * 5) % hiring::kApplicationStates.size()];
      f.created_at = 1000 + i / 3;
      f.updated_at =
          f.status == std::string(hiring::kSubmitted) ? f.created_at : 5000 - (i % 7) * 10 - i / 20;
      rows_.push_back(f);
    }
    ASSERT_TRUE(db_->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      hiresafe::testing::insert_user_row(sql, "rec");
      hiresafe::testing::insert_company_row(sql, "co", "rec");
      hiresafe::testing::insert_job_row(sql, "j1", "co", "rec");
      hiresafe::testing::insert_job_row(sql, "j2", "co", "rec");
      for (const auto& f : rows_) {
        const std::string seeker = "s_" + f.id;
        hiresafe::testing::insert_user_row(sql, seeker);
        sql << "INSERT INTO resume_snapshots (id, seeker_id, content, identity_enc, created_at) "
               "VALUES (:id, :s, '{}', 'sealed', 0)",
            soci::use(f.id), soci::use(seeker);
        sql << "INSERT INTO applications (id, job_id, company_id, seeker_id, resume_id, "
               "resume_title, snapshot_id, status, created_at, updated_at, viewed_at) VALUES "
               "(:id, :j, 'co', :s, 'r', 't', :snap, :st, :c, :u, NULL)",
            soci::use(f.id), soci::use(f.job), soci::use(seeker), soci::use(f.id),
            soci::use(f.status), soci::use(f.created_at), soci::use(f.updated_at);
      }
      return core::Unit{};
    }));
  }

  // What a plain sort of j1's rows gives.
  std::vector<std::string> expected(ListOrder order, const std::optional<std::string>& status) {
    std::vector<Fixture> rows;
    for (const auto& f : rows_)
      if (f.job == "j1" && (!status || f.status == *status)) rows.push_back(f);
    const auto key = [order](const Fixture& f) {
      return std::make_tuple(order == ListOrder::kUpdated ? f.updated_at : f.created_at, f.id);
    };
    std::sort(rows.begin(), rows.end(), [&](const Fixture& a, const Fixture& b) {
      return order == ListOrder::kOldest ? key(a) < key(b) : key(b) < key(a);
    });
    std::vector<std::string> ids;
    for (const auto& f : rows) ids.push_back(f.id);
    return ids;
  }

  // Every page of the list at `limit` rows, followed by its cursor, joined.
  std::vector<std::string> paged(ListOrder order, const std::optional<std::string>& status,
                                 int limit) {
    JobListQuery q;
    q.job_id = "j1";
    q.status = status;
    q.order = order;
    q.limit = limit;
    std::vector<std::string> ids;
    for (int page = 0; page < 100; ++page) {
      auto rows = db_->read<std::vector<ApplicantRow>>(
          [&](store::Conn& conn) -> core::Result<std::vector<ApplicantRow>> {
            return hiring::store::applications_of_job(conn, q);
          });
      EXPECT_TRUE(rows) << (rows ? "" : rows.error().title);
      if (!rows || rows->empty()) break;
      EXPECT_LE(static_cast<int>(rows->size()), limit);
      for (const auto& r : *rows) ids.push_back(r.app.id);
      const auto& last = rows->back().app;
      q.after_key = order == ListOrder::kUpdated ? last.updated_at : last.created_at;
      q.after_id = last.id;
    }
    return ids;
  }

  hiresafe::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::vector<Fixture> rows_;
};

TEST_F(StoreApplicantList, EveryOrderAndFilterPagesThroughThePostsApplicationsInOrder) {  // HIR-1
  std::vector<std::optional<std::string>> filters = {std::nullopt};
  for (const char* s : hiring::kApplicationStates) filters.emplace_back(s);
  for (ListOrder order : {ListOrder::kNewest, ListOrder::kOldest, ListOrder::kUpdated}) {
    for (const auto& status : filters) {
      const auto want = expected(order, status);
      ASSERT_FALSE(want.empty());  // the fixture has every state on j1
      for (int limit : {1, 4, 20, 100}) {
        EXPECT_EQ(paged(order, status, limit), want)
            << "order " << static_cast<int>(order) << ", status " << status.value_or("(any)")
            << ", limit " << limit;
      }
    }
  }
}

TEST_F(StoreApplicantList, AnUnknownStatusListsNothing) {  // HIR-1
  JobListQuery q;
  q.job_id = "j1";
  q.status = "submitted' OR '1' = '1";
  auto rows = db_->read<std::vector<ApplicantRow>>(
      [&](store::Conn& conn) -> core::Result<std::vector<ApplicantRow>> {
        return hiring::store::applications_of_job(conn, q);
      });
  ASSERT_TRUE(rows);
  EXPECT_TRUE(rows->empty());
}

// A submitted application moved later leaves the created_at share and leads the updated order
// from the index of changed applications.
TEST_F(StoreApplicantList, AMovedApplicationLeadsTheUpdatedOrder) {  // HIR-1
  const Fixture& first = rows_.front();
  ASSERT_EQ(first.status, hiring::kSubmitted);
  ASSERT_NE(paged(ListOrder::kUpdated, std::nullopt, 20).front(), first.id);
  auto moved = db_->transaction<bool>([&](store::Conn& conn) -> core::Result<bool> {
    auto app = hiring::store::application_by_id(conn, first.id);
    if (!app) return false;
    return hiring::store::update_status(conn, *app, hiring::kViewed, 9000, true);
  });
  ASSERT_TRUE(moved && *moved);
  const auto after = paged(ListOrder::kUpdated, std::nullopt, 20);
  EXPECT_EQ(after.front(), first.id);
  EXPECT_EQ(after.size(), expected(ListOrder::kUpdated, std::nullopt).size());
  EXPECT_EQ(paged(ListOrder::kUpdated, std::string(hiring::kViewed), 20).front(), first.id);
  const auto submitted = paged(ListOrder::kUpdated, std::string(hiring::kSubmitted), 20);
  EXPECT_EQ(std::count(submitted.begin(), submitted.end(), first.id), 0);
}

}  // namespace
