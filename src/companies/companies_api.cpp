#include "companies/companies_api.hpp"

#include <nlohmann/json.hpp>

#include "http/json_util.hpp"

#include "disclosure/cards.hpp"

namespace hiresafe::companies {

using http::Fields;
using http::json_response;
using http::problem_response;
using http::respond;
using http::with_body;
using nlohmann::json;

namespace {

json company_json(const Company& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"uscc", c.uscc},
          {"city_code", c.city_code},
          {"city_name", c.city_name},
          {"industry", c.industry},
          {"size", c.size},
          {"description", c.description},
          {"logo_file_id", http::nullable(c.logo_file_id)},
          {"email_domain", http::nullable(c.email_domain)},
          {"email_domain_verified", c.email_domain_verified},
          {"verified_recruiters", c.members},
          {"created_at", c.created_at}};
}

CardInput card_of(Fields& f) {
  return {f.text("display_name"), f.optional_text("job_title"), f.optional_text("avatar_file_id"),
          f.optional_text("profile"), f.optional_boolean("title_visible").value_or(true)};
}

json card_json(const disclosure::CardView& c) {
  return {{"user_id", c.user_id},
          {"display_name", c.display_name},
          {"job_title", http::nullable(c.job_title)},
          {"title_visible", c.title_visible},
          {"avatar_file_id", http::nullable(c.avatar_file_id)},
          {"profile", http::nullable(c.profile)},
          {"company_id", http::nullable(c.company_id)},
          {"company_name", http::nullable(c.company_name)}};
}

json file_json(const files::FileInfo& f) {
  return {{"id", f.id},
          {"purpose", f.purpose},
          {"content_type", f.content_type},
          {"size_bytes", f.size_bytes},
          {"created_at", f.created_at}};
}
}  // namespace

HttpResponse post_company(App& app, const HttpRequest& req) {
  return with_body(
      req,
      [](Fields& f) {
        return CompanyInput{f.text("name"),
                            f.text("uscc"),
                            f.text("city_code"),
                            f.text("industry"),
                            f.text("size"),
                            f.optional_text("description").value_or(""),
                            f.optional_text("email_domain"),
                            f.optional_text("logo_file_id")};
      },
      [&](const CompanyInput& in) {
        return respond(app.companies.create(req.caller(), in),
                       [](const Company& c) { return json_response(201, company_json(c)); });
      });
}

HttpResponse get_company(App& app, const HttpRequest& req) {
  return respond(app.companies.get(req.param("id")),
                 [](const Company& c) { return json_response(200, company_json(c)); });
}

HttpResponse post_invitation(App& app, const HttpRequest& req) {
  return with_body(
      req, [](Fields& f) { return f.optional_text("email"); },
      [&](const std::optional<std::string>& email) {
        return respond(app.companies.invite(req.caller(), req.param("id"), email),
                       [](const Invitation& i) {
                         return json_response(201, {{"id", i.id},
                                                    {"token", i.token},
                                                    {"company_id", i.company_id},
                                                    {"expires_at", i.expires_at}});
                       });
      });
}

HttpResponse post_invitation_acceptance(App& app, const HttpRequest& req) {
  struct In {
    std::string token;
    CardInput card;
  };
  return with_body(
      req,
      [](Fields& f) {
        return In{f.text("token"), card_of(f)};
      },
      [&](const In& in) {
        return respond(app.companies.accept(req.caller(), in.token, in.card),
                       [](const Company& c) { return json_response(200, company_json(c)); });
      });
}

HttpResponse put_card(App& app, const HttpRequest& req) {
  return with_body(req, card_of, [&](const CardInput& in) {
    auto done = app.companies.set_card(req.caller(), in);
    if (!done) return problem_response(done.error());
    return respond(disclosure::business_card(app.db, app.keys, req.caller().user_id,
                                             req.caller().user_id, app.clock.now()),
                   [](const disclosure::CardView& c) { return json_response(200, card_json(c)); });
  });
}

HttpResponse get_my_card(App& app, const HttpRequest& req) {
  return respond(disclosure::business_card(app.db, app.keys, req.caller().user_id,
                                           req.caller().user_id, app.clock.now()),
                 [](const disclosure::CardView& c) { return json_response(200, card_json(c)); });
}

HttpResponse get_user_card(App& app, const HttpRequest& req) {
  return respond(disclosure::business_card(app.db, app.keys, req.param("id"), req.caller().user_id,
                                           app.clock.now()),
                 [](const disclosure::CardView& c) { return json_response(200, card_json(c)); });
}

HttpResponse post_file(App& app, const HttpRequest& req) {
  auto purpose = req.query_param("purpose");
  if (!purpose)
    return problem_response(core::Error::invalid("purpose", "is required in the query"));
  return respond(app.files.upload(req.caller().user_id, *purpose, req.content_type, req.body),
                 [](const files::FileInfo& f) { return json_response(201, file_json(f)); });
}

HttpResponse get_file(App& app, const HttpRequest& req) {
  return respond(app.files.read_own(req.caller().user_id, req.param("id")),
                 [](const files::FileContent& f) {
                   return HttpResponse{200, f.info.content_type, f.bytes, {}, {}};
                 });
}

}  // namespace hiresafe::companies
