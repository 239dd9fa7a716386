// Check-digit validation for the two national identifiers the platform takes: the resident ID
// number (GB 11643-1999) and the unified social credit code of an organisation (GB 32100-2015).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hiresafe::verification {

// 18 characters: 6-digit region, 8-digit birth date, 3-digit sequence, check character (0-9/X).
// Returns the normalised number (upper-case X). `known_region` receives the 6-digit province
// code ("110000") derived from the first two digits.
core::Result<std::string> validate_resident_id(
    std::string_view input, long long now, const std::string& field,
    const std::function<bool(const std::string&)>& known_region);

// 18 characters from "0-9 A-H J-N P-R T U W-Y", the last a check character.
core::Result<std::string> validate_credit_code(std::string_view input, const std::string& field);

}  // namespace hiresafe::verification
