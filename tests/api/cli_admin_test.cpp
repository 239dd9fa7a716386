// The command line an operator uses: migrate, seed --demo, admin create-staff,
// admin rotate-master-key, serve --help.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <set>
#include <utility>

#include "flows.hpp"
#include "store/database.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;

namespace {

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = fresh_database_url(dir_.path());
    if (url_.empty()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  std::vector<std::string> with_db(std::vector<std::string> args) {
    args.insert(args.end(),
                {"--data-dir", dir_.path(), "--database-url", url_, "--password-strength", "min"});
    return args;
  }
  TempDir dir_;
  std::string url_;
};

}  // namespace

TEST_F(Cli, MigrateIsRepeatable) {
  std::string out;
  EXPECT_EQ(run_hiresafe(with_db({"migrate"}), &out), 0) << out;
  EXPECT_EQ(run_hiresafe(with_db({"migrate"}), &out), 0) << out;
  EXPECT_NE(out.find("database at migration"), std::string::npos);
}

TEST_F(Cli, SeedDemoLoadsOnceAndCreatesAPrivateMasterKey) {  // SEC-2
  std::string out;
  ASSERT_EQ(run_hiresafe(with_db({"seed", "--demo"}), &out), 0) << out;
  EXPECT_NE(out.find("loaded 6 demo accounts"), std::string::npos) << out;
  struct stat st {};
  ASSERT_EQ(stat((dir_.path() + "/master.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  ASSERT_EQ(run_hiresafe(with_db({"seed", "--demo"}), &out), 0) << out;
  EXPECT_NE(out.find("demo data skipped"), std::string::npos) << out;
  // Every file hiresafe wrote is readable by its owner only.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_.path())) {
    if (!entry.is_regular_file()) continue;
    struct stat file {};
    ASSERT_EQ(stat(entry.path().c_str(), &file), 0);
    EXPECT_EQ(file.st_mode & 077, 0u) << entry.path();
  }
}

TEST_F(Cli, CreateStaffReadsThePasswordFromStdinAndRefusesDuplicates) {
  std::string out;
  ASSERT_EQ(run_hiresafe(with_db({"admin", "create-staff", "--username", "ops.li"}), &out,
                         "a-long-staff-password\n"),
            0)
      << out;
  EXPECT_NE(out.find("created staff st_"), std::string::npos);
  EXPECT_EQ(out.find("a-long-staff-password"), std::string::npos);
  EXPECT_NE(run_hiresafe(with_db({"admin", "create-staff", "--username", "ops.li"}), &out,
                         "a-long-staff-password\n"),
            0);
  EXPECT_NE(out.find("exists"), std::string::npos) << out;
  EXPECT_NE(run_hiresafe(with_db({"admin", "create-staff", "--username", "x"}), &out, "short\n"),
            0);
}

TEST_F(Cli, SeedDemoShowsTheHiringFlowFromBothSides) {  // HIR-1
  std::string out;
  ASSERT_EQ(run_hiresafe(with_db({"seed", "--demo"}), &out), 0) << out;
  EXPECT_NE(out.find("300 demo job posts and 3 demo applications"), std::string::npos) << out;
  auto db = hiresafe::store::Database::open(url_, 1);
  ASSERT_TRUE(db);
  auto states = (*db)->read<std::multiset<std::string>>(
      [](soci::session& sql) -> hiresafe::core::Result<std::multiset<std::string>> {
        soci::rowset<std::string> rows = sql.prepare << "SELECT status FROM applications";
        return std::multiset<std::string>(rows.begin(), rows.end());
      });
  ASSERT_TRUE(states);
  // Made through the services: the recruiter's opening and invitation are events the seeker
  // was notified of, and the opening is an access record (RES-8).
  EXPECT_EQ(*states, (std::multiset<std::string>{"submitted", "viewed", "interview"}));
  auto counts = (*db)->read<std::pair<long long, long long>>(
      [](soci::session& sql) -> hiresafe::core::Result<std::pair<long long, long long>> {
        std::pair<long long, long long> n;
        sql << "SELECT COUNT(*) FROM notifications", soci::into(n.first);
        sql << "SELECT COUNT(*) FROM access_records WHERE purpose = 'view_application'",
            soci::into(n.second);
        return n;
      });
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->first, 2);
  EXPECT_EQ(counts->second, 1);
}

TEST_F(Cli, RotateMasterKeyKeepsAccountsReadable) {  // SEC-2
  std::string out;
  ASSERT_EQ(run_hiresafe(with_db({"seed", "--demo"}), &out), 0) << out;
  auto before = read_file(dir_.path() + "/master.key");
  ASSERT_EQ(run_hiresafe(with_db({"admin", "rotate-master-key"}), &out), 0) << out;
  // 6 demo people, the recruiter of the demo job posts, and the index root.
  EXPECT_NE(out.find("re-wrapped 8 keys"), std::string::npos) << out;
  auto after = read_file(dir_.path() + "/master.key");
  EXPECT_NE(before, after);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/master.key.new"));

  // The server starts with the new key and the demo headhunter still signs in and reads /me.
  TestServer server({{"--data-dir", dir_.path(), "--database-url", url_}, {}, false});
  ASSERT_TRUE(server.available());
  auto signed_in = server.client().post(
      "/api/v1/auth/password-sign-in",
      {{"email", "headhunter@demo.hiresafe.dev"}, {"password", "demo-password-1"}});
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  auto me = server.client().get("/api/v1/me", signed_in.json()["token"]);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["phone"], "+8613800000006");
}

TEST_F(Cli, ServeRefusesAWrongMasterKey) {  // SEC-2
  std::string out;
  ASSERT_EQ(run_hiresafe(with_db({"seed", "--demo"}), &out), 0) << out;
  auto args = with_db({"serve", "--listen", "127.0.0.1:0"});
  EXPECT_NE(run_hiresafe(args, &out, "", {{"HIRESAFE_MASTER_KEY", std::string(64, 'a')}}), 0);
  EXPECT_NE(out.find("master key does not open"), std::string::npos) << out;
}

TEST_F(Cli, ServeHelpDocumentsEverySetting) {
  std::string out;
  EXPECT_EQ(run_hiresafe({"serve", "--help"}, &out), 0);
  for (const char* flag :
       {"--data-dir", "--listen", "--database-url", "--master-key-file", "--codes-ttl-seconds",
        "--codes-hourly-per-ip", "--sms-provider", "--sms-http-url", "--max-body-bytes",
        "--test-clock", "--config", "--age-minimum", "--sessions-ttl-days"}) {
    EXPECT_NE(out.find(flag), std::string::npos) << flag;
  }
  EXPECT_NE(out.find("HIRESAFE_CODES_TTL_SECONDS"), std::string::npos);
}

TEST_F(Cli, AuditChainCatchesAnEditedRow) {  // SEC-4
  std::string out;
  ASSERT_EQ(run_hiresafe(with_db({"admin", "create-staff", "--username", "ops.wu"}), &out,
                         "a-long-staff-password\n"),
            0)
      << out;
  EXPECT_NE(out.find("otpauth://totp/hiresafe:ops.wu?secret="), std::string::npos) << out;
  ASSERT_EQ(run_hiresafe(with_db({"admin", "grant-access", "--username", "ops.wu", "--reason",
                                  "weekly review shift"}),
                         &out),
            0)
      << out;
  ASSERT_EQ(run_hiresafe(with_db({"admin", "grant-access", "--username", "ops.wu", "--hours", "2",
                                  "--reason", "backlog"}),
                         &out),
            0)
      << out;
  ASSERT_EQ(run_hiresafe(with_db({"admin", "verify-audit"}), &out), 0) << out;
  EXPECT_NE(out.find("audit chain intact: 3 entries"), std::string::npos) << out;

  {
    auto db = hiresafe::store::Database::open(url_, 1);
    ASSERT_TRUE(db);
    ASSERT_TRUE(
        (*db)->transaction<hiresafe::core::Unit>([](soci::session& sql) -> hiresafe::core::Status {
          sql << "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 2";
          return hiresafe::core::Unit{};
        }));
  }
  EXPECT_EQ(run_hiresafe(with_db({"admin", "verify-audit"}), &out), 1) << out;
  EXPECT_NE(out.find("BROKEN at entry 2"), std::string::npos) << out;
}

TEST_F(Cli, AuditChainCatchesADeletedRow) {  // SEC-4
  std::string out;
  ASSERT_EQ(run_hiresafe(with_db({"admin", "create-staff", "--username", "ops.he"}), &out,
                         "a-long-staff-password\n"),
            0);
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(run_hiresafe(with_db({"admin", "grant-access", "--username", "ops.he", "--reason",
                                    "review shift"}),
                           &out),
              0);
  }
  {
    auto db = hiresafe::store::Database::open(url_, 1);
    ASSERT_TRUE(
        (*db)->transaction<hiresafe::core::Unit>([](soci::session& sql) -> hiresafe::core::Status {
          sql << "DELETE FROM audit_log WHERE seq = 2";
          return hiresafe::core::Unit{};
        }));
  }
  EXPECT_EQ(run_hiresafe(with_db({"admin", "verify-audit"}), &out), 1) << out;
  EXPECT_NE(out.find("BROKEN at entry 3"), std::string::npos) << out;
}

TEST_F(Cli, GrantAccessRefusesUnknownStaffAndBadDurations) {  // SEC-4
  std::string out;
  EXPECT_NE(run_hiresafe(with_db({"admin", "grant-access", "--username", "nobody", "--reason",
                                  "review shift"}),
                         &out),
            0);
  EXPECT_NE(out.find("No such staff member"), std::string::npos) << out;
  ASSERT_EQ(run_hiresafe(with_db({"admin", "create-staff", "--username", "ops.ma"}), &out,
                         "a-long-staff-password\n"),
            0);
  EXPECT_NE(run_hiresafe(with_db({"admin", "grant-access", "--username", "ops.ma", "--hours",
                                  "1000", "--reason", "review shift"}),
                         &out),
            0);
}
