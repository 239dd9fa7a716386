// HTTP handlers for sign-in, accounts, sessions, roles and guardians.
#pragma once

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::identity {

using http::App;
using http::HttpRequest;
using http::HttpResponse;

HttpResponse post_code(App& app, const HttpRequest& req);
HttpResponse post_sign_in(App& app, const HttpRequest& req);
HttpResponse post_headhunter(App& app, const HttpRequest& req);
HttpResponse post_password_sign_in(App& app, const HttpRequest& req);
HttpResponse post_password_reset(App& app, const HttpRequest& req);
HttpResponse post_sign_out(App& app, const HttpRequest& req);
HttpResponse get_me(App& app, const HttpRequest& req);
HttpResponse put_credentials(App& app, const HttpRequest& req);
HttpResponse get_sessions(App& app, const HttpRequest& req);
HttpResponse delete_sessions(App& app, const HttpRequest& req);
HttpResponse delete_session(App& app, const HttpRequest& req);
HttpResponse post_role(App& app, const HttpRequest& req);
HttpResponse put_active_role(App& app, const HttpRequest& req);
HttpResponse post_guardian_code(App& app, const HttpRequest& req);
HttpResponse put_guardian(App& app, const HttpRequest& req);

}  // namespace hiresafe::identity
