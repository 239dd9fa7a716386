// A 32-byte key that wipes itself, and the AEAD used for every value encrypted at rest.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace hiresafe::crypto {

class SecretKey {
 public:
  static constexpr std::size_t kSize = 32;
  SecretKey();  // zero key
  ~SecretKey();
  SecretKey(const SecretKey& other);
  SecretKey& operator=(const SecretKey& other);

  static SecretKey random();
  static std::optional<SecretKey> from_hex(std::string_view hex);
  static std::optional<SecretKey> from_bytes(std::string_view bytes);
  std::string to_hex() const;

  const unsigned char* data() const { return bytes_.data(); }
  unsigned char* data() { return bytes_.data(); }

 private:
  std::array<unsigned char, kSize> bytes_;
};

// AES-256-GCM where the CPU has AES-NI (libsodium's requirement), else XChaCha20-Poly1305. The
// first byte of every ciphertext names the algorithm, a fresh random nonce follows, then the
// sealed text; the whole is base64. `aad` binds a value to its owner and field so a ciphertext
// copied into another row or column fails to open.
std::string seal(const SecretKey& key, std::string_view plaintext, std::string_view aad);
std::optional<std::string> open(const SecretKey& key, std::string_view sealed,
                                std::string_view aad);

// Name of the AEAD new values are sealed with on this machine.
const char* aead_name();

// Keyed BLAKE2b, 16 bytes, hex: the blind index used to look values up without storing them.
std::string keyed_hash(const SecretKey& key, std::string_view value);
// Unkeyed BLAKE2b-256, hex: for high-entropy secrets such as session tokens.
std::string plain_hash(std::string_view value);
// Derives a sub-key for one purpose from a root key (crypto_kdf, context "hiresafe").
SecretKey derive(const SecretKey& root, std::uint64_t id);

std::string to_base64(std::string_view bytes);
std::optional<std::string> from_base64(std::string_view text);

}  // namespace hiresafe::crypto
