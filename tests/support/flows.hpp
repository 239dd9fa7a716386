// Common API flows for tests: ask for a code and read it from the file provider, sign up, sign in.
#pragma once

#include <string>

#include "test_server.hpp"

namespace hiresafe::testing {

// POST /api/v1/auth/codes and return the delivered code (empty if none was delivered).
std::string request_code(const TestServer& server, const nlohmann::json& body);
// Quick registration with a phone number: returns the session token.
std::string sign_up(const TestServer& server, const std::string& phone,
                    const std::string& birth_date = "1990-01-01",
                    const std::string& role = "seeker");
// A distinct valid CN mobile number per call within one process.
std::string next_phone();

// A valid 18-character resident ID number (GB 11643 check digit) for a birth date "YYYYMMDD".
std::string resident_id(const std::string& region6, const std::string& birth8, int sequence);
// A valid unified social credit code (GB 32100 check character) built from a serial number.
std::string credit_code(int serial);

// A staff member of `server` with an active review grant; returns a staff bearer token.
std::string staff_with_grant(const TestServer& server, const std::string& username);
// A signed-in staff member; with an operator-approved grant for `grant_purpose` unless empty.
std::string staff_signed_in(const TestServer& server, const std::string& username,
                            const std::string& grant_purpose);

struct Recruiter {
  std::string token, user_id, company_id;
};
// A recruiter who passed identity (VER-1) and employment (VER-2) review by a staff member, and
// the company they belong to. `staff_token` comes from staff_with_grant.
Recruiter verified_recruiter(const TestServer& server, const std::string& staff_token);
// A headhunter who passed identity (VER-1) and practice (VER-5) review; no company_id.
Recruiter verified_headhunter(const TestServer& server, const std::string& staff_token);

// A valid job post body (Shenzhen, backend category) with the given title.
nlohmann::json sample_job(const std::string& title = "后端开发工程师 Backend engineer");
// Publishes sample_job(title) as `recruiter_token`; returns the post's id (throws on failure).
std::string publish_job(const TestServer& server, const std::string& recruiter_token,
                        const std::string& title = "后端开发工程师 Backend engineer");

}  // namespace hiresafe::testing
