// Conventions shared by handlers: ETags for optimistic concurrency and opaque page cursors.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hiresafe::http {

// A version as a strong ETag: 7 → "7".
std::string etag_of(long long version);
// If-Match: "7" (or W/"7") → 7; absent or "*" → no version; anything else is a 400.
core::Result<std::optional<long long>> version_of(const std::optional<std::string>& header);

// Cursors are opaque to clients: base64url (no padding) of what the server needs to resume.
std::string encode_cursor(std::string_view raw);
std::optional<std::string> decode_cursor(std::string_view cursor);

}  // namespace hiresafe::http
