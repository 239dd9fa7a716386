// Demo data, created through the same service calls a person's requests make, and synthetic job
// posts and resumes at any size for benchmarks.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cli/runtime.hpp"
#include "cli/seed_random.hpp"

namespace hiresafe::cli {

struct DemoSeeded {
  int accounts = 0;           // 0: the database had users, nothing was loaded
  std::size_t posts = 0;      // synthetic posts, open and not
  int applications = 0;      // the first demo seeker's, in three states
};
// Loads the demo when the database has no users: the demo accounts, `posts` synthetic job posts
// (seed_jobs with `seed`), and the first seeker's applications to three posts of the posts'
// recruiter's company: one submitted, one the recruiter opened (viewed), one invited to an
// interview; all through the same service calls the people's requests make.
core::Result<DemoSeeded> seed_demo(Runtime& rt, long long posts, std::uint64_t seed);
// After a bulk load on PostgreSQL: VACUUM ANALYZE, as PostgreSQL's documentation advises after
// loading data: planner statistics and the visibility map of the loaded tables now, rather than
// whenever autovacuum gets to them, its pass over every loaded page landing on the first
// requests. Tables left empty are not touched (see seed.cpp). A no-op on SQLite.
core::Status vacuum_analyze_after_bulk_load(Runtime& rt);

struct SeededJobs {
  std::string recruiter_id;
  std::string recruiter_token;       // when this run signed the recruiter in; see seed_recruiter
  std::string recruiter_company_id;  // the one company the recruiter works for
  std::vector<std::string> company_ids;
  std::vector<std::string> job_ids;         // open and unexpired: what search must find
  std::vector<std::string> hidden_job_ids;  // paused or expired: what search must not find
  // The open ones of recruiter_company_id: what the recruiter may list applications of. On a
  // fresh database that is this run's first (largest) company, about a third of the posts; a
  // recruiter already working for an earlier run's company owns none of this run's.
  std::vector<std::string> own_job_ids;
};

// Called with (rows written, rows asked for) each time another whole percent is written, and
// once at the end.
using SeedProgress = std::function<void(long long done, long long total)>;

// One synthetic recruiter (signed in through the identity service on first use), companies with
// valid credit codes (one per hundred posts, 5 to 5000), then `count` job posts in Chinese and some
// English, spread over the built-in cities by tier and over the categories the companies' trades
// hire in, written in batched transactions. About 5% cannot be found: paused, or expired. Adds to
// what is there. The same `seed` and the same starting database give the same text and ids
// (the recruiter's account, made by the identity service, excepted); another seed gives others.
core::Result<SeededJobs> seed_jobs(Runtime& rt, long long count, const SeedProgress& progress,
                                   std::uint64_t seed = kDefaultSeed);

struct SeededResumes {
  std::vector<std::string> resume_ids;  // in insertion order, one per seeker
  std::vector<std::string> seeker_ids;  // the owner of resume_ids[i] is seeker_ids[i]
};

// `count` public resumes, each owned by its own new synthetic seeker (an account with a unique
// synthetic mobile number, the seeker role and the policy acceptance a registration records),
// written in batched transactions straight through the stores: a sign-in per seeker would make
// 200 000 of them take hours. Every document passes parse_resume first. Adds to what is there.
// Text and ids follow from `seed` and the number of accounts already there, as for seed_jobs;
// the seekers' data keys are fresh every time.
core::Result<SeededResumes> seed_resumes(Runtime& rt, long long count, const SeedProgress& progress,
                                         std::uint64_t seed = kDefaultSeed);

// A live session for each of `user_ids` (seekers seed_resumes made), opened as a sign-in opens
// one: a row in the sessions table holding only the token's hash, the configured lifetime, the
// seeker role active. Returns the bearer tokens in the same order. Load tests need thousands of
// signed-in seekers, and a sign-in per seeker would meet the code rate limits.
core::Result<std::vector<std::string>> seed_seeker_sessions(
    Runtime& rt, const std::vector<std::string>& user_ids);

struct SeededRecruiter {
  std::string user_id, company_id, token;
};

// The synthetic recruiter, verified (approved identity and employment, a member of a company)
// so VER-3 lets it read resumes, with a bearer token for load tests. `jobs` reuses the recruiter
// seed_jobs signed in during this run: a number gets one sign-in code a minute. `seed` names the
// company made when the recruiter has none.
core::Result<SeededRecruiter> seed_recruiter(Runtime& rt, const SeededJobs* jobs = nullptr,
                                             std::uint64_t seed = kDefaultSeed);

}  // namespace hiresafe::cli
