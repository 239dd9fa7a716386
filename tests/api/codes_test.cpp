// One-time SMS codes: shape, expiry, single use, resend gap, hourly caps and lockout (ACC-1).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <stdexcept>
#include <thread>

#include "api_checks.hpp"
#include "flows.hpp"
#include "store/database.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;
using nlohmann::json;

namespace {

const std::string kProblems = "https://hiresafe.dev/problems/";

// The Retry-After header as seconds (-1 when absent or not a number).
long long retry_after(const HttpResult& r) {
  const auto v = r.header("retry-after");
  if (v.empty() || !std::all_of(v.begin(), v.end(), ::isdigit)) return -1;
  return std::stoll(v);
}

// A six-digit code that is certainly not `code`.
std::string other_than(const std::string& code) {
  return code == "000000" ? "111111" : "000000";
}

}  // namespace

class CodesApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  static HttpResult ask(const std::string& phone) {
    return server_->client().post("/api/v1/auth/codes", {{"phone", phone}});
  }
  // Sign-in that would register the number if the code were right.
  static HttpResult register_with(const std::string& phone, const std::string& code) {
    return server_->client().post("/api/v1/auth/sign-in", {{"phone", phone},
                                                           {"code", code},
                                                           {"accept_policy_version", 1},
                                                           {"birth_date", "1990-01-01"}});
  }
  static std::string code_of(const HttpResult& ticket) {
    return server_->code_for(ticket.json()["message_id"]);
  }
  static TestServer* server_;
};
TestServer* CodesApi::server_ = nullptr;

// ACC-1: a code request answers 202 with the validity and resend gap; codes are six digits.
TEST_F(CodesApi, CodesAreSixDigitsAndTheTicketSaysHowLongTheyLast) {
  static const std::regex kSixDigits("[0-9]{6}");
  std::set<std::string> codes;
  for (int i = 0; i < 5; ++i) {
    auto r = ask(next_phone());
    ASSERT_EQ(r.status, 202) << r.body;
    auto t = r.json();
    EXPECT_TRUE(t["message_id"].is_string());
    EXPECT_EQ(t["expires_in"], 300);
    EXPECT_EQ(t["resend_after"], 60);
    auto code = code_of(r);
    EXPECT_TRUE(std::regex_match(code, kSixDigits)) << code;
    codes.insert(code);
  }
  EXPECT_GT(codes.size(), 1u) << "five codes in a row were identical";
}

// ACC-1: a wrong code is refused and does not register the number.
TEST_F(CodesApi, WrongCodeIsRefused) {
  const auto phone = next_phone();
  auto code = code_of(ask(phone));
  EXPECT_TRUE(is_problem(register_with(phone, other_than(code)), 422, "invalid-code"));
  EXPECT_EQ(register_with(phone, code).status, 201);
}

// ACC-1: codes that are not six digits are refused without counting as a guess.
TEST_F(CodesApi, MalformedCodeIsAValidationError) {
  const auto phone = next_phone();
  auto code = code_of(ask(phone));
  for (const char* bad : {"", "12345", "1234567", "12a456", " 23456"}) {
    auto r = register_with(phone, bad);
    EXPECT_TRUE(is_problem(r, 422, "validation")) << bad;
  }
  EXPECT_EQ(register_with(phone, code).status, 201);
}

// ACC-1: a code works once.
TEST_F(CodesApi, UsedCodeCannotBeReused) {
  const auto phone = next_phone();
  auto code = code_of(ask(phone));
  ASSERT_EQ(register_with(phone, code).status, 201);
  auto again = server_->client().post("/api/v1/auth/sign-in", {{"phone", phone}, {"code", code}});
  EXPECT_TRUE(is_problem(again, 422, "invalid-code"));
}

// ACC-1: codes expire after five minutes of (server) time.
TEST_F(CodesApi, ExpiredCodeIsRefused) {
  const auto phone = next_phone();
  auto code = code_of(ask(phone));
  server_->advance_clock(301);
  EXPECT_TRUE(is_problem(register_with(phone, code), 422, "invalid-code"));
}

// ACC-1: a code still works shortly before it expires.
TEST_F(CodesApi, CodeIsValidUntilItExpires) {
  const auto phone = next_phone();
  auto code = code_of(ask(phone));
  server_->advance_clock(290);
  EXPECT_EQ(register_with(phone, code).status, 201);
}

// ACC-1: asking again replaces the previous code.
TEST_F(CodesApi, NewCodeRetiresThePreviousOne) {
  const auto phone = next_phone();
  auto first = code_of(ask(phone));
  server_->advance_clock(61);
  auto second = code_of(ask(phone));
  if (first != second) {
    EXPECT_TRUE(is_problem(register_with(phone, first), 422, "invalid-code"));
  }
  EXPECT_EQ(register_with(phone, second).status, 201);
}

// ACC-1: five wrong tries lock the number; while locked even the right code and new code requests
// are refused with Retry-After; after the lockout a new code works.
TEST_F(CodesApi, FiveWrongCodesLockTheNumber) {
  const auto phone = next_phone();
  auto code = code_of(ask(phone));
  const auto wrong = other_than(code);
  const auto users = count_rows(*server_, "users");
  for (int i = 1; i <= 4; ++i) {
    EXPECT_TRUE(is_problem(register_with(phone, wrong), 422, "invalid-code")) << "try " << i;
  }
  auto fifth = register_with(phone, wrong);
  EXPECT_TRUE(is_problem(fifth, 429, "code-locked"));
  EXPECT_GT(retry_after(fifth), 0);
  EXPECT_LE(retry_after(fifth), 900);

  auto right = register_with(phone, code);
  EXPECT_TRUE(is_problem(right, 429, "code-locked"));
  EXPECT_GT(retry_after(right), 0);
  auto another = ask(phone);
  EXPECT_TRUE(is_problem(another, 429, "code-locked"));
  EXPECT_GT(retry_after(another), 0);
  EXPECT_EQ(count_rows(*server_, "users"), users);

  server_->advance_clock(901);
  EXPECT_TRUE(is_problem(register_with(phone, code), 422, "invalid-code"))
      << "the code from before the lockout must be retired";
  auto fresh = ask(phone);
  ASSERT_EQ(fresh.status, 202) << fresh.body;
  EXPECT_EQ(register_with(phone, code_of(fresh)).status, 201);
}

// ACC-1: a lock on one number does not affect another.
TEST_F(CodesApi, LockIsPerNumber) {
  const auto locked = next_phone();
  auto code = code_of(ask(locked));
  for (int i = 0; i < 5; ++i) register_with(locked, other_than(code));
  ASSERT_EQ(ask(locked).status, 429);
  const auto other = next_phone();
  auto ok = ask(other);
  ASSERT_EQ(ok.status, 202) << ok.body;
  EXPECT_EQ(register_with(other, code_of(ok)).status, 201);
}

// ACC-1: at most one code a minute per number.
TEST_F(CodesApi, SecondCodeWithinAMinuteIsRefused) {
  const auto phone = next_phone();
  ASSERT_EQ(ask(phone).status, 202);
  auto again = ask(phone);
  EXPECT_TRUE(is_problem(again, 429, "code-too-soon"));
  EXPECT_GT(retry_after(again), 0);
  EXPECT_LE(retry_after(again), 60);
  server_->advance_clock(61);
  EXPECT_EQ(ask(phone).status, 202);
}

// ACC-1: limits follow the number, not the way it is written.
TEST_F(CodesApi, LimitsApplyWhateverTheNotation) {
  const auto phone = next_phone();
  const auto national = phone.substr(3);
  ASSERT_EQ(ask(phone).status, 202);
  for (const auto& other :
       {national, "+86 " + national, "0086" + national,
        national.substr(0, 3) + "-" + national.substr(3, 4) + "-" + national.substr(7)}) {
    EXPECT_TRUE(is_problem(ask(other), 429, "code-too-soon")) << other;
  }
}

// ACC-1: at most five codes per number per hour; Retry-After says when the next one is allowed.
TEST_F(CodesApi, HourlyCapPerNumber) {
  const auto phone = next_phone();
  for (int i = 1; i <= 5; ++i) {
    auto r = ask(phone);
    ASSERT_EQ(r.status, 202) << "code " << i << ": " << r.body;
    server_->advance_clock(61);
  }
  auto sixth = ask(phone);
  EXPECT_TRUE(is_problem(sixth, 429, "code-hourly-limit"));
  const auto wait = retry_after(sixth);
  EXPECT_GT(wait, 60);
  EXPECT_LE(wait, 3600);
  // The refused request does not count: once the hour has rolled on, a code is sent again.
  server_->advance_clock(wait + 1);
  EXPECT_EQ(ask(phone).status, 202);
}

// ACC-1: the hourly cap counts codes per recipient whatever their purpose.
TEST_F(CodesApi, HourlyCapCountsResetCodesToo) {
  const auto phone = next_phone();
  auto code = code_of(ask(phone));
  ASSERT_EQ(register_with(phone, code).status, 201);
  for (int i = 2; i <= 5; ++i) {
    server_->advance_clock(61);
    auto r = server_->client().post("/api/v1/auth/codes",
                                    {{"phone", phone}, {"purpose", "reset_password"}});
    ASSERT_EQ(r.status, 202) << "code " << i << ": " << r.body;
  }
  server_->advance_clock(61);
  EXPECT_TRUE(is_problem(ask(phone), 429, "code-hourly-limit"));
}

// ACC-1: a code request names exactly one recipient and a known purpose.
TEST_F(CodesApi, CodeRequestNeedsOneRecipientAndAKnownPurpose) {
  auto none = server_->client().post("/api/v1/auth/codes", json::object());
  EXPECT_TRUE(is_problem(none, 422, "validation"));
  auto both = server_->client().post("/api/v1/auth/codes",
                                     {{"phone", next_phone()}, {"email", "a@example.com"}});
  EXPECT_TRUE(is_problem(both, 422, "validation"));
  auto purpose = server_->client().post("/api/v1/auth/codes",
                                        {{"phone", next_phone()}, {"purpose", "marketing"}});
  EXPECT_TRUE(is_problem(purpose, 422, "validation"));
  // E-mail codes exist only for password reset; signing in by e-mail code is not a thing.
  auto email = server_->client().post("/api/v1/auth/codes", {{"email", "a@example.com"}});
  EXPECT_TRUE(is_problem(email, 422, "validation"));
}

// ACC-1: one code may be presented by several requests at once; exactly one of them wins.
TEST_F(CodesApi, ConcurrentUseOfOneCodeCreatesOneAccount) {
  const auto phone = next_phone();
  auto code = code_of(ask(phone));
  const auto users = count_rows(*server_, "users");
  constexpr int kRacers = 8;
  std::vector<long> statuses(kRacers);
  std::vector<std::thread> racers;
  for (int i = 0; i < kRacers; ++i)
    racers.emplace_back([&, i] { statuses[i] = register_with(phone, code).status; });
  for (auto& t : racers) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 422), kRacers - 1);
  EXPECT_EQ(count_rows(*server_, "users"), users + 1);
}

// SEC-7: the SMS delivery log names recipients by a keyed hash, never by number.
TEST_F(CodesApi, SmsLogNeverContainsThePhoneNumber) {
  std::vector<std::string> phones;
  for (int i = 0; i < 3; ++i) {
    phones.push_back(next_phone());
    // Asked in different notations: E.164, national, spaced.
    std::string national = phones.back().substr(3);
    std::string as_typed =
        i == 0   ? phones.back()
        : i == 1 ? national
                 : national.substr(0, 3) + " " + national.substr(3, 4) + " " + national.substr(7);
    ASSERT_EQ(ask(as_typed).status, 202);
  }
  const auto log = read_file(server_->data_dir() + "/sms.log");
  ASSERT_FALSE(log.empty());
  for (const auto& p : phones) {
    const std::string national = p.substr(3);
    EXPECT_EQ(log.find(national), std::string::npos) << p;
    EXPECT_EQ(log.find(p), std::string::npos) << p;
    EXPECT_EQ(log.find(national.substr(0, 3) + " " + national.substr(3, 4)), std::string::npos);
  }
}

// ACC-1: codes are capped per client IP too; this server allows three an hour per IP.
TEST(CodesPerIpApi, HourlyCapPerIp) {
  TestServer server(ServerOptions{{"--codes-hourly-per-ip", "3"}});
  if (!server.available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  auto ask = [&](const std::string& phone) {
    return server.client().post("/api/v1/auth/codes", {{"phone", phone}});
  };
  for (int i = 1; i <= 3; ++i) ASSERT_EQ(ask(next_phone()).status, 202) << "code " << i;
  auto fourth = ask(next_phone());
  EXPECT_TRUE(is_problem(fourth, 429, "code-hourly-limit"));
  EXPECT_GT(retry_after(fourth), 0);
  EXPECT_LE(retry_after(fourth), 3600);
  server.advance_clock(3601);
  EXPECT_EQ(ask(next_phone()).status, 202);
}

// ACC-1: Retry-After of the hourly cap is exact: the window holds codes created strictly
// within the last hour, so waiting exactly Retry-After seconds is enough (per number and per IP).
TEST(CodesRetryAfterApi, WaitingRetryAfterIsEnoughForTheHourlyCap) {
  TestServer server;
  if (!server.available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  const auto phone = next_phone();
  auto ask = [&] { return server.client().post("/api/v1/auth/codes", {{"phone", phone}}); };
  for (int i = 1; i <= 5; ++i) {
    ASSERT_EQ(ask().status, 202) << "code " << i;
    server.advance_clock(61);
  }
  auto refused = ask();
  ASSERT_TRUE(is_problem(refused, 429, "code-hourly-limit"));
  server.advance_clock(retry_after(refused));
  auto after = ask();
  EXPECT_EQ(after.status, 202) << "refused again after waiting Retry-After: " << after.body
                               << " (Retry-After " << after.header("retry-after") << ")";
}
