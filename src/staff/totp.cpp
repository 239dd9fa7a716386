#include "staff/totp.hpp"

#include "core/ids.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cstdint>

namespace hiresafe::staff {

namespace {
const EVP_MD* digest(TotpHash hash) {
  switch (hash) {
    case TotpHash::kSha256:
      return EVP_sha256();
    case TotpHash::kSha512:
      return EVP_sha512();
    case TotpHash::kSha1:
      break;
  }
  return EVP_sha1();  // libsodium has no HMAC-SHA1, which most authenticator apps still use
}

std::string code_at_step(std::string_view secret, std::uint64_t step, TotpHash hash, int digits) {
  unsigned char counter[8];
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(digest(hash), secret.data(), static_cast<int>(secret.size()), counter, sizeof counter, mac,
       &mac_len);
  // RFC 4226 dynamic truncation.
  const int offset = mac[mac_len - 1] & 0x0f;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}
}  // namespace

std::string totp_code(std::string_view secret, long long now, TotpHash hash, int digits,
                      int period) {
  return code_at_step(secret, static_cast<std::uint64_t>(now / period), hash, digits);
}

long long totp_match(std::string_view secret, std::string_view code, long long now, TotpHash hash,
                     int digits, int period) {
  if (code.size() != static_cast<std::size_t>(digits)) return -1;
  const long long step = now / period;
  for (long long s = step - 1; s <= step + 1; ++s) {
    if (s < 0) continue;
    auto expected = code_at_step(secret, static_cast<std::uint64_t>(s), hash, digits);
    if (sodium_memcmp(expected.data(), code.data(), expected.size()) == 0) return s;
  }
  return -1;
}

std::string base32(std::string_view bytes) {
  return core::base32_encode(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= '2' && c <= '7')
      v = c - '2' + 26;
    else
      return std::nullopt;
    buffer = (buffer << 5) | static_cast<unsigned int>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

}  // namespace hiresafe::staff
