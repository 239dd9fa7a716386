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

}  // namespace hiresafe::testing
