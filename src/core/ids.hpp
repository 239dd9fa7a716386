// Opaque random identifiers: unguessable, so ids in URLs reveal neither counts nor order.
#pragma once

#include <string>
#include <string_view>

namespace hiresafe::core {

// prefix + 26 characters of Crockford base32 from 128 random bits, e.g. "u_3x9...".
std::string new_id(std::string_view prefix);

// Random bytes as lower-case hex.
std::string random_hex(std::size_t bytes);

}  // namespace hiresafe::core
