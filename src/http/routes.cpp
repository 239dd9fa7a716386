// The one route table of the hiresafe API. docs/openapi.yaml must list exactly these routes
// (tests/unit/openapi_test.cpp checks both directions).
#include "http/routes.hpp"

#include "consent/consent_api.hpp"
#include "http/system_api.hpp"
#include "identity/identity_api.hpp"

namespace hiresafe::http {

const std::vector<Route>& route_table() {
  using A = Access;
  using E = Exec;
  static const std::vector<Route> routes = {
      {"GET", "/healthz", get_healthz, A::kPublic, E::kInline},
      {"GET", "/readyz", get_readyz, A::kPublic, E::kInline},
      {"GET", "/metrics", get_metrics, A::kPublic, E::kInline},
      {"GET", "/api/v1/policy", consent::get_policy, A::kPublic, E::kInline},

      {"POST", "/api/v1/auth/codes", identity::post_code, A::kPublic, E::kInline},
      {"POST", "/api/v1/auth/sign-in", identity::post_sign_in, A::kPublic, E::kInline},
      {"POST", "/api/v1/auth/headhunters", identity::post_headhunter, A::kPublic, E::kWorker},
      {"POST", "/api/v1/auth/password-sign-in", identity::post_password_sign_in, A::kPublic, E::kWorker},
      {"POST", "/api/v1/auth/password-reset", identity::post_password_reset, A::kPublic, E::kWorker},
      {"POST", "/api/v1/auth/sign-out", identity::post_sign_out, A::kSession, E::kInline},

      {"GET", "/api/v1/me", identity::get_me, A::kSession, E::kInline},
      {"PUT", "/api/v1/me/credentials", identity::put_credentials, A::kSession, E::kWorker},
      {"GET", "/api/v1/me/sessions", identity::get_sessions, A::kSession, E::kInline},
      {"DELETE", "/api/v1/me/sessions", identity::delete_sessions, A::kSession, E::kInline},
      {"DELETE", "/api/v1/me/sessions/:id", identity::delete_session, A::kSession, E::kInline},
      {"POST", "/api/v1/me/roles", identity::post_role, A::kSession, E::kInline},
      {"PUT", "/api/v1/me/active-role", identity::put_active_role, A::kSession, E::kInline},
      {"GET", "/api/v1/me/consents", consent::get_consents, A::kSession, E::kInline},
      {"POST", "/api/v1/me/guardian/codes", identity::post_guardian_code, A::kSession, E::kInline},
      {"PUT", "/api/v1/me/guardian", identity::put_guardian, A::kSession, E::kInline},

      {"POST", "/__test/clock", post_test_clock, A::kPublic, E::kInline, true},
  };
  return routes;
}

}  // namespace hiresafe::http
