#include "jobs/jobs_api.hpp"

#include <nlohmann/json.hpp>

#include "http/json_util.hpp"
#include "jobs/job_json.hpp"

namespace hiresafe::jobs {

using http::Fields;
using http::HttpRequest;
using http::HttpResponse;
using http::json_response;
using http::respond;
using nlohmann::json;

namespace {

JobInput input_of(Fields& f) {
  JobInput in;
  in.title = f.text("title");
  in.category_id = f.text("category_id");
  in.city_code = f.text("city_code");
  in.education = f.optional_text("education").value_or("any");
  in.work_type = f.text("work_type");
  in.description = f.text("description");
  in.address = f.optional_text("address");
  in.latitude = f.optional_number("latitude");
  in.longitude = f.optional_number("longitude");
  in.salary_min = f.integer("salary_min");
  in.salary_max = f.integer("salary_max");
  in.salary_months = f.optional_integer("salary_months").value_or(12);
  in.experience_years = f.optional_integer("experience_years").value_or(0);
  in.headcount = f.optional_integer("headcount").value_or(1);
  in.valid_days = f.optional_integer("valid_days").value_or(30);
  in.skill_tags = f.string_list("skill_tags");
  return in;
}

HttpResponse one(int status, const Job& j) {
  return json_response(status, job_json(j));
}

HttpResponse many(const std::vector<Job>& list) {
  json items = json::array();
  for (const auto& j : list) items.push_back(job_json(j));
  return json_response(200, {{"items", items}});
}

HttpResponse act(http::App& app, const HttpRequest& req, const char* action) {
  return respond(app.jobs.transition(req.caller(), req.param("id"), action),
                 [](const Job& j) { return one(200, j); });
}
}  // namespace

HttpResponse post_job(http::App& app, const HttpRequest& req) {
  return http::with_body(req, input_of, [&](const JobInput& in) {
    return respond(app.jobs.create(req.caller(), in), [](const Job& j) { return one(201, j); });
  });
}

HttpResponse put_job(http::App& app, const HttpRequest& req) {
  return http::with_body(req, input_of, [&](const JobInput& in) {
    return respond(app.jobs.update(req.caller(), req.param("id"), in),
                   [](const Job& j) { return one(200, j); });
  });
}

HttpResponse post_job_pause(http::App& app, const HttpRequest& req) {
  return act(app, req, "pause");
}
HttpResponse post_job_reopen(http::App& app, const HttpRequest& req) {
  return act(app, req, "reopen");
}
HttpResponse post_job_close(http::App& app, const HttpRequest& req) {
  return act(app, req, "close");
}

HttpResponse get_job(http::App& app, const HttpRequest& req) {
  return respond(app.jobs.public_json(req.param("id")),
                 [](std::string& body) { return http::json_text_response(200, std::move(body)); });
}

HttpResponse get_company_jobs(http::App& app, const HttpRequest& req) {
  return respond(app.jobs.company_jobs(req.param("id")), many);
}

HttpResponse get_my_jobs(http::App& app, const HttpRequest& req) {
  return respond(app.jobs.my_company_jobs(req.caller()), many);
}

}  // namespace hiresafe::jobs
