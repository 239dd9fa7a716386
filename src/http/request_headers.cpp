#include "http/request_headers.hpp"

#include <sodium.h>

#include <cstring>
#include <stdexcept>

namespace hiresafe::http {

std::string etag_of(long long version) {
  return "\"" + std::to_string(version) + "\"";
}

core::Result<std::optional<long long>> version_of(const std::optional<std::string>& header) {
  if (!header) return std::optional<long long>();
  std::string v = *header;
  if (v == "*") return std::optional<long long>();
  if (v.starts_with("W/")) v.erase(0, 2);
  if (v.size() < 3 || v.front() != '"' || v.back() != '"')
    return core::Error::bad_request("malformed-if-match", "If-Match must be an ETag like \"3\"");
  try {
    std::size_t used = 0;
    const long long n = std::stoll(v.substr(1, v.size() - 2), &used);
    if (used != v.size() - 2 || n < 1) throw std::invalid_argument("not a version");
    return std::optional<long long>(n);
  } catch (const std::exception&) {
    return core::Error::bad_request("malformed-if-match", "If-Match must be an ETag like \"3\"");
  }
}

std::string encode_cursor(std::string_view raw) {
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> decode_cursor(std::string_view cursor) {
  std::string raw(cursor.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), cursor.data(),
                        cursor.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  raw.resize(len);
  return raw;
}

}  // namespace hiresafe::http
