// HTTP handlers for the hiring flow: applications, interviews, contact invitations, virtual
// numbers, saved posts and follows, statistics and notifications.
#pragma once

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::hiring {

http::HttpResponse post_application(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_my_applications(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_my_application(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_application_withdrawal(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_job_applications(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_application(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_application_status(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_application_number(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_application_pdf(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_interview(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_application_interviews(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_interview(http::App& app, const http::HttpRequest& req);
http::HttpResponse put_interview(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_interview_cancel(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_interview_acceptance(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_interview_decline(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_interview_calendar(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_contact_invitation(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_contact_invitations(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_contact_invitation_response(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_my_numbers(http::App& app, const http::HttpRequest& req);
http::HttpResponse delete_my_number(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_saved_jobs(http::App& app, const http::HttpRequest& req);
http::HttpResponse put_saved_job(http::App& app, const http::HttpRequest& req);
http::HttpResponse delete_saved_job(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_followed_companies(http::App& app, const http::HttpRequest& req);
http::HttpResponse put_followed_company(http::App& app, const http::HttpRequest& req);
http::HttpResponse delete_followed_company(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_my_stats(http::App& app, const http::HttpRequest& req);
http::HttpResponse get_notifications(http::App& app, const http::HttpRequest& req);
http::HttpResponse post_notification_read(http::App& app, const http::HttpRequest& req);

}  // namespace hiresafe::hiring
