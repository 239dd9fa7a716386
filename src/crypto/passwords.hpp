// Password hashing with Argon2id (libsodium's crypto_pwhash_str). Slow on purpose: callers run
// it on the worker pool, never on an HTTP I/O thread.
#pragma once

#include <string>

#include "core/result.hpp"

namespace hiresafe::crypto {

class PasswordHasher {
 public:
  // strength: "interactive" (default, 64 MiB), "moderate" (256 MiB) or "min" (tests only).
  explicit PasswordHasher(const std::string& strength);
  core::Result<std::string> hash(const std::string& password) const;
  bool verify(const std::string& stored_hash, const std::string& password) const;

 private:
  unsigned long long ops_;
  std::size_t mem_;
};

// The password rules, with the message the user sees: 8–128 characters, not all digits.
std::string password_problem(const std::string& password);

}  // namespace hiresafe::crypto
