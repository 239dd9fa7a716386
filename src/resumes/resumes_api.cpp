#include "resumes/resumes_api.hpp"

#include <nlohmann/json.hpp>

#include "http/json_util.hpp"
#include "http/request_headers.hpp"

namespace hiresafe::resumes {

using http::etag_of;
using http::Fields;
using http::version_of;
using http::json_response;
using http::problem_response;
using http::respond;
using http::with_body;
using nlohmann::json;

namespace {

json summary_json(const OwnResume& r) {
  return {{"id", r.id},           {"title", r.title},           {"visibility", r.visibility},
          {"version", r.version}, {"created_at", r.created_at}, {"updated_at", r.updated_at}};
}

HttpResponse own_response(int status, const OwnResume& r) {
  json body = summary_json(r);
  body["resume"] = r.document;
  auto resp = json_response(status, body);
  resp.headers.emplace_back("ETag", etag_of(r.version));
  return resp;
}

}  // namespace

HttpResponse get_my_resumes(App& app, const HttpRequest& req) {
  return respond(app.resumes.list(req.caller()), [](const std::vector<OwnResume>& list) {
    json items = json::array();
    for (const auto& r : list) items.push_back(summary_json(r));
    return json_response(200, {{"items", items}});
  });
}

HttpResponse post_resume(App& app, const HttpRequest& req) {
  return with_body(
      req, [](Fields& f) { return f.document(); },
      [&](const json& body) {
        return respond(app.resumes.create(req.caller(), body),
                       [](const OwnResume& r) { return own_response(201, r); });
      });
}

HttpResponse get_my_resume(App& app, const HttpRequest& req) {
  return respond(app.resumes.get(req.caller(), req.param("id")),
                 [](const OwnResume& r) { return own_response(200, r); });
}

HttpResponse put_resume(App& app, const HttpRequest& req) {
  // A resume is edited from a copy the client read: the write names that copy's version.
  if (!req.if_match || *req.if_match == "*")
    return problem_response(core::Error::precondition_required(
        "Send If-Match with the ETag of the resume you edited"));
  auto version = version_of(req.if_match);
  if (!version) return problem_response(version.error());
  return with_body(
      req, [](Fields& f) { return f.document(); },
      [&](const json& body) {
        return respond(app.resumes.update(req.caller(), req.param("id"), **version, body),
                       [](const OwnResume& r) { return own_response(200, r); });
      });
}

HttpResponse delete_resume(App& app, const HttpRequest& req) {
  auto version = version_of(req.if_match);
  if (!version) return problem_response(version.error());
  return respond(app.resumes.remove(req.caller(), req.param("id"), *version),
                 [](auto&) { return http::no_content(); });
}

HttpResponse post_support_request(App& app, const HttpRequest& req) {
  struct Input {
    std::string kind, resume_id, note;
  };
  return with_body(
      req,
      [](Fields& f) {
        return Input{f.text("kind"), f.text("resume_id"), f.optional_text("note").value_or("")};
      },
      [&](const Input& in) {
        if (in.kind != "delete_last_resume")
          return problem_response(
              core::Error::invalid("kind", "must be delete_last_resume"));
        return respond(app.resumes.request_removal(req.caller(), in.resume_id, in.note),
                       [](const SupportRequest& s) {
                         return json_response(202, {{"id", s.id},
                                                    {"kind", s.kind},
                                                    {"status", s.status},
                                                    {"resume_id", http::nullable(s.object_id)},
                                                    {"created_at", s.created_at}});
                       });
      });
}

HttpResponse get_resume_views(App& app, const HttpRequest& req) {
  return respond(app.resumes.accesses(req.caller()), [](const std::vector<ResumeAccess>& list) {
    json items = json::array();
    for (const auto& a : list)
      items.push_back({{"resume_id", a.resume_id},
                       {"viewer_role", a.viewer_role},
                       {"company_id", http::nullable(a.company_id)},
                       {"company_name", http::nullable(a.company_name)},
                       {"purpose", a.purpose},
                       {"fields", a.fields},
                       {"at", a.at}});
    return json_response(200, {{"items", items}});
  });
}

namespace {
json settings_json(const store::SeekerSettings& s) {
  return {{"allow_recruiter_contact", s.allow_recruiter_contact},
          {"personalised_recommendation", s.personalised_recommendation}};
}
}  // namespace

HttpResponse get_privacy(App& app, const HttpRequest& req) {
  return respond(app.resumes.settings(req.caller()), [](const store::SeekerSettings& s) {
    return json_response(200, settings_json(s));
  });
}

HttpResponse put_privacy(App& app, const HttpRequest& req) {
  using Change = std::pair<std::optional<bool>, std::optional<bool>>;
  return with_body(
      req,
      [](Fields& f) {
        Change c{f.optional_boolean("allow_recruiter_contact"),
                 f.optional_boolean("personalised_recommendation")};
        if (!c.first && !c.second)
          f.text("allow_recruiter_contact");  // reports that something must be given
        return c;
      },
      [&](const Change& c) {
        return respond(app.resumes.update_settings(req.caller(), c.first, c.second),
                       [](const store::SeekerSettings& s) {
                         return json_response(200, settings_json(s));
                       });
      });
}

HttpResponse get_blocks(App& app, const HttpRequest& req) {
  return respond(app.resumes.blocks(req.caller()), [](const std::vector<store::BlockRow>& list) {
    json items = json::array();
    for (const auto& b : list)
      items.push_back({{"company_id", b.company_id},
                       {"company_name", b.company_name},
                       {"created_at", b.created_at}});
    return json_response(200, {{"items", items}});
  });
}

HttpResponse put_block(App& app, const HttpRequest& req) {
  const std::string company_id = req.param("company_id");
  return respond(app.resumes.block(req.caller(), company_id), [&](bool created) {
    return json_response(created ? 201 : 200, {{"company_id", company_id}, {"blocked", true}});
  });
}

HttpResponse delete_block(App& app, const HttpRequest& req) {
  return respond(app.resumes.unblock(req.caller(), req.param("company_id")),
                 [](auto&) { return http::no_content(); });
}

HttpResponse get_resume(App& app, const HttpRequest& req) {
  return respond(app.resumes.view(req.caller(), req.param("id")),
                 [](std::string& view) { return http::json_text_response(200, std::move(view)); });
}

HttpResponse get_staff_resume(App& app, const HttpRequest& req) {
  return respond(app.resumes.view_as_staff(req.staff_caller(), req.param("id")),
                 [](std::string& view) { return http::json_text_response(200, std::move(view)); });
}

}  // namespace hiresafe::resumes
