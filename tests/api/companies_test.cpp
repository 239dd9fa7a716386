// Companies and employment (VER-2): registration with a checked credit code, employment proved
// by documents reviewed by staff or by a link to an address on the company's verified domain;
// colleagues invited by verified recruiters (VER-4); business cards (VER-6).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "api_checks.hpp"
#include "flows.hpp"
#include "staff/totp.hpp"
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
const std::string kStaffPassword = "a-long-staff-password";
const std::string kDomain = "example-co.cn";

HttpResult expect(long status, HttpResult r, const std::string& step) {
  if (r.status != status)
    throw std::runtime_error(step + ": expected " + std::to_string(status) + ", got " +
                             std::to_string(r.status) + " " + r.body);
  return r;
}

// GB 11643 check character.
std::string next_resident_id() {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static std::atomic<int> n{0};
  char first17[18];
  std::snprintf(first17, sizeof first17, "44030419870909%03d", n.fetch_add(1) % 1000);
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return std::string(first17) + "10X98765432"[sum % 11];
}

// GB 32100 check character of a unified social credit code.
std::string with_uscc_check(const std::string& first17) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += static_cast<int>(kAlphabet.find(first17[i])) * kWeights[i];
  return first17 + kAlphabet[(31 - sum % 31) % 31];
}

std::string next_uscc() {
  static std::atomic<int> n{0};
  char body[18];
  std::snprintf(body, sizeof body, "91440300MA5%06d", n.fetch_add(1));
  return with_uscc_check(body);
}

std::string tiny_pdf(const std::string& text) {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\ntrailer << >>\n%%EOF\n";
}
const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01", 24);

// The whole token the file mail provider wrote for `message_id` (code_for() reads 6 characters).
std::string delivered_token(const TestServer& server, const std::string& message_id,
                            std::string* purpose = nullptr) {
  std::istringstream in(read_file(server.data_dir() + "/mail.log"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("message_id=" + message_id + " ") == std::string::npos) continue;
    static const std::regex kLine(R"(purpose=(\S+) code=(\S+))");
    std::smatch m;
    if (!std::regex_search(line, m, kLine)) continue;
    if (purpose) *purpose = m[1];
    return m[2];
  }
  return {};
}

long long count_where(const TestServer& server, const std::string& text, const std::string& param) {
  auto n = database_of(server).read<long long>(
      [&](soci::session& sql) -> hiresafe::core::Result<long long> {
        long long count = 0;
        sql << text, soci::use(param), soci::into(count);
        return count;
      });
  if (!n) throw std::runtime_error("query failed: " + n.error().title);
  return *n;
}

// ---- people ------------------------------------------------------------------------------------

std::string user_id_of(const TestServer& server, const std::string& token) {
  return expect(200, server.client().get("/api/v1/me", token), "GET /me").json()["id"];
}

json missing_of(const TestServer& server, const std::string& token) {
  return expect(200, server.client().get("/api/v1/me/verifications", token), "verifications")
      .json()["missing"];
}

json latest(const TestServer& server, const std::string& token, const std::string& kind) {
  auto r = expect(200, server.client().get("/api/v1/me/verifications", token), "verifications");
  const json items = r.json()["items"];
  for (const auto& item : items)
    if (item["kind"] == kind) return item;
  return nullptr;
}

std::string recruiter(const TestServer& server) {
  return sign_up(server, next_phone(), "1987-09-09", "recruiter");
}

std::string upload(const TestServer& server, const std::string& token, const std::string& purpose,
                   const std::string& bytes, const std::string& type = "application/pdf") {
  auto r = server.client().request("POST", "/api/v1/me/files?purpose=" + purpose, bytes, token,
                                   {{"Content-Type", type}});
  return expect(201, r, "upload " + purpose).json()["id"];
}

json company_body(const std::string& uscc, const std::optional<std::string>& domain = kDomain) {
  json body = {{"name", "深圳示例科技有限公司"},
               {"uscc", uscc},
               {"city_code", "440300"},
               {"industry", "internet"},
               {"size", "50-99"}};
  if (domain) body["email_domain"] = *domain;
  return body;
}

std::string create_company(const TestServer& server, const std::string& token,
                           const std::optional<std::string>& domain = kDomain) {
  return expect(201,
                server.client().post("/api/v1/companies", company_body(next_uscc(), domain), token),
                "company")
      .json()["id"];
}

HttpResult employment_by_documents(const TestServer& server, const std::string& token,
                                   const std::string& company, const std::string& licence,
                                   const std::string& letter) {
  return server.client().post("/api/v1/me/verifications/employment",
                              {{"company_id", company},
                               {"method", "documents"},
                               {"licence_file_id", licence},
                               {"authorisation_file_id", letter}},
                              token);
}

HttpResult employment_by_email(const TestServer& server, const std::string& token,
                               const std::string& company, const std::string& email) {
  return server.client().post("/api/v1/me/verifications/employment",
                              {{"company_id", company}, {"method", "email"}, {"work_email", email}},
                              token);
}

// ---- staff -------------------------------------------------------------------------------------

std::vector<std::string> with_db(const TestServer& server, std::vector<std::string> args) {
  args.insert(args.end(), {"--data-dir", server.data_dir(), "--database-url", server.database_url(),
                           "--password-strength", "min"});
  return args;
}

// Creates a staff member with a review grant and signs them in; returns the staff token.
std::string granted_reviewer(const TestServer& server, const std::string& username) {
  std::string out;
  if (run_hiresafe(with_db(server, {"admin", "create-staff", "--username", username}), &out,
                   kStaffPassword + "\n") != 0)
    throw std::runtime_error("create-staff failed: " + out);
  std::smatch m;
  if (!std::regex_search(out, m, std::regex("secret=([A-Z2-7]+)&")))
    throw std::runtime_error("no otpauth URI in: " + out);
  auto secret = hiresafe::staff::base32_decode(m[1].str());
  if (run_hiresafe(with_db(server, {"admin", "grant-access", "--username", username, "--reason",
                                    "employment review shift"}),
                   &out) != 0)
    throw std::runtime_error("grant-access failed: " + out);
  const long long now =
      expect(200, server.client().post("/__test/clock", {{"advance_seconds", 0}}), "clock")
          .json()["now"];
  return expect(200,
                server.client().post("/api/v1/staff/sign-in",
                                     {{"username", username},
                                      {"password", kStaffPassword},
                                      {"totp", hiresafe::staff::totp_code(*secret, now)}}),
                "staff sign-in")
      .json()["token"];
}

HttpResult decide(const TestServer& server, const std::string& staff_token, const std::string& id,
                  const json& body) {
  return server.client().post("/api/v1/staff/reviews/" + id + "/decision", body, staff_token);
}

struct Member {
  std::string token, user_id, company_id;
};

// A recruiter with an approved identity (staff review).
Member identity_approved_recruiter(const TestServer& server, const std::string& staff_token) {
  Member r{recruiter(server), "", ""};
  r.user_id = user_id_of(server, r.token);
  expect(
      201,
      server.client().post("/api/v1/me/consents", {{"purpose", "identity_verification"}}, r.token),
      "consent");
  const std::string v =
      expect(201,
             server.client().post("/api/v1/me/verifications/identity",
                                  {{"real_name", "黄志强"}, {"id_number", next_resident_id()}},
                                  r.token),
             "identity")
          .json()["id"];
  expect(200, decide(server, staff_token, v, {{"decision", "approve"}}), "approve identity");
  return r;
}

// A fully verified recruiter: identity approved, employment by documents approved at `company`
// (a new company when empty), optionally trusting the company's e-mail domain.
Member member_recruiter(const TestServer& server, const std::string& staff_token,
                        std::string company = "", bool verify_domain = false) {
  Member r = identity_approved_recruiter(server, staff_token);
  if (company.empty()) company = create_company(server, r.token);
  r.company_id = company;
  const auto licence = upload(server, r.token, "business_licence", tiny_pdf("licence"));
  const auto letter = upload(server, r.token, "authorisation_letter", tiny_pdf("letter"));
  const std::string v =
      expect(201, employment_by_documents(server, r.token, company, licence, letter), "employment")
          .json()["id"];
  expect(200,
         decide(server, staff_token, v,
                {{"decision", "approve"}, {"verify_email_domain", verify_domain}}),
         "approve employment");
  return r;
}

HttpResult accept(const TestServer& server, const std::string& token, const std::string& invitation,
                  const std::string& display_name = "小李", bool title_visible = false) {
  return server.client().post("/api/v1/invitations/acceptances",
                              {{"token", invitation},
                               {"display_name", display_name},
                               {"job_title", "招聘经理"},
                               {"title_visible", title_visible}},
                              token);
}

}  // namespace

class CompaniesApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    if (!server_->available()) return;
    try {
      staff_ = granted_reviewer(*server_, "rev.companies");
    } catch (const std::exception& e) {
      setup_error_ = e.what();
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
    ASSERT_TRUE(setup_error_.empty()) << setup_error_;
  }
  static const TestServer& server() { return *server_; }
  static HttpClient api() { return server_->client(); }
  static TestServer* server_;
  static std::string staff_;
  static std::string setup_error_;
};
TestServer* CompaniesApi::server_ = nullptr;
std::string CompaniesApi::staff_;
std::string CompaniesApi::setup_error_;

// ---- VER-2: companies --------------------------------------------------------------------------

// VER-2: a recruiter registers a company with a valid credit code; anyone may read it.
TEST_F(CompaniesApi, RecruiterRegistersACompany) {
  auto token = recruiter(server());
  const auto uscc = next_uscc();
  auto created = api().post("/api/v1/companies", company_body(uscc), token);
  ASSERT_EQ(created.status, 201) << created.body;
  auto c = created.json();
  EXPECT_EQ(c["id"].get<std::string>().rfind("co_", 0), 0u);
  EXPECT_EQ(c["name"], "深圳示例科技有限公司");
  EXPECT_EQ(c["uscc"], uscc);
  EXPECT_EQ(c["city_code"], "440300");
  EXPECT_EQ(c["city_name"], "深圳市");
  EXPECT_EQ(c["industry"], "internet");
  EXPECT_EQ(c["size"], "50-99");
  EXPECT_EQ(c["email_domain"], kDomain);
  EXPECT_EQ(c["email_domain_verified"], false);
  EXPECT_EQ(c["verified_recruiters"], 0);

  auto anonymous = api().get("/api/v1/companies/" + c["id"].get<std::string>());
  ASSERT_EQ(anonymous.status, 200) << anonymous.body;
  EXPECT_EQ(anonymous.json(), c);
  EXPECT_TRUE(is_problem(api().get("/api/v1/companies/co_nosuchcompany"), 404, "not-found"));

  // The code may be typed in lower case with spaces; the domain is folded.
  const auto other = next_uscc();
  std::string typed = other.substr(0, 8) + " " + other.substr(8);
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto folded = api().post("/api/v1/companies", company_body(typed, "Example-CO.cn"), token);
  ASSERT_EQ(folded.status, 201) << folded.body;
  EXPECT_EQ(folded.json()["uscc"], other);
  EXPECT_EQ(folded.json()["email_domain"], kDomain);
  auto no_domain = api().post("/api/v1/companies", company_body(next_uscc(), std::nullopt), token);
  ASSERT_EQ(no_domain.status, 201) << no_domain.body;
  EXPECT_TRUE(no_domain.json()["email_domain"].is_null());

  auto seeker = sign_up(server(), next_phone());
  EXPECT_TRUE(is_problem(api().post("/api/v1/companies", company_body(next_uscc()), seeker), 403,
                         "role-required"));
  EXPECT_EQ(api().post("/api/v1/companies", company_body(next_uscc())).status, 401);
}

// VER-2: bad credit codes, cities and sizes are refused naming the field; nothing is stored.
TEST_F(CompaniesApi, BadCompanyDetailsAreRefused) {
  auto token = recruiter(server());
  const auto good = next_uscc();
  std::string wrong_check = good;
  wrong_check[17] = wrong_check[17] == '0' ? '1' : '0';
  for (const auto& bad : {wrong_check, good.substr(0, 17), good + "1",
                          good.substr(0, 10) + "I" + good.substr(11), std::string()}) {
    auto r = api().post("/api/v1/companies", company_body(bad), token);
    EXPECT_EQ(r.status, 422) << bad << ": " << r.body;
    EXPECT_EQ(error_fields(r), std::set<std::string>{"uscc"}) << bad << ": " << r.body;
  }
  const std::map<std::string, std::pair<std::string, std::string>> fields = {
      {"unknown city", {"city_code", "999900"}},
      {"a province", {"city_code", "440000"}},
      {"not a code", {"city_code", "Shenzhen"}},
      {"size", {"size", "huge"}},
      {"industry", {"industry", ""}},
      {"name", {"name", ""}},
      {"domain", {"email_domain", "not a domain"}},
  };
  for (const auto& [what, change] : fields) {
    auto body = company_body(next_uscc());
    body[change.first] = change.second;
    auto r = api().post("/api/v1/companies", body, token);
    EXPECT_TRUE(is_problem(r, 422, "validation")) << what;
    EXPECT_EQ(error_fields(r), std::set<std::string>{change.first}) << what << ": " << r.body;
  }
  EXPECT_EQ(count_where(server(), "SELECT COUNT(*) FROM companies WHERE created_by = :u",
                        user_id_of(server(), token)),
            0);
}

// VER-2: one company per credit code.
TEST_F(CompaniesApi, ACreditCodeRegistersOneCompany) {
  auto first = recruiter(server());
  auto second = recruiter(server());
  const auto uscc = next_uscc();
  ASSERT_EQ(api().post("/api/v1/companies", company_body(uscc), first).status, 201);
  EXPECT_TRUE(is_problem(api().post("/api/v1/companies", company_body(uscc), second), 409,
                         "company-exists"));
  std::string lower = uscc;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_TRUE(is_problem(api().post("/api/v1/companies", company_body(lower), first), 409,
                         "company-exists"));
}

// ---- VER-2: employment by documents ------------------------------------------------------------

// VER-2: licence and authorisation letter go to staff; the files must be the applicant's own and
// uploaded for their purpose.
TEST_F(CompaniesApi, EmploymentByDocumentsWaitsForStaff) {
  auto token = recruiter(server());
  const auto company = create_company(server(), token);
  const auto licence = upload(server(), token, "business_licence", tiny_pdf("licence"));
  const auto letter = upload(server(), token, "authorisation_letter", tiny_pdf("letter"));
  auto other = recruiter(server());
  const auto others_licence = upload(server(), other, "business_licence", tiny_pdf("not mine"));

  auto not_mine = employment_by_documents(server(), token, company, others_licence, letter);
  EXPECT_TRUE(is_problem(not_mine, 422, "file-not-yours"));
  EXPECT_EQ(error_fields(not_mine), std::set<std::string>{"licence_file_id"});
  auto unknown_file = employment_by_documents(server(), token, company, licence, "f_nosuchfile");
  EXPECT_TRUE(is_problem(unknown_file, 422, "file-not-yours"));
  EXPECT_EQ(error_fields(unknown_file), std::set<std::string>{"authorisation_file_id"});
  auto swapped = employment_by_documents(server(), token, company, letter, licence);
  EXPECT_TRUE(is_problem(swapped, 422, "wrong-file-purpose"));
  EXPECT_EQ(error_fields(swapped), std::set<std::string>{"licence_file_id"});
  auto no_letter = api().post(
      "/api/v1/me/verifications/employment",
      {{"company_id", company}, {"method", "documents"}, {"licence_file_id", licence}}, token);
  EXPECT_EQ(no_letter.status, 422);
  EXPECT_EQ(error_fields(no_letter), std::set<std::string>{"authorisation_file_id"});
  EXPECT_TRUE(
      is_problem(employment_by_documents(server(), token, "co_nosuchcompany", licence, letter), 422,
                 "unknown-company"));
  auto fax = api().post("/api/v1/me/verifications/employment",
                        {{"company_id", company}, {"method", "fax"}}, token);
  EXPECT_EQ(error_fields(fax), std::set<std::string>{"method"});
  auto seeker = sign_up(server(), next_phone());
  EXPECT_TRUE(is_problem(employment_by_documents(server(), seeker, company, licence, letter), 403,
                         "role-required"));
  EXPECT_TRUE(latest(server(), token, "employment").is_null()) << "failures store nothing";

  auto ok = employment_by_documents(server(), token, company, licence, letter);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["kind"], "employment");
  EXPECT_EQ(ok.json()["status"], "pending");
  EXPECT_EQ(ok.json()["provider"], "staff");
  EXPECT_EQ(ok.json()["company_id"], company);
  EXPECT_TRUE(is_problem(employment_by_documents(server(), token, company, licence, letter), 409,
                         "already-submitted"));
  auto queue = api().get("/api/v1/staff/reviews", staff_).json()["items"];
  bool queued = false;
  for (const auto& item : queue) queued = queued || item["id"] == ok.json()["id"];
  EXPECT_TRUE(queued);
}

// ---- VER-4: colleagues -------------------------------------------------------------------------

// VER-4: a verified recruiter invites by link; the invitee signs up with phone + code, keeps the
// title confidential and joins the company.
TEST_F(CompaniesApi, AnInvitedColleagueJoinsWithAConfidentialTitle) {
  auto inviter = member_recruiter(server(), staff_);
  EXPECT_EQ(missing_of(server(), inviter.token), json::array());
  auto inv = api().post("/api/v1/companies/" + inviter.company_id + "/invitations", json::object(),
                        inviter.token);
  ASSERT_EQ(inv.status, 201) << inv.body;
  const std::string token = inv.json()["token"];
  EXPECT_EQ(inv.json()["company_id"], inviter.company_id);
  const long long now = api().post("/__test/clock", {{"advance_seconds", 0}}).json()["now"];
  EXPECT_NEAR(inv.json()["expires_at"].get<long long>(), now + 7 * 86400, 5);

  auto invitee = sign_up(server(), next_phone());  // a seeker, phone + code
  auto joined = accept(server(), invitee, token, "小李", false);
  ASSERT_EQ(joined.status, 200) << joined.body;
  EXPECT_EQ(joined.json()["id"], inviter.company_id);
  EXPECT_EQ(joined.json()["verified_recruiters"], 2);
  auto me = api().get("/api/v1/me", invitee).json();
  const json& roles = me["roles"];
  EXPECT_TRUE(std::find(roles.begin(), roles.end(), "recruiter") != roles.end()) << me.dump();
  EXPECT_EQ(missing_of(server(), invitee), json::array({"identity"}));
  auto employment = latest(server(), invitee, "employment");
  EXPECT_EQ(employment["status"], "approved");
  EXPECT_EQ(employment["provider"], "invitation");
  EXPECT_EQ(employment["company_id"], inviter.company_id);

  // The confidential title: the owner sees it, others do not (VER-6).
  const auto invitee_id = user_id_of(server(), invitee);
  auto own = api().get("/api/v1/me/card", invitee).json();
  EXPECT_EQ(own["job_title"], "招聘经理");
  EXPECT_EQ(own["title_visible"], false);
  auto seen = api().get("/api/v1/users/" + invitee_id + "/card", inviter.token).json();
  EXPECT_EQ(seen["display_name"], "小李");
  EXPECT_TRUE(seen["job_title"].is_null());
  EXPECT_EQ(seen["company_id"], inviter.company_id);
  EXPECT_EQ(seen["company_name"], "深圳示例科技有限公司");

  // A token is used once; the inviter cannot accept their own invitation.
  EXPECT_TRUE(is_problem(accept(server(), invitee, token), 422, "invalid-token"));
  EXPECT_TRUE(
      is_problem(accept(server(), sign_up(server(), next_phone()), token), 422, "invalid-token"));
  auto own_inv = api().post("/api/v1/companies/" + inviter.company_id + "/invitations",
                            json::object(), inviter.token);
  ASSERT_EQ(own_inv.status, 201);
  EXPECT_TRUE(
      is_problem(accept(server(), inviter.token, own_inv.json()["token"]), 409, "own-invitation"));
  EXPECT_TRUE(is_problem(accept(server(), invitee, "iv_0123456789abcdef"), 422, "invalid-token"));
  // Someone who already belongs to a company cannot join another.
  EXPECT_TRUE(
      is_problem(accept(server(), invitee, own_inv.json()["token"]), 409, "already-employed"));
}

// VER-4: an invitation by e-mail delivers the link token to that address only.
TEST_F(CompaniesApi, AnInvitationByEmailDeliversTheToken) {
  auto inviter = member_recruiter(server(), staff_);
  auto inv = api().post("/api/v1/companies/" + inviter.company_id + "/invitations",
                        {{"email", "New.Colleague@Example-Co.cn"}}, inviter.token);
  ASSERT_EQ(inv.status, 201) << inv.body;
  std::string purpose;
  const auto mailed = delivered_token(server(), inv.json()["id"], &purpose);
  ASSERT_FALSE(mailed.empty());
  EXPECT_EQ(purpose, "colleague_invitation");
  EXPECT_EQ(mailed, inv.json()["token"]);
  // SEC-7: the delivery file names a recipient id, not the address.
  const auto mail_log = read_file(server().data_dir() + "/mail.log");
  EXPECT_EQ(mail_log.find("new.colleague"), std::string::npos);
  EXPECT_EQ(mail_log.find("New.Colleague"), std::string::npos);

  auto invitee = sign_up(server(), next_phone());
  auto joined = accept(server(), invitee, mailed, "Lily", true);
  ASSERT_EQ(joined.status, 200) << joined.body;
  auto seen = api().get("/api/v1/users/" + user_id_of(server(), invitee) + "/card", inviter.token);
  EXPECT_EQ(seen.json()["job_title"], "招聘经理") << "a visible title is shown";

  auto bad = api().post("/api/v1/companies/" + inviter.company_id + "/invitations",
                        {{"email", "not an address"}}, inviter.token);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), std::set<std::string>{"email"});
}

// VER-4, VER-3: who may invite and who may accept.
TEST_F(CompaniesApi, OnlyVerifiedMembersInviteAndHeadhuntersCannotJoin) {
  auto member = member_recruiter(server(), staff_);
  auto other = member_recruiter(server(), staff_);
  EXPECT_TRUE(is_problem(api().post("/api/v1/companies/" + member.company_id + "/invitations",
                                    json::object(), other.token),
                         403, "not-a-member"));
  auto seeker = sign_up(server(), next_phone());
  EXPECT_TRUE(is_problem(
      api().post("/api/v1/companies/" + member.company_id + "/invitations", json::object(), seeker),
      403, "role-required"));
  auto unverified = recruiter(server());
  EXPECT_TRUE(is_problem(api().post("/api/v1/companies/" + member.company_id + "/invitations",
                                    json::object(), unverified),
                         403, "identity-verification-required"));

  auto inv = api().post("/api/v1/companies/" + member.company_id + "/invitations", json::object(),
                        member.token);
  ASSERT_EQ(inv.status, 201);
  const auto phone = next_phone();
  auto hunter = expect(201,
                       api().post("/api/v1/auth/headhunters",
                                  {{"email", "hunter.join@example.com"},
                                   {"password", "agency-pass-1"},
                                   {"phone", phone},
                                   {"code", request_code(server(), {{"phone", phone}})},
                                   {"accept_policy_version", 1},
                                   {"birth_date", "1983-03-03"}}),
                       "headhunter")
                    .json()["token"];
  EXPECT_TRUE(
      is_problem(accept(server(), hunter, inv.json()["token"]), 403, "role-not-combinable"));
  // The refused attempt did not spend the token.
  EXPECT_EQ(accept(server(), sign_up(server(), next_phone()), inv.json()["token"]).status, 200);
}

// ---- VER-2: employment by a link to the company's verified domain -----------------------------

// VER-2: once staff trust the company's domain, a colleague proves employment by clicking a link
// sent to their work address.
TEST_F(CompaniesApi, WorkEmailOnTheVerifiedDomainProvesEmployment) {
  auto first = member_recruiter(server(), staff_, "", true);
  auto company = api().get("/api/v1/companies/" + first.company_id).json();
  EXPECT_EQ(company["email_domain_verified"], true);
  EXPECT_EQ(company["verified_recruiters"], 1);

  auto colleague = recruiter(server());
  auto sent = employment_by_email(server(), colleague, first.company_id, "Wang@Example-Co.CN");
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string v = sent.json()["id"];
  EXPECT_EQ(sent.json()["status"], "pending");
  EXPECT_EQ(sent.json()["provider"], "email");
  EXPECT_TRUE(
      is_problem(employment_by_email(server(), colleague, first.company_id, "wang@example-co.cn"),
                 409, "already-submitted"));
  // Not a staff matter: not queued, not decidable by staff.
  const json queue = api().get("/api/v1/staff/reviews", staff_).json()["items"];
  for (const auto& item : queue) EXPECT_NE(item["id"], v);
  EXPECT_TRUE(
      is_problem(decide(server(), staff_, v, {{"decision", "approve"}}), 409, "not-pending"));

  std::string purpose;
  const auto link = delivered_token(server(), v, &purpose);
  ASSERT_FALSE(link.empty());
  EXPECT_EQ(purpose, "work_email_confirmation");
  EXPECT_EQ(read_file(server().data_dir() + "/mail.log").find("wang@"), std::string::npos);

  const std::string confirm = "/api/v1/verifications/email-confirmations";
  EXPECT_TRUE(is_problem(api().post(confirm, {{"token", link + "0"}}), 422, "invalid-token"));
  EXPECT_TRUE(is_problem(api().post(confirm, {{"token", ""}}), 422, "invalid-token"));
  auto confirmed = api().post(confirm, {{"token", link}});  // no session needed: a mail link
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json()["id"], v);
  EXPECT_EQ(confirmed.json()["status"], "approved");
  EXPECT_EQ(confirmed.json()["company_id"], first.company_id);
  EXPECT_EQ(latest(server(), colleague, "employment")["status"], "approved");
  EXPECT_EQ(missing_of(server(), colleague), json::array({"identity"}));
  EXPECT_EQ(api().get("/api/v1/companies/" + first.company_id).json()["verified_recruiters"], 2);
  EXPECT_TRUE(is_problem(api().post(confirm, {{"token", link}}), 422, "invalid-token"));
}

// VER-2: the address must be on the company's domain, and the domain must be verified.
TEST_F(CompaniesApi, WorkEmailNeedsTheCompanysVerifiedDomain) {
  auto trusted = member_recruiter(server(), staff_, "", true);
  auto applicant = recruiter(server());
  auto mismatch = employment_by_email(server(), applicant, trusted.company_id, "wang@other-co.cn");
  EXPECT_TRUE(is_problem(mismatch, 422, "email-domain-mismatch"));
  EXPECT_EQ(error_fields(mismatch), std::set<std::string>{"work_email"});
  EXPECT_TRUE(is_problem(
      employment_by_email(server(), applicant, trusted.company_id, "wang@mail.example-co.cn"), 422,
      "email-domain-mismatch"));

  auto owner = recruiter(server());
  const auto unverified = create_company(server(), owner);  // domain given, not yet trusted
  auto not_verified = employment_by_email(server(), applicant, unverified, "wang@example-co.cn");
  EXPECT_TRUE(is_problem(not_verified, 422, "email-domain-not-verified"));
  EXPECT_EQ(error_fields(not_verified), std::set<std::string>{"work_email"});
  const auto no_domain = create_company(server(), owner, std::nullopt);
  EXPECT_TRUE(is_problem(employment_by_email(server(), applicant, no_domain, "wang@example-co.cn"),
                         422, "email-domain-not-verified"));

  auto missing = api().post("/api/v1/me/verifications/employment",
                            {{"company_id", trusted.company_id}, {"method", "email"}}, applicant);
  EXPECT_EQ(error_fields(missing), std::set<std::string>{"work_email"});
  EXPECT_EQ(error_fields(employment_by_email(server(), applicant, trusted.company_id, "wang")),
            std::set<std::string>{"work_email"});
  EXPECT_TRUE(latest(server(), applicant, "employment").is_null()) << "failures store nothing";
}

// ---- VER-6: business cards ---------------------------------------------------------------------

// VER-6: a recruiter's card shows the chosen name, the company and the title only if visible.
TEST_F(CompaniesApi, BusinessCardsHideAConfidentialTitle) {
  auto member = member_recruiter(server(), staff_);
  auto put = api().put("/api/v1/me/card",
                       {{"display_name", "王经理"}, {"job_title", "HRD"}, {"title_visible", false}},
                       member.token);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["display_name"], "王经理");
  EXPECT_EQ(put.json()["job_title"], "HRD");
  EXPECT_EQ(put.json()["user_id"], member.user_id);

  auto reader = sign_up(server(), next_phone());
  auto seen = api().get("/api/v1/users/" + member.user_id + "/card", reader);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json()["display_name"], "王经理");
  EXPECT_TRUE(seen.json()["job_title"].is_null());
  EXPECT_EQ(seen.json()["title_visible"], false);
  EXPECT_EQ(seen.json()["company_id"], member.company_id);
  EXPECT_EQ(seen.json()["company_name"], "深圳示例科技有限公司");
  EXPECT_EQ(seen.body.find("HRD"), std::string::npos);
  auto own = api().get("/api/v1/me/card", member.token);
  EXPECT_EQ(own.json()["job_title"], "HRD");

  ASSERT_EQ(api()
                .put("/api/v1/me/card",
                     {{"display_name", "王经理"}, {"job_title", "HRD"}, {"title_visible", true}},
                     member.token)
                .status,
            200);
  EXPECT_EQ(api().get("/api/v1/users/" + member.user_id + "/card", reader).json()["job_title"],
            "HRD");
  EXPECT_EQ(api().get("/api/v1/users/" + member.user_id + "/card").status, 401);
}

// VER-6: cards are for recruiters and headhunters; the avatar is the owner's own image.
TEST_F(CompaniesApi, CardRulesAndAvatars) {
  auto seeker = sign_up(server(), next_phone());
  EXPECT_TRUE(is_problem(api().put("/api/v1/me/card", {{"display_name", "求职者"}}, seeker), 403,
                         "role-required"));
  EXPECT_TRUE(
      is_problem(api().get("/api/v1/users/" + user_id_of(server(), seeker) + "/card", seeker), 404,
                 "not-found"));
  EXPECT_EQ(api().get("/api/v1/me/card", seeker).status, 404);

  auto token = recruiter(server());
  EXPECT_EQ(error_fields(api().put("/api/v1/me/card", {{"display_name", ""}}, token)),
            std::set<std::string>{"display_name"});
  EXPECT_EQ(error_fields(api().put("/api/v1/me/card",
                                   {{"display_name", "小陈"}, {"job_title", std::string(61, 'x')}},
                                   token)),
            std::set<std::string>{"job_title"});
  const auto avatar = upload(server(), token, "avatar", kPng, "image/png");
  const auto licence = upload(server(), token, "business_licence", tiny_pdf("licence"));
  auto other = recruiter(server());
  const auto others_avatar = upload(server(), other, "avatar", kPng, "image/png");
  EXPECT_TRUE(is_problem(
      api().put("/api/v1/me/card", {{"display_name", "小陈"}, {"avatar_file_id", licence}}, token),
      422, "wrong-file-purpose"));
  EXPECT_TRUE(
      is_problem(api().put("/api/v1/me/card",
                           {{"display_name", "小陈"}, {"avatar_file_id", others_avatar}}, token),
                 422, "file-not-yours"));
  auto ok =
      api().put("/api/v1/me/card", {{"display_name", "小陈"}, {"avatar_file_id", avatar}}, token);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["avatar_file_id"], avatar);
  EXPECT_EQ(ok.json()["job_title"], nullptr);
  EXPECT_EQ(ok.json()["title_visible"], true) << "visible unless the owner hides it";
  EXPECT_TRUE(ok.json()["company_id"].is_null()) << "not yet a member";
  // SEC-2: the display name is stored sealed.
  EXPECT_EQ(
      count_where(server(), "SELECT COUNT(*) FROM business_cards WHERE display_name_enc LIKE :n",
                  "%小陈%"),
      0);
}

// ---- fixed bugs, kept as regression tests ------------------------------------------------------

// VER-2: a lone bad credit code is answered with its own problem type, as a bad ID number is.
// (Was a generic "validation" until 02facb1.)
TEST_F(CompaniesApi, ALoneBadCreditCodeHasItsOwnProblemType) {
  auto token = recruiter(server());
  std::string bad = next_uscc();
  bad[17] = bad[17] == '0' ? '1' : '0';
  auto r = api().post("/api/v1/companies", company_body(bad), token);
  EXPECT_TRUE(is_problem(r, 422, "invalid-credit-code"));
  EXPECT_EQ(error_fields(r), std::set<std::string>{"uscc"});
}

// SEC-4: staff can open the approved record an invitation creates, like any other case.
// (Its details were empty and opening it answered 500 until 02facb1.)
TEST_F(CompaniesApi, StaffCanOpenTheRecordAnInvitationCreated) {
  auto inviter = member_recruiter(server(), staff_);
  auto inv = expect(201,
                    api().post("/api/v1/companies/" + inviter.company_id + "/invitations",
                               json::object(), inviter.token),
                    "invite");
  auto invitee = sign_up(server(), next_phone());
  ASSERT_EQ(accept(server(), invitee, inv.json()["token"]).status, 200);
  const std::string v = latest(server(), invitee, "employment")["id"];
  auto opened = api().get("/api/v1/staff/reviews/" + v, staff_);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["status"], "approved");
  EXPECT_EQ(opened.json()["provider"], "invitation");
  EXPECT_EQ(opened.json()["details"]["method"], "invitation");
  EXPECT_EQ(opened.json()["details"]["invitation_id"], inv.json()["id"]);
  EXPECT_TRUE(
      is_problem(decide(server(), staff_, v, {{"decision", "approve"}}), 409, "not-pending"));
}

// ---- VER-4, VER-2: links expire ----------------------------------------------------------------

// One server whose clock the tests move on; everything staff do happens before, in set-up.
class CompaniesExpiryApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    if (!server_->available()) return;
    try {
      first_ = member_recruiter(*server_, granted_reviewer(*server_, "rev.expiry"), "", true);
    } catch (const std::exception& e) {
      setup_error_ = e.what();
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
    ASSERT_TRUE(setup_error_.empty()) << setup_error_;
  }
  static const TestServer& server() { return *server_; }
  static HttpResult confirm(const std::string& link) {
    return server_->client().post("/api/v1/verifications/email-confirmations", {{"token", link}});
  }
  static TestServer* server_;
  static Member first_;  // verified, at a company whose domain is verified
  static std::string setup_error_;
};
TestServer* CompaniesExpiryApi::server_ = nullptr;
Member CompaniesExpiryApi::first_;
std::string CompaniesExpiryApi::setup_error_;

// VER-4: an invitation is valid for 7 days.
TEST_F(CompaniesExpiryApi, InvitationsExpireAfterSevenDays) {
  const std::string path = "/api/v1/companies/" + first_.company_id + "/invitations";
  auto early = expect(201, server().client().post(path, json::object(), first_.token), "invite");
  auto late = expect(201, server().client().post(path, json::object(), first_.token), "invite");
  server().advance_clock(6 * 86400);
  EXPECT_EQ(accept(server(), sign_up(server(), next_phone()), early.json()["token"]).status, 200);
  server().advance_clock(2 * 86400);
  auto expired = accept(server(), sign_up(server(), next_phone()), late.json()["token"]);
  EXPECT_TRUE(is_problem(expired, 422, "invalid-token"));
}

// VER-2: the work e-mail link is valid for a day.
TEST_F(CompaniesExpiryApi, WorkEmailLinksExpireAfterADay) {
  auto colleague = recruiter(server());
  auto sent =
      expect(201, employment_by_email(server(), colleague, first_.company_id, "li@example-co.cn"),
             "email");
  const auto link = delivered_token(server(), sent.json()["id"]);
  ASSERT_FALSE(link.empty());
  server().advance_clock(25 * 3600);
  EXPECT_TRUE(is_problem(confirm(link), 422, "invalid-token"));
  EXPECT_EQ(missing_of(server(), colleague), json::array({"identity", "employment"}));
}

// VER-2: a work e-mail link that lapsed (or went to a mistyped address) does not block a new
// attempt. (The lapsed one stayed "pending" forever and every retry got 409 until 02facb1.)
TEST_F(CompaniesExpiryApi, ALapsedWorkEmailLinkDoesNotBlockANewAttempt) {
  auto colleague = recruiter(server());
  auto typo = expect(
      201, employment_by_email(server(), colleague, first_.company_id, "zhnag@example-co.cn"),
      "mistyped address");
  EXPECT_TRUE(
      is_problem(employment_by_email(server(), colleague, first_.company_id, "zhang@example-co.cn"),
                 409, "already-submitted"))
      << "while the first link is still valid";
  server().advance_clock(25 * 3600);
  auto retry = employment_by_email(server(), colleague, first_.company_id, "zhang@example-co.cn");
  ASSERT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(confirm(delivered_token(server(), retry.json()["id"])).status, 200);
  EXPECT_EQ(missing_of(server(), colleague), json::array({"identity"}));
  // The lapsed link stays dead.
  EXPECT_TRUE(
      is_problem(confirm(delivered_token(server(), typo.json()["id"])), 422, "invalid-token"));
}

class CompaniesAtOnceApi : public CompaniesApi {};

// VER-4: the recruiter role an invitee gains by accepting applies to their very next request.
// CompanyService::accept evicts the caller's sessions from this node's session cache.
TEST_F(CompaniesAtOnceApi, RolesGainedByAcceptingAnInvitationApplyAtOnce) {
  auto inviter = member_recruiter(server(), staff_);
  auto inv = expect(201,
                    api().post("/api/v1/companies/" + inviter.company_id + "/invitations",
                               json::object(), inviter.token),
                    "invite");
  auto invitee = sign_up(server(), next_phone());
  ASSERT_EQ(api().get("/api/v1/me", invitee).status, 200);  // the session is now cached
  ASSERT_EQ(accept(server(), invitee, inv.json()["token"]).status, 200);
  auto roles = api().get("/api/v1/me", invitee).json()["roles"];
  EXPECT_TRUE(std::find(roles.begin(), roles.end(), "recruiter") != roles.end()) << roles.dump();
  auto card = api().put("/api/v1/me/card", {{"display_name", "新同事"}}, invitee);
  EXPECT_EQ(card.status, 200) << card.body;
}

// SEC-3: another user's read of a business card (a display name that may be a real name, sealed
// as personal data) is recorded like every other read of a person's data; the owner's own is not.
TEST_F(CompaniesAtOnceApi, ReadingSomeoneElsesCardIsRecorded) {
  auto owner = recruiter(server());
  ASSERT_EQ(api().put("/api/v1/me/card", {{"display_name", "周女士"}}, owner).status, 200);
  const auto owner_id = user_id_of(server(), owner);
  const std::string count = "SELECT COUNT(*) FROM access_records WHERE subject_user_id = :s";
  const auto before = count_where(server(), count, owner_id);
  ASSERT_EQ(api().get("/api/v1/me/card", owner).status, 200);
  EXPECT_EQ(count_where(server(), count, owner_id), before) << "the owner's own read is not";
  auto reader = sign_up(server(), next_phone());
  ASSERT_EQ(api().get("/api/v1/users/" + owner_id + "/card", reader).status, 200);
  EXPECT_EQ(count_where(server(), count, owner_id), before + 1);
}
