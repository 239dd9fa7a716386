#include "crypto/passwords.hpp"

#include <sodium.h>

#include <algorithm>

namespace hiresafe::crypto {

PasswordHasher::PasswordHasher(const std::string& strength) {
  if (strength == "min") {
    ops_ = crypto_pwhash_OPSLIMIT_MIN;
    mem_ = crypto_pwhash_MEMLIMIT_MIN;
  } else if (strength == "moderate") {
    ops_ = crypto_pwhash_OPSLIMIT_MODERATE;
    mem_ = crypto_pwhash_MEMLIMIT_MODERATE;
  } else {
    ops_ = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    mem_ = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  }
}

core::Result<std::string> PasswordHasher::hash(const std::string& password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_, mem_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::Error::internal("argon2id ran out of memory");
  }
  return std::string(out);
}

bool PasswordHasher::verify(const std::string& stored_hash, const std::string& password) const {
  if (stored_hash.empty()) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string password_problem(const std::string& password) {
  if (password.size() < 8) return "must be at least 8 characters";
  if (password.size() > 128) return "must be at most 128 characters";
  if (std::all_of(password.begin(), password.end(),
                  [](unsigned char c) { return std::isdigit(c); }))
    return "must not be only digits";
  return {};
}

}  // namespace hiresafe::crypto
