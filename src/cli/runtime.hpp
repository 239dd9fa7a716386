// Builds a running hiresafe from its configuration: database, keys, services. Used by every
// subcommand so `serve`, `seed` and `admin` see the same composition.
#pragma once

#include <memory>

#include "companies/company_service.hpp"
#include "consent/consent_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/logging.hpp"
#include "core/metrics.hpp"
#include "crypto/keyring.hpp"
#include "crypto/passwords.hpp"
#include "files/file_service.hpp"
#include "hiring/application_service.hpp"
#include "hiring/contact_service.hpp"
#include "hiring/interview_service.hpp"
#include "hiring/notifications.hpp"
#include "hiring/seeker_desk.hpp"
#include "hiring/virtual_numbers.hpp"
#include "identity/delivery.hpp"
#include "identity/identity_service.hpp"
#include "jobs/job_service.hpp"
#include "jobs/publishing_rules.hpp"
#include "jobs/taxonomy.hpp"
#include "disclosure/access_log.hpp"
#include "recommend/behaviour.hpp"
#include "resumes/resume_service.hpp"
#include "search/indexer.hpp"
#include "search/job_search.hpp"
#include "search/talent_search.hpp"
#include "staff/staff_service.hpp"
#include "store/database.hpp"
#include "verification/identity_checker.hpp"
#include "verification/verification_service.hpp"

namespace hiresafe::cli {

struct Runtime {
  core::Config config;
  core::Logger logger;
  std::unique_ptr<core::OffsetClock> test_clock;
  std::unique_ptr<core::SystemClock> system_clock;
  const core::Clock* clock = nullptr;
  std::unique_ptr<hiresafe::store::Database> db;
  std::unique_ptr<crypto::Keyring> keys;
  std::unique_ptr<crypto::PasswordHasher> passwords;
  std::unique_ptr<consent::ConsentService> consent;
  std::unique_ptr<identity::CodeDelivery> sms;
  std::unique_ptr<identity::CodeDelivery> mail;
  std::unique_ptr<identity::IdentityService> identity;
  std::unique_ptr<staff::StaffService> staff;
  std::unique_ptr<jobs::Taxonomy> taxonomy;
  std::unique_ptr<files::FileService> files;
  std::unique_ptr<verification::IdentityChecker> identity_checker;
  std::unique_ptr<verification::VerificationService> verification;
  std::unique_ptr<companies::CompanyService> companies;
  std::unique_ptr<jobs::PublishingRules> rules;
  std::unique_ptr<jobs::JobCache> job_cache;
  std::unique_ptr<jobs::JobService> jobs;
  std::unique_ptr<disclosure::AccessLog> access_log;
  std::unique_ptr<resumes::ResumeService> resumes;
  std::unique_ptr<search::IndexDir> job_index, resume_index;
  std::unique_ptr<search::JobSearch> job_search;
  std::unique_ptr<search::TalentSearch> talent_search;
  std::unique_ptr<recommend::BehaviourLog> behaviour;
  std::unique_ptr<hiring::Telephony> carrier;
  std::unique_ptr<hiring::VirtualNumbers> numbers;
  std::unique_ptr<hiring::ApplicationService> applications;
  std::unique_ptr<hiring::InterviewService> interviews;
  std::unique_ptr<hiring::ContactService> contacts;
  std::unique_ptr<hiring::SeekerDesk> seeker_desk;
  std::unique_ptr<hiring::Notifications> notifications;
  std::unique_ptr<search::Indexer> indexer;  // only where search.indexer is on; see start_indexer
  core::Metrics metrics;
};

// Opens the database and applies migrations (no keys).
core::Result<std::unique_ptr<Runtime>> open_database(core::Config config);
// Everything: database, migrations, master key (created on first start of an empty database),
// keyring, policy and services.
core::Result<std::unique_ptr<Runtime>> open_runtime(core::Config config);

// Starts the search indexer (serve, when search.indexer is on): creates missing indexes and
// applies every change a previous run left pending before the server answers.
core::Status start_indexer(Runtime& rt);
search::IndexSources index_sources(Runtime& rt);

}  // namespace hiresafe::cli
