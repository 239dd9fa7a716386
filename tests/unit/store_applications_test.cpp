// Applications written several at a time (PostgreSQL's batched apply, HIR-1): one statement
// stores each new (post, seeker) pair once, repeats inside or outside the batch are left out,
// so are rows whose checks fail (post closed or expired, resume not the seeker's, company
// blocked), the snapshot is copied from the seeker's own resume inside the database (RES-7),
// once per version of the resume on both databases, batches running at once count into their
// own totals rows, and a statement that fails keeps nothing, so the service can send its rows
// again one by one.
#include <gtest/gtest.h>

#include <algorithm>

#include "hiring/application_store.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store_rows.hpp"
#include "test_env.hpp"

using namespace hiresafe;
using hiring::store::ApplicationRow;
using hiring::store::NewApplication;

namespace {

class StoreApplications : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = hiresafe::testing::open_test_database(dir_.path());
    if (!db_) GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
    ASSERT_TRUE(db_->transaction<core::Unit>([](soci::session& sql) -> core::Status {
      for (const std::string id : {"rec", "u1", "u2", "u3", "u4"})
        hiresafe::testing::insert_user_row(sql, id);
      hiresafe::testing::insert_company_row(sql, "co", "rec");
      hiresafe::testing::insert_job_row(sql, "j1", "co", "rec");
      hiresafe::testing::insert_job_row(sql, "j2", "co", "rec");
      hiresafe::testing::insert_job_row(sql, "j3", "co", "rec");
      sql << "UPDATE jobs SET expires_at = 100";  // open until t = 100; rows are sent at t = 7
      for (const std::string seeker : {"u1", "u2", "u3", "u4"})
        hiresafe::testing::insert_resume_row(sql, "r_" + seeker, seeker, title_of(seeker),
                                             content_of(seeker), "sealed:" + seeker);
      return core::Unit{};
    }));
  }

  // Content with the characters a statement must carry unchanged: quotes, a backslash, a line
  // break and Chinese text.
  static std::string title_of(const std::string& seeker) { return "简历 \"" + seeker + "\""; }
  static std::string content_of(const std::string& seeker) {
    return R"({"self_evaluation":"踏实\\认真\n\"可靠\"","who":")" + seeker + "\"}";
  }

  static NewApplication row(const std::string& id, const std::string& job,
                            const std::string& seeker, const std::string& resume = "") {
    NewApplication a;
    a.id = id;
    a.job_id = job;
    a.company_id = "co";
    a.seeker_id = seeker;
    a.resume_id = resume.empty() ? "r_" + seeker : resume;
    a.status = "submitted";
    a.at = 7;
    return a;
  }

  // The ids the batch stored, in order.
  core::Result<std::vector<std::string>> insert_batch(const std::vector<NewApplication>& rows,
                                                      int flight = 0) {
    auto stored = insert_batch_stored(rows, flight);
    if (!stored) return std::move(stored).error();
    std::vector<std::string> ids;
    for (const auto& s : *stored) ids.push_back(s.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  core::Result<std::vector<hiring::store::Stored>> insert_batch_stored(
      const std::vector<NewApplication>& rows, int flight) {
    std::vector<const NewApplication*> ptrs;
    for (const auto& r : rows) ptrs.push_back(&r);
    return db_->single_statement<std::vector<hiring::store::Stored>>(
        [&](store::Conn& conn) -> core::Result<std::vector<hiring::store::Stored>> {
          return hiring::store::insert_applications(conn, ptrs, flight);
        });
  }

  void execute(const std::string& sql_text) {
    ASSERT_TRUE(db_->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      sql << sql_text;
      return core::Unit{};
    }));
  }

  // PostgreSQL batches applies and copies the snapshot inside the INSERT; SQLite's writer
  // commits concurrent applies together and inserts the snapshot its checks read.
  bool on_postgres() const { return db_->dialect() == store::Dialect::kPostgres; }

  // Whether the one-row insert stored `a` (a failed statement fails the test): PostgreSQL's
  // batch statement with one row, SQLite's insert of what the checks read, as the service does
  // (unless `a` carries a snapshot already).
  bool insert_one(NewApplication a) {
    if (on_postgres()) {
      auto r = insert_batch({a});
      EXPECT_TRUE(r) << (r ? "" : r.error().title);
      return r && !r->empty();
    }
    if (!a.snapshot) {
      auto facts = db_->read<std::optional<hiring::store::ApplyFacts>>(
          [&](store::Conn& conn) -> core::Result<std::optional<hiring::store::ApplyFacts>> {
            return hiring::store::apply_facts(conn, a.job_id, a.seeker_id, a.resume_id);
          });
      EXPECT_TRUE(facts && facts->has_value());
      if (!facts || !facts->has_value()) return false;
      a.resume_title = (*facts)->resume_title.value_or("");
      a.resume_version = (*facts)->resume_version;
      a.snapshot = (*facts)->snapshot;
    }
    auto r = db_->single_statement<bool>([&](store::Conn& conn) -> core::Result<bool> {
      return hiring::store::insert_application(conn, a);
    });
    EXPECT_TRUE(r) << (r ? "" : r.error().title);
    return r && *r;
  }

  ApplicationRow stored(const std::string& id) {
    auto back = db_->read<std::optional<ApplicationRow>>(
        [&](store::Conn& conn) -> core::Result<std::optional<ApplicationRow>> {
          return hiring::store::application_by_id(conn, id);
        });
    EXPECT_TRUE(back && back->has_value()) << id;
    return back && back->has_value() ? **back : ApplicationRow{};
  }

  // The snapshots kept, as (id, content) in id order.
  std::vector<std::pair<std::string, std::string>> snapshots() {
    return db_
        ->read<std::vector<std::pair<std::string, std::string>>>(
            [](soci::session& sql)
                -> core::Result<std::vector<std::pair<std::string, std::string>>> {
              std::vector<std::pair<std::string, std::string>> out;
              soci::rowset<soci::row> rows =
                  sql.prepare << "SELECT id, content FROM resume_snapshots ORDER BY id";
              for (const auto& r : rows)
                out.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
              return out;
            })
        .value();
  }

  // A save of the resume, as ResumeService makes it: new content, the next version.
  void save_resume(const std::string& id, const std::string& content) {
    execute("UPDATE resumes SET content = '" + content +
            "', identity_enc = 'resealed', version = version + 1 WHERE id = '" + id + "'");
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

  long long total(const std::string& job, const std::optional<std::string>& status = std::nullopt) {
    return db_
        ->read<long long>([&](store::Conn& conn) -> core::Result<long long> {
          return hiring::store::count_of_job(conn, job, status);
        })
        .value();
  }

  hiresafe::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
};

// PostgreSQL: one application copies the seeker's resume as its snapshot and counts once; a
// repeat, or a resume that is not the seeker's, stores nothing. (SQLite's checks read the
// snapshot instead: the next test.)
TEST_F(StoreApplications, AnApplicationCopiesTheSeekersOwnResume) {  // HIR-1, RES-7
  if (!on_postgres()) GTEST_SKIP() << "on SQLite the checks read the snapshot";
  ASSERT_TRUE(insert_one(row("a0", "j1", "u1")));
  const ApplicationRow got = stored("a0");
  EXPECT_EQ(got.snapshot_content, content_of("u1")) << "copied from the resume unchanged";
  EXPECT_EQ(got.resume_title, title_of("u1"));
  EXPECT_EQ(got.snapshot_identity_enc, "sealed:u1");
  EXPECT_EQ(got.created_at, 7);
  EXPECT_EQ(got.updated_at, 7);
  EXPECT_EQ(got.status, "submitted");
  EXPECT_EQ(total("j1"), 1);

  EXPECT_FALSE(insert_one(row("a1", "j1", "u1"))) << "a repeat";
  EXPECT_FALSE(insert_one(row("a2", "j1", "u2", "r_u3"))) << "another seeker's resume";
  EXPECT_FALSE(insert_one(row("a3", "j1", "u2", "r_gone"))) << "a resume deleted since the checks";
  EXPECT_EQ(stored_ids(), std::vector<std::string>{"a0"});
  EXPECT_EQ(total("j1"), 1);
}

// On SQLite the snapshot the checks read is stored as given, so the single writer only inserts;
// PostgreSQL's INSERT copies the resume inside the database whatever the row carries.
TEST_F(StoreApplications, ASnapshotReadByTheChecksIsStoredAsGivenOnSqlite) {  // RES-7
  NewApplication a = row("a0", "j1", "u1");
  a.resume_title = "read title";
  a.snapshot = hiring::store::Snapshot{R"({"read":1})", "sealed:read"};
  ASSERT_TRUE(insert_one(a));
  const ApplicationRow got = stored("a0");
  if (on_postgres()) {
    EXPECT_EQ(got.snapshot_content, content_of("u1"));
    EXPECT_EQ(got.resume_title, title_of("u1"));
  } else {
    EXPECT_EQ(got.snapshot_content, R"({"read":1})");
    EXPECT_EQ(got.resume_title, "read title");
    EXPECT_EQ(got.snapshot_identity_enc, "sealed:read");
  }
  EXPECT_EQ(total("j1"), 1);
}

// A seeker sends one version of a resume to many posts: one snapshot serves them all. A save of
// the resume makes the next application take a new one, and the earlier applications still
// show the resume as it was sent (migration 0014).
TEST_F(StoreApplications, ApplicationsSentWithOneVersionShareOneSnapshot) {  // RES-7, HIR-1
  ASSERT_TRUE(insert_one(row("a1", "j1", "u1")));
  ASSERT_TRUE(insert_one(row("a2", "j2", "u1")));
  EXPECT_EQ(snapshots(), (std::vector<std::pair<std::string, std::string>>{
                             {hiring::store::snapshot_id("r_u1", 1), content_of("u1")}}));
  EXPECT_EQ(stored("a2").snapshot_content, content_of("u1"));

  save_resume("r_u1", R"({"who":"u1, later"})");
  ASSERT_TRUE(insert_one(row("a3", "j3", "u1")));
  EXPECT_EQ(snapshots().size(), 2u);
  EXPECT_EQ(stored("a3").snapshot_content, R"({"who":"u1, later"})");
  EXPECT_EQ(stored("a3").snapshot_identity_enc, "resealed");
  EXPECT_EQ(stored("a1").snapshot_content, content_of("u1")) << "as it was sent";
  EXPECT_EQ(stored("a1").snapshot_identity_enc, "sealed:u1");
}

// Two applications of one seeker in one batch statement share the snapshot that statement
// stores; a repeat in the same batch adds nothing.
TEST_F(StoreApplications, OneBatchStoresOneSnapshotForOneVersion) {  // RES-7
  if (!on_postgres()) GTEST_SKIP() << "PostgreSQL's batch statement";
  auto inserted =
      insert_batch({row("a1", "j1", "u1"), row("a2", "j2", "u1"), row("a3", "j1", "u1"),
                    row("a4", "j1", "u2")});
  ASSERT_TRUE(inserted) << inserted.error().title;
  EXPECT_EQ(*inserted, (std::vector<std::string>{"a1", "a2", "a4"}));
  EXPECT_EQ(snapshots(), (std::vector<std::pair<std::string, std::string>>{
                             {hiring::store::snapshot_id("r_u1", 1), content_of("u1")},
                             {hiring::store::snapshot_id("r_u2", 1), content_of("u2")}}));
  EXPECT_EQ(stored("a2").snapshot_content, content_of("u1"));
  EXPECT_EQ(stored("a4").snapshot_identity_enc, "sealed:u2");
}

// A repeat stores no application, and no snapshot either: a copy of the resume that no
// application uses would be personal data kept for nothing.
TEST_F(StoreApplications, ARepeatLeavesNoSnapshotBehind) {  // RES-7
  ASSERT_TRUE(insert_one(row("a1", "j1", "u1")));
  save_resume("r_u1", R"({"who":"u1, later"})");
  EXPECT_FALSE(insert_one(row("a2", "j1", "u1"))) << "u1 applied to j1 before";
  EXPECT_EQ(snapshots(), (std::vector<std::pair<std::string, std::string>>{
                             {hiring::store::snapshot_id("r_u1", 1), content_of("u1")}}));
  EXPECT_EQ(stored_ids(), std::vector<std::string>{"a1"});
}

// Applications stored before migration 0014 each kept a copy of the resume in their own row;
// the migration moves each copy into a snapshot of its own, unchanged, and the application
// still reads the resume as it was sent.
TEST(ResumeSnapshotsMigration, EarlierApplicationsKeepTheResumeAsSent) {  // RES-7
  hiresafe::testing::TempDir dir;
  const std::string url = hiresafe::testing::fresh_database_url(dir.path());
  if (url.empty()) GTEST_SKIP() << "backend not configured";
  auto db = store::Database::open(url, 2);
  ASSERT_TRUE(db);
  ASSERT_TRUE(store::migrate(**db, 0, 13));
  ASSERT_TRUE((*db)->transaction<core::Unit>([](soci::session& sql) -> core::Status {
    for (const std::string id : {"rec", "u1"}) hiresafe::testing::insert_user_row(sql, id);
    hiresafe::testing::insert_company_row(sql, "co", "rec");
    hiresafe::testing::insert_job_row(sql, "j1", "co", "rec");
    hiresafe::testing::insert_job_row(sql, "j2", "co", "rec");
    for (const std::string n : {"1", "2"})
      sql << "INSERT INTO applications (id, job_id, company_id, seeker_id, resume_id, "
             "resume_title, snapshot_content, snapshot_identity_enc, status, created_at, "
             "updated_at) VALUES ('a" +
                 n + "', 'j" + n + "', 'co', 'u1', 'r1', 'title', '{\"sent\":" + n +
                 "}', 'sealed:" + n + "', 'submitted', " + n + ", " + n + ")";
    return core::Unit{};
  }));
  ASSERT_TRUE(store::migrate(**db, 0));
  for (const std::string n : {"1", "2"}) {
    auto app = (*db)->read<std::optional<ApplicationRow>>(
        [&](store::Conn& conn) -> core::Result<std::optional<ApplicationRow>> {
          return hiring::store::application_by_id(conn, "a" + n);
        });
    ASSERT_TRUE(app && app->has_value()) << n;
    EXPECT_EQ((*app)->snapshot_content, "{\"sent\":" + n + "}");
    EXPECT_EQ((*app)->snapshot_identity_enc, "sealed:" + n);
    EXPECT_EQ((*app)->resume_title, "title");
    EXPECT_EQ((*app)->created_at, std::stoll(n));
  }
}

TEST_F(StoreApplications, OneStatementStoresEachNewPairOnceAndLeavesRepeatsOut) {  // HIR-1
  if (!on_postgres()) GTEST_SKIP() << "PostgreSQL's batch statement";
  ASSERT_TRUE(insert_one(row("a0", "j1", "u1")));
  // u1 applied before; u2 appears twice in the batch (a double-click landing in one batch);
  // u1 also applies to a second post; u3 names u2's resume (left out, not an error).
  auto inserted =
      insert_batch({row("a1", "j1", "u1"), row("a2", "j1", "u2"), row("a3", "j1", "u2"),
                    row("a4", "j1", "u3"), row("a5", "j2", "u1"), row("a6", "j2", "u3", "r_u2")});
  ASSERT_TRUE(inserted) << inserted.error().title;
  EXPECT_EQ(*inserted, (std::vector<std::string>{"a2", "a4", "a5"}));
  EXPECT_EQ(stored_ids(), (std::vector<std::string>{"a0", "a2", "a4", "a5"}));

  const ApplicationRow got = stored("a2");
  EXPECT_EQ(got.snapshot_content, content_of("u2")) << "copied from the resume unchanged";
  EXPECT_EQ(got.resume_title, title_of("u2"));
  EXPECT_EQ(got.snapshot_identity_enc, "sealed:u2");
  EXPECT_EQ(got.resume_id, "r_u2");
  EXPECT_EQ(got.seeker_id, "u2");
  EXPECT_EQ(got.status, "submitted");
  EXPECT_EQ(got.created_at, 7);
  EXPECT_EQ(got.updated_at, 7);
  EXPECT_FALSE(got.viewed_at.has_value());
  // The post's total counts each stored row once: the repeats added nothing.
  EXPECT_EQ(total("j1"), 3);
  EXPECT_EQ(total("j2"), 1);
}

// The checks ApplyFacts reads on SQLite are made inside PostgreSQL's INSERT: a row that fails
// one is left out (the service then reads why), and a stored row comes back with what the
// answer names.
TEST_F(StoreApplications, RowsWhoseChecksFailAreLeftOut) {  // HIR-1, RES-11
  if (!on_postgres()) GTEST_SKIP() << "PostgreSQL's batch statement";
  execute("UPDATE jobs SET status = 'closed' WHERE id = 'j2'");
  execute("INSERT INTO company_blocks (user_id, company_id, created_at) VALUES ('u3', 'co', 0)");
  NewApplication late = row("a4", "j1", "u4");
  late.at = 100;  // the moment j1 expires
  auto stored = insert_batch_stored({row("a1", "j1", "u1"), row("a2", "j2", "u2"),
                                     row("a3", "j1", "u3"), late, row("a5", "j_gone", "u2")},
                                    0);
  ASSERT_TRUE(stored) << stored.error().title;
  ASSERT_EQ(stored->size(), 1u) << "closed post, blocked company, expired post, no such post";
  const hiring::store::Stored& a1 = stored->front();
  EXPECT_EQ(a1.id, "a1");
  EXPECT_EQ(a1.company_id, "co") << "the post's company, read by the INSERT";
  EXPECT_EQ(a1.resume_title, title_of("u1"));
  EXPECT_EQ(a1.job_title, "t");
  EXPECT_EQ(a1.company_name, "Co");
  EXPECT_EQ(stored_ids(), std::vector<std::string>{"a1"});
  EXPECT_EQ(total("j1"), 1);
  EXPECT_EQ(total("j2"), 0);
}

// Two batches running at once add to their own totals rows (migration 0012), and a status
// change adds to flight 0: the counts a recruiter sees are the sums, whichever rows hold them.
TEST_F(StoreApplications, TotalsKeptPerFlightAddUp) {  // HIR-1
  if (!on_postgres()) GTEST_SKIP() << "PostgreSQL's batch statement";
  ASSERT_TRUE(insert_batch({row("a1", "j1", "u1"), row("a2", "j1", "u2")}, 0));
  ASSERT_TRUE(insert_batch({row("a3", "j1", "u3")}, 1));
  EXPECT_EQ(total("j1"), 3);
  EXPECT_EQ(total("j1", "submitted"), 3);
  // a3 (counted in flight 1) moves on: flight 0 takes the -1 and goes to 1, flight 1 stays 1.
  auto moved = db_->transaction<bool>([&](store::Conn& conn) -> core::Result<bool> {
    return hiring::store::update_status(conn, stored("a3"), "rejected", 9, false);
  });
  ASSERT_TRUE(moved && *moved);
  EXPECT_EQ(total("j1"), 3);
  EXPECT_EQ(total("j1", "submitted"), 2);
  EXPECT_EQ(total("j1", "rejected"), 1);
  long long rows = 0;
  ASSERT_TRUE(db_->read<core::Unit>([&](soci::session& sql) -> core::Status {
    sql << "SELECT COUNT(*) FROM application_totals WHERE job_id = 'j1' AND status = 'submitted'",
        soci::into(rows);
    return core::Unit{};
  }));
  EXPECT_EQ(rows, 2) << "one row per flight that counted";
}

TEST_F(StoreApplications, AStatementWithARowAtFaultKeepsNothing) {
  if (!on_postgres()) GTEST_SKIP() << "PostgreSQL's batch statement";
  ASSERT_TRUE(insert_one(row("a0", "j1", "u1")));
  // The second row reuses a stored application's id (no ON CONFLICT covers the primary key):
  // the statement fails, and the first row must not have been kept either.
  auto inserted = insert_batch({row("a1", "j1", "u2"), row("a0", "j2", "u3")});
  EXPECT_FALSE(inserted);
  EXPECT_EQ(stored_ids(), std::vector<std::string>{"a0"});
  EXPECT_EQ(total("j1"), 1) << "the total was not kept either";
  // The connection is usable afterwards.
  auto again = insert_batch({row("a1", "j1", "u2")});
  ASSERT_TRUE(again) << again.error().title;
  EXPECT_EQ(*again, std::vector<std::string>{"a1"});
}

}  // namespace
