// The operator's staff review verifications (SEC-4): staff sign in with password + TOTP, see a
// queue without personal data, open a case only under a time-limited access grant, every read
// is an access record and every decision a tamper-evident audit entry. The decisions open the
// recruiter and headhunter gate (VER-3, VER-5).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <stdexcept>
#include <thread>

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

HttpResult expect(long status, HttpResult r, const std::string& step) {
  if (r.status != status)
    throw std::runtime_error(step + ": expected " + std::to_string(status) + ", got " +
                             std::to_string(r.status) + " " + r.body);
  return r;
}

// GB 11643 check character.
std::string with_id_check(const std::string& first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

std::string next_resident_id() {
  static std::atomic<int> n{0};
  char seq[4];
  std::snprintf(seq, sizeof seq, "%03d", n.fetch_add(1) % 1000);
  return with_id_check(std::string("11010119850412") + seq);
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
  std::snprintf(body, sizeof body, "91110105MA7%06d", n.fetch_add(1));
  return with_uscc_check(body);
}

std::string tiny_pdf(const std::string& text) {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\ntrailer << >>\n%%EOF\n";
}

// ---- the server's database -------------------------------------------------------------------

// COUNT(*) of a query whose text parameters are bound in order.
long long count_sql(const TestServer& server, const std::string& text,
                    std::vector<std::string> params = {}) {
  auto n = database_of(server).read<long long>(
      [&](soci::session& sql) -> hiresafe::core::Result<long long> {
        long long count = 0;
        auto& p = params;
        switch (p.size()) {
          case 0:
            sql << text, soci::into(count);
            break;
          case 1:
            sql << text, soci::use(p[0]), soci::into(count);
            break;
          case 2:
            sql << text, soci::use(p[0]), soci::use(p[1]), soci::into(count);
            break;
          case 3:
            sql << text, soci::use(p[0]), soci::use(p[1]), soci::use(p[2]), soci::into(count);
            break;
          default:
            throw std::logic_error("count_sql takes at most 3 parameters");
        }
        return count;
      });
  if (!n) throw std::runtime_error("query failed: " + n.error().title);
  return *n;
}

// ---- people and submissions ------------------------------------------------------------------

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

std::string upload(const TestServer& server, const std::string& token, const std::string& purpose,
                   const std::string& bytes) {
  auto r = server.client().request("POST", "/api/v1/me/files?purpose=" + purpose, bytes, token,
                                   {{"Content-Type", "application/pdf"}});
  return expect(201, r, "upload " + purpose).json()["id"];
}

// A person whose identity check waits for staff.
struct Applicant {
  std::string token, user_id, verification_id, name, id_number;
};

Applicant identity_applicant(const TestServer& server, const std::string& name,
                             const std::string& token_in = "") {
  Applicant a;
  a.token = token_in.empty() ? sign_up(server, next_phone(), "1985-04-12", "recruiter") : token_in;
  a.user_id = user_id_of(server, a.token);
  a.name = name;
  a.id_number = next_resident_id();
  expect(
      201,
      server.client().post("/api/v1/me/consents", {{"purpose", "identity_verification"}}, a.token),
      "consent");
  a.verification_id =
      expect(201,
             server.client().post("/api/v1/me/verifications/identity",
                                  {{"real_name", name}, {"id_number", a.id_number}}, a.token),
             "identity")
          .json()["id"];
  return a;
}

std::string create_company(const TestServer& server, const std::string& token) {
  return expect(201,
                server.client().post("/api/v1/companies",
                                     {{"name", "北京评审科技有限公司"},
                                      {"uscc", next_uscc()},
                                      {"city_code", "110100"},
                                      {"industry", "software"},
                                      {"size", "50-99"},
                                      {"email_domain", "review-co.cn"}},
                                     token),
                "company")
      .json()["id"];
}

// Employment by documents: returns the verification id; the file ids through the out-params.
std::string submit_documents(const TestServer& server, const std::string& token,
                             const std::string& company_id, std::string* licence = nullptr,
                             std::string* letter = nullptr) {
  const auto licence_id =
      upload(server, token, "business_licence", tiny_pdf("licence " + token.substr(0, 6)));
  const auto letter_id = upload(server, token, "authorisation_letter", tiny_pdf("letter"));
  if (licence) *licence = licence_id;
  if (letter) *letter = letter_id;
  return expect(201,
                server.client().post("/api/v1/me/verifications/employment",
                                     {{"company_id", company_id},
                                      {"method", "documents"},
                                      {"licence_file_id", licence_id},
                                      {"authorisation_file_id", letter_id}},
                                     token),
                "employment")
      .json()["id"];
}

// ---- staff -----------------------------------------------------------------------------------

std::vector<std::string> with_db(const TestServer& server, std::vector<std::string> args) {
  args.insert(args.end(), {"--data-dir", server.data_dir(), "--database-url", server.database_url(),
                           "--password-strength", "min"});
  return args;
}

struct Staff {
  std::string username, staff_id, secret;
  long long last_step = -1;
};

Staff create_staff(const TestServer& server, const std::string& username) {
  std::string out;
  if (run_hiresafe(with_db(server, {"admin", "create-staff", "--username", username}), &out,
                   kStaffPassword + "\n") != 0)
    throw std::runtime_error("create-staff failed: " + out);
  static const std::regex kSecret("otpauth://totp/[^?]+\\?secret=([A-Z2-7]+)&");
  static const std::regex kId("created staff (st_[0-9a-z]+)");
  std::smatch secret, id;
  if (!std::regex_search(out, secret, kSecret) || !std::regex_search(out, id, kId))
    throw std::runtime_error("no otpauth URI or id in: " + out);
  auto raw = hiresafe::staff::base32_decode(secret[1].str());
  if (!raw || raw->size() != 20) throw std::runtime_error("bad TOTP secret in: " + out);
  return {username, id[1], *raw};
}

void grant_access(const TestServer& server, const std::string& username,
                  const std::string& hours = "8") {
  std::string out;
  if (run_hiresafe(with_db(server, {"admin", "grant-access", "--username", username, "--hours",
                                    hours, "--reason", "verification review shift"}),
                   &out) != 0)
    throw std::runtime_error("grant-access failed: " + out);
}

// The server's clock (it may have been moved).
long long server_now(const TestServer& server) {
  return expect(200, server.client().post("/__test/clock", {{"advance_seconds", 0}}), "clock")
      .json()["now"];
}

HttpResult staff_sign_in(const TestServer& server, const std::string& username,
                         const std::string& password, const std::string& totp) {
  return server.client().post("/api/v1/staff/sign-in",
                              {{"username", username}, {"password", password}, {"totp", totp}});
}

// Signs in with a code from a time step not used before (moving the clock on when needed).
std::string sign_in(const TestServer& server, Staff& staff) {
  long long now = server_now(server);
  if (now / 30 <= staff.last_step) {
    server.advance_clock((staff.last_step + 1) * 30 - now);
    now = server_now(server);
  }
  auto r = staff_sign_in(server, staff.username, kStaffPassword,
                         hiresafe::staff::totp_code(staff.secret, now));
  staff.last_step = now / 30;
  return expect(200, r, "staff sign-in").json()["token"];
}

HttpResult decide(const TestServer& server, const std::string& staff_token, const std::string& id,
                  const json& body) {
  return server.client().post("/api/v1/staff/reviews/" + id + "/decision", body, staff_token);
}

HttpResult approve(const TestServer& server, const std::string& staff_token,
                   const std::string& id) {
  return decide(server, staff_token, id, {{"decision", "approve"}});
}

}  // namespace

class StaffReviewApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    if (!server_->available()) return;
    try {
      reviewer_ = create_staff(*server_, "rev.main");
      grant_access(*server_, "rev.main");
      token_ = sign_in(*server_, reviewer_);
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
  static Staff reviewer_;
  static std::string token_;  // rev.main, with an active grant
  static std::string setup_error_;
};
TestServer* StaffReviewApi::server_ = nullptr;
Staff StaffReviewApi::reviewer_;
std::string StaffReviewApi::token_;
std::string StaffReviewApi::setup_error_;

// SEC-4: staff sign in with password and a TOTP code; a wrong code and a replayed code fail.
TEST_F(StaffReviewApi, StaffSignInNeedsAFreshOneTimeCode) {
  auto staff = create_staff(server(), "rev.signin");
  const long long now = server_now(server());
  const std::string right = hiresafe::staff::totp_code(staff.secret, now);
  std::string wrong = hiresafe::staff::totp_code(staff.secret, now + 3600);
  for (long long d : {-30, 0, 30})
    if (wrong == hiresafe::staff::totp_code(staff.secret, now + d)) wrong = "000000";

  EXPECT_TRUE(is_problem(staff_sign_in(server(), "rev.signin", kStaffPassword, wrong), 401,
                         "invalid-credentials"));
  EXPECT_TRUE(is_problem(staff_sign_in(server(), "rev.signin", kStaffPassword, "12ab"), 401,
                         "invalid-credentials"));
  EXPECT_TRUE(is_problem(staff_sign_in(server(), "rev.signin", "not-the-password", right), 401,
                         "invalid-credentials"));
  EXPECT_TRUE(is_problem(staff_sign_in(server(), "nobody.here", kStaffPassword, right), 401,
                         "invalid-credentials"));

  auto ok = staff_sign_in(server(), "rev.signin", kStaffPassword, right);
  ASSERT_EQ(ok.status, 200) << ok.body;
  const std::string token = ok.json()["token"];
  EXPECT_EQ(token.rfind("st_", 0), 0u);
  EXPECT_EQ(ok.json()["staff_id"], staff.staff_id);
  EXPECT_GT(ok.json()["expires_at"].get<long long>(), now);
  // The same code a second time is a replay.
  EXPECT_TRUE(is_problem(staff_sign_in(server(), "rev.signin", kStaffPassword, right), 401,
                         "invalid-credentials"));
  // So is the code of the step before, though it is inside the drift window.
  EXPECT_EQ(staff_sign_in(server(), "rev.signin", kStaffPassword,
                          hiresafe::staff::totp_code(staff.secret, now - 30))
                .status,
            401);
  // The next step's code works.
  server().advance_clock(30);
  auto next = staff_sign_in(server(), "rev.signin", kStaffPassword,
                            hiresafe::staff::totp_code(staff.secret, server_now(server())));
  EXPECT_EQ(next.status, 200) << next.body;

  // A staff token is not a user session and the reverse.
  EXPECT_EQ(api().get("/api/v1/me", token).status, 401);
  auto user = sign_up(server(), next_phone());
  EXPECT_EQ(api().get("/api/v1/staff/reviews", user).status, 401);
  EXPECT_EQ(api().get("/api/v1/staff/reviews").status, 401);
  // Sign-out ends the staff session.
  EXPECT_EQ(api().request("POST", "/api/v1/staff/sign-out", std::nullopt, token).status, 204);
  EXPECT_EQ(api().get("/api/v1/staff/reviews", token).status, 401);
}

// SEC-4: the queue lists pending items with no personal fields.
TEST_F(StaffReviewApi, TheQueueShowsNoPersonalData) {
  auto a = identity_applicant(server(), "钱学林");
  auto r = api().get("/api/v1/staff/reviews", token_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find("钱学林"), std::string::npos);
  EXPECT_EQ(r.body.find(a.id_number), std::string::npos);
  EXPECT_EQ(r.body.find(a.user_id), std::string::npos) << "not even whose it is";
  bool found = false;
  const json items = r.json()["items"];
  for (const auto& item : items) {
    std::set<std::string> keys;
    for (const auto& [k, v] : item.items()) keys.insert(k);
    EXPECT_EQ(keys, (std::set<std::string>{"id", "kind", "provider", "submitted_at"}));
    EXPECT_NE(item["id"], nullptr);
    if (item["id"] == a.verification_id) {
      found = true;
      EXPECT_EQ(item["kind"], "identity");
      EXPECT_EQ(item["provider"], "staff");
    }
  }
  EXPECT_TRUE(found) << r.body;
}

// SEC-4, SEC-3: opening a case needs an active grant; each read is an access record.
TEST_F(StaffReviewApi, OpeningACaseNeedsAGrantAndIsRecorded) {
  auto staff = create_staff(server(), "rev.nogrant");
  auto token = sign_in(server(), staff);
  auto a = identity_applicant(server(), "孔令辉");
  const std::string path = "/api/v1/staff/reviews/" + a.verification_id;
  auto refused = api().get(path, token);
  EXPECT_TRUE(is_problem(refused, 403, "access-grant-required"));
  EXPECT_EQ(refused.body.find("孔令辉"), std::string::npos);
  EXPECT_TRUE(
      is_problem(approve(server(), token, a.verification_id), 403, "access-grant-required"));
  EXPECT_EQ(latest(server(), a.token, "identity")["status"], "pending");
  EXPECT_EQ(api().get("/api/v1/staff/grants", token).json()["items"].size(), 0u);
  const auto records_before = count_sql(
      server(), "SELECT COUNT(*) FROM access_records WHERE subject_user_id = :s", {a.user_id});
  EXPECT_EQ(records_before, 0);

  grant_access(server(), "rev.nogrant");
  auto grants = api().get("/api/v1/staff/grants", token).json()["items"];
  ASSERT_EQ(grants.size(), 1u);
  EXPECT_EQ(grants[0]["purpose"], "verification_review");
  EXPECT_EQ(grants[0]["reason"], "verification review shift");
  auto opened = api().get(path, token);
  ASSERT_EQ(opened.status, 200) << opened.body;
  auto c = opened.json();
  EXPECT_EQ(c["id"], a.verification_id);
  EXPECT_EQ(c["user_id"], a.user_id);
  EXPECT_EQ(c["status"], "pending");
  EXPECT_EQ(c["details"]["real_name"], "孔令辉");
  EXPECT_EQ(c["details"]["id_number"], a.id_number);

  EXPECT_EQ(count_sql(server(),
                      "SELECT COUNT(*) FROM access_records WHERE actor_kind = 'staff' AND "
                      "actor_id = :a AND subject_user_id = :s AND purpose = 'verification_review' "
                      "AND data_kind = 'verification:identity' AND grant_id = :g",
                      {staff.staff_id, a.user_id, grants[0]["id"].get<std::string>()}),
            1);
  ASSERT_EQ(api().get(path, token).status, 200);
  EXPECT_EQ(count_sql(server(), "SELECT COUNT(*) FROM access_records WHERE subject_user_id = :s",
                      {a.user_id}),
            2)
      << "every read is recorded";
  EXPECT_EQ(count_sql(server(),
                      "SELECT COUNT(*) FROM audit_log WHERE action = 'review.open' AND target = :t "
                      "AND actor = :a",
                      {a.verification_id, "staff:" + staff.staff_id}),
            2);
  EXPECT_TRUE(
      is_problem(api().get("/api/v1/staff/reviews/v_nosuchthing", token), 404, "not-found"));
}

// SEC-4: staff read the files of the submission under review, and only those.
TEST_F(StaffReviewApi, StaffReadTheSubmittedFilesUnderTheGrant) {
  auto applicant = sign_up(server(), next_phone(), "1985-04-12", "recruiter");
  const auto user = user_id_of(server(), applicant);
  const auto company = create_company(server(), applicant);
  std::string licence, letter;
  const auto v = submit_documents(server(), applicant, company, &licence, &letter);
  const std::string base = "/api/v1/staff/reviews/" + v;

  auto opened = api().get(base, token_);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["kind"], "employment");
  EXPECT_EQ(opened.json()["company_id"], company);
  EXPECT_EQ(opened.json()["details"]["method"], "documents");
  EXPECT_EQ(opened.json()["details"]["licence_file_id"], licence);

  auto file = api().get(base + "/files/" + licence, token_);
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.body, tiny_pdf("licence " + applicant.substr(0, 6)));
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  EXPECT_EQ(api().get(base + "/files/" + letter, token_).body, tiny_pdf("letter"));
  EXPECT_EQ(count_sql(server(),
                      "SELECT COUNT(*) FROM access_records WHERE actor_kind = 'staff' AND "
                      "subject_user_id = :s AND data_kind = 'file:business_licence' AND "
                      "purpose = 'verification_review'",
                      {user}),
            1);
  EXPECT_EQ(count_sql(server(),
                      "SELECT COUNT(*) FROM audit_log WHERE action = 'review.open_file' "
                      "AND target = :t",
                      {licence}),
            1);

  // A file that is not part of this submission cannot be read through it.
  auto other = sign_up(server(), next_phone(), "1985-04-12", "recruiter");
  const auto stranger_file = upload(server(), other, "business_licence", tiny_pdf("other"));
  EXPECT_EQ(api().get(base + "/files/" + stranger_file, token_).status, 404);
  auto other_avatar = upload(server(), applicant, "agency_licence", tiny_pdf("unrelated"));
  EXPECT_EQ(api().get(base + "/files/" + other_avatar, token_).status, 404);
  EXPECT_EQ(count_sql(server(), "SELECT COUNT(*) FROM access_records WHERE subject_user_id = :s",
                      {user_id_of(server(), other)}),
            0);
}

// SEC-4, VER-1: a rejection needs a reason; a case is decided once; the applicant sees the outcome.
TEST_F(StaffReviewApi, DecisionsAreReasonedFinalAndVisibleToTheApplicant) {
  auto a = identity_applicant(server(), "冯文博");
  auto no_reason = decide(server(), token_, a.verification_id, {{"decision", "reject"}});
  EXPECT_TRUE(is_problem(no_reason, 422, "validation"));
  EXPECT_EQ(error_fields(no_reason), std::set<std::string>{"reason"});
  EXPECT_EQ(
      decide(server(), token_, a.verification_id, {{"decision", "reject"}, {"reason", "x"}}).status,
      422);
  auto maybe = decide(server(), token_, a.verification_id, {{"decision", "maybe"}});
  EXPECT_EQ(maybe.status, 422);
  EXPECT_EQ(error_fields(maybe), std::set<std::string>{"decision"});
  EXPECT_EQ(decide(server(), token_, a.verification_id, json::object()).status, 422);
  EXPECT_EQ(latest(server(), a.token, "identity")["status"], "pending")
      << "failures change nothing";

  auto approved = approve(server(), token_, a.verification_id);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["status"], "approved");
  auto seen = latest(server(), a.token, "identity");
  EXPECT_EQ(seen["status"], "approved");
  EXPECT_FALSE(seen["decided_at"].is_null());
  EXPECT_TRUE(is_problem(approve(server(), token_, a.verification_id), 409, "not-pending"));
  EXPECT_TRUE(is_problem(decide(server(), token_, a.verification_id,
                                {{"decision", "reject"}, {"reason", "second thoughts"}}),
                         409, "not-pending"));
  EXPECT_EQ(latest(server(), a.token, "identity")["status"], "approved");
  // The approved number stays claimed.
  auto b = sign_up(server(), next_phone(), "1985-04-12", "recruiter");
  expect(201, api().post("/api/v1/me/consents", {{"purpose", "identity_verification"}}, b),
         "consent");
  EXPECT_TRUE(is_problem(api().post("/api/v1/me/verifications/identity",
                                    {{"real_name", "冯文博"}, {"id_number", a.id_number}}, b),
                         409, "id-number-in-use"));

  // A rejection reaches the applicant with its reason and frees the number.
  auto r = identity_applicant(server(), "卫青云");
  const std::string reason = "The name does not match the ID card photo";
  auto rejected =
      decide(server(), token_, r.verification_id, {{"decision", "reject"}, {"reason", reason}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  auto outcome = latest(server(), r.token, "identity");
  EXPECT_EQ(outcome["status"], "rejected");
  EXPECT_EQ(outcome["reason"], reason);
  EXPECT_TRUE(is_problem(approve(server(), token_, r.verification_id), 409, "not-pending"));
  auto owner = sign_up(server(), next_phone(), "1985-04-12", "recruiter");
  expect(201, api().post("/api/v1/me/consents", {{"purpose", "identity_verification"}}, owner),
         "consent");
  EXPECT_EQ(api()
                .post("/api/v1/me/verifications/identity",
                      {{"real_name", "卫青云"}, {"id_number", r.id_number}}, owner)
                .status,
            201);
  // The rejected applicant may try again with another submission. (A second later: "latest"
  // is ordered by the submission second, see the report.)
  server().advance_clock(1);
  EXPECT_EQ(api()
                .post("/api/v1/me/verifications/identity",
                      {{"real_name", "卫青云"}, {"id_number", next_resident_id()}}, r.token)
                .status,
            201);
  EXPECT_EQ(latest(server(), r.token, "identity")["status"], "pending");
}

// SEC-4: the audit chain is intact after reviews and holds every open and decision, with ids only.
TEST_F(StaffReviewApi, TheAuditChainRecordsEveryReviewAndStaysIntact) {
  auto a = identity_applicant(server(), "蒋雨涵");
  auto b = identity_applicant(server(), "韩子墨");
  ASSERT_EQ(api().get("/api/v1/staff/reviews/" + a.verification_id, token_).status, 200);
  ASSERT_EQ(api().get("/api/v1/staff/reviews/" + b.verification_id, token_).status, 200);
  ASSERT_EQ(approve(server(), token_, a.verification_id).status, 200);
  ASSERT_EQ(decide(server(), token_, b.verification_id,
                   {{"decision", "reject"}, {"reason", "blurred photo"}})
                .status,
            200);
  const std::string actor = "staff:" + reviewer_.staff_id;
  for (const auto& [action, target] :
       std::vector<std::pair<std::string, std::string>>{{"review.open", a.verification_id},
                                                        {"review.open", b.verification_id},
                                                        {"review.approve", a.verification_id},
                                                        {"review.reject", b.verification_id}}) {
    EXPECT_EQ(count_sql(server(),
                        "SELECT COUNT(*) FROM audit_log WHERE action = :a AND target = :t AND "
                        "actor = :s",
                        {action, target, actor}),
              1)
        << action << " " << target;
  }
  EXPECT_GE(count_sql(server(), "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.sign_in'"),
            1);
  EXPECT_GE(count_sql(server(), "SELECT COUNT(*) FROM audit_log WHERE action = 'grant.create'"), 1);
  for (const auto& needle : {a.name, b.name, a.id_number, b.id_number}) {
    EXPECT_EQ(count_sql(server(),
                        "SELECT COUNT(*) FROM audit_log WHERE detail LIKE :n OR target LIKE :n2",
                        {"%" + needle + "%", "%" + needle + "%"}),
              0)
        << needle;
  }

  std::string out;
  ASSERT_EQ(run_hiresafe(with_db(server(), {"admin", "verify-audit"}), &out), 0) << out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(out, m, std::regex("audit chain intact: ([0-9]+) entries"))) << out;
  EXPECT_EQ(std::stoll(m[1]), count_sql(server(), "SELECT COUNT(*) FROM audit_log"));
  EXPECT_GE(std::stoll(m[1]), 6);
}

// ---- VER-3, VER-5: what a recruiter or headhunter still lacks ----------------------------------

// VER-3: a recruiter needs identity and employment; colleagues are invited only after both.
TEST_F(StaffReviewApi, RecruiterGateOpensAfterIdentityAndEmployment) {
  auto token = sign_up(server(), next_phone(), "1985-04-12", "recruiter");
  EXPECT_EQ(missing_of(server(), token), json::array({"identity", "employment"}));
  const auto company = create_company(server(), token);
  const std::string invite = "/api/v1/companies/" + company + "/invitations";
  EXPECT_TRUE(
      is_problem(api().post(invite, json::object(), token), 403, "identity-verification-required"));

  auto a = identity_applicant(server(), "沈从文", token);
  EXPECT_EQ(missing_of(server(), token), json::array({"identity", "employment"}))
      << "pending is not enough";
  ASSERT_EQ(approve(server(), token_, a.verification_id).status, 200);
  EXPECT_EQ(missing_of(server(), token), json::array({"employment"}));
  EXPECT_TRUE(is_problem(api().post(invite, json::object(), token), 403,
                         "employment-verification-required"));

  const auto v = submit_documents(server(), token, company);
  EXPECT_EQ(missing_of(server(), token), json::array({"employment"}));
  auto approved = approve(server(), token_, v);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["company_id"], company);
  EXPECT_EQ(missing_of(server(), token), json::array());
  EXPECT_EQ(latest(server(), token, "employment")["status"], "approved");
  EXPECT_EQ(api().get("/api/v1/companies/" + company).json()["verified_recruiters"], 1);
  EXPECT_EQ(api().post(invite, json::object(), token).status, 201);
  // Without verify_email_domain the company's domain stays unverified.
  EXPECT_EQ(api().get("/api/v1/companies/" + company).json()["email_domain_verified"], false);
  // A member cannot start a second employment verification.
  EXPECT_TRUE(is_problem(api().post("/api/v1/me/verifications/employment",
                                    {{"company_id", company},
                                     {"method", "documents"},
                                     {"licence_file_id", "f_x"},
                                     {"authorisation_file_id", "f_y"}},
                                    token),
                         409, "already-employed"));
}

// VER-3: a rejected employment leaves the gate closed and lets the recruiter try again.
TEST_F(StaffReviewApi, RejectedEmploymentKeepsTheGateClosed) {
  auto token = sign_up(server(), next_phone(), "1985-04-12", "recruiter");
  const auto company = create_company(server(), token);
  const auto v = submit_documents(server(), token, company);
  ASSERT_EQ(
      decide(server(), token_, v, {{"decision", "reject"}, {"reason", "letter unsigned"}}).status,
      200);
  EXPECT_EQ(missing_of(server(), token), json::array({"identity", "employment"}));
  EXPECT_EQ(latest(server(), token, "employment")["reason"], "letter unsigned");
  EXPECT_EQ(api().get("/api/v1/companies/" + company).json()["verified_recruiters"], 0);
  server().advance_clock(1);
  const auto again = submit_documents(server(), token, company);
  EXPECT_EQ(latest(server(), token, "employment")["id"], again);
}

// VER-5, VER-3: a headhunter needs identity and practice credentials, reviewed by staff.
TEST_F(StaffReviewApi, HeadhunterGateOpensAfterIdentityAndPractice) {
  const auto phone = next_phone();
  auto reg = expect(
      201,
      api().post("/api/v1/auth/headhunters", {{"email", "gate.hunter@example.com"},
                                              {"password", "agency-pass-1"},
                                              {"phone", phone},
                                              {"code", request_code(server(), {{"phone", phone}})},
                                              {"accept_policy_version", 1},
                                              {"birth_date", "1981-01-01"}}),
      "headhunter");
  const std::string token = reg.json()["token"];
  EXPECT_EQ(missing_of(server(), token), json::array({"identity", "headhunter"}));

  const auto licence = upload(server(), token, "agency_licence", tiny_pdf("agency licence"));
  const auto permit = upload(server(), token, "hr_service_permit", tiny_pdf("hr permit"));
  const std::string path = "/api/v1/me/verifications/headhunter";
  auto swapped = api().post(path,
                            {{"agency_name", "猎英人才"},
                             {"licence_number", "HR-2024-001"},
                             {"licence_file_id", permit},
                             {"permit_file_id", licence}},
                            token);
  EXPECT_TRUE(is_problem(swapped, 422, "wrong-file-purpose"));
  auto blank = api().post(path,
                          {{"agency_name", ""},
                           {"licence_number", "HR-2024-001"},
                           {"licence_file_id", licence},
                           {"permit_file_id", permit}},
                          token);
  EXPECT_EQ(error_fields(blank), std::set<std::string>{"agency_name"});
  auto seeker = sign_up(server(), next_phone());
  EXPECT_TRUE(is_problem(api().post(path,
                                    {{"agency_name", "猎英人才"},
                                     {"licence_number", "HR-2024-001"},
                                     {"licence_file_id", licence},
                                     {"permit_file_id", permit}},
                                    seeker),
                         403, "role-required"));

  auto practice = api().post(path,
                             {{"agency_name", "猎英人才"},
                              {"licence_number", "HR-2024-001"},
                              {"licence_file_id", licence},
                              {"permit_file_id", permit}},
                             token);
  ASSERT_EQ(practice.status, 201) << practice.body;
  EXPECT_EQ(practice.json()["kind"], "headhunter");
  EXPECT_EQ(practice.json()["status"], "pending");
  EXPECT_TRUE(is_problem(api().post(path,
                                    {{"agency_name", "猎英人才"},
                                     {"licence_number", "HR-2024-001"},
                                     {"licence_file_id", licence},
                                     {"permit_file_id", permit}},
                                    token),
                         409, "already-submitted"));
  const std::string v = practice.json()["id"];
  auto opened = api().get("/api/v1/staff/reviews/" + v, token_);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["details"]["agency_name"], "猎英人才");
  EXPECT_EQ(opened.json()["details"]["licence_number"], "HR-2024-001");
  EXPECT_EQ(api().get("/api/v1/staff/reviews/" + v + "/files/" + permit, token_).body,
            tiny_pdf("hr permit"));

  ASSERT_EQ(approve(server(), token_, v).status, 200);
  EXPECT_EQ(missing_of(server(), token), json::array({"identity"}));
  auto a = identity_applicant(server(), "杨过", token);
  ASSERT_EQ(approve(server(), token_, a.verification_id).status, 200);
  EXPECT_EQ(missing_of(server(), token), json::array());
}

// ---- SEC-4: grants are time-limited ------------------------------------------------------------

// SEC-4: an access grant lapses with the clock; the staff session alone reads nothing personal.
TEST(StaffGrantExpiryApi, AGrantLapsesAfterItsHours) {
  TestServer server;
  if (!server.available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  auto staff = create_staff(server, "rev.shift");
  grant_access(server, "rev.shift");  // 8 hours
  auto token = sign_in(server, staff);
  auto a = identity_applicant(server, "曹雪芹");
  const std::string path = "/api/v1/staff/reviews/" + a.verification_id;
  ASSERT_EQ(server.client().get(path, token).status, 200);
  ASSERT_EQ(server.client().get("/api/v1/staff/grants", token).json()["items"].size(), 1u);

  server.advance_clock(7 * 3600);
  EXPECT_EQ(server.client().get(path, token).status, 200) << "still inside the 8 hours";
  server.advance_clock(2 * 3600);
  EXPECT_TRUE(is_problem(server.client().get(path, token), 403, "access-grant-required"));
  EXPECT_TRUE(
      is_problem(server.client().get(path + "/files/f_any", token), 403, "access-grant-required"));
  EXPECT_TRUE(is_problem(approve(server, token, a.verification_id), 403, "access-grant-required"));
  EXPECT_EQ(server.client().get("/api/v1/staff/grants", token).json()["items"].size(), 0u);
  // The session itself is still good: the queue (no personal data) still answers.
  EXPECT_EQ(server.client().get("/api/v1/staff/reviews", token).status, 200);
  EXPECT_EQ(count_sql(server, "SELECT COUNT(*) FROM access_records WHERE subject_user_id = :s",
                      {a.user_id}),
            2);
  server.advance_clock(4 * 3600);
  EXPECT_EQ(server.client().get("/api/v1/staff/reviews", token).status, 401)
      << "staff sessions last 12 hours";

  // SEC-7: staff reads leave ids in the logs, never the name or the number they showed.
  ASSERT_EQ(server.stop(), 0);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(server.data_dir())) {
    if (!entry.is_regular_file()) continue;
    const auto text = read_file(entry.path().string());
    EXPECT_EQ(text.find(a.name), std::string::npos) << entry.path();
    EXPECT_EQ(text.find(a.id_number), std::string::npos) << entry.path();
  }
}

// SEC-4: a TOTP code is single-use even when the same code arrives several times at once.
// (Concurrent sign-ins with one code could all succeed until 02facb1 claimed the step atomically.)
TEST(StaffSignInRaceApi, ConcurrentSignInsWithOneCodeLetOnlyOneIn) {
  TestServer server({{"--worker-threads", "8", "--password-max-failures", "100000"}, {}, true});
  if (!server.available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  auto staff = create_staff(server, "rev.race");
  int extra_sessions = 0;
  for (int round = 0; round < 5; ++round) {
    server.advance_clock(30);
    const auto code = hiresafe::staff::totp_code(staff.secret, server_now(server));
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
      threads.emplace_back([&] {
        if (staff_sign_in(server, "rev.race", kStaffPassword, code).status == 200) ++ok;
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_GE(ok.load(), 1) << "round " << round;
    extra_sessions += ok.load() - 1;
  }
  EXPECT_EQ(extra_sessions, 0) << "sign-ins that reused a code already spent";
}
