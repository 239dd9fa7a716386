// HTTP handlers for staff sign-in and grants.
#pragma once

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::staff {

http::HttpResponse post_staff_sign_in(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_staff_sign_out(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_staff_grants(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_grant_request(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_grant_requests(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_grant_approval(http::App& app, const http::HttpRequest& req);

}  // namespace hiresafe::staff
