// HTTP handlers for job posts.
#pragma once

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::jobs {

http::HttpResponse post_job(http::App& app, const http::HttpRequest& req);
http::HttpResponse put_job(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_job_pause(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_job_reopen(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_job_close(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_job(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_company_jobs(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_my_jobs(http::App& app, const http::HttpRequest& req);

}  // namespace hiresafe::jobs
