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

http::HttpResponse get_staff_grants(http::App& app, const http::HttpRequest& req) {
  return http::respond(app.staff.grants(req.staff_caller()), [](const std::vector<Grant>& list) {
    json items = json::array();
    for (const auto& g : list)
      items.push_back({{"id", g.id},
                       {"purpose", g.purpose},
                       {"reason", g.reason},
                       {"granted_by", g.granted_by},
                       {"created_at", g.created_at},
                       {"expires_at", g.expires_at}});
    return json_response(200, {{"items", items}});
  });
}

}  // namespace hiresafe::staff
