// The JSON of a job post, as every endpoint that returns posts shows it.
#pragma once

#include <nlohmann/json.hpp>

#include "jobs/job_service.hpp"

namespace hiresafe::jobs {

nlohmann::json job_json(const Job& job);

}  // namespace hiresafe::jobs
