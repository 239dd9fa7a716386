#include "cli/runtime.hpp"

#include <algorithm>
#include <filesystem>

#include "core/resources.hpp"
#include "store/migrations.hpp"

namespace hiresafe::cli {

namespace {

core::Result<bool> database_has_keys(hiresafe::store::Database& db) {
  return db.read<bool>([](soci::session& sql) -> core::Result<bool> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM system_keys", soci::into(n);
    return n > 0;
  });
}

// Loads the master key and opens the keyring; finishes a rotation that was cut short after
// its commit by promoting <key file>.new.
core::Result<std::unique_ptr<crypto::Keyring>> open_keys(Runtime& rt) {
  const auto file = rt.config.effective_master_key_file();
  if (rt.config.master_key.empty()) {
    HS_TRY(bool has_keys, database_has_keys(*rt.db));
    if (!has_keys) {
      HS_TRY(bool created, crypto::ensure_master_key_file(file));
      if (created) rt.logger->info("created a new master key file (mode 0600)");
    }
  }
  HS_TRY(auto master, crypto::load_master_key(rt.config.master_key, file));
  auto ring = crypto::Keyring::open(*rt.db, master);
  if (ring || !rt.config.master_key.empty() || !std::filesystem::exists(file + ".new")) return ring;
  HS_TRY(auto next, crypto::load_master_key("", file + ".new"));
  auto retry = crypto::Keyring::open(*rt.db, next);
  if (!retry) return ring;
  std::filesystem::rename(file + ".new", file);
  rt.logger->warn("finished an interrupted master key rotation");
  return retry;
}

}  // namespace

core::Result<std::unique_ptr<Runtime>> open_database(core::Config config) {
  auto rt = std::make_unique<Runtime>();
  rt->config = std::move(config);
  rt->logger = core::make_logger(rt->config.effective_log_file(), rt->config.log_level);
  if (rt->config.test_clock) {
    rt->test_clock = std::make_unique<core::OffsetClock>();
    rt->clock = rt->test_clock.get();
  } else {
    rt->system_clock = std::make_unique<core::SystemClock>();
    rt->clock = rt->system_clock.get();
  }
  HS_TRY(rt->db, hiresafe::store::Database::open(rt->config.effective_database_url(),
                                                 static_cast<int>(rt->config.db_pool_size)));
  rt->db->set_durable_commits(rt->config.sqlite_synchronous == "full");
  HS_TRY(int applied, hiresafe::store::migrate(*rt->db, rt->clock->now()));
  if (applied > 0) rt->logger->info("applied {} migration(s)", applied);
  return rt;
}

core::Result<std::unique_ptr<Runtime>> open_runtime(core::Config config) {
  HS_TRY(auto rt, open_database(std::move(config)));
  HS_TRY(rt->keys, open_keys(*rt));
  rt->passwords = std::make_unique<crypto::PasswordHasher>(rt->config.password_strength);
  rt->consent = std::make_unique<consent::ConsentService>(*rt->db, *rt->clock);
  HS_CHECK(rt->consent->ensure_policy(hiresafe::store::embedded_default_policy()));
  const auto& c = rt->config;
  if (c.sms_provider == "http") {
    rt->sms = std::make_unique<identity::HttpSmsDelivery>(
        c.sms_http_url, static_cast<int>(c.sms_http_attempts),
        static_cast<int>(c.sms_http_backoff_ms), rt->logger);
  } else {
    rt->sms = std::make_unique<identity::FileDelivery>(c.data_dir + "/sms.log");
  }
  if (c.mail_provider == "smtp") {
    rt->mail = std::make_unique<identity::SmtpDelivery>(
        c.mail_smtp_url, c.mail_from, static_cast<int>(c.mail_smtp_attempts),
        static_cast<int>(c.mail_smtp_backoff_ms), rt->logger);
  } else {
    rt->mail = std::make_unique<identity::FileDelivery>(c.data_dir + "/mail.log");
  }
  rt->identity = std::make_unique<identity::IdentityService>(*rt->db, *rt->keys, *rt->clock,
                                                             rt->config, *rt->consent, *rt->sms,
                                                             *rt->mail, *rt->passwords);
  rt->staff = std::make_unique<staff::StaffService>(*rt->db, *rt->keys, *rt->clock, rt->config,
                                                    *rt->passwords);
  HS_TRY(auto taxonomy, jobs::Taxonomy::builtin());
  rt->taxonomy = std::make_unique<jobs::Taxonomy>(std::move(taxonomy));
  rt->files = std::make_unique<files::FileService>(*rt->db, *rt->keys, *rt->clock,
                                                   rt->config.upload_max_bytes);
  if (c.identity_provider == "http") {
    rt->identity_checker =
        std::make_unique<verification::HttpIdentityChecker>(c.identity_http_url, rt->logger);
  } else {
    rt->identity_checker = std::make_unique<verification::StaffQueueChecker>();
  }
  const jobs::Taxonomy* tax = rt->taxonomy.get();
  rt->verification = std::make_unique<verification::VerificationService>(
      *rt->db, *rt->keys, *rt->clock, *rt->files, *rt->staff, *rt->identity_checker, *rt->mail,
      [tax](const std::string& province) { return tax->city(province) != nullptr; });
  rt->companies = std::make_unique<companies::CompanyService>(
      *rt->db, *rt->keys, *rt->clock, *rt->taxonomy, *rt->files, *rt->verification, *rt->mail,
      *rt->identity);
  HS_TRY(auto rules, jobs::PublishingRules::load(core::resource("publishing_rules.tsv")));
  rt->rules = std::make_unique<jobs::PublishingRules>(std::move(rules));
  rt->job_cache = std::make_unique<jobs::JobCache>(
      static_cast<std::size_t>(std::max(0LL, c.jobs_cache_entries)), c.jobs_cache_seconds);
  rt->jobs = std::make_unique<jobs::JobService>(*rt->db, *rt->clock, *rt->taxonomy, *rt->rules,
                                                *rt->verification, *rt->job_cache);
  rt->access_log = std::make_unique<disclosure::AccessLog>(
      *rt->db, rt->config.data_dir + "/journal", rt->config.access_log_batch_ms, rt->logger);
  HS_CHECK(rt->access_log->start());
  rt->resumes = std::make_unique<resumes::ResumeService>(
      *rt->db, *rt->keys, *rt->clock, *rt->taxonomy, *rt->identity, *rt->verification, *rt->staff,
      *rt->files, *rt->access_log, rt->config.session_cache_seconds);
  rt->job_index = std::make_unique<search::IndexDir>(rt->config.data_dir + "/search/jobs");
  rt->resume_index = std::make_unique<search::IndexDir>(rt->config.data_dir + "/search/resumes");
  rt->job_search = std::make_unique<search::JobSearch>(*rt->job_index, *rt->taxonomy, *rt->clock);
  rt->talent_search = std::make_unique<search::TalentSearch>(*rt->resume_index, *rt->db, *rt->keys,
                                                             *rt->taxonomy, *rt->clock);
  rt->behaviour = std::make_unique<recommend::BehaviourLog>(*rt->db, *rt->keys, *rt->clock);
  if (c.calls_provider == "http")
    rt->carrier = std::make_unique<hiring::HttpTelephony>(c.calls_http_url, 5000);
  else
    rt->carrier = std::make_unique<hiring::NoneTelephony>();
  HS_TRY(auto pool, hiring::NumberPool::parse(c.calls_pool));
  rt->numbers = std::make_unique<hiring::VirtualNumbers>(
      *rt->db, *rt->clock, *rt->carrier, std::move(pool), c.calls_binding_hours * 3600);
  rt->applications = std::make_unique<hiring::ApplicationService>(
      *rt->db, *rt->keys, *rt->clock, *rt->taxonomy, *rt->resumes, *rt->access_log, *rt->numbers);
  rt->interviews =
      std::make_unique<hiring::InterviewService>(*rt->db, *rt->keys, *rt->clock, *rt->applications);
  rt->contacts = std::make_unique<hiring::ContactService>(*rt->db, *rt->clock, *rt->resumes);
  rt->seeker_desk = std::make_unique<hiring::SeekerDesk>(*rt->db, *rt->clock, *rt->access_log);
  rt->notifications = std::make_unique<hiring::Notifications>(*rt->db, *rt->clock);
  return rt;
}

search::IndexSources index_sources(Runtime& rt) {
  return {*rt.db, *rt.taxonomy, *rt.keys, *rt.clock};
}

core::Status start_indexer(Runtime& rt) {
  HS_CHECK(rt.job_index->ensure());
  HS_CHECK(rt.resume_index->ensure());
  if (!rt.config.search_indexer) return core::Unit{};
  rt.indexer =
      std::make_unique<search::Indexer>(index_sources(rt), *rt.job_index, *rt.resume_index,
                                        static_cast<int>(rt.config.search_poll_ms), rt.logger);
  return rt.indexer->start();
}

}  // namespace hiresafe::cli
