// HTTP handlers for verification submissions and the staff review queue.
#pragma once

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::verification {

using http::App;
using http::HttpRequest;
using http::HttpResponse;

HttpResponse post_identity_verification(App& app, const HttpRequest& req);
HttpResponse post_employment_verification(App& app, const HttpRequest& req);
HttpResponse post_email_confirmation(App& app, const HttpRequest& req);
HttpResponse post_headhunter_verification(App& app, const HttpRequest& req);
HttpResponse get_verifications(App& app, const HttpRequest& req);

HttpResponse get_reviews(App& app, const HttpRequest& req);
HttpResponse get_review(App& app, const HttpRequest& req);
HttpResponse get_review_file(App& app, const HttpRequest& req);
HttpResponse post_review_decision(App& app, const HttpRequest& req);

}  // namespace hiresafe::verification
