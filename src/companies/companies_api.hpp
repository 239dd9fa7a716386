// HTTP handlers for companies, colleague invitations, business cards and uploads.
#pragma once

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::companies {

using http::App;
using http::HttpRequest;
using http::HttpResponse;

HttpResponse post_company(App& app, const HttpRequest& req);
HttpResponse get_company(App& app, const HttpRequest& req);
HttpResponse post_invitation(App& app, const HttpRequest& req);
HttpResponse post_invitation_acceptance(App& app, const HttpRequest& req);
HttpResponse put_card(App& app, const HttpRequest& req);
HttpResponse get_my_card(App& app, const HttpRequest& req);
HttpResponse get_user_card(App& app, const HttpRequest& req);
HttpResponse post_file(App& app, const HttpRequest& req);
HttpResponse get_file(App& app, const HttpRequest& req);

}  // namespace hiresafe::companies
