#include "core/ids.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>

namespace hiresafe::core {

std::string base32_encode(std::string_view bytes, std::string_view alphabet) {
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(alphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(alphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

namespace {

// Crockford's alphabet: no I, L, O, U, so ids survive being read aloud or retyped.
constexpr std::string_view kIdAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

std::string id_of(std::string_view prefix, const std::array<unsigned char, 16>& bytes) {
  return std::string(prefix) +
         base32_encode({reinterpret_cast<const char*>(bytes.data()), bytes.size()}, kIdAlphabet);
}

}  // namespace

std::string new_id(std::string_view prefix) {
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return id_of(prefix, bytes);
}

std::string new_ordered_id(std::string_view prefix) {
  // Strictly increasing within the process, so two ids made in the same millisecond still sort
  // in the order they were made (the counter runs ahead of the clock only for a burst).
  static std::atomic<unsigned long long> last{0};
  const auto wall = static_cast<unsigned long long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
  unsigned long long prev = last.load(), ms = 0;
  do {
    ms = std::max(wall, prev + 1);
  } while (!last.compare_exchange_weak(prev, ms));
  std::array<unsigned char, 16> bytes{};
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  randombytes_buf(bytes.data() + 6, bytes.size() - 6);
  return id_of(prefix, bytes);
}

std::string derived_id(std::string_view prefix, std::string_view key) {
  std::array<unsigned char, 16> bytes{};
  crypto_generichash(bytes.data(), bytes.size(), reinterpret_cast<const unsigned char*>(key.data()),
                     key.size(), nullptr, 0);
  return id_of(prefix, bytes);
}

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

}  // namespace hiresafe::core
