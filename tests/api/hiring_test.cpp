// The hiring flow through the real server: applying once per post (HIR-1), what the post's
// recruiters see after an application (RES-5) and never before, contact only as a virtual
// number (COM-4, RES-11), PDF downloads for employer recruiters only (RES-7), blocks (RES-9),
// invitations (HIR-2), interviews (HIR-3), saved posts and follows (JOB-4) and statistics
// (HIR-5).
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "api_checks.hpp"
#include "flows.hpp"
#include "parties.hpp"
#include "resume_fixture.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;
using nlohmann::json;

namespace {

class HiringApi : public WithParties<HiringApi> {
 public:
  static constexpr const char* kReviewer = "hiring.reviewer";

 protected:
  struct Seeker {
    std::string token, resume_id;
    ResumePerson person;
  };
  static Seeker seeker(bool allow_contact = true) {
    static std::atomic<int> n{0};
    Seeker s;
    s.person.name = std::string("申屠") + (n++ % 2 ? "晓峰" : "雨桐");
    s.person.phone = next_phone();  // the fixture's phone would be the same for everyone
    s.token = sign_up(*server_, s.person.phone);
    auto r = api().post("/api/v1/me/resumes", full_resume(s.person), s.token);
    EXPECT_EQ(r.status, 201) << r.body;
    s.resume_id = r.json()["id"];
    if (!allow_contact)
      EXPECT_EQ(
          api().put("/api/v1/me/privacy", {{"allow_recruiter_contact", false}}, s.token).status,
          200);
    return s;
  }
  static HttpResult apply(const Seeker& s, const std::string& job_id) {
    return api().post("/api/v1/applications", {{"job_id", job_id}, {"resume_id", s.resume_id}},
                      s.token);
  }
  static std::string applied(const Seeker& s, const std::string& job_id) {
    auto r = apply(s, job_id);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"];
  }
  static json interview_body(long long starts_in = 2 * 86400) {
    return {{"starts_at", now() + starts_in},
            {"duration_minutes", 45},
            {"mode", "online"},
            {"link", "https://meet.example.com/r/abc"},
            {"contact_name", "王经理"},
            {"contact_phone", "0755-8888 0000"}};
  }
  // The server's clock: real time plus how far this suite moved it.
  static long long now() { return static_cast<long long>(std::time(nullptr)) + offset_; }

  static long long offset_;
};
long long HiringApi::offset_ = 0;

bool mentions(const std::string& body, const std::string& value) {
  return body.find(value) != std::string::npos;
}

}  // namespace

// HIR-1, RES-5, RES-7, RES-9, COM-4: masked before applying, name and a virtual number after,
// nothing for another company, no download for a headhunter, nothing once blocked.
TEST_F(HiringApi, RecruiterSeesTheNameOnlyAfterAnApplicationAndContactOnlyAsAVirtualNumber) {
  const std::string job = publish_job(*server_, alice_->token);
  auto s = seeker();
  // Before applying: masked (RES-4).
  auto before = api().get("/api/v1/resumes/" + s.resume_id, alice_->token);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_FALSE(mentions(before.body, s.person.name));

  const std::string app_id = applied(s, job);
  auto list = api().get("/api/v1/jobs/" + job + "/applications", alice_->token);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["name"], s.person.name);  // RES-5
  EXPECT_EQ(list.json()["items"][0]["status"], "submitted");
  EXPECT_EQ(list.json()["total"], 1);

  auto opened = api().get("/api/v1/applications/" + app_id, alice_->token);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["resume"]["name"], s.person.name);
  EXPECT_EQ(opened.json()["status"], "viewed");
  EXPECT_TRUE(opened.json()["contact"]["allowed"].get<bool>());
  for (const auto& secret : {s.person.phone, s.person.email, s.person.wechat})
    EXPECT_FALSE(mentions(opened.body, secret)) << secret;

  // COM-4: a pool number, the same one again for the same pair, never the real phone.
  auto number = api().post("/api/v1/applications/" + app_id + "/virtual-number", json::object(),
                           alice_->token);
  ASSERT_EQ(number.status, 200) << number.body;
  const std::string x = number.json()["number"];
  EXPECT_TRUE(x.starts_with("+86170")) << x;
  EXPECT_FALSE(mentions(number.body, s.person.phone));
  auto again = api().post("/api/v1/applications/" + app_id + "/virtual-number", json::object(),
                          alice_->token);
  EXPECT_EQ(again.json()["number"], x);
  auto reopened = api().get("/api/v1/applications/" + app_id, alice_->token);
  EXPECT_EQ(reopened.json()["contact"]["virtual_number"]["number"], x);

  // RES-7: the PDF for the employer recruiter; nothing for a headhunter.
  auto pdf = api().get("/api/v1/applications/" + app_id + "/resume.pdf", alice_->token);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_TRUE(pdf.body.starts_with("%PDF"));
  EXPECT_TRUE(
      is_problem(api().get("/api/v1/applications/" + app_id + "/resume.pdf", hunter_->token), 403,
                 "download-not-allowed"));

  // Another company: the application does not exist for it.
  EXPECT_TRUE(
      is_problem(api().get("/api/v1/applications/" + app_id, bob_->token), 404, "not-found"));
  EXPECT_TRUE(is_problem(api().get("/api/v1/jobs/" + job + "/applications", bob_->token), 404,
                         "not-found"));

  // RES-8: the seeker sees the view and the download, by company, never the recruiter's name.
  auto views = api().get("/api/v1/me/resume-views", s.token);
  std::set<std::string> purposes;
  for (auto& v : views.json()["items"]) purposes.insert(v["purpose"]);
  EXPECT_TRUE(purposes.count("view_application")) << views.body;
  EXPECT_TRUE(purposes.count("download_resume")) << views.body;

  // RES-9: after a block the company sees nothing of it any more.
  ASSERT_EQ(api().put("/api/v1/me/blocks/" + alice_->company_id, json::object(), s.token).status,
            201);
  EXPECT_TRUE(
      is_problem(api().get("/api/v1/applications/" + app_id, alice_->token), 404, "not-found"));
  auto after = api().get("/api/v1/jobs/" + job + "/applications", alice_->token);
  EXPECT_EQ(after.json()["items"].size(), 0u) << after.body;
  EXPECT_EQ(api().get("/api/v1/applications/" + app_id + "/resume.pdf", alice_->token).status, 404);
}

// HIR-1: once per post; a repeat answers 200 with the same application.
TEST_F(HiringApi, ApplyingTwiceReturnsTheFirstApplication) {
  const std::string job = publish_job(*server_, alice_->token);
  auto s = seeker();
  auto first = apply(s, job);
  ASSERT_EQ(first.status, 201) << first.body;
  auto second = apply(s, job);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.json()["id"], first.json()["id"]);
  auto mine = api().get("/api/v1/me/applications", s.token);
  EXPECT_EQ(mine.json()["items"].size(), 1u);
  EXPECT_EQ(mine.json()["items"][0]["job_title"], "后端开发工程师 Backend engineer");
  // Still the same answer once the post has stopped taking applications: the repeat is not a
  // new application to a paused post.
  ASSERT_EQ(api().post("/api/v1/jobs/" + job + "/pause", json::object(), alice_->token).status,
            200);
  auto third = apply(s, job);
  ASSERT_EQ(third.status, 200) << third.body;
  EXPECT_EQ(third.json()["id"], first.json()["id"]);
}

// HIR-1: fifty identical requests at once create exactly one application.
TEST_F(HiringApi, FiftyConcurrentIdenticalApplicationsCreateOne) {
  const std::string job = publish_job(*server_, alice_->token);
  auto s = seeker();
  std::vector<std::thread> threads;
  std::vector<HttpResult> results(50);
  for (int i = 0; i < 50; ++i) threads.emplace_back([&, i] { results[i] = apply(s, job); });
  for (auto& t : threads) t.join();
  int created = 0;
  std::set<std::string> ids;
  for (auto& r : results) {
    ASSERT_TRUE(r.status == 201 || r.status == 200) << r.status << " " << r.body;
    created += r.status == 201;
    ids.insert(r.json()["id"].get<std::string>());
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(ids.size(), 1u);
  auto list = api().get("/api/v1/jobs/" + job + "/applications", alice_->token);
  EXPECT_EQ(list.json()["total"], 1);
}

// HIR-1: the state machine; illegal moves are 409 and change nothing; the seeker sees every
// change with its time and is notified of the company's moves.
TEST_F(HiringApi, ApplicationsMoveThroughTheirStatesAndTheSeekerSeesEveryChange) {
  const std::string job = publish_job(*server_, alice_->token);
  auto s = seeker();
  const std::string id = applied(s, job);
  const std::string status_path = "/api/v1/applications/" + id + "/status";
  EXPECT_TRUE(is_problem(api().post(status_path, {{"status", "viewed"}}, alice_->token), 422,
                         "validation"));
  ASSERT_EQ(api().post(status_path, {{"status", "interview"}}, alice_->token).status, 200);
  auto offer = api().post(status_path, {{"status", "offer"}, {"note", "欢迎加入"}}, alice_->token);
  ASSERT_EQ(offer.status, 200) << offer.body;
  EXPECT_EQ(offer.json()["status"], "offer");
  // Terminal: no further moves, no withdrawal after an offer.
  EXPECT_TRUE(is_problem(api().post(status_path, {{"status", "rejected"}}, alice_->token), 409,
                         "illegal-transition"));
  EXPECT_TRUE(is_problem(
      api().post("/api/v1/me/applications/" + id + "/withdrawal", json::object(), s.token), 409,
      "illegal-transition"));
  auto mine = api().get("/api/v1/me/applications/" + id, s.token);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json()["status"], "offer");
  std::vector<std::string> states;
  for (auto& e : mine.json()["events"]) {
    states.push_back(e["status"]);
    EXPECT_GT(e["at"].get<long long>(), 0);
  }
  EXPECT_EQ(states, (std::vector<std::string>{"submitted", "interview", "offer"}));
  auto notes = api().get("/api/v1/me/notifications", s.token);
  ASSERT_EQ(notes.status, 200);
  EXPECT_EQ(notes.json()["unread"], 2) << notes.body;
  const std::string first = notes.json()["items"][0]["id"];
  EXPECT_EQ(notes.json()["items"][0]["data"]["status"], "offer");
  EXPECT_EQ(
      api().post("/api/v1/me/notifications/" + first + "/read", json::object(), s.token).status,
      204);
  EXPECT_EQ(api().get("/api/v1/me/notifications", s.token).json()["unread"], 1);
  EXPECT_EQ(api()
                .post("/api/v1/me/notifications/" + first + "/read", json::object(), alice_->token)
                .status,
            404);

  // A seeker withdraws before an offer; the company can no longer move it.
  auto other = seeker();
  const std::string id2 = applied(other, job);
  auto w = api().post("/api/v1/me/applications/" + id2 + "/withdrawal", {{"note", "已找到工作"}},
                      other.token);
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(w.json()["status"], "withdrawn");
  EXPECT_TRUE(is_problem(api().post("/api/v1/applications/" + id2 + "/status",
                                    {{"status", "interview"}}, alice_->token),
                         409, "illegal-transition"));
}

// Bad input changes nothing and says what is wrong.
TEST_F(HiringApi, BadApplicationsAreRefusedClearly) {
  const std::string job = publish_job(*server_, alice_->token);
  auto s = seeker();
  auto other = seeker();
  EXPECT_TRUE(is_problem(api().post("/api/v1/applications",
                                    {{"job_id", "j_nope"}, {"resume_id", s.resume_id}}, s.token),
                         404, "not-found"));
  EXPECT_TRUE(is_problem(api().post("/api/v1/applications",
                                    {{"job_id", job}, {"resume_id", other.resume_id}}, s.token),
                         422, "validation"));
  EXPECT_TRUE(is_problem(api().post("/api/v1/applications", {{"job_id", job}}, s.token), 422,
                         "validation"));
  EXPECT_EQ(api().request("POST", "/api/v1/applications", std::string("{nope"), s.token).status,
            400);
  EXPECT_TRUE(is_problem(api().post("/api/v1/applications",
                                    {{"job_id", job}, {"resume_id", s.resume_id}}, alice_->token),
                         403, "role-required"));
  const std::string paused = publish_job(*server_, alice_->token);
  ASSERT_EQ(api().post("/api/v1/jobs/" + paused + "/pause", json::object(), alice_->token).status,
            200);
  EXPECT_TRUE(is_problem(apply(s, paused), 409, "job-not-open"));
  EXPECT_EQ(api().get("/api/v1/me/applications", s.token).json()["items"].size(), 0u);
  // Recruiter list parameters.
  EXPECT_TRUE(is_problem(
      api().get("/api/v1/jobs/" + job + "/applications?sort=random&limit=0", alice_->token), 422,
      "validation"));
  EXPECT_TRUE(
      is_problem(api().get("/api/v1/jobs/" + job + "/applications?cursor=bogus", alice_->token),
                 422, "validation"));
}

// HIR-1: a post the seeker's block covers, or one past its expiry, takes no application and
// nothing is stored; an application sent before the post expired is still answered (200) on a
// repeat. PostgreSQL makes these checks inside its batch INSERT, SQLite before its insert: the
// answers are the same.
TEST_F(HiringApi, ABlockedCompanyOrAnExpiredPostTakesNoApplication) {
  auto s = seeker();
  const std::string job = publish_job(*server_, alice_->token);
  ASSERT_EQ(api().put("/api/v1/me/blocks/" + alice_->company_id, json::object(), s.token).status,
            201);
  EXPECT_TRUE(is_problem(apply(s, job), 409, "company-blocked"));
  EXPECT_EQ(api().get("/api/v1/me/applications", s.token).json()["items"].size(), 0u);
  ASSERT_EQ(api().del("/api/v1/me/blocks/" + alice_->company_id, s.token).status, 204);
  applied(s, job);

  json brief = sample_job("一天的岗位");
  brief["valid_days"] = 1;
  auto posted = api().post("/api/v1/jobs", brief, alice_->token);
  ASSERT_EQ(posted.status, 201) << posted.body;
  const std::string day_post = posted.json()["id"];
  const long long expires_at = posted.json()["expires_at"];
  auto early = seeker();
  auto late = seeker();
  const std::string first = applied(early, day_post);
  const long long to_expiry = expires_at - now();  // the post's last moment has come
  server_->advance_clock(to_expiry);
  offset_ += to_expiry;
  EXPECT_TRUE(is_problem(apply(late, day_post), 409, "job-not-open"));
  EXPECT_EQ(api().get("/api/v1/me/applications", late.token).json()["items"].size(), 0u);
  auto again = apply(early, day_post);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["id"], first);
}

// A recruiter pages through applicants with filters, newest first, without repeats.
TEST_F(HiringApi, RecruiterPagesThroughApplicantsWithFilters) {
  const std::string job = publish_job(*server_, alice_->token);
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(applied(seeker(), job));
    server_->advance_clock(1);
    offset_ += 1;
  }
  ASSERT_EQ(api()
                .post("/api/v1/applications/" + ids[1] + "/status", {{"status", "rejected"}},
                      alice_->token)
                .status,
            200);
  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    std::string path = "/api/v1/jobs/" + job + "/applications?limit=2";
    if (!cursor.empty()) path += "&cursor=" + cursor;
    auto r = api().get(path, alice_->token);
    ASSERT_EQ(r.status, 200) << r.body;
    for (auto& item : r.json()["items"]) seen.push_back(item["application_id"]);
    if (r.json()["next_cursor"].is_null()) break;
    cursor = r.json()["next_cursor"];
  }
  EXPECT_EQ(seen, (std::vector<std::string>{ids[4], ids[3], ids[2], ids[1], ids[0]}));
  auto rejected = api().get("/api/v1/jobs/" + job + "/applications?status=rejected", alice_->token);
  ASSERT_EQ(rejected.json()["items"].size(), 1u);
  EXPECT_EQ(rejected.json()["items"][0]["application_id"], ids[1]);
  auto oldest =
      api().get("/api/v1/jobs/" + job + "/applications?sort=oldest&limit=1", alice_->token);
  EXPECT_EQ(oldest.json()["items"][0]["application_id"], ids[0]);
}

// The total each page shows follows applies and moves, per status, and a repeat or a refused
// apply adds nothing (the totals are kept beside the rows, not counted per page).
TEST_F(HiringApi, ApplicantTotalsFollowAppliesAndMoves) {  // HIR-1
  const std::string job = publish_job(*server_, alice_->token);
  const auto totals = [&] {
    std::map<std::string, long long> out;
    const std::string path = "/api/v1/jobs/" + job + "/applications?limit=1";
    out["all"] = api().get(path, alice_->token).json()["total"];
    for (const char* status : {"submitted", "interview", "rejected", "withdrawn"})
      out[status] =
          api().get(path + "&status=" + status, alice_->token).json()["total"].get<long long>();
    return out;
  };
  auto a = seeker(), b = seeker(), c = seeker();
  const std::string ida = applied(a, job), idb = applied(b, job), idc = applied(c, job);
  EXPECT_EQ(apply(a, job).status, 200);  // a repeat
  EXPECT_EQ(
      totals(),
      (std::map<std::string, long long>{
          {"all", 3}, {"submitted", 3}, {"interview", 0}, {"rejected", 0}, {"withdrawn", 0}}));

  const auto move = [&](const std::string& id, const std::string& status) {
    return api()
        .post("/api/v1/applications/" + id + "/status", {{"status", status}}, alice_->token)
        .status;
  };
  ASSERT_EQ(move(ida, "interview"), 200);
  ASSERT_EQ(move(idb, "rejected"), 200);
  ASSERT_EQ(
      api().post("/api/v1/me/applications/" + idc + "/withdrawal", json::object(), c.token).status,
      200);
  // Refused moves change nothing.
  EXPECT_EQ(move(idb, "offer"), 409);
  EXPECT_EQ(move(idc, "interview"), 409);
  EXPECT_EQ(
      totals(),
      (std::map<std::string, long long>{
          {"all", 3}, {"submitted", 0}, {"interview", 1}, {"rejected", 1}, {"withdrawn", 1}}));

  // Applying to a paused post is refused and counts nowhere.
  ASSERT_EQ(api().post("/api/v1/jobs/" + job + "/pause", json::object(), alice_->token).status,
            200);
  EXPECT_EQ(apply(seeker(), job).status, 409);
  EXPECT_EQ(totals()["all"], 3);
}

// RES-11, HIR-2: contact off means no virtual number and no invitation; a blocked company
// cannot even tell the resume exists; otherwise the invitation reaches the seeker.
TEST_F(HiringApi, InvitationsAndNumbersRespectTheContactSwitchAndBlocks) {
  const std::string job = publish_job(*server_, alice_->token);
  auto quiet = seeker(false);
  const std::string app_id = applied(quiet, job);
  auto opened = api().get("/api/v1/applications/" + app_id, alice_->token);
  EXPECT_FALSE(opened.json()["contact"]["allowed"].get<bool>());
  EXPECT_TRUE(is_problem(api().post("/api/v1/applications/" + app_id + "/virtual-number",
                                    json::object(), alice_->token),
                         403, "contact-not-allowed"));
  EXPECT_TRUE(
      is_problem(api().post("/api/v1/contact-invitations",
                            {{"resume_id", quiet.resume_id}, {"kind", "apply"}, {"job_id", job}},
                            alice_->token),
                 403, "contact-not-allowed"));

  auto open_seeker = seeker();
  auto blocked =
      api().put("/api/v1/me/blocks/" + bob_->company_id, json::object(), open_seeker.token);
  ASSERT_EQ(blocked.status, 201);
  EXPECT_TRUE(
      is_problem(api().post("/api/v1/contact-invitations",
                            {{"resume_id", open_seeker.resume_id}, {"kind", "chat"}}, bob_->token),
                 404, "not-found"));
  EXPECT_TRUE(is_problem(
      api().post("/api/v1/contact-invitations",
                 {{"resume_id", open_seeker.resume_id}, {"kind", "apply"}}, alice_->token),
      422, "validation"));
  auto invited = api().post("/api/v1/contact-invitations",
                            {{"resume_id", open_seeker.resume_id},
                             {"kind", "apply"},
                             {"job_id", job},
                             {"message", "您好，欢迎投递"}},
                            alice_->token);
  ASSERT_EQ(invited.status, 201) << invited.body;
  auto repeat = api().post(
      "/api/v1/contact-invitations",
      {{"resume_id", open_seeker.resume_id}, {"kind", "apply"}, {"job_id", job}}, alice_->token);
  EXPECT_EQ(repeat.status, 200);
  EXPECT_EQ(repeat.json()["id"], invited.json()["id"]);
  auto chat = api().post("/api/v1/contact-invitations",
                         {{"resume_id", open_seeker.resume_id}, {"kind", "chat"}}, hunter_->token);
  EXPECT_EQ(chat.status, 201) << chat.body;

  auto received = api().get("/api/v1/me/contact-invitations", open_seeker.token);
  ASSERT_EQ(received.json()["items"].size(), 2u) << received.body;
  const std::string inv = invited.json()["id"];
  auto answer = api().post("/api/v1/me/contact-invitations/" + inv + "/response",
                           {{"accept", true}}, open_seeker.token);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.json()["status"], "accepted");
  EXPECT_TRUE(is_problem(api().post("/api/v1/me/contact-invitations/" + inv + "/response",
                                    {{"accept", false}}, open_seeker.token),
                         409, "invitation-answered"));
  auto sent = api().get("/api/v1/me/contact-invitations", alice_->token);
  EXPECT_EQ(sent.json()["items"][0]["status"], "accepted");
  EXPECT_FALSE(mentions(sent.body, open_seeker.person.name));
}

// HIR-3: propose, answer, reschedule, calendar file.
TEST_F(HiringApi, InterviewsAreProposedAnsweredRescheduledAndExportedAsCalendarFiles) {
  const std::string job = publish_job(*server_, alice_->token);
  auto s = seeker();
  const std::string app_id = applied(s, job);
  const std::string base = "/api/v1/applications/" + app_id + "/interviews";
  json bad = interview_body();
  bad["mode"] = "online";
  bad.erase("link");
  bad["duration_minutes"] = 5;
  auto refused = api().post(base, bad, alice_->token);
  EXPECT_TRUE(is_problem(refused, 422, "validation"));
  EXPECT_EQ(refused.json()["errors"].size(), 2u) << refused.body;
  EXPECT_TRUE(
      is_problem(api().post(base, interview_body(-3600), alice_->token), 422, "validation"));
  EXPECT_EQ(api().post(base, interview_body(), bob_->token).status, 404);

  auto proposed = api().post(base, interview_body(), alice_->token);
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const std::string id = proposed.json()["id"];
  EXPECT_EQ(proposed.json()["status"], "proposed");
  EXPECT_EQ(api().get("/api/v1/me/applications/" + app_id, s.token).json()["status"], "interview");
  // The seeker sees it, with the contact person the company chose to give.
  auto seen = api().get("/api/v1/interviews/" + id, s.token);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json()["contact_name"], "王经理");
  EXPECT_EQ(api().get("/api/v1/interviews/" + id, seeker().token).status, 404);

  const std::string ics_path = "/api/v1/interviews/" + id + "/calendar.ics";
  EXPECT_TRUE(is_problem(api().get(ics_path, s.token), 409, "interview-not-accepted"));
  auto accepted = api().post("/api/v1/interviews/" + id + "/acceptance", json::object(), s.token);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["status"], "accepted");
  auto ics = api().get(ics_path, s.token);
  ASSERT_EQ(ics.status, 200) << ics.body;
  EXPECT_TRUE(ics.header("content-type").starts_with("text/calendar"));
  EXPECT_TRUE(mentions(ics.body, "BEGIN:VCALENDAR"));
  EXPECT_TRUE(mentions(ics.body, "UID:" + id + "@hiresafe"));
  EXPECT_TRUE(mentions(ics.body, "DURATION:PT45M"));
  EXPECT_TRUE(mentions(ics.body, "https://meet.example.com/r/abc"));
  EXPECT_EQ(api().get(ics_path, alice_->token).status, 200);

  // Rescheduling asks the seeker again; a stale If-Match changes nothing.
  std::map<std::string, std::string> stale{{"If-Match", "\"1\""}};
  auto moved = api().request("PUT", "/api/v1/interviews/" + id, interview_body(3 * 86400).dump(),
                             alice_->token, stale);
  EXPECT_TRUE(is_problem(moved, 412, "stale-version"));
  std::map<std::string, std::string> fresh{{"If-Match", accepted.header("etag")}};
  auto rescheduled = api().request("PUT", "/api/v1/interviews/" + id,
                                   interview_body(3 * 86400).dump(), alice_->token, fresh);
  ASSERT_EQ(rescheduled.status, 200) << rescheduled.body;
  EXPECT_EQ(rescheduled.json()["status"], "proposed");
  EXPECT_EQ(api().get(ics_path, s.token).status, 409);
  auto declined =
      api().post("/api/v1/interviews/" + id + "/decline", {{"reason", "时间冲突"}}, s.token);
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(declined.json()["decline_reason"], "时间冲突");
  EXPECT_TRUE(
      is_problem(api().post("/api/v1/interviews/" + id + "/acceptance", json::object(), s.token),
                 409, "interview-not-pending"));
  EXPECT_EQ(api().get(base, s.token).json()["items"].size(), 1u);
}

// JOB-4: saved posts (a closed one shown as closed) and followed companies.
TEST_F(HiringApi, SeekersSaveJobsAndFollowCompanies) {
  auto s = seeker();
  const std::string job = publish_job(*server_, alice_->token);
  EXPECT_EQ(api().put("/api/v1/me/saved-jobs/" + job, json::object(), s.token).status, 204);
  EXPECT_EQ(api().put("/api/v1/me/saved-jobs/" + job, json::object(), s.token).status, 204);
  EXPECT_TRUE(is_problem(api().put("/api/v1/me/saved-jobs/j_nope", json::object(), s.token), 404,
                         "not-found"));
  ASSERT_EQ(api().post("/api/v1/jobs/" + job + "/close", json::object(), alice_->token).status,
            200);
  auto saved = api().get("/api/v1/me/saved-jobs", s.token);
  ASSERT_EQ(saved.json()["items"].size(), 1u);
  EXPECT_EQ(saved.json()["items"][0]["status"], "closed");
  EXPECT_EQ(api().del("/api/v1/me/saved-jobs/" + job, s.token).status, 204);
  EXPECT_EQ(api().get("/api/v1/me/saved-jobs", s.token).json()["items"].size(), 0u);

  publish_job(*server_, alice_->token);
  EXPECT_EQ(api()
                .put("/api/v1/me/followed-companies/" + alice_->company_id, json::object(), s.token)
                .status,
            204);
  EXPECT_TRUE(is_problem(api().put("/api/v1/me/followed-companies/c_nope", json::object(), s.token),
                         404, "not-found"));
  auto follows = api().get("/api/v1/me/followed-companies", s.token);
  ASSERT_EQ(follows.json()["items"].size(), 1u);
  EXPECT_GE(follows.json()["items"][0]["open_jobs"].get<long long>(), 1);
  EXPECT_EQ(api().del("/api/v1/me/followed-companies/" + alice_->company_id, s.token).status, 204);
  EXPECT_EQ(api().get("/api/v1/me/followed-companies", s.token).json()["items"].size(), 0u);
}

// COM-4, RES-6: the seeker lists and ends bindings; an expired binding frees its number and
// the pair gets a new binding.
TEST_F(HiringApi, SeekerEndsVirtualNumbersAndBindingsExpire) {
  const std::string job = publish_job(*server_, alice_->token);
  auto s = seeker();
  const std::string app_id = applied(s, job);
  const std::string path = "/api/v1/applications/" + app_id + "/virtual-number";
  auto first = api().post(path, json::object(), alice_->token);
  ASSERT_EQ(first.status, 200) << first.body;
  auto mine = api().get("/api/v1/me/virtual-numbers", s.token);
  ASSERT_EQ(mine.json()["items"].size(), 1u) << mine.body;
  const std::string binding = mine.json()["items"][0]["id"];
  EXPECT_EQ(api().del("/api/v1/me/virtual-numbers/" + binding, seeker().token).status, 404);
  EXPECT_EQ(api().del("/api/v1/me/virtual-numbers/" + binding, s.token).status, 204);
  EXPECT_EQ(api().get("/api/v1/me/virtual-numbers", s.token).json()["items"].size(), 0u);

  auto second = api().post(path, json::object(), alice_->token);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_NE(second.json()["id"], first.json()["id"]);
  server_->advance_clock(73 * 3600);  // the default binding lasts 72 hours
  offset_ += 73 * 3600;
  EXPECT_EQ(api().get("/api/v1/me/virtual-numbers", s.token).json()["items"].size(), 0u);
  auto third = api().post(path, json::object(), alice_->token);
  ASSERT_EQ(third.status, 200) << third.body;
  EXPECT_NE(third.json()["id"], second.json()["id"]);
}

// HIR-5: applications by state and weekly counts, moved by the clock.
TEST_F(HiringApi, SeekerStatisticsCountByWeek) {
  auto s = seeker();
  const std::string job1 = publish_job(*server_, alice_->token);
  const std::string job2 = publish_job(*server_, bob_->token);
  const std::string a1 = applied(s, job1);
  applied(s, job2);
  ASSERT_EQ(api().get("/api/v1/applications/" + a1, alice_->token).status, 200);
  auto stats = api().get("/api/v1/me/stats", s.token);
  ASSERT_EQ(stats.status, 200) << stats.body;
  auto& body = stats.json();
  EXPECT_EQ(body["applications_by_state"]["submitted"], 1);
  EXPECT_EQ(body["applications_by_state"]["viewed"], 1);
  EXPECT_EQ(body["applications_by_state"]["offer"], 0);
  ASSERT_EQ(body["weeks"].size(), 12u);
  EXPECT_EQ(body["weeks"][11]["applications"], 2);
  EXPECT_EQ(body["weeks"][11]["views"], 1);
  EXPECT_EQ(body["weeks"][11]["replies"], 1);
  EXPECT_EQ(body["last_12_weeks"]["applications"], 2);

  server_->advance_clock(7 * 86400);
  offset_ += 7 * 86400;
  auto later = api().get("/api/v1/me/stats", s.token);
  EXPECT_EQ(later.json()["weeks"][10]["applications"], 2);
  EXPECT_EQ(later.json()["weeks"][11]["applications"], 0);
  EXPECT_TRUE(is_problem(api().get("/api/v1/me/stats", alice_->token), 403, "role-required"));
}
