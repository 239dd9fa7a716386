// Staff accounts: created only by the operator from the command line, never by sign-up.
#pragma once

#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/passwords.hpp"
#include "store/database.hpp"

namespace hiresafe::identity {

// Creates a staff account; 409 when the username exists, 422 for a bad name or password.
core::Result<std::string> create_staff(hiresafe::store::Database& db,
                                       const crypto::PasswordHasher& passwords,
                                       const core::Clock& clock, const std::string& username,
                                       const std::string& password);

}  // namespace hiresafe::identity
