// Resumes through the real server: the owner's CRUD with ETags (RES-1, PRV-5), deletion of the
// last one (RES-10), publishing minors (ACC-6), the disclosure views for recruiters, headhunters
// and staff (SEC-3, RES-2, RES-3, RES-4, RES-9, SEC-4), who viewed me (RES-8) and the contact
// switch (RES-11).
#include <gtest/gtest.h>

#include "api_checks.hpp"
#include "flows.hpp"
#include "parties.hpp"
#include "resume_fixture.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;
using nlohmann::json;

namespace {

class ResumesApi : public WithParties<ResumesApi> {
 public:
  static constexpr const char* kReviewer = "resumes.reviewer";

 protected:
  struct Seeker {
    std::string token, resume_id, etag;
  };
  // A seeker with one resume built from `body`.
  static Seeker seeker_with(const json& body) {
    Seeker s;
    s.token = sign_up(*server_, next_phone());
    auto r = api().post("/api/v1/me/resumes", body, s.token);
    EXPECT_EQ(r.status, 201) << r.body;
    s.resume_id = r.json()["id"];
    s.etag = r.header("etag");
    return s;
  }
  static HttpResult put_with(const std::string& path, const json& body, const std::string& token,
                             const std::string& if_match) {
    std::map<std::string, std::string> headers;
    if (!if_match.empty()) headers["If-Match"] = if_match;
    return api().request("PUT", path, body.dump(), token, headers);
  }
  static std::string company_name(const std::string& id) {
    return api().get("/api/v1/companies/" + id).json()["name"];
  }
};

}  // namespace

// RES-1, PRV-5: the owner reads back exactly what they wrote, sealed at rest.
TEST_F(ResumesApi, OwnerCreatesReadsAndListsTheWholeResume) {
  const ResumePerson p;
  auto s = seeker_with(full_resume(p));
  EXPECT_EQ(s.etag, "\"1\"");
  auto got = api().get("/api/v1/me/resumes/" + s.resume_id, s.token);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.header("etag"), "\"1\"");
  EXPECT_EQ(got.json()["resume"]["basic"]["name"], p.name);
  EXPECT_EQ(got.json()["resume"]["basic"]["phone"], p.phone);
  EXPECT_EQ(got.json()["resume"]["work"][0]["company_name"], "星辰软件有限公司");
  auto list = api().get("/api/v1/me/resumes", s.token);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["visibility"], "public");
  // SEC-2: the identifying values are not in the database in clear.
  auto& db = database_of(*server_);
  std::string stored;
  db.read<hiresafe::core::Unit>([&](soci::session& sql) -> hiresafe::core::Status {
      std::string content, sealed;
      sql << "SELECT content, identity_enc FROM resumes WHERE id = :id", soci::use(s.resume_id),
          soci::into(content), soci::into(sealed);
      stored = content + sealed;
      return hiresafe::core::Unit{};
    }).value();
  for (const auto& secret : {p.name, p.phone, p.email, p.wechat})
    EXPECT_EQ(stored.find(secret), std::string::npos) << secret;
  // Someone else's resume is not found, not forbidden.
  auto other = sign_up(*server_, next_phone());
  EXPECT_TRUE(is_problem(api().get("/api/v1/me/resumes/" + s.resume_id, other), 404, "not-found"));
}

// PRV-5: an edit names the version it replaces; a stale or missing one changes nothing.
TEST_F(ResumesApi, EditsNeedTheCurrentETag) {
  auto s = seeker_with(full_resume());
  const std::string path = "/api/v1/me/resumes/" + s.resume_id;
  json edited = full_resume();
  edited["self_evaluation"] = "更新后的自我评价";
  EXPECT_TRUE(is_problem(put_with(path, edited, s.token, ""), 428, "if-match-required"));
  EXPECT_TRUE(is_problem(put_with(path, edited, s.token, "\"x\""), 400, "malformed-if-match"));
  auto ok = put_with(path, edited, s.token, s.etag);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.header("etag"), "\"2\"");
  json again = full_resume();
  again["self_evaluation"] = "并发的另一次修改";
  EXPECT_TRUE(is_problem(put_with(path, again, s.token, s.etag), 412, "stale-resume"));
  auto bad = full_resume();
  bad["basic"]["phone"] = "not a phone";
  auto invalid = put_with(path, bad, s.token, "\"2\"");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(error_fields(invalid), std::set<std::string>{"basic.phone"});
  auto now = api().get(path, s.token);
  EXPECT_EQ(now.header("etag"), "\"2\"");
  EXPECT_EQ(now.json()["resume"]["self_evaluation"], "更新后的自我评价");
  auto other = sign_up(*server_, next_phone());
  EXPECT_TRUE(is_problem(put_with(path, edited, other, "\"2\""), 404, "not-found"));
}

TEST_F(ResumesApi, MalformedBodiesAreRefusedWholesale) {
  auto token = sign_up(*server_, next_phone());
  const long long before = count_rows(*server_, "resumes");
  EXPECT_TRUE(is_problem(api().request("POST", "/api/v1/me/resumes", "{\"basic\":", token), 400,
                         "malformed-json"));
  EXPECT_TRUE(
      is_problem(api().post("/api/v1/me/resumes", json::array(), token), 400, "malformed-json"));
  auto r = api().post("/api/v1/me/resumes", {{"visibility", "public"}}, token);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"basic", "intention"}));
  EXPECT_EQ(count_rows(*server_, "resumes"), before);
  EXPECT_TRUE(is_problem(api().post("/api/v1/me/resumes", full_resume(), alice_->token), 403,
                         "role-required"));
}

// RES-10: resumes but the last are deleted at once; the last goes through support.
TEST_F(ResumesApi, TheLastResumeIsRemovedOnlyThroughSupport) {
  auto s = seeker_with(full_resume());
  auto second = api().post("/api/v1/me/resumes", full_resume(), s.token);
  ASSERT_EQ(second.status, 201);
  const std::string second_id = second.json()["id"];
  std::map<std::string, std::string> stale{{"If-Match", "\"9\""}};
  EXPECT_TRUE(is_problem(
      api().request("DELETE", "/api/v1/me/resumes/" + second_id, std::nullopt, s.token, stale), 412,
      "stale-resume"));
  EXPECT_EQ(api().del("/api/v1/me/resumes/" + second_id, s.token).status, 204);
  EXPECT_TRUE(
      is_problem(api().del("/api/v1/me/resumes/" + s.resume_id, s.token), 409, "last-resume"));
  EXPECT_EQ(api().get("/api/v1/me/resumes/" + s.resume_id, s.token).status, 200);
  auto request = api().post(
      "/api/v1/me/support-requests",
      {{"kind", "delete_last_resume"}, {"resume_id", s.resume_id}, {"note", "请删除我的简历"}},
      s.token);
  ASSERT_EQ(request.status, 202) << request.body;
  EXPECT_EQ(request.json()["status"], "open");
  auto again = api().post("/api/v1/me/support-requests",
                          {{"kind", "delete_last_resume"}, {"resume_id", s.resume_id}}, s.token);
  EXPECT_EQ(again.json()["id"], request.json()["id"]);
  EXPECT_EQ(api().get("/api/v1/me", s.token).status, 200);  // the account stays
  EXPECT_EQ(
      error_fields(api().post("/api/v1/me/support-requests",
                              {{"kind", "close_account"}, {"resume_id", s.resume_id}}, s.token)),
      std::set<std::string>{"kind"});
}

// ACC-6: a 17-year-old without a guardian's consent keeps an invisible resume only.
TEST_F(ResumesApi, AMinorPublishesOnlyWithAGuardiansConsent) {
  auto token = sign_up(*server_, next_phone(), "2009-06-01");
  auto refused = api().post("/api/v1/me/resumes", full_resume({}, "public"), token);
  EXPECT_TRUE(is_problem(refused, 403, "guardian-consent-required"));
  auto draft = api().post("/api/v1/me/resumes", full_resume({}, "invisible"), token);
  ASSERT_EQ(draft.status, 201) << draft.body;
  EXPECT_TRUE(is_problem(put_with("/api/v1/me/resumes/" + draft.json()["id"].get<std::string>(),
                                  full_resume({}, "no_headhunters"), token, "\"1\""),
                         403, "guardian-consent-required"));
}

// RES-4, SEC-3: a verified recruiter sees a masked view; the read is recorded first.
TEST_F(ResumesApi, RecruitersSeeAMaskedViewAndEveryReadIsRecorded) {
  const ResumePerson p;
  auto s = seeker_with(full_resume(p));
  const long long before = count_rows(*server_, "access_records");
  auto view = api().get("/api/v1/resumes/" + s.resume_id, alice_->token);
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(view.json()["display_name"], "欧阳女士");
  EXPECT_EQ(view.json()["basic"]["current_city"], "440300");
  EXPECT_FALSE(view.json().contains("attachments"));
  for (const auto& secret : {p.name, p.phone, p.email, p.wechat, p.birth_month})
    EXPECT_EQ(view.body.find(secret), std::string::npos) << secret;
  // Journaled before the answer and committed in a batch; the seeker's list commits what waits.
  ASSERT_EQ(api().get("/api/v1/me/resume-views", s.token).json()["items"].size(), 1u);
  EXPECT_EQ(count_rows(*server_, "access_records"), before + 1);
  // VER-3: unverified recruiters and plain seekers get nothing.
  auto unverified = sign_up(*server_, next_phone(), "1990-01-01", "recruiter");
  EXPECT_TRUE(is_problem(api().get("/api/v1/resumes/" + s.resume_id, unverified), 403,
                         "identity-verification-required"));
  EXPECT_TRUE(
      is_problem(api().get("/api/v1/resumes/" + s.resume_id, s.token), 403, "role-required"));
  EXPECT_TRUE(is_problem(api().get("/api/v1/resumes/r_nope", alice_->token), 404, "not-found"));
  ASSERT_EQ(api().get("/api/v1/me/resume-views", s.token).json()["items"].size(), 1u);
  EXPECT_EQ(count_rows(*server_, "access_records"), before + 1);
}

// RES-3: public, hidden from headhunters, invisible.
TEST_F(ResumesApi, VisibilityDecidesWhoMaySeeTheResume) {
  auto pub = seeker_with(full_resume({}, "public"));
  auto no_hh = seeker_with(full_resume({}, "no_headhunters"));
  auto hidden = seeker_with(full_resume({}, "invisible"));
  auto view = [&](const std::string& id, const Recruiter& who) {
    return api().get("/api/v1/resumes/" + id, who.token).status;
  };
  EXPECT_EQ(view(pub.resume_id, *alice_), 200);
  EXPECT_EQ(view(pub.resume_id, *hunter_), 200);
  EXPECT_EQ(view(no_hh.resume_id, *alice_), 200);
  EXPECT_EQ(view(no_hh.resume_id, *hunter_), 404);
  EXPECT_EQ(view(hidden.resume_id, *alice_), 404);
  EXPECT_EQ(view(hidden.resume_id, *hunter_), 404);
}

// RES-9: a blocked company's recruiters cannot tell the resume exists; others still see it.
TEST_F(ResumesApi, ABlockedCompanyGetsNotFoundUntilUnblocked) {
  auto s = seeker_with(full_resume());
  const std::string path = "/api/v1/resumes/" + s.resume_id;
  auto blocked = api().put("/api/v1/me/blocks/" + alice_->company_id, json::object(), s.token);
  ASSERT_EQ(blocked.status, 201) << blocked.body;
  EXPECT_EQ(api().put("/api/v1/me/blocks/" + alice_->company_id, json::object(), s.token).status,
            200);
  EXPECT_TRUE(is_problem(api().put("/api/v1/me/blocks/co_nope", json::object(), s.token), 404,
                         "not-found"));
  auto list = api().get("/api/v1/me/blocks", s.token);
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["company_name"], company_name(alice_->company_id));
  EXPECT_TRUE(is_problem(api().get(path, alice_->token), 404, "not-found"));
  EXPECT_EQ(api().get(path, bob_->token).status, 200);
  EXPECT_EQ(api().del("/api/v1/me/blocks/" + alice_->company_id, s.token).status, 204);
  EXPECT_EQ(api().del("/api/v1/me/blocks/" + alice_->company_id, s.token).status, 404);
  EXPECT_EQ(api().get(path, alice_->token).status, 200);
}

// RES-2: "hide me from this company" on a work entry works by the company's name.
TEST_F(ResumesApi, HideMeFromThisCompanyHidesTheSeekerFromItsRecruiters) {
  auto s = seeker_with(full_resume({}, "public", company_name(bob_->company_id)));
  const std::string path = "/api/v1/resumes/" + s.resume_id;
  EXPECT_TRUE(is_problem(api().get(path, bob_->token), 404, "not-found"));
  auto seen = api().get(path, alice_->token);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body.find("hide_from_company"), std::string::npos);
  // Switching it off in an edit shows the resume to that company again.
  json edited = full_resume();
  ASSERT_EQ(put_with("/api/v1/me/resumes/" + s.resume_id, edited, s.token, s.etag).status, 200);
  EXPECT_EQ(api().get(path, bob_->token).status, 200);
}

// RES-8: the seeker sees which companies' recruiters read the resume, never their names.
TEST_F(ResumesApi, TheSeekerSeesWhoViewedTheResume) {
  auto s = seeker_with(full_resume());
  ASSERT_EQ(api().get("/api/v1/resumes/" + s.resume_id, alice_->token).status, 200);
  ASSERT_EQ(api().get("/api/v1/resumes/" + s.resume_id, hunter_->token).status, 200);
  auto views = api().get("/api/v1/me/resume-views", s.token);
  ASSERT_EQ(views.status, 200) << views.body;
  auto items = views.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  // Both reads may share a second; find each by role rather than by position.
  json recruiter, headhunter;
  for (auto& item : items) (item["viewer_role"] == "recruiter" ? recruiter : headhunter) = item;
  EXPECT_EQ(recruiter["company_name"], company_name(alice_->company_id));
  EXPECT_EQ(recruiter["resume_id"], s.resume_id);
  EXPECT_TRUE(std::find(recruiter["fields"].begin(), recruiter["fields"].end(), "display_name") !=
              recruiter["fields"].end());
  EXPECT_EQ(headhunter["viewer_role"], "headhunter");
  EXPECT_TRUE(headhunter["company_name"].is_null());
  EXPECT_EQ(views.body.find("测试招聘者"), std::string::npos);  // the recruiter's real name
  // Nobody else's views leak into the list.
  auto other = sign_up(*server_, next_phone());
  EXPECT_EQ(api().get("/api/v1/me/resume-views", other).json()["items"].size(), 0u);
}

// RES-11: the contact switch defaults to on and is the person's to turn off.
TEST_F(ResumesApi, TheContactSwitchDefaultsToOn) {
  auto token = sign_up(*server_, next_phone());
  EXPECT_EQ(api().get("/api/v1/me/privacy", token).json()["allow_recruiter_contact"], true);
  auto off = api().put("/api/v1/me/privacy", {{"allow_recruiter_contact", false}}, token);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(api().get("/api/v1/me/privacy", token).json()["allow_recruiter_contact"], false);
  EXPECT_EQ(
      error_fields(api().put("/api/v1/me/privacy", {{"allow_recruiter_contact", "no"}}, token)),
      std::set<std::string>{"allow_recruiter_contact"});
  EXPECT_EQ(api().get("/api/v1/me/privacy", token).json()["allow_recruiter_contact"], false);
}

// SEC-4: staff read a resume only under a grant another staff member approved; audited.
TEST_F(ResumesApi, StaffReadResumesOnlyUnderAFourEyesGrant) {
  const ResumePerson p;
  auto s = seeker_with(full_resume(p));
  const std::string path = "/api/v1/staff/resumes/" + s.resume_id;
  auto amy = staff_signed_in(*server_, "amy.support", "");
  auto ben = staff_signed_in(*server_, "ben.support", "");
  EXPECT_TRUE(is_problem(api().get(path, amy), 403, "access-grant-required"));
  EXPECT_EQ(
      error_fields(api().post("/api/v1/staff/grant-requests",
                              {{"purpose", "everything"}, {"reason", "x"}, {"hours", 0}}, amy)),
      (std::set<std::string>{"purpose", "reason", "hours"}));
  auto asked = api().post("/api/v1/staff/grant-requests",
                          {{"purpose", "resume_support"},
                           {"reason", "ticket 4711: seeker asks to remove a resume"},
                           {"hours", 2}},
                          amy);
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string request_id = asked.json()["id"];
  auto pending = api().get("/api/v1/staff/grant-requests", ben);
  ASSERT_EQ(pending.status, 200);
  EXPECT_TRUE(pending.body.find(request_id) != std::string::npos);
  const std::string approval = "/api/v1/staff/grant-requests/" + request_id + "/approval";
  EXPECT_TRUE(is_problem(api().post(approval, json::object(), amy), 403, "four-eyes-required"));
  auto granted = api().post(approval, json::object(), ben);
  ASSERT_EQ(granted.status, 201) << granted.body;
  EXPECT_TRUE(is_problem(api().post(approval, json::object(), ben), 409, "grant-request-decided"));
  const long long records = count_rows(*server_, "access_records");
  const long long audit = count_rows(*server_, "audit_log");
  auto read = api().get(path, amy);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["name"], p.name);
  EXPECT_EQ(read.json()["phone"], p.phone);
  EXPECT_EQ(count_rows(*server_, "access_records"), records + 1);
  EXPECT_EQ(count_rows(*server_, "audit_log"), audit + 1);
  // Ben approved but holds no grant himself.
  EXPECT_TRUE(is_problem(api().get(path, ben), 403, "access-grant-required"));
  // The staff read shows up for the seeker too, without a name.
  auto views = api().get("/api/v1/me/resume-views", s.token).json()["items"];
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0]["viewer_role"], "staff");
  EXPECT_EQ(views[0]["purpose"], "resume_support");
}

// RES-1, RES-4: attachments are the owner's own uploads; others never see them.
TEST_F(ResumesApi, AttachmentsAreTheOwnersOwnFilesAndStayPrivate) {
  auto upload = [&](const std::string& token, const std::string& purpose) {
    auto r = api().request("POST", "/api/v1/me/files?purpose=" + purpose,
                           std::string("%PDF-1.4\n% my resume\n%%EOF\n"), token,
                           {{"Content-Type", "application/pdf"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"].get<std::string>();
  };
  auto token = sign_up(*server_, next_phone());
  auto other = sign_up(*server_, next_phone());
  const std::string mine = upload(token, "resume_attachment");
  const std::string theirs = upload(other, "resume_attachment");
  json body = full_resume();
  body["attachments"] = json::array({{{"name", "简历.pdf"}, {"file_id", theirs}}});
  auto refused = api().post("/api/v1/me/resumes", body, token);
  EXPECT_TRUE(is_problem(refused, 422, "file-not-yours"));
  EXPECT_EQ(error_fields(refused), std::set<std::string>{"attachments[0].file_id"});
  body["attachments"] = json::array({{{"name", "简历.pdf"}, {"file_id", mine}}});
  auto created = api().post("/api/v1/me/resumes", body, token);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["resume"]["attachments"][0]["file_id"], mine);
  auto view =
      api().get("/api/v1/resumes/" + created.json()["id"].get<std::string>(), alice_->token);
  ASSERT_EQ(view.status, 200);
  EXPECT_EQ(view.body.find(mine), std::string::npos);
  EXPECT_EQ(view.body.find("简历.pdf"), std::string::npos);
  EXPECT_EQ(api().get("/api/v1/me/files/" + mine, alice_->token).status, 404);
}
