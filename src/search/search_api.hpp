// HTTP handlers for job search (public, browse-only) and talent search (verified recruiters
// and headhunters).
#pragma once

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::search {

http::HttpResponse get_jobs(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_talent(http::App& app, const http::HttpRequest& req);

}  // namespace hiresafe::search
