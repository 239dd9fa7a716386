#include "flows.hpp"

#include <atomic>
#include <cstdio>
#include <stdexcept>

namespace hiresafe::testing {

std::string request_code(const TestServer& server, const nlohmann::json& body) {
  auto r = server.client().post("/api/v1/auth/codes", body);
  if (r.status != 202) throw std::runtime_error("code request failed: " + r.body);
  return server.code_for(r.json()["message_id"]);
}

std::string sign_up(const TestServer& server, const std::string& phone,
                    const std::string& birth_date, const std::string& role) {
  auto code = request_code(server, {{"phone", phone}});
  auto r = server.client().post("/api/v1/auth/sign-in", {{"phone", phone},
                                                         {"code", code},
                                                         {"accept_policy_version", 1},
                                                         {"birth_date", birth_date},
                                                         {"role", role}});
  if (r.status != 201) throw std::runtime_error("sign-up failed: " + r.body);
  return r.json()["token"];
}

nlohmann::json sample_job(const std::string& title) {
  return {{"title", title},
          {"category_id", "tech.backend"},
          {"city_code", "440300"},
          {"address", "南山区科技园"},
          {"latitude", 22.54},
          {"longitude", 113.95},
          {"salary_min", 20000},
          {"salary_max", 35000},
          {"salary_months", 14},
          {"education", "bachelor"},
          {"experience_years", 3},
          {"work_type", "full_time"},
          {"headcount", 2},
          {"description", "负责交易系统的服务端开发，熟悉 C++ 或 Go，重视代码质量。"},
          {"skill_tags", {"C++", "PostgreSQL"}}};
}

std::string publish_job(const TestServer& server, const std::string& recruiter_token,
                        const std::string& title) {
  auto r = server.client().post("/api/v1/jobs", sample_job(title), recruiter_token);
  if (r.status != 201) throw std::runtime_error("publishing failed: " + r.body);
  return r.json()["id"];
}

std::string next_phone() {
  static std::atomic<int> n{1000};
  return "+86139" + std::to_string(10000000 + n.fetch_add(1));
}

}  // namespace hiresafe::testing

#include <regex>

#include "staff/totp.hpp"

namespace hiresafe::testing {

std::string resident_id(const std::string& region6, const std::string& birth8, int sequence) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  char seq[4];
  std::snprintf(seq, sizeof seq, "%03d", sequence % 1000);
  std::string body = region6 + birth8 + seq;
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
  return body + "10X98765432"[sum % 11];
}

std::string credit_code(int serial) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  char digits[10];
  std::snprintf(digits, sizeof digits, "%09d", serial % 1000000000);
  std::string body = std::string("91440300") + digits;
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += static_cast<int>(kAlphabet.find(body[i])) * kWeights[i];
  return body + kAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

namespace {
std::vector<std::string> db_args(const TestServer& server, std::vector<std::string> args) {
  args.insert(args.end(), {"--data-dir", server.data_dir(), "--database-url", server.database_url(),
                           "--password-strength", "min"});
  return args;
}

void ok_or_throw(const HttpResult& r, long status, const std::string& what) {
  if (r.status != status) throw std::runtime_error(what + " failed: " + r.body);
}
}  // namespace

std::string staff_signed_in(const TestServer& server, const std::string& username,
                            const std::string& grant_purpose) {
  std::string out;
  const std::string password = "staff-password-1";
  if (run_hiresafe(db_args(server, {"admin", "create-staff", "--username", username}), &out,
                   password + "\n") != 0)
    throw std::runtime_error("create-staff failed: " + out);
  std::smatch m;
  if (!std::regex_search(out, m, std::regex("secret=([A-Z2-7]+)")))
    throw std::runtime_error("no TOTP secret in: " + out);
  const std::string secret = *staff::base32_decode(m[1].str());
  if (!grant_purpose.empty() &&
      run_hiresafe(db_args(server, {"admin", "grant-access", "--username", username, "--purpose",
                                    grant_purpose, "--reason", "test review shift"}),
                   &out) != 0)
    throw std::runtime_error("grant-access failed: " + out);
  auto clock = server.client().post("/__test/clock", {{"advance_seconds", 0}});
  const long long now = clock.json()["now"];
  auto r = server.client().post(
      "/api/v1/staff/sign-in",
      {{"username", username}, {"password", password}, {"totp", staff::totp_code(secret, now)}});
  ok_or_throw(r, 200, "staff sign-in");
  return r.json()["token"];
}

std::string staff_with_grant(const TestServer& server, const std::string& username) {
  return staff_signed_in(server, username, "verification_review");
}

Recruiter verified_headhunter(const TestServer& server, const std::string& staff_token) {
  static std::atomic<int> serial{1};
  const int n = serial.fetch_add(1);
  auto api = server.client();
  const auto phone = next_phone();
  auto reg = api.post("/api/v1/auth/headhunters",
                      {{"email", "hunter" + std::to_string(n) + "." + phone.substr(1) + "@example.com"},
                       {"password", "agency-pass-1"},
                       {"phone", phone},
                       {"code", request_code(server, {{"phone", phone}})},
                       {"accept_policy_version", 1},
                       {"birth_date", "1983-03-03"}});
  ok_or_throw(reg, 201, "headhunter registration");
  Recruiter h;
  h.token = reg.json()["token"];
  h.user_id = api.get("/api/v1/me", h.token).json()["id"];
  ok_or_throw(api.post("/api/v1/me/consents", {{"purpose", "identity_verification"}}, h.token),
              201, "separate consent");
  auto identity = api.post(
      "/api/v1/me/verifications/identity",
      {{"real_name", "测试猎头"}, {"id_number", resident_id("110101", "19830303", 500 + n)}},
      h.token);
  ok_or_throw(identity, 201, "identity verification");
  const std::string pdf = "%PDF-1.4\n% test document\n%%EOF\n";
  auto upload = [&](const std::string& purpose) {
    auto r = api.request("POST", "/api/v1/me/files?purpose=" + purpose, pdf, h.token,
                         {{"Content-Type", "application/pdf"}});
    ok_or_throw(r, 201, "upload " + purpose);
    return r.json()["id"].get<std::string>();
  };
  auto practice = api.post("/api/v1/me/verifications/headhunter",
                           {{"agency_name", "测试猎头公司"},
                            {"licence_number", "HR-TEST-" + std::to_string(n)},
                            {"licence_file_id", upload("agency_licence")},
                            {"permit_file_id", upload("hr_service_permit")}},
                           h.token);
  ok_or_throw(practice, 201, "headhunter verification");
  for (const auto& v : {identity.json()["id"], practice.json()["id"]}) {
    ok_or_throw(api.post("/api/v1/staff/reviews/" + v.get<std::string>() + "/decision",
                         {{"decision", "approve"}}, staff_token),
                200, "approval");
  }
  return h;
}

Recruiter verified_recruiter(const TestServer& server, const std::string& staff_token) {
  static std::atomic<int> serial{1};
  const int n = serial.fetch_add(1);
  auto api = server.client();
  Recruiter rec;
  rec.token = sign_up(server, next_phone(), "1988-05-05", "recruiter");
  rec.user_id = api.get("/api/v1/me", rec.token).json()["id"];
  ok_or_throw(api.post("/api/v1/me/consents", {{"purpose", "identity_verification"}}, rec.token),
              201, "separate consent");
  auto identity =
      api.post("/api/v1/me/verifications/identity",
               {{"real_name", "测试招聘者"}, {"id_number", resident_id("440304", "19880505", n)}},
               rec.token);
  ok_or_throw(identity, 201, "identity verification");
  auto company = api.post("/api/v1/companies",
                          {{"name", "测试科技有限公司 " + std::to_string(n)},
                           {"uscc", credit_code(n * 7919)},
                           {"city_code", "440300"},
                           {"industry", "互联网"},
                           {"size", "50-99"},
                           {"description", "A company made by the test suite."}},
                          rec.token);
  ok_or_throw(company, 201, "company");
  rec.company_id = company.json()["id"];
  const std::string pdf = "%PDF-1.4\n% test document\n%%EOF\n";
  auto upload = [&](const std::string& purpose) {
    auto r = api.request("POST", "/api/v1/me/files?purpose=" + purpose, pdf, rec.token,
                         {{"Content-Type", "application/pdf"}});
    ok_or_throw(r, 201, "upload " + purpose);
    return r.json()["id"].get<std::string>();
  };
  auto employment = api.post("/api/v1/me/verifications/employment",
                             {{"company_id", rec.company_id},
                              {"method", "documents"},
                              {"licence_file_id", upload("business_licence")},
                              {"authorisation_file_id", upload("authorisation_letter")}},
                             rec.token);
  ok_or_throw(employment, 201, "employment verification");
  for (const auto& v : {identity.json()["id"], employment.json()["id"]}) {
    ok_or_throw(api.post("/api/v1/staff/reviews/" + v.get<std::string>() + "/decision",
                         {{"decision", "approve"}}, staff_token),
                200, "approval");
  }
  // A role switch: registration made "recruiter" the active role already.
  return rec;
}

}  // namespace hiresafe::testing
