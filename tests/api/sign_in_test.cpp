// Quick registration and sign-in with a mobile number and an SMS code (ACC-1, ACC-5, PRV-1).
#include <gtest/gtest.h>

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

// Row counts of everything a registration writes.
struct Footprint {
  long long users, consents, sessions, roles;
  bool operator==(const Footprint&) const = default;
};
Footprint footprint(const TestServer& server) {
  return {count_rows(server, "users"), count_rows(server, "consents"),
          count_rows(server, "sessions"), count_rows(server, "user_roles")};
}
std::ostream& operator<<(std::ostream& os, const Footprint& f) {
  return os << "{users " << f.users << ", consents " << f.consents << ", sessions " << f.sessions
            << ", roles " << f.roles << "}";
}

int policy_version(const TestServer& server) {
  auto r = server.client().get("/api/v1/policy");
  if (r.status != 200) throw std::runtime_error("GET /api/v1/policy: " + r.body);
  return r.json()["version"];
}

// "+8613912345678" -> "13912345678".
std::string national(const std::string& e164) {
  return e164.substr(3);
}

}  // namespace

class SignInApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  static HttpResult sign_in(const json& body) {
    return server_->client().post("/api/v1/auth/sign-in", body);
  }
  static TestServer* server_;
};
TestServer* SignInApi::server_ = nullptr;

// ACC-1, ACC-5, PRV-1: an unknown number without registration fields is told to register, and
// nothing about the person is stored; the code stays usable for the registration that follows.
TEST_F(SignInApi, UnknownNumberWithoutRegistrationFieldsWritesNothing) {
  const auto phone = next_phone();
  const auto before = footprint(*server_);
  auto code = request_code(*server_, {{"phone", phone}});
  ASSERT_EQ(code.size(), 6u);

  auto r = sign_in({{"phone", phone}, {"code", code}});
  EXPECT_TRUE(is_problem(r, 422, "registration-required"));
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"accept_policy_version", "birth_date"}));
  EXPECT_EQ(footprint(*server_), before);

  auto done = sign_in({{"phone", phone},
                       {"code", code},
                       {"accept_policy_version", policy_version(*server_)},
                       {"birth_date", "1990-01-01"}});
  EXPECT_EQ(done.status, 201) << done.body;
}

// ACC-1, PRV-1: quick registration creates a seeker, stores the number in E.164 and records the
// acceptance of the current policy version.
TEST_F(SignInApi, QuickRegistrationCreatesSeekerWithPolicyConsent) {
  const auto phone = next_phone();
  const int version = policy_version(*server_);
  // The code is asked for with the national form and used with a formatted international one.
  auto code = request_code(*server_, {{"phone", national(phone)}});
  auto r = sign_in({{"phone", "+86 " + national(phone).substr(0, 3) + "-" +
                                  national(phone).substr(3, 4) + "-" + national(phone).substr(7)},
                    {"code", code},
                    {"accept_policy_version", version},
                    {"birth_date", "1991-07-15"},
                    {"device_label", "Work phone"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto grant = r.json();
  EXPECT_EQ(grant["created_account"], true);
  EXPECT_TRUE(grant["token"].get<std::string>().starts_with("hs_"));
  EXPECT_TRUE(grant["user_id"].is_string());
  EXPECT_TRUE(grant["session_id"].is_string());
  const std::string token = grant["token"];

  auto me = server_->client().get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200) << me.body;
  auto m = me.json();
  EXPECT_EQ(m["id"], grant["user_id"]);
  EXPECT_EQ(m["phone"], phone);
  EXPECT_EQ(m["birth_date"], "1991-07-15");
  EXPECT_EQ(m["roles"], json::array({"seeker"}));
  EXPECT_EQ(m["active_role"], "seeker");
  EXPECT_EQ(m["is_minor"], false);
  EXPECT_EQ(m["has_password"], false);
  EXPECT_TRUE(m["email"].is_null());

  auto consents = server_->client().get("/api/v1/me/consents", token);
  ASSERT_EQ(consents.status, 200) << consents.body;
  auto items = consents.json()["items"];
  ASSERT_EQ(items.size(), 1u) << consents.body;
  EXPECT_EQ(items[0]["kind"], "privacy_policy");
  EXPECT_EQ(items[0]["policy_version"], version);
  EXPECT_GT(items[0]["granted_at"].get<long long>(), 0);
  EXPECT_TRUE(items[0]["withdrawn_at"].is_null());
}

// PRV-1: the consent record keeps where it came from, as a keyed hash rather than the address.
TEST_F(SignInApi, PolicyConsentRecordsAHashedOrigin) {
  const auto phone = next_phone();
  sign_up(*server_, phone);
  auto hashes = database_of(*server_).read<std::vector<std::string>>(
      [](soci::session& sql) -> hiresafe::core::Result<std::vector<std::string>> {
        std::vector<std::string> out;
        soci::rowset<std::string> rs = sql.prepare << "SELECT ip_hash FROM consents";
        for (const auto& h : rs) out.push_back(h);
        return out;
      });
  ASSERT_TRUE(hashes);
  ASSERT_FALSE(hashes->empty());
  for (const auto& h : *hashes) {
    EXPECT_GE(h.size(), 16u);
    EXPECT_EQ(h.find("127.0.0.1"), std::string::npos);
  }
}

// PRV-1, ACC-5: accepting a policy version that is not the current one registers nothing.
TEST_F(SignInApi, WrongPolicyVersionIsRefusedAndWritesNothing) {
  const auto phone = next_phone();
  const int version = policy_version(*server_);
  const auto before = footprint(*server_);
  auto code = request_code(*server_, {{"phone", phone}});
  for (int wrong : {version + 1, version - 1, 0}) {
    auto r = sign_in({{"phone", phone},
                      {"code", code},
                      {"accept_policy_version", wrong},
                      {"birth_date", "1990-01-01"}});
    EXPECT_TRUE(is_problem(r, 422, "policy-not-accepted")) << "version " << wrong;
    EXPECT_EQ(error_fields(r), std::set<std::string>{"accept_policy_version"});
  }
  EXPECT_EQ(footprint(*server_), before);
}

// ACC-5: without a verified number (wrong code, or no code at all) no account is created.
TEST_F(SignInApi, RegistrationWithoutAValidCodeWritesNothing) {
  const int version = policy_version(*server_);
  const auto before = footprint(*server_);
  const auto never_asked = next_phone();
  auto r = sign_in({{"phone", never_asked},
                    {"code", "123456"},
                    {"accept_policy_version", version},
                    {"birth_date", "1990-01-01"}});
  EXPECT_TRUE(is_problem(r, 422, "invalid-code"));

  const auto phone = next_phone();
  auto code = request_code(*server_, {{"phone", phone}});
  const std::string wrong = code == "000000" ? "000001" : "000000";
  r = sign_in({{"phone", phone},
               {"code", wrong},
               {"accept_policy_version", version},
               {"birth_date", "1990-01-01"}});
  EXPECT_TRUE(is_problem(r, 422, "invalid-code"));
  EXPECT_EQ(footprint(*server_), before);
}

// ACC-1: a registered number signs in with a new code; no second account is created.
TEST_F(SignInApi, RegisteredNumberSignsInAgainWithANewCode) {
  const auto phone = next_phone();
  auto first = server_->client().get("/api/v1/me", sign_up(*server_, phone)).json();
  const auto users = count_rows(*server_, "users");

  server_->advance_clock(61);  // past the resend gap
  auto code = request_code(*server_, {{"phone", phone}});
  auto r = sign_in({{"phone", phone}, {"code", code}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["created_account"], false);
  EXPECT_EQ(r.json()["user_id"], first["id"]);
  EXPECT_EQ(count_rows(*server_, "users"), users);

  auto me = server_->client().get("/api/v1/me", r.json()["token"]);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["phone"], phone);
  EXPECT_EQ(me.json()["roles"], json::array({"seeker"}));
}

// ACC-1: registration fields sent by an existing user are ignored, not re-recorded.
TEST_F(SignInApi, RegistrationFieldsOfAnExistingUserChangeNothing) {
  const auto phone = next_phone();
  sign_up(*server_, phone, "1988-03-03");
  const auto before = footprint(*server_);
  server_->advance_clock(61);
  auto code = request_code(*server_, {{"phone", phone}});
  auto r = sign_in({{"phone", phone},
                    {"code", code},
                    {"accept_policy_version", policy_version(*server_)},
                    {"birth_date", "1970-01-01"},
                    {"role", "recruiter"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto me = server_->client().get("/api/v1/me", r.json()["token"]).json();
  EXPECT_EQ(me["birth_date"], "1988-03-03");
  EXPECT_EQ(me["roles"], json::array({"seeker"}));
  auto after = footprint(*server_);
  EXPECT_EQ(after.users, before.users);
  EXPECT_EQ(after.consents, before.consents);
  EXPECT_EQ(after.sessions, before.sessions + 1);
}

// ACC-1, ACC-7: a recruiter signs up the same way, choosing the role at registration.
TEST_F(SignInApi, RecruiterSignsUpWithTheSameQuickRegistration) {
  auto token = sign_up(*server_, next_phone(), "1985-02-02", "recruiter");
  auto me = server_->client().get("/api/v1/me", token).json();
  EXPECT_EQ(me["roles"], json::array({"recruiter"}));
  EXPECT_EQ(me["active_role"], "recruiter");
}

// ACC-2: the headhunter role needs e-mail and password, so quick registration refuses it.
TEST_F(SignInApi, QuickRegistrationRefusesOtherRolesAndWritesNothing) {
  const auto phone = next_phone();
  const auto before = footprint(*server_);
  auto code = request_code(*server_, {{"phone", phone}});
  for (const char* role : {"headhunter", "staff", ""}) {
    auto r = sign_in({{"phone", phone},
                      {"code", code},
                      {"accept_policy_version", policy_version(*server_)},
                      {"birth_date", "1990-01-01"},
                      {"role", role}});
    EXPECT_TRUE(is_problem(r, 422, "validation")) << role;
    EXPECT_EQ(error_fields(r), std::set<std::string>{"role"}) << role;
  }
  EXPECT_EQ(footprint(*server_), before);
}

// ACC-1: numbers that cannot receive an SMS code are refused before anything is sent.
TEST_F(SignInApi, NumbersThatCannotReceiveSmsAreRefused) {
  for (const char* bad : {"12345", "hello", "+86 10 6552 9988", "+8613"}) {
    auto r = server_->client().post("/api/v1/auth/codes", {{"phone", bad}});
    EXPECT_TRUE(is_problem(r, 422, "validation")) << bad;
    EXPECT_EQ(error_fields(r), std::set<std::string>{"phone"}) << bad;
  }
}

// Birth dates that are not plausible dates are refused with the field named, writing nothing.
TEST_F(SignInApi, ImplausibleBirthDatesAreRefused) {
  const auto phone = next_phone();
  const auto before = footprint(*server_);
  auto code = request_code(*server_, {{"phone", phone}});
  for (const char* bad : {"1990-02-30", "01/02/1990", "2999-01-01", "1850-01-01", "1990-1-1"}) {
    auto r = sign_in({{"phone", phone},
                      {"code", code},
                      {"accept_policy_version", policy_version(*server_)},
                      {"birth_date", bad}});
    EXPECT_TRUE(is_problem(r, 422, "validation")) << bad;
    EXPECT_EQ(error_fields(r), std::set<std::string>{"birth_date"}) << bad;
  }
  EXPECT_EQ(footprint(*server_), before);
}

// A device label is plain text of bounded length.
TEST_F(SignInApi, OverlongDeviceLabelIsRefused) {
  const auto phone = next_phone();
  auto code = request_code(*server_, {{"phone", phone}});
  auto r = sign_in({{"phone", phone},
                    {"code", code},
                    {"accept_policy_version", policy_version(*server_)},
                    {"birth_date", "1990-01-01"},
                    {"device_label", std::string(101, 'x')}});
  EXPECT_TRUE(is_problem(r, 422, "validation"));
  EXPECT_EQ(error_fields(r), std::set<std::string>{"device_label"});
}
