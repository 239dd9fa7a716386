#include "crypto/secret.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <algorithm>
#include <climits>

namespace hiresafe::crypto {

namespace {
constexpr unsigned char kAlgAesGcm = 1;
constexpr unsigned char kAlgXChaCha = 2;

bool aes_available() {
  static const bool available = crypto_aead_aes256gcm_is_available() == 1;
  return available;
}
}  // namespace

SecretKey::SecretKey() {
  bytes_.fill(0);
}
SecretKey::~SecretKey() {
  sodium_memzero(bytes_.data(), bytes_.size());
}
SecretKey::SecretKey(const SecretKey& other) : bytes_(other.bytes_) {}
SecretKey& SecretKey::operator=(const SecretKey& other) {
  bytes_ = other.bytes_;
  return *this;
}

SecretKey SecretKey::random() {
  SecretKey k;
  randombytes_buf(k.bytes_.data(), kSize);
  return k;
}

std::optional<SecretKey> SecretKey::from_hex(std::string_view hex) {
  SecretKey k;
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(k.bytes_.data(), kSize, hex.data(), hex.size(), " \n\r\t", &len, &end) != 0 ||
      len != kSize) {
    return std::nullopt;
  }
  if (end != hex.data() + hex.size()) {
    std::string_view rest(end, hex.data() + hex.size() - end);
    if (rest.find_first_not_of(" \n\r\t") != std::string_view::npos) return std::nullopt;
  }
  return k;
}

std::optional<SecretKey> SecretKey::from_bytes(std::string_view bytes) {
  if (bytes.size() != kSize) return std::nullopt;
  SecretKey k;
  std::copy(bytes.begin(), bytes.end(), k.bytes_.begin());
  return k;
}

std::string SecretKey::to_hex() const {
  std::string hex(kSize * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes_.data(), kSize);
  hex.pop_back();
  return hex;
}

const char* aead_name() {
  return aes_available() ? "AES-256-GCM" : "XChaCha20-Poly1305";
}

std::string seal(const SecretKey& key, std::string_view plaintext, std::string_view aad) {
  const auto* ad = reinterpret_cast<const unsigned char*>(aad.data());
  const auto* m = reinterpret_cast<const unsigned char*>(plaintext.data());
  std::string out;
  unsigned long long clen = 0;
  if (aes_available()) {
    out.resize(1 + crypto_aead_aes256gcm_NPUBBYTES + plaintext.size() +
               crypto_aead_aes256gcm_ABYTES);
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    p[0] = kAlgAesGcm;
    randombytes_buf(p + 1, crypto_aead_aes256gcm_NPUBBYTES);
    crypto_aead_aes256gcm_encrypt(p + 1 + crypto_aead_aes256gcm_NPUBBYTES, &clen, m,
                                  plaintext.size(), ad, aad.size(), nullptr, p + 1, key.data());
    out.resize(1 + crypto_aead_aes256gcm_NPUBBYTES + clen);
  } else {
    constexpr auto kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    out.resize(1 + kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    p[0] = kAlgXChaCha;
    randombytes_buf(p + 1, kNonce);
    crypto_aead_xchacha20poly1305_ietf_encrypt(p + 1 + kNonce, &clen, m, plaintext.size(), ad,
                                               aad.size(), nullptr, p + 1, key.data());
    out.resize(1 + kNonce + clen);
  }
  return to_base64(out);
}

std::optional<std::string> open(const SecretKey& key, std::string_view sealed,
                                std::string_view aad) {
  auto raw = from_base64(sealed);
  if (!raw || raw->empty()) return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(raw->data());
  const auto* ad = reinterpret_cast<const unsigned char*>(aad.data());
  std::size_t nonce = 0, abytes = 0;
  if (p[0] == kAlgAesGcm) {
    if (!aes_available()) return std::nullopt;
    nonce = crypto_aead_aes256gcm_NPUBBYTES;
    abytes = crypto_aead_aes256gcm_ABYTES;
  } else if (p[0] == kAlgXChaCha) {
    nonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    abytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
  } else {
    return std::nullopt;
  }
  if (raw->size() < 1 + nonce + abytes) return std::nullopt;
  std::size_t clen = raw->size() - 1 - nonce;
  std::string plain(clen - abytes, '\0');
  unsigned long long mlen = 0;
  auto* m = reinterpret_cast<unsigned char*>(plain.data());
  int rc = p[0] == kAlgAesGcm
               ? crypto_aead_aes256gcm_decrypt(m, &mlen, nullptr, p + 1 + nonce, clen, ad,
                                               aad.size(), p + 1, key.data())
               : crypto_aead_xchacha20poly1305_ietf_decrypt(m, &mlen, nullptr, p + 1 + nonce, clen,
                                                            ad, aad.size(), p + 1, key.data());
  if (rc != 0) return std::nullopt;
  plain.resize(mlen);
  return plain;
}

std::string keyed_hash(const SecretKey& key, std::string_view value) {
  unsigned char out[16];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(value.data()),
                     value.size(), key.data(), SecretKey::kSize);
  char hex[sizeof out * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string plain_hash(std::string_view value) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(value.data()),
                     value.size(), nullptr, 0);
  char hex[sizeof out * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

SecretKey derive(const SecretKey& root, std::uint64_t id) {
  SecretKey sub;
  crypto_kdf_derive_from_key(sub.data(), SecretKey::kSize, id, "hiresafe", root.data());
  return sub;
}

std::string to_base64(std::string_view bytes) {
  const auto variant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(out.size() - 1);  // drop the terminating NUL
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  // Only sealed values pass through here, and a ciphertext is no secret, so OpenSSL's table
  // decoder serves; libsodium's constant-time decoder took ~6.5 ns a character, a sixth of the
  // instructions of GET /api/v1/me. EVP_DecodeBlock tolerates surrounding whitespace and counts
  // padding as output bytes, so the text is checked first and the padding taken off after.
  if (text.size() % 4 != 0 || text.size() > static_cast<std::size_t>(INT_MAX)) return std::nullopt;
  std::size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  const auto in_alphabet = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/';
  };
  if (!std::all_of(text.begin(), text.end() - static_cast<std::ptrdiff_t>(pad), in_alphabet))
    return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < static_cast<int>(pad)) return std::nullopt;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

}  // namespace hiresafe::crypto
