// The batched access log (SEC-3): journaled before `record` returns, committed in batches,
// replayed after a crash without duplicates. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/logging.hpp"
#include "disclosure/access_log.hpp"
#include "test_env.hpp"

using namespace hiresafe;

namespace {

class StoreAccessLog : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = hiresafe::testing::open_test_database(dir_.path());
    if (!db_) GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
    journal_ = dir_.path() + "/journal";
  }
  long long rows() {
    return db_
        ->read<long long>([](soci::session& sql) -> core::Result<long long> {
          long long n = 0;
          sql << "SELECT COUNT(*) FROM access_records", soci::into(n);
          return n;
        })
        .value();
  }
  std::string journal_text() {
    std::string all;
    for (const auto& e : std::filesystem::directory_iterator(journal_)) {
      std::ifstream in(e.path());
      all += std::string(std::istreambuf_iterator<char>(in), {});
    }
    return all;
  }
  static disclosure::AccessRecord view_of(const std::string& subject) {
    return {"recruiter", "u_viewer", subject, "resume", "view_resume", std::nullopt,
            std::string("co_1"), std::string("r_1"), "display_name,age_band"};
  }

  hiresafe::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::string journal_;
  core::Logger logger_ = core::make_logger("", "error");
};

TEST_F(StoreAccessLog, ARecordIsJournaledBeforeItReturnsAndCommittedInABatch) {
  disclosure::AccessLog log(*db_, journal_, 10000, logger_);  // no timed batch in this test
  ASSERT_TRUE(log.start());
  ASSERT_TRUE(log.record(view_of("u_subject_a"), 1000));
  ASSERT_TRUE(log.record(view_of("u_subject_b"), 1001));
  // Not committed yet, but on disk: a crash now loses nothing.
  EXPECT_EQ(rows(), 0);
  const std::string text = journal_text();
  EXPECT_NE(text.find("u_subject_a"), std::string::npos);
  EXPECT_NE(text.find("u_subject_b"), std::string::npos);
  ASSERT_TRUE(log.flush());
  EXPECT_EQ(rows(), 2);
  EXPECT_EQ(journal_text().find("u_subject_a"), std::string::npos);  // its journal is gone
}

TEST_F(StoreAccessLog, TheWriterCommitsOnItsOwnWithinTheBatchInterval) {
  disclosure::AccessLog log(*db_, journal_, 5, logger_);
  ASSERT_TRUE(log.start());
  ASSERT_TRUE(log.record(view_of("u_subject"), 1000));
  for (int i = 0; i < 300 && rows() < 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(rows(), 1);
}

TEST_F(StoreAccessLog, AJournalLeftByACrashIsReplayedOnceAtStart) {
  std::filesystem::create_directories(journal_);
  {
    // What a crashed process leaves: two acknowledged lines and a torn third one.
    std::ofstream out(journal_ + "/access-journal.1-aaaa.log");
    out << R"({"id":"ar_one","actor_kind":"recruiter","actor_id":"u_v","subject":"u_s",)"
        << R"("data_kind":"resume","purpose":"view_resume","grant":null,"company":"co_1",)"
        << R"("object":"r_1","fields":"display_name","at":1000})" << "\n"
        << R"({"id":"ar_two","actor_kind":"headhunter","actor_id":"u_h","subject":"u_s",)"
        << R"("data_kind":"resume","purpose":"view_resume","grant":null,"company":null,)"
        << R"("object":"r_1","fields":"display_name","at":1001})" << "\n"
        << R"({"id":"ar_thr)";
  }
  // The batch of that journal had in fact been committed once already.
  ASSERT_TRUE(disclosure::replay_journal(*db_, journal_ + "/access-journal.1-aaaa.log"));
  EXPECT_EQ(rows(), 2);
  {
    disclosure::AccessLog log(*db_, journal_, 10000, logger_);
    ASSERT_TRUE(log.start());
    EXPECT_EQ(rows(), 2);  // replayed as a no-op: no duplicates
    EXPECT_FALSE(std::filesystem::exists(journal_ + "/access-journal.1-aaaa.log"));
  }
}

TEST_F(StoreAccessLog, ClosingCommitsWhatIsQueued) {
  {
    disclosure::AccessLog log(*db_, journal_, 10000, logger_);
    ASSERT_TRUE(log.start());
    ASSERT_TRUE(log.record(view_of("u_subject"), 1000));
  }
  EXPECT_EQ(rows(), 1);
  EXPECT_TRUE(std::filesystem::is_empty(journal_));
}

}  // namespace
