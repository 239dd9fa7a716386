// At-rest encryption, blind indexes and password hashing (SEC-2).
#include <gtest/gtest.h>
#include <sodium.h>

#include "crypto/keyring.hpp"
#include "crypto/passwords.hpp"
#include "crypto/secret.hpp"

using namespace hiresafe::crypto;

namespace {
struct SodiumInit {
  SodiumInit() {
    if (sodium_init() < 0) std::abort();
  }
} sodium_init_once;
}  // namespace

TEST(Crypto, SealedValueOpensOnlyWithTheSameKeyAndContext) {  // SEC-2
  auto key = SecretKey::random();
  auto sealed = seal(key, "+8613800138000", "u_1/phone");
  EXPECT_EQ(sealed.find("13800138000"), std::string::npos);
  auto opened = open(key, sealed, "u_1/phone");
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, "+8613800138000");
  EXPECT_FALSE(open(SecretKey::random(), sealed, "u_1/phone"));
  // A ciphertext copied to another person's row or another column does not open.
  EXPECT_FALSE(open(key, sealed, "u_2/phone"));
  EXPECT_FALSE(open(key, sealed, "u_1/email"));
}

TEST(Crypto, EverySealUsesAFreshNonce) {  // SEC-2
  auto key = SecretKey::random();
  EXPECT_NE(seal(key, "same", "a"), seal(key, "same", "a"));
}

TEST(Crypto, TamperedCiphertextIsRejected) {  // SEC-2
  auto key = SecretKey::random();
  auto raw = *from_base64(seal(key, "secret", "ctx"));
  raw[raw.size() / 2] ^= 0x01;
  EXPECT_FALSE(open(key, to_base64(raw), "ctx"));
  EXPECT_FALSE(open(key, "not base64 !!", "ctx"));
  EXPECT_FALSE(open(key, "", "ctx"));
}

TEST(Crypto, Base64RoundTripsEveryLengthAndRefusesWhatIsNotBase64) {
  std::string bytes;
  for (int n = 0; n < 40; ++n) {
    EXPECT_EQ(from_base64(to_base64(bytes)), bytes) << n;
    bytes.push_back(static_cast<char>(n * 37 + 200));  // every padding length, high bytes too
  }
  EXPECT_EQ(from_base64("aGk="), "hi");
  EXPECT_EQ(from_base64("aGk/"), std::string("hi?"));
  for (const char* bad : {"aGk", "aG=k", "a=Gk", "aGk==", "aGk= ", " aGk", "aG\nk", "aGk*",
                          "aGk=aGk=", "===="})
    EXPECT_FALSE(from_base64(bad)) << bad;
}

TEST(Crypto, PrefersAesGcmWhenTheCpuHasIt) {  // SEC-2
  auto raw = *from_base64(seal(SecretKey::random(), "x", "ctx"));
  if (crypto_aead_aes256gcm_is_available()) {
    EXPECT_STREQ(aead_name(), "AES-256-GCM");
    EXPECT_EQ(raw[0], 1);
  } else {
    EXPECT_STREQ(aead_name(), "XChaCha20-Poly1305");
    EXPECT_EQ(raw[0], 2);
  }
}

TEST(Crypto, BlindIndexIsStablePerKeyAndHidesTheValue) {  // SEC-2
  auto k1 = SecretKey::random(), k2 = SecretKey::random();
  EXPECT_EQ(keyed_hash(k1, "+8613800138000"), keyed_hash(k1, "+8613800138000"));
  EXPECT_NE(keyed_hash(k1, "+8613800138000"), keyed_hash(k2, "+8613800138000"));
  EXPECT_NE(keyed_hash(k1, "+8613800138000"), keyed_hash(k1, "+8613800138001"));
  EXPECT_EQ(keyed_hash(k1, "x").size(), 32u);
  EXPECT_NE(derive(k1, 1).to_hex(), derive(k1, 2).to_hex());
}

TEST(Crypto, KeyHexRoundTripAndRejectsGarbage) {
  auto k = SecretKey::random();
  auto back = SecretKey::from_hex(k.to_hex() + "\n");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->to_hex(), k.to_hex());
  EXPECT_FALSE(SecretKey::from_hex("abcd"));
  EXPECT_FALSE(SecretKey::from_hex(k.to_hex() + "zz"));
}

TEST(Crypto, Argon2idHashVerifiesOnlyTheRightPassword) {  // SEC-2, ACC-2
  PasswordHasher hasher("min");
  auto hash = hasher.hash("correct horse battery");
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(hasher.verify(*hash, "correct horse battery"));
  EXPECT_FALSE(hasher.verify(*hash, "correct horse battery "));
  EXPECT_FALSE(hasher.verify("", "anything"));
  EXPECT_NE(*hash, *hasher.hash("correct horse battery"));  // salted
}

TEST(Crypto, PasswordRules) {
  EXPECT_FALSE(password_problem("short").empty());
  EXPECT_FALSE(password_problem("12345678901").empty());
  EXPECT_FALSE(password_problem(std::string(129, 'a')).empty());
  EXPECT_TRUE(password_problem("good-pass-1").empty());
}
