// Age rules: under-16s are refused, 16-17-year-olds are minors who need a guardian's consent
// (ACC-6).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "api_checks.hpp"
#include "flows.hpp"
#include "store/database.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;
using nlohmann::json;

namespace {

const std::string kProblems = "https://hiresafe.dev/problems/";

// The server's own clock (it may have been moved), in Unix seconds.
long long server_now(const TestServer& server) {
  auto r = server.client().post("/__test/clock", {{"advance_seconds", 0}});
  if (r.status != 200) throw std::runtime_error("cannot read the test clock: " + r.body);
  return r.json()["now"];
}

// The birth date of someone who turns `years` old `days_later` days after the server's today.
std::string birthday(const TestServer& server, int years, int days_later = 0) {
  using namespace std::chrono;
  year_month_day today{floor<days>(sys_seconds{seconds{server_now(server)}})};
  year_month_day born = today - std::chrono::years{years};
  if (!born.ok()) born = born.year() / born.month() / last;  // 29 February in a common year
  year_month_day d{sys_days{born} + days{days_later}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return text;
}

struct Footprint {
  long long users, consents, sessions, guardians;
  bool operator==(const Footprint&) const = default;
};
Footprint footprint(const TestServer& server) {
  return {count_rows(server, "users"), count_rows(server, "consents"),
          count_rows(server, "sessions"), count_rows(server, "guardian_consents")};
}
std::ostream& operator<<(std::ostream& os, const Footprint& f) {
  return os << "{users " << f.users << ", consents " << f.consents << ", sessions " << f.sessions
            << ", guardians " << f.guardians << "}";
}

HttpResult register_born(const TestServer& server, const std::string& phone,
                         const std::string& birth_date) {
  auto code = request_code(server, {{"phone", phone}});
  return server.client().post(
      "/api/v1/auth/sign-in",
      {{"phone", phone}, {"code", code}, {"accept_policy_version", 1}, {"birth_date", birth_date}});
}

}  // namespace

class MinorsApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  static HttpClient api() { return server_->client(); }
  static json me(const std::string& token) { return api().get("/api/v1/me", token).json(); }
  // A registered 17-year-old's token.
  static std::string minor() {
    return sign_up(*server_, next_phone(), birthday(*server_, 17, -40));
  }
  // Asks for a guardian code; returns the delivered code.
  static std::string guardian_code(const std::string& token, const std::string& guardian_phone) {
    auto r = api().post("/api/v1/me/guardian/codes", {{"guardian_phone", guardian_phone}}, token);
    if (r.status != 202) throw std::runtime_error("guardian code: " + r.body);
    return server_->code_for(r.json()["message_id"]);
  }
  static TestServer* server_;
};
TestServer* MinorsApi::server_ = nullptr;

// ACC-6: under 16 the platform refuses the registration and stores nothing about the person.
TEST_F(MinorsApi, UnderSixteenIsRefusedAndNothingIsStored) {
  const auto before = footprint(*server_);
  for (const auto& born : {birthday(*server_, 16, 1), birthday(*server_, 15, -100),
                           birthday(*server_, 10), birthday(*server_, 0, -1)}) {
    auto r = register_born(*server_, next_phone(), born);
    EXPECT_TRUE(is_problem(r, 422, "under-age")) << born;
    EXPECT_EQ(error_fields(r), std::set<std::string>{"birth_date"}) << born;
  }
  EXPECT_EQ(footprint(*server_), before);
}

// ACC-6: from the 16th birthday on a person is served, as a minor without guardian consent yet.
TEST_F(MinorsApi, SixteenYearOldIsServedAsAMinor) {
  auto r = register_born(*server_, next_phone(), birthday(*server_, 16));
  ASSERT_EQ(r.status, 201) << r.body;
  auto m = me(r.json()["token"]);
  EXPECT_EQ(m["is_minor"], true);
  EXPECT_EQ(m["guardian_consent"], false);
}

// ACC-6: a 17-year-old is a minor without guardian consent until a guardian gives it.
TEST_F(MinorsApi, SeventeenYearOldIsAMinorWithoutGuardianConsent) {
  auto m = me(minor());
  EXPECT_EQ(m["is_minor"], true);
  EXPECT_EQ(m["guardian_consent"], false);
}

// ACC-6: from the 18th birthday on a person is an adult.
TEST_F(MinorsApi, EighteenYearOldIsAnAdult) {
  auto adult = register_born(*server_, next_phone(), birthday(*server_, 18));
  ASSERT_EQ(adult.status, 201) << adult.body;
  EXPECT_EQ(me(adult.json()["token"])["is_minor"], false);
  auto almost = register_born(*server_, next_phone(), birthday(*server_, 18, 1));
  ASSERT_EQ(almost.status, 201) << almost.body;
  EXPECT_EQ(me(almost.json()["token"])["is_minor"], true);
}

// ACC-6: the guardian verifies their own number with a code; then the consent is recorded.
TEST_F(MinorsApi, GuardianConsentIsRecordedAfterTheGuardianVerifiesTheirNumber) {
  auto token = minor();
  const auto guardian = next_phone();
  auto code = guardian_code(token, guardian);
  ASSERT_EQ(code.size(), 6u);
  // Read first, so a server that kept the account row from this answer would show it stale.
  EXPECT_EQ(me(token)["guardian_consent"], false);
  auto r = api().put("/api/v1/me/guardian",
                     {{"guardian_name", "Wang Fang"},
                      {"guardian_phone", guardian},
                      {"relationship", "parent"},
                      {"code", code}},
                     token);
  ASSERT_EQ(r.status, 204) << r.body;
  auto m = me(token);
  EXPECT_EQ(m["is_minor"], true);
  EXPECT_EQ(m["guardian_consent"], true);

  auto items = api().get("/api/v1/me/consents", token).json()["items"];
  std::set<std::string> kinds;
  for (const auto& c : items) {
    kinds.insert(c["kind"].get<std::string>());
    if (c["kind"] == "guardian") {
      EXPECT_GT(c["granted_at"].get<long long>(), 0);
      EXPECT_TRUE(c["withdrawn_at"].is_null());
    }
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"privacy_policy", "guardian"}));
  // The guardian code is single-use.
  auto again = api().put("/api/v1/me/guardian",
                         {{"guardian_name", "Wang Fang"},
                          {"guardian_phone", guardian},
                          {"relationship", "parent"},
                          {"code", code}},
                         token);
  EXPECT_TRUE(is_problem(again, 422, "invalid-code"));
}

// ACC-6: the minor cannot name their own number as the guardian's.
TEST_F(MinorsApi, OwnNumberAsGuardianIsRefused) {
  const auto phone = next_phone();
  auto token = sign_up(*server_, phone, birthday(*server_, 17, -40));
  // In whatever notation it is written.
  for (const auto& own : {phone, phone.substr(3)}) {
    auto r = api().post("/api/v1/me/guardian/codes", {{"guardian_phone", own}}, token);
    EXPECT_TRUE(is_problem(r, 422, "validation")) << own;
    EXPECT_EQ(error_fields(r), std::set<std::string>{"guardian_phone"});
  }
}

// ACC-6: adults need no guardian, so they cannot start the guardian flow.
TEST_F(MinorsApi, AdultCannotAskForAGuardianCode) {
  auto token = sign_up(*server_, next_phone(), "1990-01-01");
  const auto guardian = next_phone();
  const auto sms_before = read_file(server_->data_dir() + "/sms.log");
  auto r = api().post("/api/v1/me/guardian/codes", {{"guardian_phone", guardian}}, token);
  EXPECT_TRUE(is_problem(r, 409, "not-a-minor"));
  EXPECT_EQ(read_file(server_->data_dir() + "/sms.log"), sms_before) << "no code may be sent";
}

// ACC-6: the relationship is one of a fixed list; a refused request keeps the code usable.
TEST_F(MinorsApi, UnknownRelationshipIsRefused) {
  auto token = minor();
  const auto guardian = next_phone();
  auto code = guardian_code(token, guardian);
  const auto before = footprint(*server_);
  for (const char* bad : {"friend", "", "PARENT"}) {
    auto r = api().put("/api/v1/me/guardian",
                       {{"guardian_name", "Wang Fang"},
                        {"guardian_phone", guardian},
                        {"relationship", bad},
                        {"code", code}},
                       token);
    EXPECT_TRUE(is_problem(r, 422, "validation")) << bad;
    EXPECT_EQ(error_fields(r), std::set<std::string>{"relationship"}) << bad;
  }
  EXPECT_EQ(footprint(*server_), before);
  EXPECT_EQ(me(token)["guardian_consent"], false);
  auto ok = api().put("/api/v1/me/guardian",
                      {{"guardian_name", "Wang Fang"},
                       {"guardian_phone", guardian},
                       {"relationship", "legal_guardian"},
                       {"code", code}},
                      token);
  EXPECT_EQ(ok.status, 204) << ok.body;
}

// ACC-6: a wrong code, or a code sent to another number, records no consent.
TEST_F(MinorsApi, GuardianConsentNeedsTheCodeSentToThatGuardian) {
  auto token = minor();
  const auto guardian = next_phone();
  const auto someone_else = next_phone();
  auto code = guardian_code(token, guardian);
  const auto before = footprint(*server_);
  auto wrong = api().put("/api/v1/me/guardian",
                         {{"guardian_name", "Wang Fang"},
                          {"guardian_phone", guardian},
                          {"relationship", "parent"},
                          {"code", code == "000000" ? "111111" : "000000"}},
                         token);
  EXPECT_TRUE(is_problem(wrong, 422, "invalid-code"));
  auto other = api().put("/api/v1/me/guardian",
                         {{"guardian_name", "Li Lei"},
                          {"guardian_phone", someone_else},
                          {"relationship", "parent"},
                          {"code", code}},
                         token);
  EXPECT_TRUE(is_problem(other, 422, "invalid-code"));
  EXPECT_EQ(footprint(*server_), before);
  EXPECT_EQ(me(token)["guardian_consent"], false);
}

// ACC-6: the guardian's name is required and bounded.
TEST_F(MinorsApi, GuardianNameIsRequired) {
  auto token = minor();
  const auto guardian = next_phone();
  auto code = guardian_code(token, guardian);
  for (const auto& name : {std::string(), std::string(101, 'n')}) {
    auto r = api().put("/api/v1/me/guardian",
                       {{"guardian_name", name},
                        {"guardian_phone", guardian},
                        {"relationship", "parent"},
                        {"code", code}},
                       token);
    EXPECT_TRUE(is_problem(r, 422, "validation"));
    EXPECT_EQ(error_fields(r), std::set<std::string>{"guardian_name"});
  }
  auto missing = api().put("/api/v1/me/guardian", json::object(), token);
  EXPECT_TRUE(is_problem(missing, 422, "validation"));
  EXPECT_EQ(error_fields(missing),
            (std::set<std::string>{"guardian_name", "guardian_phone", "relationship", "code"}));
}

// ACC-6: being a minor is derived from the birth date and the clock on every read, so a person
// who registered at 17 is an adult (no guardian needed) from the 18th birthday on.
TEST(MinorsComingOfAgeApi, MinorBecomesAdultOnTheEighteenthBirthday) {
  TestServer server;
  if (!server.available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  auto token = sign_up(server, next_phone(), birthday(server, 18, 3));
  ASSERT_EQ(server.client().get("/api/v1/me", token).json()["is_minor"], true);
  server.advance_clock(4 * 86400);
  auto me = server.client().get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["is_minor"], false) << "born " << me.json()["birth_date"];
}
