#include "consent/consent_api.hpp"

#include <nlohmann/json.hpp>

#include "http/json_util.hpp"

namespace hiresafe::consent {

using nlohmann::json;

http::HttpResponse get_policy(http::App& app, const http::HttpRequest&) {
  return http::respond(app.consent.current_policy(), [](const Policy& p) {
    return http::json_response(200, {{"version", p.version},
                                     {"text_hash", p.text_hash},
                                     {"text", p.body},
                                     {"published_at", p.published_at}});
  });
}

http::HttpResponse get_consents(http::App& app, const http::HttpRequest& req) {
  return http::respond(app.consent.consents_of(req.caller().user_id),
                       [](const std::vector<store::ConsentRow>& rows) {
                         json items = json::array();
                         for (const auto& c : rows) {
                           items.push_back({{"id", c.id},
                                            {"kind", c.kind},
                                            {"policy_version", http::nullable(c.policy_version)},
                                            {"granted_at", c.granted_at},
                                            {"withdrawn_at", http::nullable(c.withdrawn_at)}});
                         }
                         return http::json_response(200, {{"items", items}});
                       });
}

http::HttpResponse post_consent(http::App& app, const http::HttpRequest& req) {
  return http::with_body(
      req, [](http::Fields& f) { return f.text("purpose"); },
      [&](const std::string& purpose) {
        return http::respond(app.consent.grant_separate(req.caller().user_id, purpose,
                                                        app.keys.ip_hash(req.client_ip)),
                             [](const store::ConsentRow& c) {
                               return http::json_response(
                                   201,
                                   {{"id", c.id}, {"kind", c.kind}, {"granted_at", c.granted_at}});
                             });
      });
}

}  // namespace hiresafe::consent
