// HTTP handlers for the privacy policy and a person's consent records.
#pragma once

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::consent {

http::HttpResponse get_policy(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_consents(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_consent(http::App& app, const http::HttpRequest& req);

}  // namespace hiresafe::consent
