#include "verification/verification_api.hpp"

#include <nlohmann/json.hpp>

#include "http/json_util.hpp"

namespace hiresafe::verification {

using http::Fields;
using http::json_response;
using http::problem_response;
using http::respond;
using http::with_body;
using nlohmann::json;

namespace {

json status_json(const Status& s) {
  return {{"id", s.id},
          {"kind", s.kind},
          {"status", s.status},
          {"provider", s.provider},
          {"company_id", http::nullable(s.company_id)},
          {"reason", http::nullable(s.reason)},
          {"submitted_at", s.submitted_at},
          {"decided_at", http::nullable(s.decided_at)}};
}

HttpResponse created(const Status& s) {
  return json_response(201, status_json(s));
}
}  // namespace

HttpResponse post_identity_verification(App& app, const HttpRequest& req) {
  return with_body(
      req,
      [](Fields& f) {
        return IdentitySubmission{f.text("real_name"), f.text("id_number")};
      },
      [&](const IdentitySubmission& in) {
        return respond(app.verification.submit_identity(req.caller(), in), created);
      });
}

HttpResponse post_employment_verification(App& app, const HttpRequest& req) {
  return with_body(
      req,
      [](Fields& f) {
        return EmploymentSubmission{
            f.text("company_id"), f.text("method"), f.optional_text("licence_file_id"),
            f.optional_text("authorisation_file_id"), f.optional_text("work_email")};
      },
      [&](const EmploymentSubmission& in) {
        return respond(app.verification.submit_employment(req.caller(), in), created);
      });
}

HttpResponse post_email_confirmation(App& app, const HttpRequest& req) {
  return with_body(
      req, [](Fields& f) { return f.text("token"); },
      [&](const std::string& token) {
        return respond(app.verification.confirm_work_email(token),
                       [](const Status& s) { return json_response(200, status_json(s)); });
      });
}

HttpResponse post_headhunter_verification(App& app, const HttpRequest& req) {
  return with_body(
      req,
      [](Fields& f) {
        return HeadhunterSubmission{f.text("agency_name"), f.text("licence_number"),
                                    f.text("licence_file_id"), f.text("permit_file_id")};
      },
      [&](const HeadhunterSubmission& in) {
        return respond(app.verification.submit_headhunter(req.caller(), in), created);
      });
}

HttpResponse get_verifications(App& app, const HttpRequest& req) {
  auto list = app.verification.statuses(req.caller());
  if (!list) return problem_response(list.error());
  auto gate = app.verification.gate(req.caller());
  if (!gate) return problem_response(gate.error());
  json items = json::array();
  for (const auto& s : *list) items.push_back(status_json(s));
  return json_response(200, {{"items", items}, {"missing", gate->missing}});
}

HttpResponse get_reviews(App& app, const HttpRequest& req) {
  return respond(app.verification.queue(req.staff_caller()), [](const std::vector<QueueItem>& q) {
    json items = json::array();
    for (const auto& i : q)
      items.push_back({{"id", i.id},
                       {"kind", i.kind},
                       {"provider", i.provider},
                       {"submitted_at", i.submitted_at}});
    return json_response(200, {{"items", items}});
  });
}

HttpResponse get_review(App& app, const HttpRequest& req) {
  return respond(
      app.verification.open(req.staff_caller(), req.param("id")), [](const ReviewCase& c) {
        json body = status_json(c.status);
        body["user_id"] = c.user_id;
        body["details"] = c.details_json.empty() ? json::object() : json::parse(c.details_json);
        return json_response(200, body);
      });
}

HttpResponse get_review_file(App& app, const HttpRequest& req) {
  return respond(
      app.verification.open_file(req.staff_caller(), req.param("id"), req.param("file_id")),
      [](const files::FileContent& f) {
        return HttpResponse{200, f.info.content_type, f.bytes, {}, {}};
      });
}

HttpResponse post_review_decision(App& app, const HttpRequest& req) {
  struct In {
    std::string decision, reason;
    bool verify_domain = false;
  };
  return with_body(
      req,
      [](Fields& f) {
        return In{f.text("decision"), f.optional_text("reason").value_or(""),
                  f.optional_boolean("verify_email_domain").value_or(false)};
      },
      [&](const In& in) {
        if (in.decision != "approve" && in.decision != "reject")
          return problem_response(core::Error::invalid("decision", "must be approve or reject"));
        Decision d{in.decision == "approve", in.reason, in.verify_domain};
        return respond(app.verification.decide(req.staff_caller(), req.param("id"), d),
                       [](const Status& s) { return json_response(200, status_json(s)); });
      });
}

}  // namespace hiresafe::verification
