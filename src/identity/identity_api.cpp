#include "identity/identity_api.hpp"

#include <nlohmann/json.hpp>

#include "http/json_util.hpp"

namespace hiresafe::identity {

using http::Fields;
using http::json_response;
using http::no_content;
using http::problem_response;
using http::respond;
using http::with_body;
using nlohmann::json;

namespace {

Client client_of(const HttpRequest& req, Fields& f) {
  return {req.client_ip, f.optional_text("device_label")};
}

Registration registration_of(Fields& f) {
  Registration r;
  r.accept_policy_version = f.optional_integer("accept_policy_version");
  r.birth_date = f.optional_text("birth_date");
  r.role = f.optional_text("role").value_or("seeker");
  return r;
}

HttpResponse grant_response(const SessionGrant& g) {
  return json_response(g.created_account ? 201 : 200, {{"token", g.token},
                                                       {"session_id", g.session_id},
                                                       {"user_id", g.user_id},
                                                       {"expires_at", g.expires_at},
                                                       {"created_account", g.created_account}});
}

HttpResponse ticket_response(const CodeTicket& t) {
  return json_response(202, {{"message_id", t.message_id},
                             {"expires_in", t.expires_in},
                             {"resend_after", t.resend_after}});
}

json roles_json(const Auth& a) {
  return {{"roles", a.roles}, {"active_role", a.active_role}};
}

}  // namespace

HttpResponse post_code(App& app, const HttpRequest& req) {
  struct In {
    std::optional<std::string> phone, email;
    std::string purpose;
  };
  return with_body(
      req,
      [](Fields& f) {
        return In{f.optional_text("phone"), f.optional_text("email"),
                  f.optional_text("purpose").value_or("sign_in")};
      },
      [&](const In& in) {
        if (in.phone.has_value() == in.email.has_value())
          return problem_response(
              core::Error::invalid("phone", "give exactly one of phone or email"));
        auto ticket = in.phone
                          ? app.identity.request_phone_code(*in.phone, in.purpose, req.client_ip)
                          : app.identity.request_email_code(*in.email, in.purpose, req.client_ip);
        return respond(std::move(ticket), ticket_response);
      });
}

HttpResponse post_sign_in(App& app, const HttpRequest& req) {
  struct In {
    std::string phone, code;
    Registration reg;
    Client client;
  };
  return with_body(
      req,
      [&](Fields& f) {
        return In{f.text("phone"), f.text("code"), registration_of(f), client_of(req, f)};
      },
      [&](const In& in) {
        return respond(app.identity.sign_in_with_code(in.phone, in.code, in.reg, in.client),
                       grant_response);
      });
}

HttpResponse post_headhunter(App& app, const HttpRequest& req) {
  struct In {
    std::string email, password, phone, code;
    Registration reg;
    Client client;
  };
  return with_body(
      req,
      [&](Fields& f) {
        return In{f.text("email"), f.text("password"), f.text("phone"),
                  f.text("code"),  registration_of(f), client_of(req, f)};
      },
      [&](const In& in) {
        return respond(app.identity.register_headhunter(in.email, in.password, in.phone, in.code,
                                                        in.reg, in.client),
                       grant_response);
      });
}

HttpResponse post_password_sign_in(App& app, const HttpRequest& req) {
  struct In {
    std::string email, password;
    Client client;
  };
  return with_body(
      req,
      [&](Fields& f) {
        return In{f.text("email"), f.text("password"), client_of(req, f)};
      },
      [&](const In& in) {
        return respond(app.identity.sign_in_with_password(in.email, in.password, in.client),
                       grant_response);
      });
}

HttpResponse post_password_reset(App& app, const HttpRequest& req) {
  struct In {
    std::optional<std::string> phone, email;
    std::string code, password;
    Client client;
  };
  return with_body(
      req,
      [&](Fields& f) {
        return In{f.optional_text("phone"), f.optional_text("email"), f.text("code"),
                  f.text("new_password"), client_of(req, f)};
      },
      [&](const In& in) {
        return respond(
            app.identity.reset_password(in.phone, in.email, in.code, in.password, in.client),
            grant_response);
      });
}

HttpResponse post_sign_out(App& app, const HttpRequest& req) {
  auto done = app.identity.revoke_session(req.caller(), req.caller().session_id);
  return respond(std::move(done), [](auto&) { return no_content(); });
}

HttpResponse get_me(App& app, const HttpRequest& req) {
  return respond(app.identity.me(req.caller()), [](const Me& me) {
    return json_response(200, {{"id", me.id},
                               {"phone", me.phone},
                               {"email", http::nullable(me.email)},
                               {"birth_date", me.birth_date},
                               {"roles", me.roles},
                               {"active_role", me.active_role},
                               {"is_minor", me.is_minor},
                               {"guardian_consent", me.guardian_consent},
                               {"has_password", me.has_password},
                               {"created_at", me.created_at}});
  });
}

HttpResponse put_credentials(App& app, const HttpRequest& req) {
  struct In {
    std::string email, password;
  };
  return with_body(
      req,
      [](Fields& f) {
        return In{f.text("email"), f.text("password")};
      },
      [&](const In& in) {
        return respond(app.identity.set_credentials(req.caller(), in.email, in.password),
                       [](auto&) { return no_content(); });
      });
}

HttpResponse get_sessions(App& app, const HttpRequest& req) {
  return respond(app.identity.sessions(req.caller()), [](const std::vector<SessionInfo>& list) {
    json items = json::array();
    for (const auto& s : list) {
      items.push_back({{"id", s.id},
                       {"device_label", http::nullable(s.device_label)},
                       {"active_role", s.active_role},
                       {"created_at", s.created_at},
                       {"last_seen_at", s.last_seen_at},
                       {"expires_at", s.expires_at},
                       {"current", s.current}});
    }
    return json_response(200, {{"items", items}});
  });
}

HttpResponse delete_sessions(App& app, const HttpRequest& req) {
  return respond(app.identity.revoke_all_sessions(req.caller()), [](long long n) {
    return json_response(200, {{"revoked", n}});
  });
}

HttpResponse delete_session(App& app, const HttpRequest& req) {
  return respond(app.identity.revoke_session(req.caller(), req.param("id")),
                 [](auto&) { return no_content(); });
}

HttpResponse post_role(App& app, const HttpRequest& req) {
  return with_body(
      req, [](Fields& f) { return f.text("role"); },
      [&](const std::string& role) {
        return respond(app.identity.add_role(req.caller(), role),
                       [](const Auth& a) { return json_response(200, roles_json(a)); });
      });
}

HttpResponse put_active_role(App& app, const HttpRequest& req) {
  return with_body(
      req, [](Fields& f) { return f.text("role"); },
      [&](const std::string& role) {
        return respond(app.identity.switch_role(req.caller(), role),
                       [](const Auth& a) { return json_response(200, roles_json(a)); });
      });
}

HttpResponse post_guardian_code(App& app, const HttpRequest& req) {
  return with_body(
      req, [](Fields& f) { return f.text("guardian_phone"); },
      [&](const std::string& phone) {
        return respond(app.identity.request_guardian_code(req.caller(), phone, req.client_ip),
                       ticket_response);
      });
}

HttpResponse put_guardian(App& app, const HttpRequest& req) {
  return with_body(
      req,
      [](Fields& f) {
        return Guardian{f.text("guardian_name"), f.text("guardian_phone"), f.text("relationship"),
                        f.text("code")};
      },
      [&](const Guardian& g) {
        return respond(app.identity.record_guardian(req.caller(), g, req.client_ip),
                       [](auto&) { return no_content(); });
      });
}

}  // namespace hiresafe::identity
