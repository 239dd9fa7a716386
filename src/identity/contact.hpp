// Validation and normalisation of the contact points people sign in with.
#pragma once

#include <string>

#include "core/result.hpp"

namespace hiresafe::identity {

// A mobile number in any common notation → E.164 ("+8613800138000"); region CN by default.
// Errors name `field` so the API can return them as 422 field errors.
core::Result<std::string> normalise_phone(const std::string& input, const std::string& field,
                                          const std::string& default_region = "CN");

// An e-mail address → its folded form (NFKC + case fold), after a structural check.
core::Result<std::string> normalise_email(const std::string& input, const std::string& field);

// A birth date "YYYY-MM-DD" → whole years of age at `now` (Unix seconds).
core::Result<int> age_at(const std::string& birth_date, long long now, const std::string& field);

}  // namespace hiresafe::identity
