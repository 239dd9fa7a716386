// HTTP handlers for job search (public, browse-only) and talent search (verified recruiters
// and headhunters).
#pragma once

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::search {

http::HttpResponse get_jobs(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_talent(http::App& app, const http::HttpRequest& req);
// REC-3 groundwork: the searches kept for the signed-in seeker's personalised recommendation.
http::HttpResponse get_search_history(http::App& app, const http::HttpRequest& req);

}  // namespace hiresafe::search
