// HTTP handlers for resumes, privacy switches, blocks, "who viewed me", and the disclosure
// views of a resume for recruiters, headhunters and staff.
#pragma once

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::resumes {

using http::App;
using http::HttpRequest;
using http::HttpResponse;

HttpResponse get_my_resumes(App& app, const HttpRequest& req);
HttpResponse post_resume(App& app, const HttpRequest& req);
HttpResponse get_my_resume(App& app, const HttpRequest& req);
HttpResponse put_resume(App& app, const HttpRequest& req);
HttpResponse delete_resume(App& app, const HttpRequest& req);
HttpResponse post_support_request(App& app, const HttpRequest& req);
HttpResponse get_resume_views(App& app, const HttpRequest& req);
HttpResponse get_privacy(App& app, const HttpRequest& req);
HttpResponse put_privacy(App& app, const HttpRequest& req);
HttpResponse get_blocks(App& app, const HttpRequest& req);
HttpResponse put_block(App& app, const HttpRequest& req);
HttpResponse delete_block(App& app, const HttpRequest& req);
HttpResponse get_resume(App& app, const HttpRequest& req);
HttpResponse get_staff_resume(App& app, const HttpRequest& req);

}  // namespace hiresafe::resumes
