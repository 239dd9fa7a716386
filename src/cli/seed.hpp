// Demo data, created through the same service calls a person's requests make, and synthetic job
// posts at any size for benchmarks.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/runtime.hpp"

namespace hiresafe::cli {

// Loads the demo accounts when the database has no users; returns how many were created.
core::Result<int> seed_demo(Runtime& rt);

struct SeededJobs {
  std::string recruiter_id;
  std::vector<std::string> company_ids;
  std::vector<std::string> job_ids;  // in insertion order
};

// Called with (rows written, rows asked for) each time another whole percent is written, and
// once at the end.
using SeedProgress = std::function<void(long long done, long long total)>;

// One synthetic recruiter (signed in through the identity service), a handful of companies with
// valid credit codes, then `count` open job posts in varied Chinese and English text, spread over
// the built-in cities and categories, written in batched transactions. Adds to what is there.
core::Result<SeededJobs> seed_jobs(Runtime& rt, long long count, const SeedProgress& progress);

}  // namespace hiresafe::cli
