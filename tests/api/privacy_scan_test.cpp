// Drives every identity flow with known phone numbers, addresses, passwords and device labels,
// then proves none of them is written in clear: not in logs or delivery files (SEC-7), not in
// the database files or columns (SEC-2).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "flows.hpp"
#include "store/database.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;
using nlohmann::json;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), ::tolower);
  return s;
}

// Throws with the answer when a step of the scenario does not go as planned.
HttpResult expect(long status, HttpResult r, const std::string& step) {
  if (r.status != status)
    throw std::runtime_error(step + ": expected " + std::to_string(status) + ", got " +
                             std::to_string(r.status) + " " + r.body);
  return r;
}

// The personal data the scenario uses, each with a short name for failure messages.
struct Secret {
  std::string what;
  std::string text;
};

}  // namespace

class PrivacyScanApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    available_ = server_->available();
    if (!available_) return;
    try {
      drive();
    } catch (const std::exception& e) {
      drive_error_ = e.what();
    }
    server_->stop();  // flushes logs and checkpoints the SQLite WAL
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!available_) GTEST_SKIP() << "backend " << backend() << " not configured";
    ASSERT_TRUE(drive_error_.empty()) << "the scenario failed: " << drive_error_;
  }

  static void drive();
  // Every needle: phones in E.164 and national form, e-mails as typed and folded, passwords,
  // device labels, a guardian's name and a birth date.
  static std::vector<Secret> secrets() {
    std::vector<Secret> out;
    for (const auto& p : phones_) {
      out.push_back({"phone (E.164)", p});
      out.push_back({"phone (national)", p.substr(3)});
    }
    for (const auto& e : emails_) {
      out.push_back({"e-mail as typed", e});
      out.push_back({"e-mail lower-cased", lower(e)});
    }
    for (const auto& p : passwords_) out.push_back({"password", p});
    for (const auto& d : devices_) out.push_back({"device label", d});
    out.push_back({"guardian name", kGuardianName});
    out.push_back({"birth date", kBirthDate});
    return out;
  }
  // Fails for every secret found in `content`.
  static void expect_clean(const std::string& name, const std::string& content) {
    for (const auto& s : secrets()) {
      EXPECT_EQ(content.find(s.text), std::string::npos)
          << name << " contains a " << s.what << ": " << s.text;
    }
  }

  static inline const std::string kGuardianName = "Ouyang Xiuying";
  static inline const std::string kBirthDate = "1987-06-05";
  static inline TestServer* server_ = nullptr;
  static inline bool available_ = false;  // the server is stopped before the tests run
  static inline std::string drive_error_;
  static inline std::string metrics_;  // GET /metrics after the scenario
  static inline std::vector<std::string> phones_, emails_, passwords_, devices_;
};

void PrivacyScanApi::drive() {
  const auto& s = *server_;
  auto api = s.client();
  const auto seeker = next_phone(), hunter = next_phone(), minor = next_phone(),
             guardian = next_phone(), stranger = next_phone();
  const std::string seeker_email = "Zhang.San@Example.COM", hunter_email = "Li.Si+Jobs@Agency.CN";
  const std::string pw1 = "Pa55-Zebra-Quartz", pw2 = "Reset-Okapi-7781", pw3 = "Hunter-Narwhal-42",
                    pw4 = "Mail-Reset-Ibis-9", wrong = "Wrong-Lemur-0007";
  const std::string dev1 = "Zhang San's Redmi K70", dev2 = "ThinkPad of Zhang San",
                    dev3 = "Reset iPad Mini", dev4 = "Li Si MacBook Air";
  phones_ = {seeker, hunter, minor, guardian, stranger};
  emails_ = {seeker_email, hunter_email, "Nobody@Example.COM"};
  passwords_ = {pw1, pw2, pw3, pw4, wrong};
  devices_ = {dev1, dev2, dev3, dev4};
  const int version = api.get("/api/v1/policy").json()["version"];

  // Quick registration, first without and then with registration fields, in national notation.
  auto code = request_code(s, {{"phone", seeker.substr(3)}});
  expect(422, api.post("/api/v1/auth/sign-in", {{"phone", seeker}, {"code", code}}),
         "registration required");
  auto a = expect(201,
                  api.post("/api/v1/auth/sign-in", {{"phone", seeker.substr(3)},
                                                    {"code", code},
                                                    {"accept_policy_version", version},
                                                    {"birth_date", kBirthDate},
                                                    {"device_label", dev1}}),
                  "sign-up")
               .json();
  const std::string token_a = a["token"];
  expect(200, api.get("/api/v1/me", token_a), "me");
  expect(200, api.get("/api/v1/me/consents", token_a), "consents");

  // A wrong code, and an expired one.
  s.advance_clock(61);
  code = request_code(s, {{"phone", seeker}});
  expect(422, api.post("/api/v1/auth/sign-in", {{"phone", seeker}, {"code", "000000"}}),
         "wrong code");
  expect(200, api.post("/api/v1/auth/sign-in", {{"phone", seeker}, {"code", code}}),
         "sign-in again");

  // E-mail + password, a second device, the session list, revoking it, signing out.
  expect(204,
         api.put("/api/v1/me/credentials", {{"email", seeker_email}, {"password", pw1}}, token_a),
         "credentials");
  auto b = expect(200,
                  api.post("/api/v1/auth/password-sign-in",
                           {{"email", seeker_email}, {"password", pw1}, {"device_label", dev2}}),
                  "password sign-in")
               .json();
  expect(401,
         api.post("/api/v1/auth/password-sign-in", {{"email", seeker_email}, {"password", wrong}}),
         "wrong password");
  expect(401,
         api.post("/api/v1/auth/password-sign-in",
                  {{"email", "Nobody@Example.COM"}, {"password", wrong}}),
         "unknown address");
  expect(200, api.get("/api/v1/me/sessions", token_a), "sessions");
  expect(204, api.del("/api/v1/me/sessions/" + b["session_id"].get<std::string>(), token_a),
         "revoke");
  expect(204, api.request("POST", "/api/v1/auth/sign-out", std::nullopt, token_a), "sign-out");

  // Password reset by phone, then by e-mail; and a reset for a stranger's number.
  s.advance_clock(61);
  code = request_code(s, {{"phone", seeker}, {"purpose", "reset_password"}});
  expect(
      200,
      api.post("/api/v1/auth/password-reset",
               {{"phone", seeker}, {"code", code}, {"new_password", pw2}, {"device_label", dev3}}),
      "reset by phone");
  code = request_code(s, {{"email", seeker_email}, {"purpose", "reset_password"}});
  expect(200,
         api.post("/api/v1/auth/password-reset",
                  {{"email", seeker_email}, {"code", code}, {"new_password", pw4}}),
         "reset by e-mail");
  expect(202, api.post("/api/v1/auth/codes", {{"phone", stranger}, {"purpose", "reset_password"}}),
         "reset for a stranger");
  auto d = expect(200,
                  api.post("/api/v1/auth/password-sign-in",
                           {{"email", lower(seeker_email)}, {"password", pw4}}),
                  "sign-in with the new password")
               .json();

  // A headhunter, with a taken address first.
  code = request_code(s, {{"phone", hunter}});
  json hh = {{"email", seeker_email},
             {"password", pw3},
             {"phone", hunter},
             {"code", code},
             {"accept_policy_version", version},
             {"birth_date", kBirthDate},
             {"device_label", dev4}};
  expect(409, api.post("/api/v1/auth/headhunters", hh), "taken address");
  hh["email"] = hunter_email;
  auto h = expect(201, api.post("/api/v1/auth/headhunters", hh), "headhunter").json();
  expect(403, api.post("/api/v1/me/roles", {{"role", "seeker"}}, h["token"]), "headhunter role");
  expect(200, api.post("/api/v1/me/roles", {{"role", "recruiter"}}, d["token"]), "add role");

  // A minor and a guardian.
  code = request_code(s, {{"phone", minor}});
  auto m = expect(201,
                  api.post("/api/v1/auth/sign-in", {{"phone", minor},
                                                    {"code", code},
                                                    {"accept_policy_version", version},
                                                    {"birth_date", "2009-12-31"}}),
                  "minor")
               .json();
  auto g =
      expect(202, api.post("/api/v1/me/guardian/codes", {{"guardian_phone", guardian}}, m["token"]),
             "guardian code");
  expect(204,
         api.put("/api/v1/me/guardian",
                 {{"guardian_name", kGuardianName},
                  {"guardian_phone", guardian},
                  {"relationship", "parent"},
                  {"code", s.code_for(g.json()["message_id"])}},
                 m["token"]),
         "guardian consent");

  // Personal data where it does not belong: in paths, query strings and broken bodies.
  api.get("/api/v1/users/" + seeker);
  api.get("/api/v1/me?phone=" + seeker.substr(3) + "&email=" + seeker_email, token_a);
  api.request("POST", "/api/v1/auth/codes", "{\"phone\":\"" + seeker + "\"", "");
  api.request("POST", "/api/v1/auth/codes", "phone=" + seeker, "",
              {{"Content-Type", "text/plain"}});
  api.post("/api/v1/auth/sign-in", {{"phone", seeker}, {"code", 123456}, {"device_label", dev1}});
  api.post("/api/v1/auth/headhunters",
           {{"email", hunter_email}, {"password", "short"}, {"phone", hunter}});
  metrics_ = expect(200, api.get("/metrics"), "metrics").body;
}

// SEC-7: the application log, the process output, the metrics and the SMS and mail delivery
// files carry ids and keyed hashes, never the phone numbers, addresses, passwords or labels people
// sent.
TEST_F(PrivacyScanApi, LogsAndDeliveryFilesHoldNoPersonalData) {
  const auto& dir = server_->data_dir();
  for (const char* must_exist : {"/logs/hiresafe.log", "/sms.log", "/mail.log"}) {
    EXPECT_FALSE(read_file(dir + must_exist).empty()) << must_exist << " is missing or empty";
  }
  std::vector<std::string> files = {dir + "/sms.log", dir + "/mail.log", dir + "/stdout.log",
                                    dir + "/stderr.log"};
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir + "/logs"))
    if (e.is_regular_file()) files.push_back(e.path().string());
  for (const auto& f : files) expect_clean(f, read_file(f));
  expect_clean("GET /metrics", metrics_);
  // The log did see the traffic: one access line per request, by route pattern.
  EXPECT_NE(read_file(dir + "/logs/hiresafe.log").find("/api/v1/auth/password-reset"),
            std::string::npos);
}

// SEC-7, SEC-2: nothing anywhere under the data directory holds personal data in clear: logs,
// delivery files, keys, and (on SQLite) the database with its -wal and -shm files.
TEST_F(PrivacyScanApi, DataDirectoryHoldsNoPersonalDataInClear) {
  int scanned = 0;
  bool saw_database = false;
  for (const auto& e : std::filesystem::recursive_directory_iterator(server_->data_dir())) {
    if (!e.is_regular_file()) continue;
    ++scanned;
    if (e.path().filename() == "hiresafe.db") saw_database = true;
    expect_clean(e.path().string(), read_file(e.path().string()));
  }
  EXPECT_GE(scanned, 5);
  if (backend() == "sqlite") EXPECT_TRUE(saw_database) << "the SQLite file was not scanned";
}

// SEC-2: on either backend, every text column of every table holds personal fields only as
// ciphertext or keyed hashes, and passwords only as Argon2id hashes.
TEST_F(PrivacyScanApi, DatabaseColumnsHoldNoPersonalDataInClear) {
  auto db = hiresafe::store::Database::open(server_->database_url(), 1);
  ASSERT_TRUE(db) << db.error().title;
  auto dump =
      (*db)->read<std::string>([](soci::session& sql) -> hiresafe::core::Result<std::string> {
        std::vector<std::string> tables;
        soci::rowset<std::string> names =
            sql.get_backend_name() == "sqlite3"
                ? (sql.prepare << "SELECT name FROM sqlite_master WHERE type = 'table'")
                : (sql.prepare << "SELECT table_name FROM information_schema.tables "
                                  "WHERE table_schema = 'public'");
        for (const auto& n : names) tables.push_back(n);
        std::string out;
        for (const auto& t : tables) {
          soci::rowset<soci::row> rows = sql.prepare << "SELECT * FROM " + t;
          for (const auto& row : rows) {
            for (std::size_t i = 0; i < row.size(); ++i) {
              if (row.get_indicator(i) != soci::i_ok) continue;
              if (row.get_properties(i).get_data_type() != soci::dt_string) continue;
              out +=
                  t + "." + row.get_properties(i).get_name() + "=" + row.get<std::string>(i) + "\n";
            }
          }
        }
        return out;
      });
  ASSERT_TRUE(dump) << dump.error().title;
  EXPECT_NE(dump->find("users.phone_enc="), std::string::npos) << "the users table was not read";
  expect_clean("the database", *dump);
  // Passwords are Argon2id hashes.
  std::size_t at = 0, hashes = 0;
  while ((at = dump->find("users.password_hash=", at)) != std::string::npos) {
    at += std::string("users.password_hash=").size();
    EXPECT_EQ(dump->compare(at, 10, "$argon2id$"), 0) << dump->substr(at, 40);
    ++hashes;
  }
  EXPECT_EQ(hashes, 2u);
}
