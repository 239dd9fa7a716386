// Health, readiness, metrics and the test clock.
#pragma once

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::http {

HttpResponse get_healthz(App& app, const HttpRequest& req);
HttpResponse get_readyz(App& app, const HttpRequest& req);
HttpResponse get_metrics(App& app, const HttpRequest& req);
HttpResponse post_test_clock(App& app, const HttpRequest& req);

}  // namespace hiresafe::http
