#include "cli/commands.hpp"

#include <algorithm>
#include <CLI/CLI.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>

#include "cli/runtime.hpp"
#include "cli/seed.hpp"
#include "http/server.hpp"
#include "staff/audit.hpp"
#include "store/migrations.hpp"

namespace hiresafe::cli {

namespace {

int fail(const core::Error& e) {
  std::cerr << "error: " << e.title;
  if (!e.detail.empty()) std::cerr << ": " << e.detail;
  std::cerr << "\n";
  for (const auto& f : e.errors) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return 1;
}

// Synthetic job posts added to the demo accounts so a fresh demo has something to search.
constexpr long long kDemoJobs = 300;

int serve(core::Config config) {
  // Block the stop signals before any thread starts so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto rt = open_runtime(std::move(config));
  if (!rt) return fail(rt.error());
  auto& r = **rt;
  if (auto started = start_indexer(r); !started) return fail(started.error());
  if (r.config.sqlite_checkpoint_ms > 0)
    r.db->start_checkpoints(std::chrono::milliseconds(r.config.sqlite_checkpoint_ms));
  r.jobs->start_cache_watch(std::chrono::milliseconds(std::max(10LL, r.config.jobs_cache_watch_ms)));
  if (r.config.session_watch_ms > 0)
    r.identity->start_session_watch(std::chrono::milliseconds(r.config.session_watch_ms),
                                    r.config.session_watched_cache_seconds);
  http::App app{r.config,     r.logger,         r.metrics,          *r.db,
                *r.identity,  *r.consent,       *r.staff,           *r.files,
                *r.verification, *r.companies,  *r.jobs,            *r.resumes,
                *r.job_search, *r.talent_search, *r.behaviour,      *r.applications,
                *r.interviews, *r.contacts,     *r.numbers,         *r.seeker_desk,
                *r.notifications, *r.taxonomy,  *r.keys,
                *r.clock,     r.test_clock.get()};
  http::Server server(app);
  auto bound = server.start();
  if (!bound) return fail(bound.error());
  r.logger->info("hiresafe serving with {} at-rest encryption", crypto::aead_name());
  std::cout << "listening on http://" << *bound << std::endl;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  r.logger->info("stopping on signal {}", signal);
  server.stop();
  if (r.indexer) r.indexer->stop();
  if (const auto writes = r.db->write_stats(); writes.commits > 0)
    r.logger->info(
        "group commit: {} write transactions in {} commits; {} WAL restarts holding writes "
        "{:.1f} ms in all, {:.1f} ms at most",
        writes.transactions, writes.commits, writes.wal_restarts, writes.restart_hold_us / 1e3,
        writes.longest_restart_hold_us / 1e3);
  if (const auto applies = r.applications->insert_stats(); applies.statements > 0)
    r.logger->info("batched applies: {} applications in {} statements", applies.rows,
                   applies.statements);
  return 0;
}

// A one-line progress bar on stderr, redrawn in place; the seed calls it once per whole percent.
SeedProgress progress_bar(std::string what) {
  return [what = std::move(what)](long long done, long long total) {
    constexpr int kWidth = 40;
    const int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
    const int filled = percent * kWidth / 100;
    std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(kWidth - filled), ' ') << "] " << percent
              << "% " << done << "/" << total << " " << what << (done >= total ? "\n" : "")
              << std::flush;
  };
}

// Rebuilds both search indexes with progress bars and prints what it did; 0 on success.
int rebuild_indexes(Runtime& r) {
  auto stats = search::rebuild(index_sources(r), *r.job_index, *r.resume_index,
                               [bars = std::map<std::string, SeedProgress>()](
                                   const char* what, long long done, long long total) mutable {
                                 auto& bar = bars[what];
                                 if (!bar) bar = progress_bar(std::string("indexed ") + what);
                                 bar(done, total);
                               });
  if (!stats) return fail(stats.error());
  std::cout << std::fixed << std::setprecision(1) << "indexed " << stats->jobs
            << " job posts in " << stats->job_seconds << " s ("
            << (stats->job_seconds > 0 ? stats->jobs / stats->job_seconds : 0) << "/s) and "
            << stats->resumes << " resumes in " << stats->resume_seconds << " s\n";
  return 0;
}

int reindex(core::Config config) {
  auto rt = open_runtime(std::move(config));
  if (!rt) return fail(rt.error());
  return rebuild_indexes(**rt);
}

// Opens FILE for writing before any seeding, so a bad path fails before minutes of work.
bool open_output(std::ofstream& file, const std::string& path) {
  if (path.empty()) return true;
  file.open(path, std::ios::trunc);
  if (!file) std::cerr << "seed: cannot write " << path << "\n";
  return static_cast<bool>(file);
}

bool write_lines(std::ofstream& file, const std::string& path,
                 const std::vector<std::string>& lines) {
  if (!file.is_open()) return true;
  for (const auto& line : lines) file << line << '\n';
  file.close();
  if (!file) std::cerr << "seed: writing " << path << " failed\n";
  return static_cast<bool>(file);
}

std::string read_password_from_stdin() {
  std::string password;
  std::getline(std::cin, password);
  return password;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"hiresafe: a recruitment platform that keeps its privacy promises"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "show help for every subcommand");

  auto* serve_cmd = app.add_subcommand("serve", "run the HTTP API");
  core::ConfigLoader serve_config(*serve_cmd);

  auto* migrate_cmd = app.add_subcommand("migrate", "apply database migrations");
  core::ConfigLoader migrate_config(*migrate_cmd);

  auto* reindex_cmd = app.add_subcommand(
      "reindex", "rebuild the job and resume search indexes from the database; a running "
                 "serve keeps answering from the old ones until the new ones are swapped in");
  core::ConfigLoader reindex_config(*reindex_cmd);

  auto* seed_cmd = app.add_subcommand("seed", "load data");
  core::ConfigLoader seed_config(*seed_cmd);
  bool demo = false;
  seed_cmd->add_flag("--demo", demo, "load the small demo data set if the database is empty");
  long long seed_job_count = 0;
  std::string seed_ids_out;
  seed_cmd
      ->add_option("--jobs", seed_job_count,
                   "add N synthetic job posts (one synthetic recruiter, one company per 100 posts; "
                   "about 5% paused or expired)")
      ->check(CLI::NonNegativeNumber);
  seed_cmd->add_option("--ids-out", seed_ids_out,
                       "write the ids of the synthetic job posts that are open (or, without --jobs, "
                       "the resume ids) to FILE, one a line");
  std::string seed_own_ids_out;
  seed_cmd->add_option("--own-ids-out", seed_own_ids_out,
                       "with --jobs: write the ids of the open synthetic posts of the synthetic "
                       "recruiter's company (those whose applications its --token-out token may "
                       "list) to FILE, one a line");
  std::uint64_t seed_value = kDefaultSeed;
  seed_cmd
      ->add_option("--seed", seed_value,
                   "the synthetic data's random seed: the same seed and the same starting "
                   "database give the same text and ids")
      ->capture_default_str();
  bool seed_no_index = false;
  seed_cmd->add_flag("--no-index", seed_no_index,
                     "do not rebuild the search indexes after loading (run `hiresafe reindex` "
                     "later); bulk-loaded rows bypass the indexer's outbox");
  long long seed_resume_count = 0;
  std::string seed_resume_ids_out, seed_token_out, seed_seeker_tokens_out;
  seed_cmd
      ->add_option("--resumes", seed_resume_count,
                   "add N synthetic public resumes, each of its own synthetic seeker")
      ->check(CLI::NonNegativeNumber);
  seed_cmd->add_option("--resume-ids-out", seed_resume_ids_out,
                       "write the synthetic resume ids to FILE, one a line");
  seed_cmd->add_option("--seeker-tokens-out", seed_seeker_tokens_out,
                       "with --resumes: sign every new synthetic seeker in (a live session, as a "
                       "sign-in opens one) and write \"<token>\\t<resume id>\" to FILE, one seeker "
                       "a line");
  seed_cmd->add_option("--token-out", seed_token_out,
                       "verify the synthetic recruiter (seeded approvals, a company) and write a "
                       "bearer token of its to FILE");

  auto* admin_cmd = app.add_subcommand("admin", "operator tasks");
  admin_cmd->require_subcommand(1);
  auto* staff_cmd = admin_cmd->add_subcommand(
      "create-staff", "create a staff account; the password is read from standard input");
  core::ConfigLoader staff_config(*staff_cmd);
  std::string username;
  staff_cmd->add_option("--username", username, "staff username")->required();
  auto* grant_cmd = admin_cmd->add_subcommand(
      "grant-access", "approve a time-limited access grant for a staff member (SEC-4)");
  core::ConfigLoader grant_config(*grant_cmd);
  std::string grant_user, grant_purpose = staff::kReviewPurpose, grant_reason;
  long long grant_hours = 8;
  grant_cmd->add_option("--username", grant_user, "staff username")->required();
  grant_cmd->add_option("--purpose", grant_purpose, "what the grant is for")->capture_default_str();
  grant_cmd->add_option("--hours", grant_hours, "how long it lasts")->capture_default_str();
  grant_cmd->add_option("--reason", grant_reason, "why (kept in the audit log)")->required();
  auto* audit_cmd = admin_cmd->add_subcommand(
      "verify-audit", "check the audit log's hash chain; exit 1 at the first broken entry");
  core::ConfigLoader audit_config(*audit_cmd);
  auto* rotate_cmd = admin_cmd->add_subcommand(
      "rotate-master-key", "re-wrap every key under a new master key; data stays as it is");
  core::ConfigLoader rotate_config(*rotate_cmd);

  CLI11_PARSE(app, argc, argv);

  if (serve_cmd->parsed()) {
    auto config = serve_config.finish();
    if (!config) return fail(config.error());
    return serve(std::move(config).value());
  }
  if (reindex_cmd->parsed()) {
    auto config = reindex_config.finish();
    if (!config) return fail(config.error());
    return reindex(std::move(config).value());
  }
  if (migrate_cmd->parsed()) {
    auto config = migrate_config.finish();
    if (!config) return fail(config.error());
    auto rt = open_database(std::move(config).value());
    if (!rt) return fail(rt.error());
    std::cout << "database at migration " << store::latest_version() << "\n";
    return 0;
  }
  if (seed_cmd->parsed()) {
    if (!demo && seed_job_count == 0 && seed_resume_count == 0 && seed_token_out.empty()) {
      std::cerr << "seed: say what to load (--demo, --jobs N, --resumes N, --token-out FILE)\n";
      return 2;
    }
    if (!seed_seeker_tokens_out.empty() && seed_resume_count == 0) {
      std::cerr << "seed: --seeker-tokens-out needs --resumes N\n";
      return 2;
    }
    if (!seed_own_ids_out.empty() && seed_job_count == 0) {
      std::cerr << "seed: --own-ids-out needs --jobs N\n";
      return 2;
    }
    // --ids-out names job ids when there are jobs, else resume ids (the single-kind case).
    const std::string job_ids_path = seed_job_count > 0 ? seed_ids_out : std::string();
    std::vector<std::string> resume_ids_paths;
    if (!seed_resume_ids_out.empty()) resume_ids_paths.push_back(seed_resume_ids_out);
    if (seed_job_count == 0 && seed_resume_count > 0 && !seed_ids_out.empty())
      resume_ids_paths.push_back(seed_ids_out);
    std::ofstream job_ids_file, own_ids_file, token_file, seeker_tokens_file;
    std::vector<std::ofstream> resume_ids_files(resume_ids_paths.size());
    if (!open_output(job_ids_file, job_ids_path) || !open_output(own_ids_file, seed_own_ids_out) ||
        !open_output(token_file, seed_token_out) ||
        !open_output(seeker_tokens_file, seed_seeker_tokens_out))
      return 1;
    for (std::size_t i = 0; i < resume_ids_paths.size(); ++i)
      if (!open_output(resume_ids_files[i], resume_ids_paths[i])) return 1;

    auto config = seed_config.finish();
    if (!config) return fail(config.error());
    auto rt = open_runtime(std::move(config).value());
    if (!rt) return fail(rt.error());
    bool bulk_loaded = seed_job_count > 0 || seed_resume_count > 0;
    if (demo) {
      // Something to search for on a fresh demo: synthetic posts, loaded like the benchmark
      // data and indexed below (unless this run loads posts of its own).
      auto loaded = seed_demo(**rt, seed_job_count == 0 ? kDemoJobs : 0, seed_value);
      if (!loaded) return fail(loaded.error());
      if (loaded->accounts == 0) {
        std::cout << "database already has accounts; demo data skipped\n";
      } else {
        std::cout << "loaded " << loaded->accounts << " demo accounts, " << loaded->posts
                  << " demo job posts and " << loaded->applications << " demo applications\n";
        bulk_loaded = bulk_loaded || loaded->posts > 0;
      }
    }
    std::optional<SeededJobs> jobs;
    if (seed_job_count > 0) {
      const auto started = std::chrono::steady_clock::now();
      auto seeded = seed_jobs(**rt, seed_job_count, progress_bar("job posts"), seed_value);
      if (!seeded) return fail(seeded.error());
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
      if (!write_lines(job_ids_file, job_ids_path, seeded->job_ids)) return 1;
      if (!write_lines(own_ids_file, seed_own_ids_out, seeded->own_job_ids)) return 1;
      std::cout << "loaded " << seeded->job_ids.size() + seeded->hidden_job_ids.size()
                << " job posts (" << seeded->hidden_job_ids.size() << " paused or expired) for "
                << seeded->company_ids.size() << " companies in " << std::fixed
                << std::setprecision(1) << took.count() << " s (seed " << seed_value << "); "
                << seeded->own_job_ids.size() << " open ones of the recruiter's company "
                << seeded->recruiter_company_id << "\n";
      jobs = std::move(seeded).value();
    }
    if (seed_resume_count > 0) {
      const auto started = std::chrono::steady_clock::now();
      auto seeded = seed_resumes(**rt, seed_resume_count, progress_bar("resumes"), seed_value);
      if (!seeded) return fail(seeded.error());
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
      for (std::size_t i = 0; i < resume_ids_paths.size(); ++i)
        if (!write_lines(resume_ids_files[i], resume_ids_paths[i], seeded->resume_ids)) return 1;
      std::cout << "loaded " << seeded->resume_ids.size() << " resumes for "
                << seeded->resume_ids.size() << " seekers in " << std::fixed << std::setprecision(1)
                << took.count() << " s (seed " << seed_value << ")\n";
      if (seeker_tokens_file.is_open()) {
        auto tokens = seed_seeker_sessions(**rt, seeded->seeker_ids);
        if (!tokens) return fail(tokens.error());
        std::vector<std::string> lines;
        lines.reserve(tokens->size());
        for (std::size_t i = 0; i < tokens->size(); ++i)
          lines.push_back((*tokens)[i] + '\t' + seeded->resume_ids[i]);
        if (!write_lines(seeker_tokens_file, seed_seeker_tokens_out, lines)) return 1;
        std::cout << "signed in " << tokens->size() << " seekers; tokens written to "
                  << seed_seeker_tokens_out << "\n";
      }
    }
    if (!seed_token_out.empty()) {
      auto recruiter = seed_recruiter(**rt, jobs ? &*jobs : nullptr, seed_value);
      if (!recruiter) return fail(recruiter.error());
      if (!write_lines(token_file, seed_token_out, {recruiter->token})) return 1;
      std::cout << "verified recruiter " << recruiter->user_id << " of company "
                << recruiter->company_id << "; token written to " << seed_token_out << "\n";
    }
    if (bulk_loaded) {
      if (auto tidied = vacuum_analyze_after_bulk_load(**rt); !tidied) return fail(tidied.error());
    }
    if (bulk_loaded && !seed_no_index) return rebuild_indexes(**rt);
    return 0;
  }
  if (staff_cmd->parsed()) {
    auto config = staff_config.finish();
    if (!config) return fail(config.error());
    auto rt = open_runtime(std::move(config).value());
    if (!rt) return fail(rt.error());
    auto created = (*rt)->staff->create(username, read_password_from_stdin());
    if (!created) return fail(created.error());
    std::cout << "created staff " << created->id << "\n"
              << "add this to the staff member's authenticator app (shown once):\n"
              << created->otpauth_uri << "\n";
    return 0;
  }
  if (grant_cmd->parsed()) {
    auto config = grant_config.finish();
    if (!config) return fail(config.error());
    auto rt = open_runtime(std::move(config).value());
    if (!rt) return fail(rt.error());
    auto grant = (*rt)->staff->grant(grant_user, grant_purpose, grant_hours, grant_reason);
    if (!grant) return fail(grant.error());
    std::cout << "granted " << grant->id << " (" << grant->purpose << ") until " << grant->expires_at
              << "\n";
    return 0;
  }
  if (audit_cmd->parsed()) {
    auto config = audit_config.finish();
    if (!config) return fail(config.error());
    auto rt = open_database(std::move(config).value());
    if (!rt) return fail(rt.error());
    auto check = staff::verify_audit(*(*rt)->db);
    if (!check) return fail(check.error());
    if (check->first_broken_seq) {
      std::cout << "audit chain BROKEN at entry " << *check->first_broken_seq << ": "
                << check->problem << " (" << check->entries << " entries read)\n";
      return 1;
    }
    std::cout << "audit chain intact: " << check->entries << " entries\n";
    return 0;
  }
  if (rotate_cmd->parsed()) {
    auto config = rotate_config.finish();
    if (!config) return fail(config.error());
    auto rt = open_runtime(std::move(config).value());  // proves the current key works
    if (!rt) return fail(rt.error());
    auto& r = **rt;
    const auto file = r.config.effective_master_key_file();
    auto current = crypto::load_master_key(r.config.master_key, file);
    if (!current) return fail(current.error());
    auto next = crypto::SecretKey::random();
    const bool from_env = !r.config.master_key.empty();
    // The new key is on disk before the database switches to it, so a crash never strands data.
    if (!from_env) {
      if (auto s = crypto::write_key_file(file + ".new", next); !s) return fail(s.error());
    }
    auto count = crypto::Keyring::rewrap_all(*r.db, *current, next);
    if (!count) return fail(count.error());
    if (from_env) {
      std::cout << "re-wrapped " << *count << " keys; set HIRESAFE_MASTER_KEY to:\n"
                << next.to_hex() << "\n";
    } else {
      std::filesystem::rename(file + ".new", file);
      std::cout << "re-wrapped " << *count << " keys; " << file << " holds the new master key\n";
    }
    return 0;
  }
  return 0;
}

}  // namespace hiresafe::cli
