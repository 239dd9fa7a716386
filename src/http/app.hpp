// What handlers reach: the services of one running server, passed in, never global.
#pragma once

#include "companies/company_service.hpp"
#include "consent/consent_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/logging.hpp"
#include "core/metrics.hpp"
#include "files/file_service.hpp"
#include "hiring/application_service.hpp"
#include "hiring/contact_service.hpp"
#include "hiring/interview_service.hpp"
#include "hiring/notifications.hpp"
#include "hiring/seeker_desk.hpp"
#include "hiring/virtual_numbers.hpp"
#include "identity/identity_service.hpp"
#include "jobs/job_service.hpp"
#include "jobs/taxonomy.hpp"
#include "recommend/behaviour.hpp"
#include "resumes/resume_service.hpp"
#include "search/job_search.hpp"
#include "search/talent_search.hpp"
#include "staff/staff_service.hpp"
#include "store/database.hpp"
#include "verification/verification_service.hpp"

namespace hiresafe::http {

struct App {
  const core::Config& config;
  core::Logger logger;
  core::Metrics& metrics;
  hiresafe::store::Database& db;
  identity::IdentityService& identity;
  consent::ConsentService& consent;
  staff::StaffService& staff;
  files::FileService& files;
  verification::VerificationService& verification;
  companies::CompanyService& companies;
  jobs::JobService& jobs;
  resumes::ResumeService& resumes;
  search::JobSearch& job_search;
  search::TalentSearch& talent_search;
  recommend::BehaviourLog& behaviour;
  hiring::ApplicationService& applications;
  hiring::InterviewService& interviews;
  hiring::ContactService& contacts;
  hiring::VirtualNumbers& numbers;
  hiring::SeekerDesk& seeker_desk;
  hiring::Notifications& notifications;
  const jobs::Taxonomy& taxonomy;
  const crypto::Keyring& keys;
  const core::Clock& clock;
  core::OffsetClock* test_clock;  // null unless the server started with --test-clock
};

}  // namespace hiresafe::http
