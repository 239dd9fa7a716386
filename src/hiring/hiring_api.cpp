#include "hiring/hiring_api.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "http/json_util.hpp"
#include "http/request_headers.hpp"

namespace hiresafe::hiring {

using http::Fields;
using http::HttpRequest;
using http::HttpResponse;
using http::json_response;
using http::no_content;
using http::nullable;
using http::problem_response;
using http::respond;
using http::with_body;
using nlohmann::json;

namespace {

json application_json(const Application& a) {
  const auto& r = a.row;
  return {{"id", r.id},
          {"job_id", r.job_id},
          {"job_title", a.job_title},
          {"job_status", a.job_status},
          {"company_id", r.company_id},
          {"company_name", a.company_name},
          {"resume_id", r.resume_id},
          {"resume_title", r.resume_title},
          {"status", r.status},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"viewed_at", nullable(r.viewed_at)}};
}

json events_json(const std::vector<store::EventRow>& events) {
  json out = json::array();
  for (const auto& e : events)
    out.push_back(
        {{"status", e.status}, {"by", e.actor_role}, {"note", nullable(e.note)}, {"at", e.at}});
  return out;
}

json binding_json(const Binding& b) {
  return {{"id", b.id},
          {"number", b.number},
          {"application_id", b.application_id},
          {"created_at", b.created_at},
          {"expires_at", b.expires_at}};
}

json interview_json(const Interview& iv) {
  const auto& r = iv.row;
  return {
      {"id", r.id},
      {"application_id", r.application_id},
      {"job_title", iv.job_title},
      {"company_name", iv.company_name},
      {"starts_at", r.starts_at},
      {"duration_minutes", r.duration_minutes},
      {"mode", r.mode},
      {"place", nullable(r.place)},
      {"link", nullable(r.link)},
      {"contact_name", iv.contact.value("name", "")},
      {"contact_phone",
       iv.contact.value("phone", "").empty() ? json(nullptr) : json(iv.contact.value("phone", ""))},
      {"status", r.status},
      {"decline_reason", nullable(r.decline_reason)},
      {"version", r.version},
      {"created_at", r.created_at},
      {"updated_at", r.updated_at}};
}

HttpResponse interview_response(int status, const Interview& iv) {
  auto resp = json_response(status, interview_json(iv));
  resp.headers.emplace_back("ETag", http::etag_of(iv.row.version));
  return resp;
}

json invitation_json(const store::InvitationRow& i) {
  return {{"id", i.id},
          {"kind", i.kind},
          {"status", i.status},
          {"company_id", nullable(i.company_id)},
          {"company_name", i.company_name},
          {"job_id", nullable(i.job_id)},
          {"job_title", i.job_title.empty() ? json(nullptr) : json(i.job_title)},
          {"inviter_id", i.recruiter_id},
          {"resume_id", i.resume_id},
          {"message", nullable(i.message)},
          {"created_at", i.created_at},
          {"responded_at", nullable(i.responded_at)}};
}

InterviewInput interview_input(Fields& f) {
  InterviewInput in;
  in.starts_at = f.integer("starts_at");
  in.duration_minutes = f.integer("duration_minutes");
  in.mode = f.text("mode");
  in.place = f.optional_text("place");
  in.link = f.optional_text("link");
  in.contact_name = f.text("contact_name");
  in.contact_phone = f.optional_text("contact_phone");
  return in;
}

HttpResponse interview_ok(core::Result<Interview>&& r) {
  return respond(std::move(r), [](const Interview& iv) { return interview_response(200, iv); });
}

// ?status=&sort=newest|oldest|updated&cursor=&limit= for a recruiter's applicant list.
core::Result<ApplicantQuery> applicant_query(const HttpRequest& req) {
  ApplicantQuery q;
  std::vector<core::FieldError> p;
  if (auto s = req.query_param("status"); s && !s->empty()) {
    if (std::ranges::none_of(kApplicationStates, [&](const char* k) { return *s == k; }))
      p.push_back({"status", "must be submitted, viewed, interview, offer, rejected or withdrawn"});
    q.status = *s;
  }
  const std::string sort = req.query_param("sort").value_or("newest");
  if (sort == "newest")
    q.order = store::ListOrder::kNewest;
  else if (sort == "oldest")
    q.order = store::ListOrder::kOldest;
  else if (sort == "updated")
    q.order = store::ListOrder::kUpdated;
  else
    p.push_back({"sort", "must be newest, oldest or updated"});
  if (auto l = req.query_param("limit"); l && !l->empty()) {
    int n = 0;
    const auto [end, ec] = std::from_chars(l->data(), l->data() + l->size(), n);
    if (ec != std::errc() || end != l->data() + l->size() || n < 1 || n > 100)
      p.push_back({"limit", "must be 1 to 100"});
    else
      q.limit = n;
  }
  if (auto c = req.query_param("cursor"); c && !c->empty()) {
    // "<sort key>.<id>" of the last item shown, tagged with the sort it belongs to.
    auto raw = http::decode_cursor(*c);
    const auto dot = raw ? raw->find('.') : std::string::npos;
    long long key = 0;
    bool ok = raw && dot != std::string::npos && raw->starts_with(sort + ":");
    if (ok) {
      const char* b = raw->data() + sort.size() + 1;
      const auto [end, ec] = std::from_chars(b, raw->data() + dot, key);
      ok = ec == std::errc() && end == raw->data() + dot && dot + 1 < raw->size();
    }
    if (ok)
      q.after = std::pair{key, raw->substr(dot + 1)};
    else
      p.push_back({"cursor", "is not a cursor this server handed out for this sort"});
  }
  if (!p.empty()) return core::Error::invalid(std::move(p));
  return q;
}

}  // namespace

// --- seekers' applications ---

HttpResponse post_application(http::App& app, const HttpRequest& req) {
  struct In {
    std::string job_id, resume_id;
  };
  return with_body(
      req,
      [](Fields& f) {
        return In{f.text("job_id"), f.text("resume_id")};
      },
      [&](const In& in) {
        return respond(
            app.applications.apply(req.caller(), in.job_id, in.resume_id), [](const Applied& a) {
              return json_response(a.created ? 201 : 200, application_json(a.application));
            });
      });
}

HttpResponse get_my_applications(http::App& app, const HttpRequest& req) {
  return respond(app.applications.mine(req.caller()), [](const std::vector<Application>& list) {
    json items = json::array();
    for (const auto& a : list) items.push_back(application_json(a));
    return json_response(200, {{"items", items}});
  });
}

HttpResponse get_my_application(http::App& app, const HttpRequest& req) {
  return respond(app.applications.mine_one(req.caller(), req.param("id")),
                 [](const SeekerApplication& s) {
                   json body = application_json(s.application);
                   body["events"] = events_json(s.events);
                   return json_response(200, body);
                 });
}

HttpResponse post_application_withdrawal(http::App& app, const HttpRequest& req) {
  return with_body(
      req, [](Fields& f) { return f.optional_text("note"); },
      [&](const std::optional<std::string>& note) {
        return respond(
            app.applications.withdraw(req.caller(), req.param("id"), note),
            [](const Application& a) { return json_response(200, application_json(a)); });
      });
}

// --- recruiters' side ---

HttpResponse get_job_applications(http::App& app, const HttpRequest& req) {
  auto query = applicant_query(req);
  if (!query) return problem_response(query.error());
  const std::string sort = req.query_param("sort").value_or("newest");
  return respond(app.applications.for_job(req.caller(), req.param("id"), *query),
                 [&](const ApplicantPage& page) {
                   json next = nullptr;
                   if (page.next)
                     next = http::encode_cursor(sort + ":" + std::to_string(page.next->first) +
                                                "." + page.next->second);
                   return json_response(
                       200, {{"items", page.items}, {"total", page.total}, {"next_cursor", next}});
                 });
}

HttpResponse get_application(http::App& app, const HttpRequest& req) {
  return respond(
      app.applications.open(req.caller(), req.param("id")), [](const OpenedApplication& o) {
        json body = application_json(o.application);
        body["resume"] = o.resume;
        body["events"] = events_json(o.events);
        // RES-5, COM-4: contact only ever as a virtual number.
        body["contact"] = {{"allowed", o.contact_allowed},
                           {"virtual_number", o.number ? binding_json(*o.number) : json(nullptr)}};
        return json_response(200, body);
      });
}

HttpResponse post_application_status(http::App& app, const HttpRequest& req) {
  struct In {
    std::string status;
    std::optional<std::string> note;
  };
  return with_body(
      req,
      [](Fields& f) {
        return In{f.text("status"), f.optional_text("note")};
      },
      [&](const In& in) {
        return respond(
            app.applications.move(req.caller(), req.param("id"), in.status, in.note),
            [](const Application& a) { return json_response(200, application_json(a)); });
      });
}

HttpResponse post_application_number(http::App& app, const HttpRequest& req) {
  return respond(app.applications.number_for(req.caller(), req.param("id")),
                 [](const Binding& b) { return json_response(200, binding_json(b)); });
}

HttpResponse get_application_pdf(http::App& app, const HttpRequest& req) {
  return respond(app.applications.download(req.caller(), req.param("id")),
                 [](const ResumePdf& pdf) {
                   HttpResponse resp;
                   resp.content_type = "application/pdf";
                   resp.body = pdf.bytes;
                   resp.headers.emplace_back("Content-Disposition",
                                             "attachment; filename=\"" + pdf.file_name + "\"");
                   resp.headers.emplace_back("Cache-Control", "no-store");
                   return resp;
                 });
}

// --- interviews ---

HttpResponse post_interview(http::App& app, const HttpRequest& req) {
  return with_body(req, interview_input, [&](const InterviewInput& in) {
    return respond(app.interviews.propose(req.caller(), req.param("id"), in),
                   [](const Interview& iv) { return interview_response(201, iv); });
  });
}

HttpResponse get_application_interviews(http::App& app, const HttpRequest& req) {
  return respond(app.interviews.of_application(req.caller(), req.param("id")),
                 [](const std::vector<Interview>& list) {
                   json items = json::array();
                   for (const auto& iv : list) items.push_back(interview_json(iv));
                   return json_response(200, {{"items", items}});
                 });
}

HttpResponse get_interview(http::App& app, const HttpRequest& req) {
  return interview_ok(app.interviews.get(req.caller(), req.param("id")));
}

HttpResponse put_interview(http::App& app, const HttpRequest& req) {
  auto version = http::version_of(req.if_match);
  if (!version) return problem_response(version.error());
  return with_body(req, interview_input, [&](const InterviewInput& in) {
    return interview_ok(app.interviews.reschedule(req.caller(), req.param("id"), in, *version));
  });
}

HttpResponse post_interview_cancel(http::App& app, const HttpRequest& req) {
  return interview_ok(app.interviews.cancel(req.caller(), req.param("id")));
}

HttpResponse post_interview_acceptance(http::App& app, const HttpRequest& req) {
  return interview_ok(app.interviews.accept(req.caller(), req.param("id")));
}

HttpResponse post_interview_decline(http::App& app, const HttpRequest& req) {
  return with_body(
      req, [](Fields& f) { return f.optional_text("reason"); },
      [&](const std::optional<std::string>& reason) {
        return interview_ok(app.interviews.decline(req.caller(), req.param("id"), reason));
      });
}

HttpResponse get_interview_calendar(http::App& app, const HttpRequest& req) {
  return respond(
      app.interviews.calendar(req.caller(), req.param("id")), [&](const std::string& ics) {
        HttpResponse resp;
        resp.content_type = "text/calendar; charset=utf-8";
        resp.body = ics;
        resp.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"interview-" + req.param("id") + ".ics\"");
        return resp;
      });
}

// --- contact invitations (HIR-2) ---

HttpResponse post_contact_invitation(http::App& app, const HttpRequest& req) {
  return with_body(
      req,
      [](Fields& f) {
        return InvitationInput{f.text("resume_id"), f.text("kind"), f.optional_text("job_id"),
                               f.optional_text("message")};
      },
      [&](const InvitationInput& in) {
        return respond(app.contacts.invite(req.caller(), in), [](const Invited& i) {
          return json_response(i.created ? 201 : 200, invitation_json(i.invitation));
        });
      });
}

HttpResponse get_contact_invitations(http::App& app, const HttpRequest& req) {
  return respond(app.contacts.list(req.caller()),
                 [](const std::vector<store::InvitationRow>& list) {
                   json items = json::array();
                   for (const auto& i : list) items.push_back(invitation_json(i));
                   return json_response(200, {{"items", items}});
                 });
}

HttpResponse post_contact_invitation_response(http::App& app, const HttpRequest& req) {
  return with_body(
      req, [](Fields& f) { return f.optional_boolean("accept"); },
      [&](const std::optional<bool>& accept) {
        if (!accept) return problem_response(core::Error::invalid("accept", "is required"));
        return respond(
            app.contacts.answer(req.caller(), req.param("id"), *accept),
            [](const store::InvitationRow& i) { return json_response(200, invitation_json(i)); });
      });
}

// --- virtual numbers, the seeker's side (COM-4) ---

HttpResponse get_my_numbers(http::App& app, const HttpRequest& req) {
  return respond(app.numbers.live_for_seeker(req.caller().user_id),
                 [](const std::vector<Binding>& list) {
                   json items = json::array();
                   for (const auto& b : list) items.push_back(binding_json(b));
                   return json_response(200, {{"items", items}});
                 });
}

HttpResponse delete_my_number(http::App& app, const HttpRequest& req) {
  return respond(app.numbers.end(req.caller().user_id, req.param("id")),
                 [](const core::Unit&) { return no_content(); });
}

// --- saved posts and followed companies (JOB-4) ---

HttpResponse get_saved_jobs(http::App& app, const HttpRequest& req) {
  return respond(app.seeker_desk.saved_jobs(req.caller()),
                 [](const std::vector<store::SavedJobRow>& list) {
                   json items = json::array();
                   for (const auto& s : list)
                     items.push_back({{"job_id", s.job_id},
                                      {"title", s.title},
                                      {"status", s.status},
                                      {"company_id", s.company_id},
                                      {"company_name", s.company_name},
                                      {"city_code", s.city_code},
                                      {"salary_min", s.salary_min},
                                      {"salary_max", s.salary_max},
                                      {"saved_at", s.saved_at}});
                   return json_response(200, {{"items", items}});
                 });
}

HttpResponse put_saved_job(http::App& app, const HttpRequest& req) {
  return respond(app.seeker_desk.save_job(req.caller(), req.param("job_id")),
                 [](const core::Unit&) { return no_content(); });
}

HttpResponse delete_saved_job(http::App& app, const HttpRequest& req) {
  return respond(app.seeker_desk.unsave_job(req.caller(), req.param("job_id")),
                 [](const core::Unit&) { return no_content(); });
}

HttpResponse get_followed_companies(http::App& app, const HttpRequest& req) {
  return respond(app.seeker_desk.followed(req.caller()),
                 [](const std::vector<store::FollowRow>& list) {
                   json items = json::array();
                   for (const auto& f : list)
                     items.push_back({{"company_id", f.company_id},
                                      {"name", f.name},
                                      {"city_code", f.city_code},
                                      {"industry", f.industry},
                                      {"open_jobs", f.open_jobs},
                                      {"followed_at", f.followed_at}});
                   return json_response(200, {{"items", items}});
                 });
}

HttpResponse put_followed_company(http::App& app, const HttpRequest& req) {
  return respond(app.seeker_desk.follow(req.caller(), req.param("company_id")),
                 [](const core::Unit&) { return no_content(); });
}

HttpResponse delete_followed_company(http::App& app, const HttpRequest& req) {
  return respond(app.seeker_desk.unfollow(req.caller(), req.param("company_id")),
                 [](const core::Unit&) { return no_content(); });
}

// --- statistics (HIR-5) and notifications ---

HttpResponse get_my_stats(http::App& app, const HttpRequest& req) {
  return respond(app.seeker_desk.stats(req.caller()), [](const SeekerStats& s) {
    const auto week = [](const WeekStats& w) {
      return json{{"week_start", w.week_start},
                  {"applications", w.applications},
                  {"views", w.views},
                  {"replies", w.replies},
                  {"invitations", w.invitations},
                  {"interviews", w.interviews}};
    };
    json by_state = json::object();
    for (const auto& [state, n] : s.by_state) by_state[state] = n;
    json weeks = json::array();
    for (const auto& w : s.weeks) weeks.push_back(week(w));
    json totals = week(s.totals);
    totals.erase("week_start");
    return json_response(
        200, {{"applications_by_state", by_state}, {"last_12_weeks", totals}, {"weeks", weeks}});
  });
}

HttpResponse get_notifications(http::App& app, const HttpRequest& req) {
  return respond(app.notifications.list(req.caller()), [](const NotificationList& list) {
    json items = json::array();
    for (const auto& n : list.items)
      items.push_back({{"id", n.id},
                       {"kind", n.kind},
                       {"object_id", n.object_id},
                       {"data", json::parse(n.payload, nullptr, false)},
                       {"created_at", n.created_at},
                       {"read_at", nullable(n.read_at)}});
    return json_response(200, {{"items", items}, {"unread", list.unread}});
  });
}

HttpResponse post_notification_read(http::App& app, const HttpRequest& req) {
  return respond(app.notifications.mark_read(req.caller(), req.param("id")),
                 [](const core::Unit&) { return no_content(); });
}

}  // namespace hiresafe::hiring
