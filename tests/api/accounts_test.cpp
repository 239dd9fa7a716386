// Headhunter accounts, e-mail + password on several devices, sessions, password reset and role
// switching (ACC-2, ACC-3, ACC-4, ACC-7).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "api_checks.hpp"
#include "flows.hpp"
#include "identity/identity_store.hpp"
#include "polling.hpp"
#include "store/database.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;
using nlohmann::json;

namespace {

const std::string kProblems = "https://hiresafe.dev/problems/";

// A signed-in device: its bearer token and session id.
struct Device {
  std::string token;
  std::string session_id;
  std::string user_id;
};

Device device_of(const HttpResult& grant) {
  if (grant.status != 200 && grant.status != 201)
    throw std::runtime_error("sign-in failed: " + grant.body);
  auto g = grant.json();
  return {g["token"], g["session_id"], g["user_id"]};
}

int policy_version(const TestServer& server) {
  return server.client().get("/api/v1/policy").json()["version"];
}

// Quick registration through the API with a device label.
Device register_phone(const TestServer& server, const std::string& phone,
                      const std::string& device_label) {
  auto code = request_code(server, {{"phone", phone}});
  return device_of(server.client().post("/api/v1/auth/sign-in",
                                        {{"phone", phone},
                                         {"code", code},
                                         {"accept_policy_version", policy_version(server)},
                                         {"birth_date", "1990-01-01"},
                                         {"device_label", device_label}}));
}

}  // namespace

class AccountsApi : public ::testing::Test {
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
  static long status_of(const std::string& token) { return api().get("/api/v1/me", token).status; }
  static HttpResult password_sign_in(const std::string& email, const std::string& password,
                                     const std::string& device_label = "") {
    json body = {{"email", email}, {"password", password}};
    if (!device_label.empty()) body["device_label"] = device_label;
    return api().post("/api/v1/auth/password-sign-in", body);
  }
  // A headhunter registration body with a fresh verified phone.
  static json headhunter(const std::string& email, const std::string& password) {
    const auto phone = next_phone();
    return {{"email", email},
            {"password", password},
            {"phone", phone},
            {"code", request_code(*server_, {{"phone", phone}})},
            {"accept_policy_version", policy_version(*server_)},
            {"birth_date", "1984-04-04"}};
  }
  static std::string unique_email(const std::string& who) {
    static int n = 0;
    return who + "." + std::to_string(++n) + "@example.com";
  }
  static TestServer* server_;
};
TestServer* AccountsApi::server_ = nullptr;

// ---- ACC-2: headhunters ------------------------------------------------------------------------

// ACC-2: a headhunter registers with e-mail, password and a verified phone.
TEST_F(AccountsApi, HeadhunterRegistersWithEmailPasswordAndVerifiedPhone) {
  auto body = headhunter("Head.Hunter@Example.COM", "agency-pass-1");
  auto r = api().post("/api/v1/auth/headhunters", body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["created_account"], true);
  auto me = api().get("/api/v1/me", r.json()["token"]).json();
  EXPECT_EQ(me["roles"], json::array({"headhunter"}));
  EXPECT_EQ(me["active_role"], "headhunter");
  EXPECT_EQ(me["email"], "head.hunter@example.com");
  EXPECT_EQ(me["phone"], body["phone"]);
  EXPECT_EQ(me["has_password"], true);

  auto consents = api().get("/api/v1/me/consents", r.json()["token"]).json()["items"];
  ASSERT_EQ(consents.size(), 1u);
  EXPECT_EQ(consents[0]["kind"], "privacy_policy");  // PRV-1
}

// ACC-2: the headhunter signs in with e-mail and password, the address in any case.
TEST_F(AccountsApi, HeadhunterSignsInWithPassword) {
  const auto email = unique_email("hunter");
  auto reg = api().post("/api/v1/auth/headhunters", headhunter(email, "s3cret-words"));
  ASSERT_EQ(reg.status, 201) << reg.body;
  auto r = password_sign_in(email, "s3cret-words");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["created_account"], false);
  EXPECT_EQ(r.json()["user_id"], reg.json()["user_id"]);
  EXPECT_EQ(status_of(r.json()["token"]), 200);

  std::string upper = email;
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  EXPECT_EQ(password_sign_in(upper, "s3cret-words").status, 200);
}

// ACC-2: a wrong password and an unknown address get the very same answer.
TEST_F(AccountsApi, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  const auto email = unique_email("hunter");
  ASSERT_EQ(api().post("/api/v1/auth/headhunters", headhunter(email, "right-password")).status,
            201);
  auto wrong = password_sign_in(email, "wrong-password");
  auto unknown = password_sign_in(unique_email("nobody"), "right-password");
  EXPECT_TRUE(is_problem(wrong, 401, "invalid-credentials"));
  EXPECT_TRUE(is_problem(unknown, 401, "invalid-credentials"));
  EXPECT_EQ(wrong.body, unknown.body);
}

// ACC-2: weak passwords are refused and nothing is registered; the code stays usable.
TEST_F(AccountsApi, WeakPasswordIsRefused) {
  auto body = headhunter(unique_email("weak"), "x");
  const auto users = count_rows(*server_, "users");
  for (const char* weak : {"short", "12345678901", ""}) {
    body["password"] = weak;
    auto r = api().post("/api/v1/auth/headhunters", body);
    EXPECT_TRUE(is_problem(r, 422, "validation")) << weak;
    EXPECT_EQ(error_fields(r), std::set<std::string>{"password"}) << weak;
  }
  body["password"] = std::string(129, 'a');
  EXPECT_TRUE(is_problem(api().post("/api/v1/auth/headhunters", body), 422, "validation"));
  EXPECT_EQ(count_rows(*server_, "users"), users);
  body["password"] = "finally-strong";
  EXPECT_EQ(api().post("/api/v1/auth/headhunters", body).status, 201);
}

// ACC-2: an address already in use (in any case) is refused and nothing is registered.
TEST_F(AccountsApi, TakenEmailIsRefused) {
  const auto email = unique_email("taken");
  ASSERT_EQ(api().post("/api/v1/auth/headhunters", headhunter(email, "first-password")).status,
            201);
  const auto users = count_rows(*server_, "users");
  std::string upper = email;
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  auto r = api().post("/api/v1/auth/headhunters", headhunter(upper, "second-password"));
  EXPECT_TRUE(is_problem(r, 409, "email-taken"));
  EXPECT_EQ(count_rows(*server_, "users"), users);
}

// ACC-2, ACC-5: a headhunter also needs a verified mobile number.
TEST_F(AccountsApi, HeadhunterWithoutAValidCodeIsNotRegistered) {
  auto body = headhunter(unique_email("nocode"), "good-password");
  const auto users = count_rows(*server_, "users");
  body["code"] = body["code"] == "000000" ? "111111" : "000000";
  EXPECT_TRUE(is_problem(api().post("/api/v1/auth/headhunters", body), 422, "invalid-code"));
  EXPECT_EQ(count_rows(*server_, "users"), users);
}

// ACC-2, PRV-1: a headhunter registration without policy acceptance and birth date is refused.
TEST_F(AccountsApi, HeadhunterMustAcceptThePolicy) {
  auto body = headhunter(unique_email("nopolicy"), "good-password");
  body.erase("accept_policy_version");
  body.erase("birth_date");
  const auto users = count_rows(*server_, "users");
  auto r = api().post("/api/v1/auth/headhunters", body);
  EXPECT_TRUE(is_problem(r, 422, "registration-required"));
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"accept_policy_version", "birth_date"}));
  EXPECT_EQ(count_rows(*server_, "users"), users);
}

// ACC-2: a number that already has an account cannot register a second one as a headhunter.
TEST_F(AccountsApi, RegisteredNumberCannotRegisterAsHeadhunter) {
  const auto phone = next_phone();
  sign_up(*server_, phone);
  server_->advance_clock(61);
  auto body = headhunter(unique_email("dup"), "good-password");
  body["phone"] = phone;
  body["code"] = request_code(*server_, {{"phone", phone}});
  EXPECT_TRUE(is_problem(api().post("/api/v1/auth/headhunters", body), 409, "phone-registered"));
}

// ACC-2: ten wrong passwords lock the address for the lockout time, even against the right one.
TEST_F(AccountsApi, RepeatedWrongPasswordsLockTheAddress) {
  const auto email = unique_email("brute");
  ASSERT_EQ(api().post("/api/v1/auth/headhunters", headhunter(email, "the-right-one")).status, 201);
  for (int i = 1; i <= 9; ++i) {
    EXPECT_TRUE(is_problem(password_sign_in(email, "guess-" + std::to_string(i)), 401,
                           "invalid-credentials"))
        << "try " << i;
  }
  auto tenth = password_sign_in(email, "guess-10");
  EXPECT_TRUE(is_problem(tenth, 429, "sign-in-locked"));
  EXPECT_GT(std::stoll("0" + tenth.header("retry-after")), 0);
  EXPECT_LE(std::stoll("0" + tenth.header("retry-after")), 900);
  EXPECT_TRUE(is_problem(password_sign_in(email, "the-right-one"), 429, "sign-in-locked"));
  server_->advance_clock(901);
  EXPECT_EQ(password_sign_in(email, "the-right-one").status, 200);
}

// ACC-2: an unknown address locks the same way, so the lock does not reveal which addresses exist.
TEST_F(AccountsApi, UnknownAddressLocksTheSameWay) {
  const auto email = unique_email("ghost");
  for (int i = 1; i <= 9; ++i) {
    EXPECT_TRUE(is_problem(password_sign_in(email, "guess-" + std::to_string(i)), 401,
                           "invalid-credentials"))
        << "try " << i;
  }
  EXPECT_TRUE(is_problem(password_sign_in(email, "guess-10"), 429, "sign-in-locked"));
}

// SEC-2: passwords are stored as Argon2id hashes.
TEST_F(AccountsApi, PasswordsAreStoredAsArgon2id) {
  ASSERT_EQ(
      api()
          .post("/api/v1/auth/headhunters", headhunter(unique_email("argon"), "plain-text-pw"))
          .status,
      201);
  auto hashes = database_of(*server_).read<std::vector<std::string>>(
      [](soci::session& sql) -> hiresafe::core::Result<std::vector<std::string>> {
        std::vector<std::string> out;
        soci::rowset<std::string> rs =
            sql.prepare << "SELECT password_hash FROM users WHERE password_hash IS NOT NULL";
        for (const auto& h : rs) out.push_back(h);
        return out;
      });
  ASSERT_TRUE(hashes);
  ASSERT_FALSE(hashes->empty());
  for (const auto& h : *hashes) {
    EXPECT_TRUE(h.starts_with("$argon2id$")) << h;
    EXPECT_EQ(h.find("plain-text-pw"), std::string::npos);
  }
}

// ---- ACC-3: several devices --------------------------------------------------------------------

// ACC-3: a phone user adds e-mail + password and signs in on a second device; both sessions are
// listed with their device labels and exactly one is the current one.
TEST_F(AccountsApi, CredentialsLetTheAccountSignInFromASecondDevice) {
  auto phone_device = register_phone(*server_, next_phone(), "Phone A");
  const auto email = unique_email("devices");
  // Read first, so a server that kept the account row from this answer would show it stale.
  auto before = api().get("/api/v1/me", phone_device.token).json();
  EXPECT_EQ(before["has_password"], false);
  EXPECT_TRUE(before["email"].is_null());
  auto put = api().put("/api/v1/me/credentials", {{"email", email}, {"password", "two-devices"}},
                       phone_device.token);
  ASSERT_EQ(put.status, 204) << put.body;
  auto me = api().get("/api/v1/me", phone_device.token).json();
  EXPECT_EQ(me["email"], email);
  EXPECT_EQ(me["has_password"], true);

  auto laptop = device_of(password_sign_in(email, "two-devices", "Laptop B"));
  EXPECT_EQ(laptop.user_id, phone_device.user_id);

  auto list = api().get("/api/v1/me/sessions", laptop.token);
  ASSERT_EQ(list.status, 200) << list.body;
  auto items = list.json()["items"];
  ASSERT_EQ(items.size(), 2u) << list.body;
  std::set<std::string> labels;
  int current = 0;
  for (const auto& s : items) {
    labels.insert(s["device_label"].get<std::string>());
    if (s["current"] == true) {
      ++current;
      EXPECT_EQ(s["id"], laptop.session_id);
    }
    EXPECT_GT(s["expires_at"].get<long long>(), s["created_at"].get<long long>());
  }
  EXPECT_EQ(labels, (std::set<std::string>{"Phone A", "Laptop B"}));
  EXPECT_EQ(current, 1);
}

// ACC-3: the sessions list shows when each device was last seen. Last-seen is written in
// batches after the request that notices it is stale; the list shows it at once.
TEST_F(AccountsApi, LastSeenFollowsUseOfTheSession) {
  auto device = register_phone(*server_, next_phone(), "Phone A");
  const auto last_seen = [&] {
    auto list = api().get("/api/v1/me/sessions", device.token);
    EXPECT_EQ(list.status, 200) << list.body;
    return list.json()["items"][0]["last_seen_at"].get<long long>();
  };
  const long long first = last_seen();
  server_->advance_clock(3600);  // past sessions.touch_seconds and the session cache
  ASSERT_EQ(api().get("/api/v1/me", device.token).status, 200);
  EXPECT_GE(last_seen(), first + 3600);
}

// ACC-3: one device revokes another; the revoked token stops working, the other keeps working.
TEST_F(AccountsApi, OneSessionCanBeRevokedFromAnother) {
  auto a = register_phone(*server_, next_phone(), "Phone A");
  const auto email = unique_email("revoke");
  ASSERT_EQ(
      api()
          .put("/api/v1/me/credentials", {{"email", email}, {"password", "revoke-me-1"}}, a.token)
          .status,
      204);
  auto b = device_of(password_sign_in(email, "revoke-me-1", "Laptop B"));
  auto r = api().del("/api/v1/me/sessions/" + b.session_id, a.token);
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(is_problem(api().get("/api/v1/me", b.token), 401, "unauthorized"));
  EXPECT_EQ(status_of(a.token), 200);
  auto items = api().get("/api/v1/me/sessions", a.token).json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["id"], a.session_id);
  // Revoking it again: it no longer exists as a live session.
  EXPECT_TRUE(
      is_problem(api().del("/api/v1/me/sessions/" + b.session_id, a.token), 404, "not-found"));
}

// ACC-3: a session revoked on another node (another server on the same database: here the same
// store call on a connection of its own, which cannot touch this server's memory) stops working
// here within about a second (sessions.watch_ms), though this server has just checked it and
// keeps it for minutes. Without the watch it would be trusted 5 s more (sessions.cache_seconds),
// longer than the 3 s this waits.
TEST_F(AccountsApi, ASessionRevokedOnAnotherNodeStopsWorkingHereWithinSeconds) {
  auto device = register_phone(*server_, next_phone(), "Phone A");
  auto list = api().get("/api/v1/me/sessions", device.token);  // checked, and now kept
  ASSERT_EQ(list.status, 200) << list.body;
  // Stamped with the server's (test) clock, as the other node's clock would be.
  const long long stamp = list.json()["items"][0]["last_seen_at"].get<long long>();
  {
    auto db = hiresafe::store::Database::open(server_->database_url(), 1);
    ASSERT_TRUE(db);
    ASSERT_TRUE(
        (*db)->transaction<hiresafe::core::Unit>([&](soci::session& sql) -> hiresafe::core::Status {
          EXPECT_TRUE(hiresafe::identity::store::revoke_session(sql, device.user_id,
                                                                device.session_id, stamp));
          return hiresafe::core::Unit{};
        }));
  }
  const auto waited = poll_until([&] { return api().get("/api/v1/me", device.token); },
                                 [](const HttpResult& r) { return r.status == 401; });
  EXPECT_TRUE(waited.held) << waited.last.status;
}

// ACC-3: unknown session ids, and sessions of other people, are 404 and are not revoked.
TEST_F(AccountsApi, RevokingAnUnknownOrForeignSessionIs404) {
  auto mine = register_phone(*server_, next_phone(), "Mine");
  auto theirs = register_phone(*server_, next_phone(), "Theirs");
  EXPECT_TRUE(
      is_problem(api().del("/api/v1/me/sessions/s_doesnotexist", mine.token), 404, "not-found"));
  EXPECT_TRUE(is_problem(api().del("/api/v1/me/sessions/" + theirs.session_id, mine.token), 404,
                         "not-found"));
  EXPECT_EQ(status_of(theirs.token), 200);
}

// ACC-3: revoking all sessions ends every device, the current one included.
TEST_F(AccountsApi, RevokingAllSessionsEndsEveryDevice) {
  auto a = register_phone(*server_, next_phone(), "Phone A");
  const auto email = unique_email("all");
  ASSERT_EQ(
      api()
          .put("/api/v1/me/credentials", {{"email", email}, {"password", "all-gone-1"}}, a.token)
          .status,
      204);
  auto b = device_of(password_sign_in(email, "all-gone-1", "Laptop B"));
  auto r = api().del("/api/v1/me/sessions", a.token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["revoked"], 2);
  EXPECT_EQ(status_of(a.token), 401);
  EXPECT_EQ(status_of(b.token), 401);
}

// ACC-3: signing out ends only this session.
TEST_F(AccountsApi, SignOutEndsTheSession) {
  auto a = register_phone(*server_, next_phone(), "Phone A");
  const auto email = unique_email("signout");
  ASSERT_EQ(
      api()
          .put("/api/v1/me/credentials", {{"email", email}, {"password", "sign-out-1"}}, a.token)
          .status,
      204);
  auto b = device_of(password_sign_in(email, "sign-out-1", "Laptop B"));
  auto r = api().request("POST", "/api/v1/auth/sign-out", std::nullopt, a.token);
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(is_problem(api().get("/api/v1/me", a.token), 401, "unauthorized"));
  EXPECT_TRUE(is_problem(api().request("POST", "/api/v1/auth/sign-out", std::nullopt, a.token), 401,
                         "unauthorized"));
  EXPECT_EQ(status_of(b.token), 200);
}

// ACC-3: sessions end by themselves after their lifetime (30 days by default).
TEST_F(AccountsApi, SessionExpiresAfterItsLifetime) {
  auto a = register_phone(*server_, next_phone(), "Phone A");
  server_->advance_clock(29 * 86400);
  EXPECT_EQ(status_of(a.token), 200);
  server_->advance_clock(86400 + 1);
  EXPECT_EQ(status_of(a.token), 401);
}

// ACC-3: an e-mail address belongs to one account; bad credentials are refused with the fields.
TEST_F(AccountsApi, CredentialsNeedAFreeAddressAndAStrongPassword) {
  auto first = register_phone(*server_, next_phone(), "First");
  auto second = register_phone(*server_, next_phone(), "Second");
  const auto email = unique_email("owned");
  ASSERT_EQ(api()
                .put("/api/v1/me/credentials", {{"email", email}, {"password", "owned-by-one"}},
                     first.token)
                .status,
            204);
  std::string upper = email;
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  EXPECT_TRUE(is_problem(api().put("/api/v1/me/credentials",
                                   {{"email", upper}, {"password", "owned-by-two"}}, second.token),
                         409, "email-taken"));
  auto bad = api().put("/api/v1/me/credentials", {{"email", "not-an-address"}, {"password", "1"}},
                       second.token);
  EXPECT_TRUE(is_problem(bad, 422, "validation"));
  EXPECT_EQ(error_fields(bad), (std::set<std::string>{"email", "password"}));
  EXPECT_EQ(api().get("/api/v1/me", second.token).json()["has_password"], false);
  // The same person may set the same address again (e.g. to change the password).
  EXPECT_EQ(api()
                .put("/api/v1/me/credentials", {{"email", email}, {"password", "owned-again"}},
                     first.token)
                .status,
            204);
  EXPECT_EQ(password_sign_in(email, "owned-again").status, 200);
}

// ---- ACC-4: forgotten password -----------------------------------------------------------------

// ACC-4: a code to the registered phone resets the password and ends every other session.
TEST_F(AccountsApi, ResetByPhoneSetsANewPasswordAndEndsOtherSessions) {
  const auto phone = next_phone();
  auto a = register_phone(*server_, phone, "Phone A");
  const auto email = unique_email("reset.phone");
  ASSERT_EQ(
      api()
          .put("/api/v1/me/credentials", {{"email", email}, {"password", "old-password"}}, a.token)
          .status,
      204);
  auto b = device_of(password_sign_in(email, "old-password", "Laptop B"));

  server_->advance_clock(61);  // past the resend gap of the sign-up code
  auto code = request_code(*server_, {{"phone", phone}, {"purpose", "reset_password"}});
  ASSERT_EQ(code.size(), 6u);
  auto r = api().post("/api/v1/auth/password-reset", {{"phone", phone},
                                                      {"code", code},
                                                      {"new_password", "new-password"},
                                                      {"device_label", "Tablet C"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto c = device_of(r);
  EXPECT_EQ(c.user_id, a.user_id);

  EXPECT_EQ(status_of(a.token), 401);
  EXPECT_EQ(status_of(b.token), 401);
  EXPECT_EQ(status_of(c.token), 200);
  EXPECT_TRUE(is_problem(password_sign_in(email, "old-password"), 401, "invalid-credentials"));
  EXPECT_EQ(password_sign_in(email, "new-password").status, 200);
  // The reset code is single-use.
  EXPECT_TRUE(
      is_problem(api().post("/api/v1/auth/password-reset",
                            {{"phone", phone}, {"code", code}, {"new_password", "third-pw"}}),
                 422, "invalid-code"));
}

// ACC-4: a code to the registered e-mail address resets the password too.
TEST_F(AccountsApi, ResetByEmailSetsANewPasswordAndEndsOtherSessions) {
  const auto email = unique_email("reset.mail");
  auto reg = api().post("/api/v1/auth/headhunters", headhunter(email, "old-password"));
  ASSERT_EQ(reg.status, 201) << reg.body;
  auto a = device_of(reg);
  auto ticket = api().post("/api/v1/auth/codes", {{"email", email}, {"purpose", "reset_password"}});
  ASSERT_EQ(ticket.status, 202) << ticket.body;
  auto code = server_->code_for(ticket.json()["message_id"]);
  ASSERT_EQ(code.size(), 6u);
  EXPECT_NE(read_file(server_->data_dir() + "/mail.log").find(ticket.json()["message_id"]),
            std::string::npos);

  auto r = api().post("/api/v1/auth/password-reset",
                      {{"email", email}, {"code", code}, {"new_password", "new-password"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(status_of(a.token), 401);
  EXPECT_EQ(status_of(device_of(r).token), 200);
  EXPECT_TRUE(is_problem(password_sign_in(email, "old-password"), 401, "invalid-credentials"));
  EXPECT_EQ(password_sign_in(email, "new-password").status, 200);
}

// ACC-4: a reset for an unregistered number or address answers like any other but sends nothing.
TEST_F(AccountsApi, ResetForUnknownRecipientsLooksTheSameButSendsNothing) {
  const auto registered = next_phone();
  sign_up(*server_, registered);
  server_->advance_clock(61);
  auto known =
      api().post("/api/v1/auth/codes", {{"phone", registered}, {"purpose", "reset_password"}});
  const auto stranger = next_phone();
  auto unknown =
      api().post("/api/v1/auth/codes", {{"phone", stranger}, {"purpose", "reset_password"}});
  ASSERT_EQ(known.status, 202);
  ASSERT_EQ(unknown.status, 202);
  std::set<std::string> known_keys, unknown_keys;
  const auto known_body = known.json(), unknown_body = unknown.json();
  for (const auto& [k, v] : known_body.items()) known_keys.insert(k);
  for (const auto& [k, v] : unknown_body.items()) unknown_keys.insert(k);
  EXPECT_EQ(known_keys, unknown_keys);
  EXPECT_FALSE(server_->code_for(known.json()["message_id"]).empty());
  EXPECT_EQ(server_->code_for(unknown.json()["message_id"]), "");

  auto mail = api().post("/api/v1/auth/codes",
                         {{"email", unique_email("stranger")}, {"purpose", "reset_password"}});
  ASSERT_EQ(mail.status, 202);
  EXPECT_EQ(server_->code_for(mail.json()["message_id"]), "");

  // Guessing a code for the stranger changes nothing.
  const auto users = count_rows(*server_, "users");
  EXPECT_TRUE(is_problem(
      api().post("/api/v1/auth/password-reset",
                 {{"phone", stranger}, {"code", "123456"}, {"new_password", "whatever-1"}}),
      422, "invalid-code"));
  EXPECT_EQ(count_rows(*server_, "users"), users);
}

// ACC-4: a reset code is only good for a reset, and a sign-in code is not good for a reset.
TEST_F(AccountsApi, ResetAndSignInCodesAreNotInterchangeable) {
  const auto phone = next_phone();
  auto a = register_phone(*server_, phone, "Phone A");
  server_->advance_clock(61);
  auto reset_code = request_code(*server_, {{"phone", phone}, {"purpose", "reset_password"}});
  EXPECT_TRUE(
      is_problem(api().post("/api/v1/auth/sign-in", {{"phone", phone}, {"code", reset_code}}), 422,
                 "invalid-code"));
  server_->advance_clock(61);
  auto sign_in_code = request_code(*server_, {{"phone", phone}});
  EXPECT_TRUE(is_problem(
      api().post("/api/v1/auth/password-reset",
                 {{"phone", phone}, {"code", sign_in_code}, {"new_password", "nope-nope-1"}}),
      422, "invalid-code"));
  EXPECT_EQ(status_of(a.token), 200);
  // Both codes still do what they are for.
  EXPECT_EQ(api().post("/api/v1/auth/sign-in", {{"phone", phone}, {"code", sign_in_code}}).status,
            200);
  EXPECT_EQ(api()
                .post("/api/v1/auth/password-reset",
                      {{"phone", phone}, {"code", reset_code}, {"new_password", "finally-reset"}})
                .status,
            200);
}

// ACC-4: a weak new password is refused before the code is spent.
TEST_F(AccountsApi, ResetWithAWeakPasswordIsRefusedAndKeepsTheCode) {
  const auto phone = next_phone();
  auto a = register_phone(*server_, phone, "Phone A");
  server_->advance_clock(61);
  auto code = request_code(*server_, {{"phone", phone}, {"purpose", "reset_password"}});
  auto weak = api().post("/api/v1/auth/password-reset",
                         {{"phone", phone}, {"code", code}, {"new_password", "1234"}});
  EXPECT_TRUE(is_problem(weak, 422, "validation"));
  EXPECT_EQ(error_fields(weak), std::set<std::string>{"password"});
  EXPECT_EQ(status_of(a.token), 200);
  EXPECT_EQ(api()
                .post("/api/v1/auth/password-reset",
                      {{"phone", phone}, {"code", code}, {"new_password", "strong-enough"}})
                .status,
            200);
}

// ---- ACC-7: two roles --------------------------------------------------------------------------

// ACC-7: a seeker adds the recruiter role and switches between the two.
TEST_F(AccountsApi, SeekerAddsRecruiterRoleAndSwitches) {
  auto token = sign_up(*server_, next_phone());
  auto added = api().post("/api/v1/me/roles", {{"role", "recruiter"}}, token);
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.json()["roles"], json::array({"recruiter", "seeker"}));
  EXPECT_EQ(added.json()["active_role"], "seeker");

  auto switched = api().put("/api/v1/me/active-role", {{"role", "recruiter"}}, token);
  ASSERT_EQ(switched.status, 200) << switched.body;
  EXPECT_EQ(switched.json()["active_role"], "recruiter");
  auto me = api().get("/api/v1/me", token).json();
  EXPECT_EQ(me["active_role"], "recruiter");
  EXPECT_EQ(me["roles"], json::array({"recruiter", "seeker"}));

  auto back = api().put("/api/v1/me/active-role", {{"role", "seeker"}}, token);
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(api().get("/api/v1/me", token).json()["active_role"], "seeker");

  // Adding a held role again changes nothing.
  auto again = api().post("/api/v1/me/roles", {{"role", "recruiter"}}, token);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["roles"], json::array({"recruiter", "seeker"}));
}

// ACC-7: one cannot switch to a role one does not hold.
TEST_F(AccountsApi, SwitchingToARoleNotHeldIsForbidden) {
  auto token = sign_up(*server_, next_phone());
  for (const char* role : {"recruiter", "headhunter", "staff"}) {
    EXPECT_TRUE(is_problem(api().put("/api/v1/me/active-role", {{"role", role}}, token), 403,
                           "role-not-held"))
        << role;
  }
  EXPECT_EQ(api().get("/api/v1/me", token).json()["active_role"], "seeker");
}

// ACC-7: a headhunter account does not take the seeker or recruiter role.
TEST_F(AccountsApi, HeadhunterCannotAddSeekerRole) {
  auto reg = api().post("/api/v1/auth/headhunters", headhunter(unique_email("hh"), "hh-password"));
  ASSERT_EQ(reg.status, 201) << reg.body;
  const std::string token = reg.json()["token"];
  for (const char* role : {"seeker", "recruiter"}) {
    EXPECT_TRUE(is_problem(api().post("/api/v1/me/roles", {{"role", role}}, token), 403,
                           "role-not-combinable"))
        << role;
  }
  EXPECT_EQ(api().get("/api/v1/me", token).json()["roles"], json::array({"headhunter"}));
}

// ACC-7: only seeker and recruiter can be added by the person.
TEST_F(AccountsApi, OnlySeekerAndRecruiterCanBeAdded) {
  auto token = sign_up(*server_, next_phone());
  for (const char* role : {"headhunter", "staff", "admin", ""}) {
    auto r = api().post("/api/v1/me/roles", {{"role", role}}, token);
    EXPECT_TRUE(is_problem(r, 422, "validation")) << role;
    EXPECT_EQ(error_fields(r), std::set<std::string>{"role"});
  }
  EXPECT_EQ(api().get("/api/v1/me", token).json()["roles"], json::array({"seeker"}));
}
