#include "staff/staff_api.hpp"

#include <nlohmann/json.hpp>

namespace hiresafe::staff {

using http::Fields;
using http::json_response;
using nlohmann::json;

http::HttpResponse post_staff_sign_in(http::App& app, const http::HttpRequest& req) {
  struct In {
    std::string username, password, totp;
  };
  return http::with_body(
      req,
      [](Fields& f) {
        return In{f.text("username"), f.text("password"), f.text("totp")};
      },
      [&](const In& in) {
        return http::respond(app.staff.sign_in(in.username, in.password, in.totp),
                             [](const StaffSession& s) {
                               return json_response(200, {{"token", s.token},
                                                          {"session_id", s.session_id},
                                                          {"staff_id", s.staff_id},
                                                          {"expires_at", s.expires_at}});
                             });
      });
}

http::HttpResponse post_staff_sign_out(http::App& app, const http::HttpRequest& req) {
  return http::respond(app.staff.sign_out(req.staff_caller()),
                       [](auto&) { return http::no_content(); });
}

namespace {
json grant_json(const Grant& g) {
  return {{"id", g.id},
          {"purpose", g.purpose},
          {"reason", g.reason},
          {"granted_by", g.granted_by},
          {"created_at", g.created_at},
          {"expires_at", g.expires_at}};
}

json request_json(const GrantRequest& g) {
  return {{"id", g.id},         {"staff_id", g.staff_id},     {"purpose", g.purpose},
          {"reason", g.reason}, {"hours", g.hours},           {"status", g.status},
          {"created_at", g.created_at}};
}
}  // namespace

http::HttpResponse get_staff_grants(http::App& app, const http::HttpRequest& req) {
  return http::respond(app.staff.grants(req.staff_caller()), [](const std::vector<Grant>& list) {
    json items = json::array();
    for (const auto& g : list) items.push_back(grant_json(g));
    return json_response(200, {{"items", items}});
  });
}

http::HttpResponse post_grant_request(http::App& app, const http::HttpRequest& req) {
  struct In {
    std::string purpose, reason;
    long long hours;
  };
  return http::with_body(
      req, [](Fields& f) { return In{f.text("purpose"), f.text("reason"), f.integer("hours")}; },
      [&](const In& in) {
        return http::respond(app.staff.request_grant(req.staff_caller(), in.purpose, in.hours,
                                                     in.reason),
                             [](const GrantRequest& g) {
                               return json_response(201, request_json(g));
                             });
      });
}

http::HttpResponse get_grant_requests(http::App& app, const http::HttpRequest& req) {
  return http::respond(app.staff.grant_requests(req.staff_caller()),
                       [](const std::vector<GrantRequest>& list) {
                         json items = json::array();
                         for (const auto& g : list) items.push_back(request_json(g));
                         return json_response(200, {{"items", items}});
                       });
}

http::HttpResponse post_grant_approval(http::App& app, const http::HttpRequest& req) {
  return http::respond(app.staff.approve_grant(req.staff_caller(), req.param("id")),
                       [](const Grant& g) { return json_response(201, grant_json(g)); });
}

}  // namespace hiresafe::staff
