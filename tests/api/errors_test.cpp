// The HTTP error contract on bad input: every failure is problem+json with the right status, and
// no bad request stops the server from answering the next one.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "api_checks.hpp"
#include "flows.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;
using nlohmann::json;

class ErrorsApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  // Every test ends by checking the server still answers.
  void TearDown() override {
    if (!server_->available() || IsSkipped()) return;
    auto health = api().get("/healthz");
    EXPECT_EQ(health.status, 200) << "the server stopped answering";
  }
  static HttpClient api() { return server_->client(); }
  static HttpResult raw_post(const std::string& path, const std::string& body,
                             const std::string& content_type = "application/json",
                             const std::string& token = "") {
    return api().request("POST", path, body, token, {{"Content-Type", content_type}});
  }
  static TestServer* server_;
};
TestServer* ErrorsApi::server_ = nullptr;

TEST_F(ErrorsApi, MalformedJsonIs400) {
  for (const char* body : {"{", "{\"phone\": }", "not json", "{\"phone\":\"1\"} trailing", "",
                           "{\"phone\":\"\xff\xfe\"}"}) {
    EXPECT_TRUE(is_problem(raw_post("/api/v1/auth/codes", body), 400, "malformed-json"))
        << "body: " << body;
  }
}

TEST_F(ErrorsApi, JsonThatIsNotAnObjectIs400) {
  for (const char* body : {"[]", "[{\"phone\":\"+8613800138000\"}]", "\"text\"", "42", "null"}) {
    EXPECT_TRUE(is_problem(raw_post("/api/v1/auth/sign-in", body), 400, "malformed-json"))
        << "body: " << body;
  }
}

TEST_F(ErrorsApi, DeeplyNestedJsonIsRefusedWithoutHarm) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  auto r = raw_post("/api/v1/auth/codes", deep);
  EXPECT_TRUE(is_problem(r, 400, "malformed-json"));
  const std::string unbalanced = std::string(500000, '{');
  EXPECT_TRUE(is_problem(raw_post("/api/v1/auth/codes", unbalanced), 400, "malformed-json"));
}

TEST_F(ErrorsApi, WrongFieldTypeIs422NamingTheField) {
  auto r = api().post("/api/v1/auth/codes", {{"phone", 13800138000LL}});
  EXPECT_TRUE(is_problem(r, 422, "validation"));
  EXPECT_EQ(error_fields(r), std::set<std::string>{"phone"});

  r = api().post("/api/v1/auth/sign-in", {{"phone", json::array({"+8613800138000"})},
                                          {"code", 123456},
                                          {"accept_policy_version", "1"},
                                          {"birth_date", 19900101}});
  EXPECT_TRUE(is_problem(r, 422, "validation"));
  EXPECT_EQ(error_fields(r),
            (std::set<std::string>{"phone", "code", "accept_policy_version", "birth_date"}));

  // A number that is not an integer is not a policy version.
  r = api().post("/api/v1/auth/sign-in",
                 {{"phone", next_phone()}, {"code", "123456"}, {"accept_policy_version", 1.5}});
  EXPECT_TRUE(is_problem(r, 422, "validation"));
  EXPECT_EQ(error_fields(r), std::set<std::string>{"accept_policy_version"});
}

TEST_F(ErrorsApi, MissingRequiredFieldsAreAllListed) {
  auto r = api().post("/api/v1/auth/sign-in", json::object());
  EXPECT_TRUE(is_problem(r, 422, "validation"));
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"phone", "code"}));

  r = api().post("/api/v1/auth/headhunters", json::object());
  EXPECT_TRUE(is_problem(r, 422, "validation"));
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"email", "password", "phone", "code"}));

  r = api().post("/api/v1/auth/password-sign-in", {{"email", nullptr}});
  EXPECT_TRUE(is_problem(r, 422, "validation"));
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"email", "password"}));

  r = api().post("/api/v1/auth/password-reset", {{"phone", next_phone()}});
  EXPECT_TRUE(is_problem(r, 422, "validation"));
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"code", "new_password"}));
}

TEST_F(ErrorsApi, BodyOverTheLimitIs413) {
  const std::string big = "{\"phone\":\"" + std::string(2 << 20, '1') + "\"}";
  EXPECT_TRUE(is_problem(raw_post("/api/v1/auth/codes", big), 413, "payload-too-large"));
  // Just over the limit is over the limit.
  const std::string edge = "{\"phone\":\"" + std::string((1 << 20) - 11, '1') + "\"}";
  ASSERT_EQ(edge.size(), (1u << 20) + 1);
  EXPECT_TRUE(is_problem(raw_post("/api/v1/auth/codes", edge), 413, "payload-too-large"));
}

TEST_F(ErrorsApi, BodyAtTheLimitIsRead) {
  // Exactly 1 MiB of valid JSON: read and validated (the phone is no phone), not refused for size.
  const std::string edge = "{\"phone\":\"" + std::string((1 << 20) - 12, '1') + "\"}";
  ASSERT_EQ(edge.size(), 1u << 20);
  EXPECT_TRUE(is_problem(raw_post("/api/v1/auth/codes", edge), 422, "validation"));
}

TEST_F(ErrorsApi, BodyFarBeyondTheHardCapDoesNotCrashTheServer) {
  const std::string huge(20 << 20, 'x');
  auto r = raw_post("/api/v1/auth/codes", huge);
  // The server may answer 413 or drop the connection; either way it keeps serving (TearDown).
  if (r.status > 0) EXPECT_TRUE(is_problem(r, 413, "payload-too-large"));
  auto after = api().post("/api/v1/auth/codes", {{"phone", next_phone()}});
  EXPECT_EQ(after.status, 202) << after.body;
}

TEST_F(ErrorsApi, BodyThatIsNotJsonIs415) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
    auto r = raw_post("/api/v1/auth/codes", "{\"phone\":\"+8613800138000\"}", type);
    EXPECT_TRUE(is_problem(r, 415, "unsupported-media-type")) << type;
  }
  // No content type at all.
  auto r =
      api().request("POST", "/api/v1/auth/codes", std::string("{}"), "", {{"Content-Type", ""}});
  EXPECT_TRUE(is_problem(r, 415, "unsupported-media-type"));
  // A charset parameter is fine.
  auto ok = raw_post("/api/v1/auth/codes", json{{"phone", next_phone()}}.dump(),
                     "application/json; charset=utf-8");
  EXPECT_EQ(ok.status, 202) << ok.body;
}

TEST_F(ErrorsApi, UnknownRouteIs404) {
  for (const char* path : {"/nope", "/api/v1", "/api/v2/me", "/api/v1/me/unknown", "/healthz/x"}) {
    EXPECT_TRUE(is_problem(api().get(path), 404, "not-found")) << path;
  }
  EXPECT_TRUE(is_problem(api().post("/api/v1/auth/teleport", json::object()), 404, "not-found"));
}

TEST_F(ErrorsApi, WrongMethodOnAKnownPathIs405WithAllow) {
  auto r = api().get("/api/v1/auth/codes");
  EXPECT_TRUE(is_problem(r, 405, "method-not-allowed"));
  EXPECT_EQ(r.header("allow"), "POST");

  r = api().request("POST", "/api/v1/me/sessions", std::string("{}"));
  EXPECT_TRUE(is_problem(r, 405, "method-not-allowed"));
  std::set<std::string> allowed;
  std::string allow = r.header("allow");
  for (std::size_t at = 0; at < allow.size();) {
    auto comma = allow.find(',', at);
    auto item = allow.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    item.erase(0, item.find_first_not_of(' '));
    allowed.insert(item);
    at = comma == std::string::npos ? allow.size() : comma + 1;
  }
  EXPECT_EQ(allowed, (std::set<std::string>{"GET", "DELETE"}));

  r = api().del("/healthz");
  EXPECT_TRUE(is_problem(r, 405, "method-not-allowed"));
  EXPECT_EQ(r.header("allow"), "GET");

  r = api().get("/api/v1/me/sessions/s_123");
  EXPECT_TRUE(is_problem(r, 405, "method-not-allowed"));
  EXPECT_EQ(r.header("allow"), "DELETE");
}

TEST_F(ErrorsApi, MissingOrGarbageBearerTokenIs401) {
  const std::string fake = "hs_" + std::string(64, '0');
  for (const std::string& token : {std::string(), std::string("garbage"), fake}) {
    EXPECT_TRUE(is_problem(api().get("/api/v1/me", token), 401, "unauthorized")) << token;
    EXPECT_TRUE(is_problem(api().get("/api/v1/me/sessions", token), 401, "unauthorized"));
    EXPECT_TRUE(is_problem(api().put("/api/v1/me/active-role", {{"role", "seeker"}}, token), 401,
                           "unauthorized"));
  }
  for (const std::string& header : std::vector<std::string>{
           "Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "bearer " + fake, "Token " + fake}) {
    auto r = api().request("GET", "/api/v1/me", std::nullopt, "", {{"Authorization", header}});
    EXPECT_TRUE(is_problem(r, 401, "unauthorized")) << header;
  }
}

TEST_F(ErrorsApi, EveryResponseCarriesARequestIdAndEchoesAPlainOne) {
  std::vector<HttpResult> answers = {
      api().get("/healthz"),
      api().get("/api/v1/policy"),
      api().get("/nope"),
      api().get("/api/v1/me"),
      api().get("/api/v1/auth/codes"),
      raw_post("/api/v1/auth/codes", "{"),
      raw_post("/api/v1/auth/codes", "{}", "text/plain"),
      api().post("/api/v1/auth/codes", {{"phone", next_phone()}}),
  };
  std::set<std::string> ids;
  for (const auto& r : answers) {
    EXPECT_FALSE(r.header("x-request-id").empty()) << r.status << " " << r.body;
    ids.insert(r.header("x-request-id"));
  }
  EXPECT_EQ(ids.size(), answers.size()) << "request ids must differ";

  for (const std::string& path : {"/healthz", "/nope", "/api/v1/me"}) {
    auto r = api().request("GET", path, std::nullopt, "", {{"X-Request-Id", "abc-123"}});
    EXPECT_EQ(r.header("x-request-id"), "abc-123") << path;
  }
  // An id that is not short and plain is replaced, not echoed.
  for (const std::string& bad : {std::string(65, 'a'), std::string("abc 123"), std::string("a\"b"),
                                 std::string("<script>")}) {
    auto r = api().request("GET", "/healthz", std::nullopt, "", {{"X-Request-Id", bad}});
    EXPECT_FALSE(r.header("x-request-id").empty());
    EXPECT_NE(r.header("x-request-id"), bad);
  }
}

TEST_F(ErrorsApi, ProblemsNeverCarryInternalDetail) {
  // Validation problems list fields but echo no input back.
  const std::string marker = "+8613800999999";
  auto r = api().post("/api/v1/auth/sign-in", {{"phone", marker}, {"code", 42}});
  EXPECT_TRUE(is_problem(r, 422, "validation"));
  EXPECT_EQ(r.body.find(marker), std::string::npos) << r.body;
}

// A request path with a broken percent-escape ("%zz") or escapes that are not UTF-8 ("%ff")
// still gets a problem+json answer: RESTinio's router throws while decoding such a path, and the
// server's guard around the router turns that into 400 (or the route's usual answer).
TEST(ErrorsPathDecodingApi, MalformedPercentEncodingInThePathGetsAProblemAnswer) {
  TestServer server;
  if (!server.available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  auto api = server.client();
  EXPECT_TRUE(is_problem(api.get("/nope%zz"), 400, "malformed-path"));
  EXPECT_TRUE(is_problem(api.get("/healthz%zz"), 400, "malformed-path"));
  // %ff is a well-formed escape, but the decoded path is not UTF-8: also undecodable.
  EXPECT_TRUE(is_problem(api.get("/nope%ff"), 400, "malformed-path"));
  EXPECT_TRUE(is_problem(api.del("/api/v1/me/sessions/%ff"), 400, "malformed-path"));
  EXPECT_EQ(api.get("/healthz").status, 200);
}
