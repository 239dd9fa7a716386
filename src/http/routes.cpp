// The one route table of the hiresafe API. docs/openapi.yaml must list exactly these routes
// (tests/unit/openapi_test.cpp checks both directions).
#include "http/routes.hpp"

#include "companies/companies_api.hpp"
#include "consent/consent_api.hpp"
#include "hiring/hiring_api.hpp"
#include "http/system_api.hpp"
#include "identity/identity_api.hpp"
#include "jobs/jobs_api.hpp"
#include "resumes/resumes_api.hpp"
#include "search/search_api.hpp"
#include "staff/staff_api.hpp"
#include "verification/verification_api.hpp"

namespace hiresafe::http {

const std::vector<Route>& route_table() {
  using A = Access;
  using E = Exec;
  using B = Body;
  static const std::vector<Route> routes = {
      // The router tries patterns in order: the hottest reads come first.
      {"GET", "/api/v1/me", identity::get_me, A::kSession, E::kInline},
      {"GET", "/api/v1/jobs", search::get_jobs, A::kOptionalSession, E::kInline},
      {"GET", "/api/v1/jobs/:id", jobs::get_job, A::kPublic, E::kInline},
      {"GET", "/api/v1/talent", search::get_talent, A::kSession, E::kInline},
      {"GET", "/api/v1/me/search-history", search::get_search_history, A::kSession, E::kInline},
      {"GET", "/api/v1/resumes/:id", resumes::get_resume, A::kSession, E::kInline},

      {"GET", "/healthz", get_healthz, A::kPublic, E::kInline},
      {"GET", "/readyz", get_readyz, A::kPublic, E::kInline},
      {"GET", "/metrics", get_metrics, A::kPublic, E::kInline},
      {"GET", "/api/v1/policy", consent::get_policy, A::kPublic, E::kInline},

      {"POST", "/api/v1/auth/codes", identity::post_code, A::kPublic, E::kWrite},
      {"POST", "/api/v1/auth/sign-in", identity::post_sign_in, A::kPublic, E::kWrite},
      {"POST", "/api/v1/auth/headhunters", identity::post_headhunter, A::kPublic, E::kWorker},
      {"POST", "/api/v1/auth/password-sign-in", identity::post_password_sign_in, A::kPublic,
       E::kWorker},
      {"POST", "/api/v1/auth/password-reset", identity::post_password_reset, A::kPublic,
       E::kWorker},
      {"POST", "/api/v1/auth/sign-out", identity::post_sign_out, A::kSession, E::kWrite},

      {"PUT", "/api/v1/me/credentials", identity::put_credentials, A::kSession, E::kWorker},
      {"GET", "/api/v1/me/sessions", identity::get_sessions, A::kSession, E::kInline},
      {"DELETE", "/api/v1/me/sessions", identity::delete_sessions, A::kSession, E::kWrite},
      {"DELETE", "/api/v1/me/sessions/:id", identity::delete_session, A::kSession, E::kWrite},
      {"POST", "/api/v1/me/roles", identity::post_role, A::kSession, E::kWrite},
      {"PUT", "/api/v1/me/active-role", identity::put_active_role, A::kSession, E::kWrite},
      {"GET", "/api/v1/me/consents", consent::get_consents, A::kSession, E::kInline},
      {"POST", "/api/v1/me/guardian/codes", identity::post_guardian_code, A::kSession, E::kWrite},
      {"PUT", "/api/v1/me/guardian", identity::put_guardian, A::kSession, E::kWrite},
      {"POST", "/api/v1/me/consents", consent::post_consent, A::kSession, E::kWrite},

      {"POST", "/api/v1/me/files", companies::post_file, A::kSession, E::kWrite, B::kUpload},
      {"GET", "/api/v1/me/files/:id", companies::get_file, A::kSession, E::kInline},
      {"GET", "/api/v1/me/card", companies::get_my_card, A::kSession, E::kInline},
      {"PUT", "/api/v1/me/card", companies::put_card, A::kSession, E::kWrite},
      {"GET", "/api/v1/users/:id/card", companies::get_user_card, A::kSession, E::kInline},

      {"GET", "/api/v1/me/verifications", verification::get_verifications, A::kSession, E::kInline},
      {"POST", "/api/v1/me/verifications/identity", verification::post_identity_verification,
       A::kSession, E::kWorker},
      {"POST", "/api/v1/me/verifications/employment", verification::post_employment_verification,
       A::kSession, E::kWrite},
      {"POST", "/api/v1/me/verifications/headhunter", verification::post_headhunter_verification,
       A::kSession, E::kWrite},
      {"POST", "/api/v1/verifications/email-confirmations", verification::post_email_confirmation,
       A::kPublic, E::kWrite},

      {"POST", "/api/v1/companies", companies::post_company, A::kSession, E::kWrite},
      {"GET", "/api/v1/companies/:id", companies::get_company, A::kPublic, E::kInline},
      {"POST", "/api/v1/companies/:id/invitations", companies::post_invitation, A::kSession,
       E::kWrite},
      {"POST", "/api/v1/invitations/acceptances", companies::post_invitation_acceptance,
       A::kSession, E::kWrite},

      {"POST", "/api/v1/jobs", jobs::post_job, A::kSession, E::kWrite},
      {"PUT", "/api/v1/jobs/:id", jobs::put_job, A::kSession, E::kWrite},
      {"POST", "/api/v1/jobs/:id/pause", jobs::post_job_pause, A::kSession, E::kWrite},
      {"POST", "/api/v1/jobs/:id/reopen", jobs::post_job_reopen, A::kSession, E::kWrite},
      {"POST", "/api/v1/jobs/:id/close", jobs::post_job_close, A::kSession, E::kWrite},
      {"GET", "/api/v1/companies/:id/jobs", jobs::get_company_jobs, A::kPublic, E::kInline},
      {"GET", "/api/v1/me/jobs", jobs::get_my_jobs, A::kSession, E::kInline},

      {"GET", "/api/v1/me/resumes", resumes::get_my_resumes, A::kSession, E::kInline},
      {"POST", "/api/v1/me/resumes", resumes::post_resume, A::kSession, E::kWrite},
      {"GET", "/api/v1/me/resumes/:id", resumes::get_my_resume, A::kSession, E::kInline},
      {"PUT", "/api/v1/me/resumes/:id", resumes::put_resume, A::kSession, E::kWrite},
      {"DELETE", "/api/v1/me/resumes/:id", resumes::delete_resume, A::kSession, E::kWrite},
      {"POST", "/api/v1/me/support-requests", resumes::post_support_request, A::kSession,
       E::kWrite},
      {"GET", "/api/v1/me/resume-views", resumes::get_resume_views, A::kSession, E::kInline},
      {"GET", "/api/v1/me/privacy", resumes::get_privacy, A::kSession, E::kInline},
      {"PUT", "/api/v1/me/privacy", resumes::put_privacy, A::kSession, E::kWrite},
      {"GET", "/api/v1/me/blocks", resumes::get_blocks, A::kSession, E::kInline},
      {"PUT", "/api/v1/me/blocks/:company_id", resumes::put_block, A::kSession, E::kWrite},
      {"DELETE", "/api/v1/me/blocks/:company_id", resumes::delete_block, A::kSession, E::kWrite},

      {"POST", "/api/v1/applications", hiring::post_application, A::kSession, E::kWrite},
      {"GET", "/api/v1/me/applications", hiring::get_my_applications, A::kSession, E::kInline},
      {"GET", "/api/v1/me/applications/:id", hiring::get_my_application, A::kSession, E::kInline},
      {"POST", "/api/v1/me/applications/:id/withdrawal", hiring::post_application_withdrawal,
       A::kSession, E::kWrite},
      {"GET", "/api/v1/jobs/:id/applications", hiring::get_job_applications, A::kSession,
       E::kInline},
      // Reads that write: the first opening marks the application viewed (HIR-1).
      {"GET", "/api/v1/applications/:id", hiring::get_application, A::kSession, E::kWrite},
      {"POST", "/api/v1/applications/:id/status", hiring::post_application_status, A::kSession,
       E::kWrite},
      {"POST", "/api/v1/applications/:id/virtual-number", hiring::post_application_number,
       A::kSession, E::kWorker},
      // Rendering a PDF takes milliseconds of CPU: off the I/O threads.
      {"GET", "/api/v1/applications/:id/resume.pdf", hiring::get_application_pdf, A::kSession,
       E::kWorker},
      {"POST", "/api/v1/applications/:id/interviews", hiring::post_interview, A::kSession,
       E::kWrite},
      {"GET", "/api/v1/applications/:id/interviews", hiring::get_application_interviews,
       A::kSession, E::kInline},
      {"GET", "/api/v1/interviews/:id", hiring::get_interview, A::kSession, E::kInline},
      {"PUT", "/api/v1/interviews/:id", hiring::put_interview, A::kSession, E::kWrite},
      {"POST", "/api/v1/interviews/:id/cancel", hiring::post_interview_cancel, A::kSession,
       E::kWrite},
      {"POST", "/api/v1/interviews/:id/acceptance", hiring::post_interview_acceptance, A::kSession,
       E::kWrite},
      {"POST", "/api/v1/interviews/:id/decline", hiring::post_interview_decline, A::kSession,
       E::kWrite},
      {"GET", "/api/v1/interviews/:id/calendar.ics", hiring::get_interview_calendar, A::kSession,
       E::kInline},
      {"POST", "/api/v1/contact-invitations", hiring::post_contact_invitation, A::kSession,
       E::kWrite},
      {"GET", "/api/v1/me/contact-invitations", hiring::get_contact_invitations, A::kSession,
       E::kInline},
      {"POST", "/api/v1/me/contact-invitations/:id/response",
       hiring::post_contact_invitation_response, A::kSession, E::kWrite},
      {"GET", "/api/v1/me/virtual-numbers", hiring::get_my_numbers, A::kSession, E::kInline},
      {"DELETE", "/api/v1/me/virtual-numbers/:id", hiring::delete_my_number, A::kSession,
       E::kWorker},
      {"GET", "/api/v1/me/saved-jobs", hiring::get_saved_jobs, A::kSession, E::kInline},
      {"PUT", "/api/v1/me/saved-jobs/:job_id", hiring::put_saved_job, A::kSession, E::kWrite},
      {"DELETE", "/api/v1/me/saved-jobs/:job_id", hiring::delete_saved_job, A::kSession, E::kWrite},
      {"GET", "/api/v1/me/followed-companies", hiring::get_followed_companies, A::kSession,
       E::kInline},
      {"PUT", "/api/v1/me/followed-companies/:company_id", hiring::put_followed_company,
       A::kSession, E::kWrite},
      {"DELETE", "/api/v1/me/followed-companies/:company_id", hiring::delete_followed_company,
       A::kSession, E::kWrite},
      {"GET", "/api/v1/me/stats", hiring::get_my_stats, A::kSession, E::kInline},
      {"GET", "/api/v1/me/notifications", hiring::get_notifications, A::kSession, E::kInline},
      {"POST", "/api/v1/me/notifications/:id/read", hiring::post_notification_read, A::kSession,
       E::kWrite},

      {"POST", "/api/v1/staff/sign-in", staff::post_staff_sign_in, A::kPublic, E::kWorker},
      {"POST", "/api/v1/staff/sign-out", staff::post_staff_sign_out, A::kStaff, E::kWrite},
      {"GET", "/api/v1/staff/grants", staff::get_staff_grants, A::kStaff, E::kInline},
      {"POST", "/api/v1/staff/grant-requests", staff::post_grant_request, A::kStaff, E::kWrite},
      {"GET", "/api/v1/staff/grant-requests", staff::get_grant_requests, A::kStaff, E::kInline},
      {"POST", "/api/v1/staff/grant-requests/:id/approval", staff::post_grant_approval, A::kStaff,
       E::kWrite},
      // Staff reads of personal data commit an access record and an audit entry (SEC-4): they
      // wait for that commit on the writer pool, like any change.
      {"GET", "/api/v1/staff/resumes/:id", resumes::get_staff_resume, A::kStaff, E::kWrite},
      {"GET", "/api/v1/staff/reviews", verification::get_reviews, A::kStaff, E::kInline},
      {"GET", "/api/v1/staff/reviews/:id", verification::get_review, A::kStaff, E::kWrite},
      {"GET", "/api/v1/staff/reviews/:id/files/:file_id", verification::get_review_file, A::kStaff,
       E::kWrite},
      {"POST", "/api/v1/staff/reviews/:id/decision", verification::post_review_decision, A::kStaff,
       E::kWrite},

      {"POST", "/__test/clock", post_test_clock, A::kPublic, E::kWrite, B::kJson, true},
  };
  return routes;
}

}  // namespace hiresafe::http
