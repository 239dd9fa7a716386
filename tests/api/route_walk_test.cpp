// SEC-3, RES-4: no endpoint but the disclosure layer's returns another person's resume data.
// A seeker writes a resume full of distinctive identifying values; then a second seeker, a
// verified recruiter, a verified headhunter and a staff member without a resume grant call
// every route in the route table — with the seeker's resume id, user id, a company id and junk
// in every path parameter — and no answer may contain any of those values.
#include <gtest/gtest.h>

#include "flows.hpp"
#include "http/routes.hpp"
#include "resume_fixture.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;
using nlohmann::json;

namespace {

std::string fill(std::string pattern, const std::string& value) {
  for (std::size_t at = pattern.find(':'); at != std::string::npos; at = pattern.find(':', at)) {
    auto end = pattern.find('/', at);
    pattern.replace(at, (end == std::string::npos ? pattern.size() : end) - at, value);
    at += value.size();
  }
  return pattern;
}

// Routes that end the caller's own session go last, so the walk keeps its credentials.
bool ends_session(const hiresafe::http::Route& r) {
  const std::string p = r.pattern, m = r.method;
  return p == "/api/v1/auth/sign-out" || p == "/api/v1/staff/sign-out" ||
         (m == "DELETE" && p.starts_with("/api/v1/me/sessions"));
}

}  // namespace

TEST(RouteWalkApi, NoRouteButDisclosureRevealsAnotherPersonsResume) {
  TestServer server;
  if (!server.available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  auto api = server.client();
  const std::string staff = staff_with_grant(server, "walk.reviewer");
  const Recruiter recruiter = verified_recruiter(server, staff);
  const Recruiter hunter = verified_headhunter(server, staff);

  ResumePerson victim;
  victim.name = "司马青衫";
  victim.phone = "+8613700001234";
  victim.email = "qingshan.sima@example.org";
  victim.wechat = "sima_qs_wechat";
  victim.birth_month = "1991-03";
  const std::string victim_token = sign_up(server, victim.phone);
  const std::string victim_id = api.get("/api/v1/me", victim_token).json()["id"];
  auto created = api.post("/api/v1/me/resumes", full_resume(victim), victim_token);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string resume_id = created.json()["id"];
  // The owner does see them: the needles are real.
  ASSERT_NE(api.get("/api/v1/me/resumes/" + resume_id, victim_token).body.find(victim.name),
            std::string::npos);

  // The disclosure route answers the recruiter, masked (the walk below signs everyone out).
  auto masked = api.get("/api/v1/resumes/" + resume_id, recruiter.token);
  EXPECT_EQ(masked.status, 200);
  EXPECT_EQ(masked.json()["display_name"], "司马女士");  // RES-4

  const std::vector<std::string> needles = {victim.name, victim.phone, victim.phone.substr(3),
                                            victim.email, victim.wechat, victim.birth_month};
  const std::vector<std::string> values = {resume_id, victim_id, recruiter.company_id, "x"};
  struct Walker {
    std::string who, person_token, staff_token;
  };
  const std::vector<Walker> walkers = {{"seeker", sign_up(server, next_phone()), ""},
                                       {"recruiter", recruiter.token, ""},
                                       {"headhunter", hunter.token, ""},
                                       {"staff", "", staff}};

  std::vector<const hiresafe::http::Route*> routes;
  for (const auto& r : hiresafe::http::route_table())
    if (!r.test_only && !ends_session(r)) routes.push_back(&r);
  for (const auto& r : hiresafe::http::route_table())
    if (!r.test_only && ends_session(r)) routes.push_back(&r);

  int calls = 0, answered_2xx = 0;
  for (const auto& walker : walkers) {
    for (const auto* route : routes) {
      const std::string token = route->access == hiresafe::http::Access::kStaff
                                    ? walker.staff_token
                                    : walker.person_token;
      for (const auto& value : values) {
        const std::string path = fill(route->pattern, value);
        const std::string method = route->method;
        auto r = api.request(method, path,
                             method == "GET" || method == "DELETE"
                                 ? std::nullopt
                                 : std::optional<std::string>("{}"),
                             token);
        ++calls;
        if (r.status >= 200 && r.status < 300) ++answered_2xx;
        std::string seen = r.body;
        for (const auto& [name, header] : r.headers) seen += "\n" + name + ": " + header;
        for (const auto& needle : needles)
          EXPECT_EQ(seen.find(needle), std::string::npos)
              << walker.who << " " << method << " " << path << " revealed " << needle << ": "
              << r.body.substr(0, 300);
        if (route->pattern == std::string("/api/v1/me/resumes/:id") && method == "GET")
          EXPECT_GE(r.status, 400) << walker.who << " read another person's resume as its owner";
      }
    }
  }
  EXPECT_GT(calls, 4 * 60);
  EXPECT_GT(answered_2xx, 40);  // the walk reached real answers, not only refusals
}
