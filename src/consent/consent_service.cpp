#include "consent/consent_service.hpp"

#include <sodium.h>

#include <algorithm>

#include "core/ids.hpp"

namespace hiresafe::consent {

namespace {
std::string sha256_hex(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Policy to_policy(const store::PolicyRow& row) {
  return {row.version, row.text_hash, row.body, row.published_at};
}
}  // namespace

core::Status ConsentService::ensure_policy(std::string_view default_text) {
  return db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    if (store::latest_policy(sql)) return core::Unit{};
    store::insert_policy(
        sql, {1, sha256_hex(default_text), std::string(default_text), true, clock_.now()});
    return core::Unit{};
  });
}

core::Result<Policy> ConsentService::current_policy() {
  return db_.read<Policy>([&](soci::session& sql) -> core::Result<Policy> {
    auto row = store::latest_policy(sql);
    if (!row) return core::Error::unavailable("No privacy policy has been published");
    return to_policy(*row);
  });
}

core::Result<int> ConsentService::check_acceptance(soci::session& sql, long long accepted_version,
                                                   const std::string& field) {
  auto row = store::latest_policy(sql);
  if (!row) return core::Error::unavailable("No privacy policy has been published");
  if (accepted_version != row->version) {
    auto error = core::Error::invalid(
        field, "must be the current privacy policy version " + std::to_string(row->version),
        "policy-not-accepted");
    error.title = "Accept the current privacy policy first";
    return error;
  }
  return row->version;
}

void ConsentService::record_policy_acceptance(soci::session& sql, const std::string& user_id,
                                              int version, const std::string& ip_hash) {
  store::insert_consent(sql, {core::new_id("c_"), user_id, "privacy_policy", version, clock_.now(),
                              ip_hash, std::nullopt});
}

core::Result<std::vector<store::ConsentRow>> ConsentService::consents_of(
    const std::string& user_id) {
  return db_.read<std::vector<store::ConsentRow>>(
      [&](soci::session& sql) -> core::Result<std::vector<store::ConsentRow>> {
        return store::consents_of(sql, user_id);
      });
}

namespace {
const std::vector<std::string> kSeparatePurposes = {"identity_verification"};
std::string separate_kind(const std::string& purpose) {
  return "separate:" + purpose;
}
}  // namespace

core::Result<store::ConsentRow> ConsentService::grant_separate(const std::string& user_id,
                                                               const std::string& purpose,
                                                               const std::string& ip_hash) {
  if (std::find(kSeparatePurposes.begin(), kSeparatePurposes.end(), purpose) ==
      kSeparatePurposes.end()) {
    return core::Error::invalid("purpose", "must be identity_verification");
  }
  return db_.transaction<store::ConsentRow>(
      [&](soci::session& sql) -> core::Result<store::ConsentRow> {
        store::ConsentRow row{core::new_id("c_"), user_id,      separate_kind(purpose),
                              std::nullopt,       clock_.now(), ip_hash,
                              std::nullopt};
        store::insert_consent(sql, row);
        return row;
      });
}

bool ConsentService::has_separate(soci::session& sql, const std::string& user_id,
                                  const std::string& purpose) {
  long long n = 0;
  const std::string kind = separate_kind(purpose);
  sql << "SELECT COUNT(*) FROM consents WHERE user_id = :u AND kind = :k AND withdrawn_at IS NULL",
      soci::use(user_id), soci::use(kind), soci::into(n);
  return n > 0;
}

}  // namespace hiresafe::consent
