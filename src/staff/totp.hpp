// Time-based one-time passwords (RFC 6238) for the staff second factor.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hiresafe::staff {

enum class TotpHash { kSha1, kSha256, kSha512 };

// The `digits`-digit code for `secret` at Unix time `now` with a `period`-second step.
std::string totp_code(std::string_view secret, long long now, TotpHash hash = TotpHash::kSha1,
                      int digits = 6, int period = 30);

// Accepts a code from the current step or one step either side (clock drift). Returns the
// matching step, or -1; callers refuse a step at or before the last one used (no replays).
long long totp_match(std::string_view secret, std::string_view code, long long now,
                     TotpHash hash = TotpHash::kSha1, int digits = 6, int period = 30);

// RFC 4648 base32 without padding, as authenticator apps expect in otpauth:// URIs.
std::string base32(std::string_view bytes);
// Decodes RFC 4648 base32 (upper case, no padding); empty optional on a bad character.
std::optional<std::string> base32_decode(std::string_view text);

}  // namespace hiresafe::staff
