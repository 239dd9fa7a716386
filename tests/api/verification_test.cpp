// Recruiters and headhunters verify real name and resident ID number after a separate consent
// (VER-1, VER-5, PRV-2), checked by the staff queue or by an identity provider over HTTP (a
// stand-in started by the test), and upload licences and permits whose type is checked by
// content and which are stored sealed (SEC-2).
#include <gtest/gtest.h>
#include <restinio/all.hpp>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

#include "api_checks.hpp"
#include "flows.hpp"
#include "store/database.hpp"
#include "test_server.hpp"

// Named one by one: tests/support grows, and a blanket using-directive would make this file's
// own helpers ambiguous with new ones there.
using hiresafe::testing::backend;
using hiresafe::testing::count_rows;
using hiresafe::testing::database_of;
using hiresafe::testing::error_fields;
using hiresafe::testing::HttpClient;
using hiresafe::testing::HttpResult;
using hiresafe::testing::is_problem;
using hiresafe::testing::next_phone;
using hiresafe::testing::read_file;
using hiresafe::testing::request_code;
using hiresafe::testing::run_hiresafe;
using hiresafe::testing::sign_up;
using hiresafe::testing::TestServer;
using nlohmann::json;

namespace {

const std::string kProblems = "https://hiresafe.dev/problems/";

// GB 11643: 17 digits and a check character from the weighted sum mod 11.
std::string with_id_check(const std::string& first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

// A valid resident ID number, distinct per call within this file.
std::string next_resident_id(const std::string& region = "440304",
                             const std::string& birth = "19880615") {
  static std::atomic<int> n{100};
  char seq[4];
  std::snprintf(seq, sizeof seq, "%03d", n.fetch_add(1) % 1000);
  return with_id_check(region + birth + seq);
}

// One number from a query with a single text parameter.
long long count_where(const TestServer& server, const std::string& sql_text,
                      const std::string& param) {
  auto n = database_of(server).read<long long>(
      [&](soci::session& sql) -> hiresafe::core::Result<long long> {
        long long count = 0;
        sql << sql_text, soci::use(param), soci::into(count);
        return count;
      });
  if (!n) throw std::runtime_error("query failed: " + n.error().title);
  return *n;
}

std::string user_id_of(const TestServer& server, const std::string& token) {
  auto me = server.client().get("/api/v1/me", token);
  if (me.status != 200) throw std::runtime_error("GET /me failed: " + me.body);
  return me.json()["id"];
}

std::string recruiter(const TestServer& server) {
  return sign_up(server, next_phone(), "1988-06-15", "recruiter");
}

void give_identity_consent(const TestServer& server, const std::string& token) {
  auto r =
      server.client().post("/api/v1/me/consents", {{"purpose", "identity_verification"}}, token);
  if (r.status != 201) throw std::runtime_error("consent failed: " + r.body);
}

HttpResult submit_identity(const TestServer& server, const std::string& token,
                           const std::string& name, const std::string& id_number) {
  return server.client().post("/api/v1/me/verifications/identity",
                              {{"real_name", name}, {"id_number", id_number}}, token);
}

// The caller's latest verification of `kind` from GET /me/verifications (null when none).
json latest(const TestServer& server, const std::string& token, const std::string& kind) {
  auto r = server.client().get("/api/v1/me/verifications", token);
  if (r.status != 200) throw std::runtime_error("GET /me/verifications failed: " + r.body);
  const json items = r.json()["items"];
  for (const auto& item : items)
    if (item["kind"] == kind) return item;
  return nullptr;
}

HttpResult upload(const TestServer& server, const std::string& token, const std::string& query,
                  const std::string& bytes, const std::string& content_type) {
  return server.client().request("POST", "/api/v1/me/files" + query, bytes, token,
                                 {{"Content-Type", content_type}});
}

std::string tiny_pdf(const std::string& text = "hello") {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\ntrailer << >>\n%%EOF\n";
}
const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01", 24);
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 20);
const std::string kExe =
    std::string("MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0", 16) + "This program";

// A stand-in identity-check provider: it knows whose name goes with which ID number and answers
// {"match": …}; it can be told to fail with a 500 or to answer without a verdict.
class StandInIdentityProvider {
 public:
  enum class Mode { kAnswer, kFail500, kNoVerdict };

  StandInIdentityProvider() {
    auto port = std::make_shared<std::uint16_t>(0);
    server_ = restinio::run_async(restinio::own_io_context(),
                                  restinio::server_settings_t<>{}
                                      .address("127.0.0.1")
                                      .port(0)
                                      .acceptor_post_bind_hook([port](asio::ip::tcp::acceptor& a) {
                                        *port = a.local_endpoint().port();
                                      })
                                      .request_handler([this](auto req) { return answer(req); }),
                                  1);
    url_ = "http://127.0.0.1:" + std::to_string(*port) + "/identity-check";
  }
  ~StandInIdentityProvider() {
    server_->stop();
    server_->wait();
  }
  const std::string& url() const { return url_; }
  void knows(const std::string& id_number, const std::string& name) {
    std::lock_guard lock(mutex_);
    registry_[id_number] = name;
  }
  void set_mode(Mode mode) {
    std::lock_guard lock(mutex_);
    mode_ = mode;
  }
  std::vector<json> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  restinio::request_handling_status_t answer(const restinio::request_handle_t& req) {
    std::lock_guard lock(mutex_);
    auto body = json::parse(req->body(), nullptr, false);
    requests_.push_back(body);
    if (mode_ == Mode::kFail500) {
      req->create_response(restinio::status_internal_server_error()).done();
      return restinio::request_accepted();
    }
    json verdict = json::object();
    if (mode_ == Mode::kAnswer && body.is_object()) {
      auto known = registry_.find(body.value("id_number", ""));
      verdict["match"] = known != registry_.end() && known->second == body.value("name", "");
    } else {
      verdict["unsure"] = true;
    }
    req->create_response()
        .append_header(restinio::http_field::content_type, "application/json")
        .set_body(verdict.dump())
        .done();
    return restinio::request_accepted();
  }

  std::mutex mutex_;
  Mode mode_ = Mode::kAnswer;
  std::map<std::string, std::string> registry_;
  std::vector<json> requests_;
  std::string url_;
  restinio::running_server_handle_t<restinio::default_traits_t> server_;
};

}  // namespace

// ---- VER-1 / PRV-2 with the default provider (the staff queue) ----------------------------------

class IdentityVerificationApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  static const TestServer& server() { return *server_; }
  static TestServer* server_;
};
TestServer* IdentityVerificationApi::server_ = nullptr;

// VER-1, PRV-2: without the separate consent the ID data is refused and nothing is stored.
TEST_F(IdentityVerificationApi, IdDataIsRefusedWithoutTheSeparateConsent) {
  auto token = recruiter(server());
  const auto user = user_id_of(server(), token);
  const auto id_number = next_resident_id();
  auto refused = submit_identity(server(), token, "李明华", id_number);
  EXPECT_TRUE(is_problem(refused, 403, "separate-consent-required"));
  EXPECT_TRUE(latest(server(), token, "identity").is_null());
  EXPECT_EQ(count_where(server(), "SELECT COUNT(*) FROM verifications WHERE user_id = :u", user),
            0);
  EXPECT_EQ(count_where(server(), "SELECT COUNT(*) FROM id_claims WHERE user_id = :u", user), 0);

  auto consent =
      server().client().post("/api/v1/me/consents", {{"purpose", "identity_verification"}}, token);
  ASSERT_EQ(consent.status, 201) << consent.body;
  EXPECT_EQ(consent.json()["kind"], "separate:identity_verification") << consent.body;
  auto unknown_purpose =
      server().client().post("/api/v1/me/consents", {{"purpose", "marketing_profile"}}, token);
  EXPECT_TRUE(is_problem(unknown_purpose, 422, "validation"));

  auto accepted = submit_identity(server(), token, "李明华", id_number);
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  auto v = accepted.json();
  EXPECT_EQ(v["kind"], "identity");
  EXPECT_EQ(v["status"], "pending");
  EXPECT_EQ(v["provider"], "staff");
  EXPECT_TRUE(v["decided_at"].is_null());
  EXPECT_EQ(latest(server(), token, "identity")["id"], v["id"]);
}

// VER-1: the ID number is checksum-validated (GB 11643), and a bad one is named in the answer.
TEST_F(IdentityVerificationApi, BadIdNumbersAreRefusedNamingTheField) {
  auto token = recruiter(server());
  give_identity_consent(server(), token);
  const std::string good = next_resident_id();
  std::string wrong_check = good;
  wrong_check[17] = wrong_check[17] == '1' ? '2' : '1';
  const std::map<std::string, std::string> bad = {
      {"wrong check digit", wrong_check},
      {"17 characters", good.substr(0, 17)},
      {"19 characters", good + "1"},
      {"letters inside", "44030419880615A12" + std::string("3")},
      {"30 February", with_id_check("44030419900230123")},
      {"month 13", with_id_check("44030419901301123")},
      {"born in the future", with_id_check("44030421000101123")},
      {"born before 1900", with_id_check("44030418990101123")},
      {"unknown region 99", with_id_check("99010119880615123")},
      {"empty", ""},
  };
  for (const auto& [what, id_number] : bad) {
    auto r = submit_identity(server(), token, "李明华", id_number);
    EXPECT_TRUE(is_problem(r, 422, "invalid-id-number")) << what;
    EXPECT_EQ(error_fields(r), std::set<std::string>{"id_number"}) << what << ": " << r.body;
  }
  // A missing name is named too, alongside a bad number.
  auto both = submit_identity(server(), token, "", wrong_check);
  EXPECT_EQ(both.status, 422) << both.body;
  EXPECT_EQ(error_fields(both), (std::set<std::string>{"real_name", "id_number"})) << both.body;
  auto no_name = submit_identity(server(), token, "", good);
  EXPECT_EQ(no_name.status, 422);
  EXPECT_EQ(error_fields(no_name), std::set<std::string>{"real_name"});
  EXPECT_TRUE(latest(server(), token, "identity").is_null()) << "nothing stored by a failure";

  auto ok = submit_identity(server(), token, "李明华", good);
  EXPECT_EQ(ok.status, 201) << ok.body;
}

// VER-1: one ID number belongs to one account, however it is typed.
TEST_F(IdentityVerificationApi, AnIdNumberCanBeClaimedByOneAccountOnly) {
  auto first = recruiter(server());
  give_identity_consent(server(), first);
  std::string id_number;
  do id_number = next_resident_id("110101", "19790303");
  while (id_number.back() != 'X');
  auto ok = submit_identity(server(), first, "张伟", id_number);
  ASSERT_EQ(ok.status, 201) << ok.body;
  auto again = submit_identity(server(), first, "张伟", id_number);
  EXPECT_TRUE(is_problem(again, 409, "already-submitted"));

  auto second = recruiter(server());
  give_identity_consent(server(), second);
  auto taken = submit_identity(server(), second, "张伟", id_number);
  EXPECT_TRUE(is_problem(taken, 409, "id-number-in-use"));
  // Spaces and a lower-case x are the same number.
  std::string typed =
      id_number.substr(0, 6) + " " + id_number.substr(6, 8) + " " + id_number.substr(14, 3) + "x";
  auto retyped = submit_identity(server(), second, "张伟", typed);
  EXPECT_TRUE(is_problem(retyped, 409, "id-number-in-use"));
  EXPECT_TRUE(latest(server(), second, "identity").is_null());
}

// VER-1: only recruiters and headhunters verify an identity.
TEST_F(IdentityVerificationApi, SeekerOnlyAccountsAreRefused) {
  auto seeker = sign_up(server(), next_phone());
  give_identity_consent(server(), seeker);
  auto r = submit_identity(server(), seeker, "王芳", next_resident_id());
  EXPECT_TRUE(is_problem(r, 403, "role-required"));
  auto anonymous =
      server().client().post("/api/v1/me/verifications/identity",
                             {{"real_name", "王芳"}, {"id_number", next_resident_id()}});
  EXPECT_EQ(anonymous.status, 401);
}

// SEC-2: the submission is sealed; the claim on the number is a keyed hash.
TEST_F(IdentityVerificationApi, TheSubmissionIsStoredSealed) {
  auto token = recruiter(server());
  give_identity_consent(server(), token);
  const auto id_number = next_resident_id();
  const std::string name = "欧阳娜娜";
  ASSERT_EQ(submit_identity(server(), token, name, id_number).status, 201);
  const auto user = user_id_of(server(), token);
  EXPECT_EQ(count_where(server(), "SELECT COUNT(*) FROM verifications WHERE user_id = :u", user),
            1);
  for (const auto& needle : {id_number, name, id_number.substr(6, 8)}) {
    EXPECT_EQ(count_where(server(), "SELECT COUNT(*) FROM verifications WHERE details_enc LIKE :n",
                          "%" + needle + "%"),
              0)
        << needle;
    EXPECT_EQ(count_where(server(), "SELECT COUNT(*) FROM verifications WHERE id_index LIKE :n",
                          "%" + needle + "%"),
              0)
        << needle;
    EXPECT_EQ(count_where(server(), "SELECT COUNT(*) FROM id_claims WHERE id_index LIKE :n",
                          "%" + needle + "%"),
              0)
        << needle;
  }
}

// VER-5: a headhunter verifies an identity the same way.
TEST_F(IdentityVerificationApi, HeadhuntersVerifyTheirIdentityToo) {
  const auto phone = next_phone();
  auto code = request_code(server(), {{"phone", phone}});
  auto reg =
      server().client().post("/api/v1/auth/headhunters", {{"email", "ver.hunter@example.com"},
                                                          {"password", "agency-pass-1"},
                                                          {"phone", phone},
                                                          {"code", code},
                                                          {"accept_policy_version", 1},
                                                          {"birth_date", "1982-02-02"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  const std::string token = reg.json()["token"];
  EXPECT_TRUE(is_problem(submit_identity(server(), token, "赵敏", next_resident_id()), 403,
                         "separate-consent-required"));
  give_identity_consent(server(), token);
  auto ok = submit_identity(server(), token, "赵敏", next_resident_id());
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["status"], "pending");
}

// ---- VER-1: an identity-check provider over HTTP ----------------------------------------------

class IdentityProviderApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    provider_ = new StandInIdentityProvider();
    server_ = new TestServer(
        {{"--identity-provider", "http", "--identity-http-url", provider_->url()}, {}, true});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete provider_;
    provider_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
    provider_->set_mode(StandInIdentityProvider::Mode::kAnswer);
  }
  void TearDown() override { provider_->set_mode(StandInIdentityProvider::Mode::kAnswer); }
  static const TestServer& server() { return *server_; }
  static TestServer* server_;
  static StandInIdentityProvider* provider_;
};
TestServer* IdentityProviderApi::server_ = nullptr;
StandInIdentityProvider* IdentityProviderApi::provider_ = nullptr;

// VER-1: a match from the provider approves at once; the provider got name and number.
TEST_F(IdentityProviderApi, AMatchApprovesAtOnce) {
  const auto id_number = next_resident_id("320102", "19900101");
  provider_->knows(id_number, "陈静");
  auto token = recruiter(server());
  give_identity_consent(server(), token);
  auto r = submit_identity(server(), token, "陈静", id_number);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["status"], "approved");
  EXPECT_EQ(r.json()["provider"], "http");
  EXPECT_FALSE(r.json()["decided_at"].is_null());
  EXPECT_EQ(latest(server(), token, "identity")["status"], "approved");
  auto missing = server().client().get("/api/v1/me/verifications", token).json()["missing"];
  EXPECT_EQ(missing, json::array({"employment"}));
  auto seen = provider_->requests().back();
  EXPECT_EQ(seen["name"], "陈静");
  EXPECT_EQ(seen["id_number"], id_number);
  EXPECT_EQ(seen["verification_id"], r.json()["id"]);
}

// VER-1: a mismatch is rejected with a reason, and the number is free for its rightful owner.
TEST_F(IdentityProviderApi, AMismatchIsRejectedAndReleasesTheNumber) {
  const auto id_number = next_resident_id("320102", "19900101");
  provider_->knows(id_number, "刘洋");
  auto impostor = recruiter(server());
  give_identity_consent(server(), impostor);
  auto r = submit_identity(server(), impostor, "刘阳", id_number);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["status"], "rejected");
  ASSERT_TRUE(r.json()["reason"].is_string());
  EXPECT_FALSE(r.json()["reason"].get<std::string>().empty());
  auto seen = latest(server(), impostor, "identity");
  EXPECT_EQ(seen["status"], "rejected");
  EXPECT_EQ(seen["reason"], r.json()["reason"]);
  EXPECT_EQ(server().client().get("/api/v1/me/verifications", impostor).json()["missing"],
            json::array({"identity", "employment"}));

  auto owner = recruiter(server());
  give_identity_consent(server(), owner);
  auto claimed = submit_identity(server(), owner, "刘洋", id_number);
  ASSERT_EQ(claimed.status, 201) << claimed.body;
  EXPECT_EQ(claimed.json()["status"], "approved");
  // The number is now held by its owner: the impostor's retry is refused.
  EXPECT_TRUE(
      is_problem(submit_identity(server(), impostor, "刘洋", id_number), 409, "id-number-in-use"));
}

// VER-1: a provider that fails or is unsure leaves the check pending for staff.
TEST_F(IdentityProviderApi, AFailingOrUnsureProviderLeavesItPendingForStaff) {
  for (auto mode :
       {StandInIdentityProvider::Mode::kFail500, StandInIdentityProvider::Mode::kNoVerdict}) {
    provider_->set_mode(mode);
    const auto id_number = next_resident_id("320102", "19900101");
    provider_->knows(id_number, "孙丽");
    auto token = recruiter(server());
    give_identity_consent(server(), token);
    const auto asked = provider_->requests().size();
    auto r = submit_identity(server(), token, "孙丽", id_number);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(provider_->requests().size(), asked + 1) << "the provider was asked";
    EXPECT_EQ(r.json()["status"], "pending");
    EXPECT_EQ(r.json()["provider"], "http");
    EXPECT_EQ(latest(server(), token, "identity")["status"], "pending");
    // Pending still holds the number.
    auto other = recruiter(server());
    give_identity_consent(server(), other);
    EXPECT_TRUE(
        is_problem(submit_identity(server(), other, "孙丽", id_number), 409, "id-number-in-use"));
  }
}

// VER-1: a provider that cannot be reached leaves the check pending for staff.
TEST(IdentityProviderDownApi, AnUnreachableProviderLeavesItPending) {
  // Bind and release a port so nothing listens on it.
  std::string url;
  {
    StandInIdentityProvider gone;
    url = gone.url();
  }
  TestServer server({{"--identity-provider", "http", "--identity-http-url", url}, {}, true});
  if (!server.available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  auto token = recruiter(server);
  give_identity_consent(server, token);
  auto r = submit_identity(server, token, "周杰", next_resident_id());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["status"], "pending");
  // SEC-7: the warning about the failed provider names the verification, not the person.
  server.stop();
  auto log = read_file(server.data_dir() + "/logs/hiresafe.log");
  EXPECT_NE(log.find(r.json()["id"].get<std::string>()), std::string::npos) << log;
  EXPECT_EQ(log.find("周杰"), std::string::npos);
}

// SEC-2, SEC-7: names and ID numbers sent through every identity path appear in no log, delivery
// file or database file in clear.
TEST(IdentityPrivacyScanApi, NamesAndIdNumbersStayOutOfLogsAndFiles) {
  StandInIdentityProvider provider;
  TestServer server(
      {{"--identity-provider", "http", "--identity-http-url", provider.url()}, {}, true});
  if (!server.available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  std::vector<std::pair<std::string, std::string>> people = {
      {"诸葛明亮", next_resident_id("510104", "19770707")},
      {"司马相如", next_resident_id("510104", "19770707")},
      {"上官婉儿", next_resident_id("510104", "19770707")}};
  provider.knows(people[0].second, people[0].first);  // approved
  provider.knows(people[1].second, "别人");           // rejected
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (i == 2) provider.set_mode(StandInIdentityProvider::Mode::kFail500);  // pending
    auto token = recruiter(server);
    give_identity_consent(server, token);
    auto r = submit_identity(server, token, people[i].first, people[i].second);
    ASSERT_EQ(r.status, 201) << r.body;
    // A refused duplicate goes through the error path too.
    if (i == 0) {
      auto other = recruiter(server);
      give_identity_consent(server, other);
      EXPECT_EQ(submit_identity(server, other, people[i].first, people[i].second).status, 409);
    }
  }
  ASSERT_EQ(server.stop(), 0);
  std::size_t scanned = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(server.data_dir())) {
    if (!entry.is_regular_file()) continue;
    const auto text = read_file(entry.path().string());
    ++scanned;
    for (const auto& [name, id_number] : people) {
      EXPECT_EQ(text.find(name), std::string::npos) << name << " in " << entry.path();
      EXPECT_EQ(text.find(id_number), std::string::npos) << id_number << " in " << entry.path();
    }
  }
  EXPECT_GE(scanned, 2u) << "at least the log and the delivery file";
}

// ---- Uploads (VER-2, VER-5 files; SEC-2) ------------------------------------------------------

class UploadsApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  static const TestServer& server() { return *server_; }
  static TestServer* server_;
};
TestServer* UploadsApi::server_ = nullptr;

// VER-2: a licence is a PDF or an image, recognised by its content.
TEST_F(UploadsApi, PdfAndImagesAreAcceptedByTheirContent) {
  auto token = recruiter(server());
  auto pdf = upload(server(), token, "?purpose=business_licence", tiny_pdf(), "application/pdf");
  ASSERT_EQ(pdf.status, 201) << pdf.body;
  EXPECT_EQ(pdf.json()["purpose"], "business_licence");
  EXPECT_EQ(pdf.json()["content_type"], "application/pdf");
  EXPECT_EQ(pdf.json()["size_bytes"], tiny_pdf().size());
  EXPECT_EQ(pdf.json()["id"].get<std::string>().rfind("f_", 0), 0u);

  auto png = upload(server(), token, "?purpose=avatar", kPng, "image/png");
  ASSERT_EQ(png.status, 201) << png.body;
  EXPECT_EQ(png.json()["content_type"], "image/png");
  auto jpeg = upload(server(), token, "?purpose=logo", kJpeg, "image/jpeg");
  ASSERT_EQ(jpeg.status, 201) << jpeg.body;
  EXPECT_EQ(jpeg.json()["content_type"], "image/jpeg");
  auto scanned_letter =
      upload(server(), token, "?purpose=authorisation_letter", kJpeg, "image/jpeg");
  EXPECT_EQ(scanned_letter.status, 201) << scanned_letter.body;
  auto with_parameter = upload(server(), token, "?purpose=hr_service_permit", tiny_pdf(),
                               "application/pdf; name=permit.pdf");
  EXPECT_EQ(with_parameter.status, 201) << with_parameter.body;
}

// VER-2: a declared type that does not match the content is refused.
TEST_F(UploadsApi, ContentThatDoesNotMatchItsTypeIsRefused) {
  auto token = recruiter(server());
  EXPECT_TRUE(
      is_problem(upload(server(), token, "?purpose=business_licence", kExe, "application/pdf"), 415,
                 "file-type-mismatch"));
  EXPECT_TRUE(is_problem(
      upload(server(), token, "?purpose=business_licence", kExe, "application/octet-stream"), 415,
      "file-type-mismatch"));
  EXPECT_TRUE(
      is_problem(upload(server(), token, "?purpose=business_licence", tiny_pdf(), "image/png"), 415,
                 "file-type-mismatch"));
  EXPECT_TRUE(is_problem(upload(server(), token, "?purpose=avatar", kPng, "image/jpeg"), 415,
                         "file-type-mismatch"));
  EXPECT_TRUE(is_problem(upload(server(), token, "?purpose=avatar", tiny_pdf(), "application/pdf"),
                         415, "file-type-mismatch"));
  EXPECT_TRUE(is_problem(upload(server(), token, "?purpose=logo", tiny_pdf(), "application/pdf"),
                         415, "file-type-mismatch"));
  EXPECT_TRUE(
      is_problem(upload(server(), token, "?purpose=agency_licence", "plain words", "text/plain"),
                 415, "file-type-mismatch"));
}

// Purpose is required and must be known; an empty body is refused.
TEST_F(UploadsApi, PurposeIsRequiredAndKnown) {
  auto token = recruiter(server());
  auto unknown = upload(server(), token, "?purpose=selfie", tiny_pdf(), "application/pdf");
  EXPECT_TRUE(is_problem(unknown, 422, "validation"));
  EXPECT_EQ(error_fields(unknown), std::set<std::string>{"purpose"});
  auto missing = upload(server(), token, "", tiny_pdf(), "application/pdf");
  EXPECT_TRUE(is_problem(missing, 422, "validation"));
  EXPECT_EQ(error_fields(missing), std::set<std::string>{"purpose"});
  auto empty = upload(server(), token, "?purpose=business_licence", "", "application/pdf");
  EXPECT_EQ(empty.status, 422) << empty.body;
  auto anonymous = server().client().request("POST", "/api/v1/me/files?purpose=business_licence",
                                             tiny_pdf(), "", {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(anonymous.status, 401);
}

// A file is served back to its owner only; anyone else gets 404 (existence not revealed).
TEST_F(UploadsApi, FilesAreServedToTheirOwnerOnly) {
  auto owner = recruiter(server());
  const auto bytes = tiny_pdf("owner's licence");
  auto up = upload(server(), owner, "?purpose=business_licence", bytes, "application/pdf");
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string id = up.json()["id"];
  auto mine = server().client().get("/api/v1/me/files/" + id, owner);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.body, bytes);
  EXPECT_EQ(mine.header("content-type"), "application/pdf");
  auto image = upload(server(), owner, "?purpose=avatar", kPng, "image/png");
  ASSERT_EQ(image.status, 201);
  EXPECT_EQ(server()
                .client()
                .get("/api/v1/me/files/" + image.json()["id"].get<std::string>(), owner)
                .body,
            kPng);

  auto other = sign_up(server(), next_phone());
  auto theirs = server().client().get("/api/v1/me/files/" + id, other);
  EXPECT_TRUE(is_problem(theirs, 404, "not-found"));
  EXPECT_EQ(theirs.body.find("licence"), std::string::npos);
  auto nothing = server().client().get("/api/v1/me/files/f_doesnotexist", owner);
  EXPECT_EQ(nothing.status, 404);
  EXPECT_EQ(theirs.json()["title"], nothing.json()["title"]) << "same answer: no existence leak";
  EXPECT_EQ(server().client().get("/api/v1/me/files/" + id).status, 401);
}

// uploads.max_bytes: larger uploads get 413; SEC-2: the bytes are stored sealed.
TEST(UploadLimitsApi, OversizeUploadsGet413AndStoredBytesAreSealed) {
  TestServer server({{"--uploads-max-bytes", "2048"}, {}, true});
  if (!server.available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  auto token = recruiter(server);
  std::string big = tiny_pdf(std::string(4096, 'A'));
  auto r = upload(server, token, "?purpose=business_licence", big, "application/pdf");
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(r.header("content-type").rfind("application/problem+json", 0), 0u);
  std::string just_fits = tiny_pdf(std::string(2048 - tiny_pdf("").size(), 'B'));
  ASSERT_EQ(just_fits.size(), 2048u);
  EXPECT_EQ(upload(server, token, "?purpose=business_licence", just_fits, "application/pdf").status,
            201);
  EXPECT_EQ(
      upload(server, token, "?purpose=business_licence", just_fits + "C", "application/pdf").status,
      413);

  const std::string marker = "HIRESAFE-SEALED-MARKER-7f3a9c";
  auto sealed =
      upload(server, token, "?purpose=business_licence", tiny_pdf(marker), "application/pdf");
  ASSERT_EQ(sealed.status, 201) << sealed.body;
  const std::string id = sealed.json()["id"];
  ASSERT_EQ(server.client().get("/api/v1/me/files/" + id, token).body, tiny_pdf(marker));
  EXPECT_EQ(count_where(server, "SELECT COUNT(*) FROM files WHERE content_enc LIKE :m",
                        "%" + marker + "%"),
            0);
  EXPECT_EQ(count_where(server, "SELECT COUNT(*) FROM files WHERE id = :id", id), 1);
  ASSERT_EQ(server.stop(), 0);
  std::size_t scanned = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(server.data_dir())) {
    if (!entry.is_regular_file()) continue;
    ++scanned;
    EXPECT_EQ(read_file(entry.path().string()).find(marker), std::string::npos) << entry.path();
  }
  EXPECT_GE(scanned, 1u);
}

// Media types are case-insensitive (RFC 9110 §8.3.1): "Application/PDF" for a real PDF is fine.
class UploadsMediaTypeApi : public UploadsApi {};
TEST_F(UploadsMediaTypeApi, DeclaredMediaTypeIsCaseInsensitive) {
  auto token = recruiter(server());
  auto r = upload(server(), token, "?purpose=business_licence", tiny_pdf(), "Application/PDF");
  EXPECT_EQ(r.status, 201) << r.body;
}
