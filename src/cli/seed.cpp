#include "cli/seed.hpp"

#include <algorithm>
#include <future>
#include <mutex>
#include <optional>

#include <nlohmann/json.hpp>

#include "cli/seed_rows.hpp"
#include "cli/seed_words.hpp"
#include "companies/company_store.hpp"
#include "core/ids.hpp"
#include "crypto/secret.hpp"
#include "identity/identity_store.hpp"
#include "jobs/job_store.hpp"
#include "resumes/resume_store.hpp"
#include "verification/id_numbers.hpp"
#include "verification/verification_store.hpp"

namespace hiresafe::cli {

namespace {

// Catches the code a demo sign-in asks for, in memory only.
class CapturingDelivery final : public identity::CodeDelivery {
 public:
  void deliver(const identity::OutboundCode& m) override {
    std::lock_guard lock(mutex_);
    last_ = m.code;
  }
  std::string last() {
    std::lock_guard lock(mutex_);
    return last_;
  }

 private:
  std::mutex mutex_;
  std::string last_;
};

struct DemoPerson {
  const char* phone;
  const char* birth_date;
  const char* role;
  const char* extra_role;  // may be null
  const char* email;       // headhunter only
};

// Synthetic numbers in a block reserved for demos; none belongs to a real person.
constexpr DemoPerson kDemo[] = {
    {"+8613800000001", "1995-04-12", "seeker", nullptr, nullptr},
    {"+8613800000002", "1990-11-03", "seeker", nullptr, nullptr},
    {"+8613800000003", "2009-06-01", "seeker", nullptr, nullptr},  // a 16/17-year-old
    {"+8613800000004", "1985-02-20", "recruiter", "seeker", nullptr},
    {"+8613800000005", "1988-08-08", "recruiter", nullptr, nullptr},
    {"+8613800000006", "1982-01-15", "headhunter", nullptr, "headhunter@demo.hiresafe.dev"},
};

// ---- synthetic job posts --------------------------------------------------------------------

// A synthetic number outside the demo block; the recruiter who owns every synthetic post.
constexpr const char* kSyntheticRecruiterPhone = "+8613800000099";
constexpr const char* kSyntheticRecruiterBirthDate = "1986-05-18";
// Companies per run: one per hundred posts, within these bounds (a thousand posts make ten
// companies, a million posts five thousand).
constexpr long long kPostsPerCompany = 100;
constexpr long long kMinCompanies = 5;
constexpr long long kMaxCompanies = 5000;
// Rows are made in batches on a second thread, one batch ahead of the writer: making a row (its
// text, its checks, for a resume the sealing) costs about as much as writing it.
constexpr long long kRowsPerBatch = 10000;
// A commit writes every page the transaction touched, and rows keyed by random ids touch a page
// or more each in every index, so larger transactions write each page fewer times. Readers never
// wait for them (WAL); another writer of the same file waits up to half a minute.
constexpr long long kRowsPerTransaction = 5 * kRowsPerBatch;

struct SignedIn {
  std::string user_id, token;
};

// The synthetic recruiter, signed in (and created on first use) through the identity service.
core::Result<SignedIn> synthetic_recruiter(Runtime& rt) {
  HS_TRY(auto policy, rt.consent->current_policy());
  CapturingDelivery capture;
  identity::IdentityService ids(*rt.db, *rt.keys, *rt.clock, rt.config, *rt.consent, capture,
                                capture, *rt.passwords);
  const std::string ip = "seed-jobs";
  HS_CHECK(ids.request_phone_code(kSyntheticRecruiterPhone, "sign_in", ip));
  identity::Registration reg{policy.version, kSyntheticRecruiterBirthDate, "recruiter"};
  HS_TRY(auto grant, ids.sign_in_with_code(kSyntheticRecruiterPhone, capture.last(), reg,
                                           identity::Client{ip, std::string("job seed")}));
  HS_TRY(auto auth, ids.authenticate(grant.token));
  if (!auth.has_role("recruiter")) HS_CHECK(ids.add_role(auth, "recruiter"));
  return SignedIn{auth.user_id, grant.token};
}

// The synthetic recruiter for a run's posts. An existing account is reused without signing in
// again: the number gets one sign-in code a minute, and a second seed run (or `seed --demo` and
// then `seed --jobs`) within the minute would fail for want of one. Only a token needs a sign-in
// (seed_recruiter makes one when asked).
core::Result<SignedIn> recruiter_for_posts(Runtime& rt) {
  const std::string phone_index = rt.keys->phone_index(kSyntheticRecruiterPhone);
  HS_TRY(auto existing,
         rt.db->read<std::optional<std::string>>(
             [&](hiresafe::store::Conn& sql) -> core::Result<std::optional<std::string>> {
               auto user = identity::store::user_by_phone(sql, phone_index);
               if (!user) return std::optional<std::string>();
               return std::optional<std::string>(user->id);
             }));
  if (existing) return SignedIn{*existing, ""};
  return synthetic_recruiter(rt);
}

core::Result<long long> count_rows(hiresafe::store::Database& db, const std::string& table) {
  return db.read<long long>([&](soci::session& sql) -> core::Result<long long> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
    return n;
  });
}

// Synthetic company `n`, checked the way a registration would be: a valid credit code, and a
// name the publishing rules accept, since posts quote it.
core::Result<SyntheticCompany> checked_company(const Vocabulary& words,
                                               const jobs::PublishingRules& rules,
                                               std::uint64_t seed, long long n, double rank,
                                               const std::string& recruiter_id, long long now) {
  auto company = make_company(words, seed, n, rank, recruiter_id, now);
  HS_TRY(company.row.uscc, verification::validate_credit_code(company.row.uscc, "uscc"));
  if (auto v = rules.check(company.row.name); !v.empty())
    return core::Error::internal("seed company name \"" + company.row.name +
                                 "\" breaks publishing rule " + v.front().rule_id);
  return company;
}

// Calls `progress` each time another whole percent of `total` is written.
class PercentReporter {
 public:
  PercentReporter(const SeedProgress& progress, long long total)
      : progress_(progress), total_(total) {}
  void written(long long done) {
    const int percent = static_cast<int>(done * 100 / total_);
    if (progress_ && percent != percent_) {
      percent_ = percent;
      progress_(done, total_);
    }
  }

 private:
  const SeedProgress& progress_;
  long long total_;
  int percent_ = -1;
};

// Rows land in B-trees keyed by random ids and hashes, so consecutive inserts touch pages all
// over the file; SQLite's default 2 MB page cache then re-reads them for every row, and each
// read is a system call, which costs dearly on a virtual machine. A cache that holds the
// indexes of a million rows (up to 1 GB, filled only as pages are touched) and memory-mapped
// reads keep them in memory: about half the time per row. The connections belong to the seed
// process only.
void tune_for_bulk_load(Runtime& rt, soci::session& sql) {
  if (rt.db->dialect() != hiresafe::store::Dialect::kSqlite) return;
  sql << "PRAGMA cache_size = -1048576";
  sql << "PRAGMA mmap_size = 2147483648";
  // A transaction this size leaves a log of hundreds of megabytes; cut it back once it has been
  // copied into the file.
  sql << "PRAGMA journal_size_limit = 67108864";
}

template <class Row>
using Batch = core::Result<std::vector<Row>>;

// Writes `count` rows: `make(first, n)` makes rows first .. first + n - 1 on a second thread,
// one batch ahead; `write(sql, batch, done)` writes a batch after `done` rows, in transactions
// of kRowsPerTransaction rows.
template <class Row, class Make, class Write>
core::Status write_in_batches(Runtime& rt, long long count, const Make& make, const Write& write) {
  long long made = 0, written = 0;
  std::future<Batch<Row>> next;
  auto make_next = [&] {
    const long long n = std::min(kRowsPerBatch, count - made);
    next = std::async(std::launch::async, make, made, n);
    made += n;
  };
  if (count > 0) make_next();
  while (written < count) {
    HS_CHECK(rt.db->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      tune_for_bulk_load(rt, sql);
      const long long end = std::min(count, written + kRowsPerTransaction);
      while (written < end) {
        HS_TRY(auto batch, next.get());
        if (made < count) make_next();
        write(sql, batch, written);
        written += static_cast<long long>(batch.size());
      }
      return core::Unit{};
    }));
  }
  return core::Unit{};
}

// ---- synthetic resumes ----------------------------------------------------------------------

struct Seeker {
  identity::store::UserRow user;
  std::string phone_index;
  resumes::store::ResumeRow resume;
  std::vector<resumes::HiddenCompany> hidden;
};

// Seeker `number`'s account and resume rows, as a quick registration and a resume save would
// write them. Ids come from the seed; the person's data key is fresh, keys are not data.
core::Result<Seeker> seeker_rows(Runtime& rt, const Vocabulary& words, std::uint64_t seed,
                                 long long number, long long this_month, long long now) {
  const auto& keys = *rt.keys;
  auto made = make_resume(words, seed, number, this_month);
  // Belt and braces: a resume the service would refuse must not reach the benchmark.
  auto doc = resumes::parse_resume(made.body, *rt.taxonomy);
  if (!doc) {
    std::string why = doc.error().title;
    if (!doc.error().errors.empty())
      why = doc.error().errors.front().field + " " + doc.error().errors.front().message;
    return core::Error::internal("synthetic resume " + std::to_string(number) +
                                 " fails the resume checks: " + why);
  }
  const std::string e164 = doc->identity.at("phone").get<std::string>();
  Seeker seeker;
  // The account a quick registration creates (identity_service.cpp new_person_row).
  const auto key = crypto::SecretKey::random();
  auto& user = seeker.user;
  user.id = synthetic_id("u_", seed, "seeker", number);
  user.wrapped_key = keys.wrap_person_key(key, user.id);
  user.phone_enc = crypto::seal_field(key, user.id, "phone", e164);
  user.birth_date_enc = crypto::seal_field(key, user.id, "birth_date", made.birth_date);
  user.is_minor = false;  // born 2004 or earlier
  user.status = "active";
  user.created_at = now;
  seeker.phone_index = keys.phone_index(e164);
  auto& row = seeker.resume;
  row.id = synthetic_id("r_", seed, "resume", number);
  row.user_id = user.id;
  row.title = doc->title;
  row.visibility = doc->visibility;
  row.content = doc->content.dump();
  row.identity_enc =
      crypto::seal_field(key, user.id, resumes::identity_field(row.id), doc->identity.dump());
  row.version = 1;
  row.created_at = row.updated_at = now;
  seeker.hidden = resumes::hidden_companies(*doc);
  return seeker;
}

}  // namespace

core::Result<DemoSeeded> seed_demo(Runtime& rt, long long posts, std::uint64_t seed) {
  DemoSeeded out;
  HS_TRY(long long users, count_rows(*rt.db, "users"));
  if (users > 0) return out;
  HS_TRY(auto policy, rt.consent->current_policy());
  HS_TRY(auto words, Vocabulary::build(*rt.taxonomy));
  CapturingDelivery capture;
  identity::IdentityService demo(*rt.db, *rt.keys, *rt.clock, rt.config, *rt.consent, capture,
                                 capture, *rt.passwords);
  int created = 0;
  std::optional<identity::Auth> first_seeker;
  std::string first_resume;
  for (const auto& p : kDemo) {
    const std::string ip = "seed-" + std::to_string(created);
    HS_CHECK(demo.request_phone_code(p.phone, "sign_in", ip));
    identity::Registration reg{policy.version, p.birth_date,
                               std::string(p.role) == "headhunter" ? "seeker" : p.role};
    identity::Client client{ip, std::string("demo seed")};
    if (p.email) {
      HS_CHECK(demo.register_headhunter(p.email, "demo-password-1", p.phone, capture.last(), reg,
                                        client));
    } else {
      HS_TRY(auto grant, demo.sign_in_with_code(p.phone, capture.last(), reg, client));
      HS_TRY(auto auth, demo.authenticate(grant.token));
      if (p.extra_role) HS_CHECK(demo.add_role(auth, p.extra_role));
      // The first adult seeker gets a public resume, written through the resume service as
      // the person's own request would, so recruiters in the demo have something to find.
      if (created == 0) {
        auto made = make_resume(words, kDefaultSeed, 0, month_number(rt.clock->now()));
        made.body["basic"]["phone"] = p.phone;
        made.body["visibility"] = "public";
        HS_TRY(auto resume, rt.resumes->create(auth, made.body));
        first_seeker = auth;
        first_resume = resume.id;
      }
    }
    ++created;
  }
  out.accounts = created;
  if (posts <= 0) return out;

  HS_TRY(auto seeded, seed_jobs(rt, posts, {}, seed));
  out.posts = seeded.job_ids.size() + seeded.hidden_job_ids.size();
  // Something on both sides of the hiring flow: the seeker's applications list shows three
  // states, and the posts' recruiter (a synthetic number, see the README) has applicants.
  if (!first_seeker || seeded.own_job_ids.size() < 3) return out;
  // Verified the way the benchmarks' recruiter is: rows marked as seeded, nothing checked.
  HS_TRY(auto posts_recruiter, seed_recruiter(rt, &seeded, seed));
  HS_TRY(auto recruiter, rt.identity->authenticate(posts_recruiter.token));
  std::vector<std::string> applied;
  for (std::size_t i = 0; i < 3; ++i) {
    HS_TRY(auto a, rt.applications->apply(*first_seeker, seeded.own_job_ids[i], first_resume));
    applied.push_back(a.application.row.id);
  }
  HS_CHECK(rt.applications->open(recruiter, applied[1]));
  HS_CHECK(rt.applications->move(recruiter, applied[2], "interview",
                                 std::string("Shortlisted: we would like to meet you")));
  out.applications = static_cast<int>(applied.size());
  return out;
}

core::Result<SeededJobs> seed_jobs(Runtime& rt, long long count, const SeedProgress& progress,
                                   std::uint64_t seed) {
  if (count < 0) return core::Error::invalid("jobs", "must not be negative");
  const auto& rules = *rt.rules;
  HS_TRY(auto words, Vocabulary::build(*rt.taxonomy));
  HS_CHECK(words.check(rules));

  SeededJobs out;
  HS_TRY(auto recruiter, recruiter_for_posts(rt));
  out.recruiter_id = recruiter.user_id;
  out.recruiter_token = recruiter.token;

  // Row numbers continue from what the database holds, so a second run with the same seed adds
  // new rows (new ids, new credit codes) instead of colliding with the first run's.
  HS_TRY(const long long companies_before, count_rows(*rt.db, "companies"));
  HS_TRY(const long long jobs_before, count_rows(*rt.db, "jobs"));
  const long long now = rt.clock->now();
  const long long company_count =
      std::clamp(count / kPostsPerCompany, kMinCompanies, kMaxCompanies);
  std::vector<SyntheticCompany> companies;
  companies.reserve(static_cast<std::size_t>(company_count));
  for (long long i = 0; i < company_count; ++i) {
    HS_TRY(auto company,
           checked_company(words, rules, seed, companies_before + i,
                           static_cast<double>(i) / static_cast<double>(company_count),
                           out.recruiter_id, now));
    out.company_ids.push_back(company.row.id);
    companies.push_back(std::move(company));
  }
  HS_CHECK(rt.db->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    for (const auto& company : companies) companies::store::insert_company(sql, company.row);
    // The recruiter works for the first company (a recruiter belongs to at most one); the other
    // companies' posts carry the same recruiter id, which only matters for editing them.
    if (auto company = companies::store::company_of(sql, out.recruiter_id)) {
      out.recruiter_company_id = *company;
    } else {
      companies::store::add_member(sql, out.recruiter_id, out.company_ids.front(), "seed", now);
      out.recruiter_company_id = out.company_ids.front();
    }
    return core::Unit{};
  }));

  const JobMaker maker(words, std::move(companies), out.recruiter_id, seed, now, rules.version());
  auto make = [&](long long first, long long n) -> Batch<jobs::store::JobRow> {
    std::vector<jobs::store::JobRow> batch;
    batch.reserve(static_cast<std::size_t>(n));
    for (long long i = first; i < first + n; ++i) batch.push_back(maker.make(jobs_before + i));
    return batch;
  };
  PercentReporter report(progress, count);
  auto write = [&](soci::session& sql, std::vector<jobs::store::JobRow>& batch, long long done) {
    for (auto& j : batch) {
      jobs::store::insert_job(sql, j);
      report.written(++done);
      const bool open = j.status == "open" && j.expires_at > now;
      if (open && j.company_id == out.recruiter_company_id) out.own_job_ids.push_back(j.id);
      (open ? out.job_ids : out.hidden_job_ids).push_back(std::move(j.id));
    }
  };
  out.job_ids.reserve(static_cast<std::size_t>(count));
  HS_CHECK(write_in_batches<jobs::store::JobRow>(rt, count, make, write));
  if (progress && count == 0) progress(0, 0);
  return out;
}

core::Result<SeededResumes> seed_resumes(Runtime& rt, long long count, const SeedProgress& progress,
                                         std::uint64_t seed) {
  if (count < 0) return core::Error::invalid("resumes", "must not be negative");
  const long long now = rt.clock->now();
  const long long this_month = month_number(now);
  HS_TRY(const auto words, Vocabulary::build(*rt.taxonomy));
  HS_TRY(auto policy, rt.consent->current_policy());
  // Seekers are numbered on from the accounts already there: their phone numbers and ids are
  // new on every run.
  HS_TRY(const long long first_number, count_rows(*rt.db, "users"));
  const std::string ip_hash = rt.keys->ip_hash("seed-resumes");

  auto make = [&](long long first, long long n) -> Batch<Seeker> {
    std::vector<Seeker> batch;
    batch.reserve(static_cast<std::size_t>(n));
    for (long long number = first_number + first; number < first_number + first + n; ++number) {
      HS_TRY(auto seeker, seeker_rows(rt, words, seed, number, this_month, now));
      batch.push_back(std::move(seeker));
    }
    return batch;
  };
  SeededResumes out;
  out.resume_ids.reserve(static_cast<std::size_t>(count));
  out.seeker_ids.reserve(static_cast<std::size_t>(count));
  PercentReporter report(progress, count);
  auto write = [&](soci::session& sql, std::vector<Seeker>& batch, long long done) {
    for (auto& seeker : batch) {
      identity::store::insert_user(sql, seeker.user, seeker.phone_index, std::nullopt);
      // PRV-1: no account without its policy acceptance, synthetic or not.
      rt.consent->record_policy_acceptance(sql, seeker.user.id, policy.version, ip_hash);
      identity::store::add_role(sql, seeker.user.id, "seeker", now);
      resumes::store::insert_resume(sql, seeker.resume);
      if (!seeker.hidden.empty())
        resumes::store::replace_hidden(sql, seeker.resume.id, seeker.user.id, seeker.hidden);
      report.written(++done);
      out.resume_ids.push_back(std::move(seeker.resume.id));
      out.seeker_ids.push_back(std::move(seeker.user.id));
    }
  };
  HS_CHECK(write_in_batches<Seeker>(rt, count, make, write));
  if (progress && count == 0) progress(0, 0);
  return out;
}

core::Result<std::vector<std::string>> seed_seeker_sessions(
    Runtime& rt, const std::vector<std::string>& user_ids) {
  struct Opened {
    std::string token;
    identity::store::SessionRow row;
  };
  const long long now = rt.clock->now();
  const long long expires_at = now + rt.config.session_ttl_days * 86400;
  // What IdentityService::open_session writes for a sign-in without a device label: the token's
  // form is the one authenticate() accepts, and only its plain_hash is stored.
  auto make = [&](long long first, long long n) -> Batch<Opened> {
    std::vector<Opened> batch;
    batch.reserve(static_cast<std::size_t>(n));
    for (long long i = first; i < first + n; ++i) {
      Opened o;
      o.token = "hs_" + core::random_hex(32);
      o.row.id = core::new_id("s_");
      o.row.token_hash = crypto::plain_hash(o.token);
      o.row.user_id = user_ids[static_cast<std::size_t>(i)];
      o.row.active_role = "seeker";
      o.row.created_at = o.row.last_seen_at = now;
      o.row.expires_at = expires_at;
      batch.push_back(std::move(o));
    }
    return batch;
  };
  std::vector<std::string> tokens;
  tokens.reserve(user_ids.size());
  auto write = [&](soci::session& sql, std::vector<Opened>& batch, long long) {
    for (auto& o : batch) {
      identity::store::insert_session(sql, o.row);
      tokens.push_back(std::move(o.token));
    }
  };
  HS_CHECK(write_in_batches<Opened>(rt, static_cast<long long>(user_ids.size()), make, write));
  return tokens;
}

core::Result<SeededRecruiter> seed_recruiter(Runtime& rt, const SeededJobs* jobs,
                                             std::uint64_t seed) {
  SeededRecruiter out;
  if (jobs && !jobs->recruiter_token.empty()) {
    out.user_id = jobs->recruiter_id;
    out.token = jobs->recruiter_token;
  } else {
    HS_TRY(auto signed_in, synthetic_recruiter(rt));
    out.user_id = signed_in.user_id;
    out.token = signed_in.token;
  }
  HS_TRY(const auto words, Vocabulary::build(*rt.taxonomy));
  HS_TRY(const long long companies_before, count_rows(*rt.db, "companies"));
  const long long now = rt.clock->now();
  HS_CHECK(rt.db->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    if (auto company = companies::store::company_of(sql, out.user_id)) {
      out.company_id = *company;
    } else {
      HS_TRY(auto made,
             checked_company(words, *rt.rules, seed, companies_before, 0, out.user_id, now));
      companies::store::insert_company(sql, made.row);
      companies::store::add_member(sql, out.user_id, made.row.id, "seed", now);
      out.company_id = made.row.id;
    }
    HS_TRY(auto key, rt.keys->person_key(sql, out.user_id));
    // Rows as a decided submission leaves them, marked as seeded rather than checked: no real
    // ID number or licence stands behind them. The details are sealed the way the service seals
    // them (verification_service.cpp details_aad) so a staff reviewer could still open them.
    auto approve = [&](const char* kind, std::optional<std::string> company,
                       const nlohmann::json& details) {
      if (verification::store::is_approved(sql, out.user_id, kind)) return;
      verification::store::VerificationRow v;
      v.id = core::new_id("v_");
      v.user_id = out.user_id;
      v.kind = kind;
      v.status = "approved";
      v.provider = "seed";
      v.company_id = std::move(company);
      v.details_enc = crypto::seal_field(key, out.user_id, "verification/" + v.id, details.dump());
      v.decided_by = "seed";
      v.submitted_at = now;
      v.decided_at = now;
      verification::store::insert_verification(sql, v);
    };
    approve("identity", std::nullopt,
            {{"real_name", "示例招聘者"}, {"note", "seeded for load tests; nothing was checked"}});
    approve("employment", out.company_id, {{"method", "seed"}});
    return core::Unit{};
  }));
  return out;
}

core::Status vacuum_analyze_after_bulk_load(Runtime& rt) {
  if (rt.db->dialect() != hiresafe::store::Dialect::kPostgres) return core::Unit{};
  return rt.db->single_statement<core::Unit>([](hiresafe::store::Conn& conn) -> core::Status {
    // Only the tables that hold rows. VACUUM records an empty table as known to be empty
    // (reltuples 0), and plans cached on that belief (a sequential scan, or any index that
    // matches a prefix) stay while the table grows, until autovacuum's next ANALYZE, up to a
    // minute later. Never vacuumed, a table is assumed to have some pages.
    std::vector<std::string> loaded;
    soci::rowset<std::string> tables =
        conn.sql().prepare
        << "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()";
    for (const auto& table : tables) {
      int any = 0;
      conn.sql() << "SELECT CASE WHEN EXISTS (SELECT 1 FROM " + table + ") THEN 1 ELSE 0 END",
          soci::into(any);
      if (any) loaded.push_back(table);
    }
    for (const auto& table : loaded) conn.sql() << "VACUUM ANALYZE " + table;
    return core::Unit{};
  });
}

}  // namespace hiresafe::cli
