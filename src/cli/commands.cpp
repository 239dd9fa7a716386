#include "cli/commands.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

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
  http::App app{r.config,   r.logger,        r.metrics,       *r.db,          *r.identity,
                *r.consent,  *r.staff,        *r.files,        *r.verification, *r.companies, *r.jobs,
                *r.resumes,
                *r.taxonomy, *r.keys,         *r.clock,        r.test_clock.get()};
  http::Server server(app);
  auto bound = server.start();
  if (!bound) return fail(bound.error());
  r.logger->info("hiresafe serving with {} at-rest encryption", crypto::aead_name());
  std::cout << "listening on http://" << *bound << std::endl;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  r.logger->info("stopping on signal {}", signal);
  server.stop();
  return 0;
}

// A one-line progress bar on stderr, redrawn in place; the seed calls it once per whole percent.
void draw_progress(long long done, long long total) {
  constexpr int kWidth = 40;
  const int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
  const int filled = percent * kWidth / 100;
  std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(kWidth - filled), ' ') << "] " << percent << "% "
            << done << "/" << total << " job posts" << (done >= total ? "\n" : "") << std::flush;
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

  auto* seed_cmd = app.add_subcommand("seed", "load data");
  core::ConfigLoader seed_config(*seed_cmd);
  bool demo = false;
  seed_cmd->add_flag("--demo", demo, "load the small demo data set if the database is empty");
  long long seed_job_count = 0;
  std::string seed_ids_out;
  seed_cmd->add_option("--jobs", seed_job_count,
                       "add N synthetic open job posts (one synthetic recruiter, a few companies)")
      ->check(CLI::NonNegativeNumber);
  seed_cmd->add_option("--ids-out", seed_ids_out, "write the synthetic job ids to FILE, one a line");

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
  if (migrate_cmd->parsed()) {
    auto config = migrate_config.finish();
    if (!config) return fail(config.error());
    auto rt = open_database(std::move(config).value());
    if (!rt) return fail(rt.error());
    std::cout << "database at migration " << store::latest_version() << "\n";
    return 0;
  }
  if (seed_cmd->parsed()) {
    if (!demo && seed_job_count == 0) {
      std::cerr << "seed: say what to load (--demo, --jobs N)\n";
      return 2;
    }
    auto config = seed_config.finish();
    if (!config) return fail(config.error());
    auto rt = open_runtime(std::move(config).value());
    if (!rt) return fail(rt.error());
    if (demo) {
      auto created = seed_demo(**rt);
      if (!created) return fail(created.error());
      std::cout << (*created > 0 ? "loaded " + std::to_string(*created) + " demo accounts"
                                 : std::string("database already has accounts; demo data skipped"))
                << "\n";
    }
    if (seed_job_count > 0) {
      // Open the ids file first so a bad path fails before minutes of work.
      std::ofstream ids_file;
      if (!seed_ids_out.empty()) {
        ids_file.open(seed_ids_out, std::ios::trunc);
        if (!ids_file) {
          std::cerr << "seed: cannot write " << seed_ids_out << "\n";
          return 1;
        }
      }
      const auto started = std::chrono::steady_clock::now();
      auto seeded = seed_jobs(**rt, seed_job_count, draw_progress);
      if (!seeded) return fail(seeded.error());
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
      if (ids_file.is_open()) {
        for (const auto& id : seeded->job_ids) ids_file << id << '\n';
        ids_file.close();
        if (!ids_file) {
          std::cerr << "seed: writing " << seed_ids_out << " failed\n";
          return 1;
        }
      }
      std::cout << "loaded " << seeded->job_ids.size() << " job posts for "
                << seeded->company_ids.size() << " companies in " << std::fixed
                << std::setprecision(1) << took.count() << " s\n";
    }
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
