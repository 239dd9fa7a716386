// Opaque random identifiers: unguessable, so ids in URLs reveal neither counts nor order.
#pragma once

#include <string>
#include <string_view>

namespace hiresafe::core {

// prefix + 26 characters of Crockford base32 from 128 random bits, e.g. "u_3x9...".
std::string new_id(std::string_view prefix);

// Like new_id, but the first 48 bits are the wall-clock millisecond (kept strictly increasing
// within the process), so ids sort by creation
// (base32 of big-endian bytes keeps byte order). Only for rows their owner alone sees, where
// order within a second matters and revealing the creation time reveals nothing new.
std::string new_ordered_id(std::string_view prefix);

// prefix + 26 characters of Crockford base32 from BLAKE2b-128 of `key`: the same key always gives
// the same id, in the same format as new_id. For reproducible synthetic data only; a key anyone
// can guess gives an id anyone can guess.
std::string derived_id(std::string_view prefix, std::string_view key);

// Bytes as base32 digits from `alphabet` (32 characters), 5 bits at a time, no padding.
std::string base32_encode(std::string_view bytes, std::string_view alphabet);

// Random bytes as lower-case hex.
std::string random_hex(std::size_t bytes);

}  // namespace hiresafe::core
