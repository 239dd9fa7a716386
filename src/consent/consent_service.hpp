// Privacy policy versions and consent records (PRV-1): nothing personal is written for a person
// before their acceptance of the current version is recorded in the same transaction.
#pragma once

#include <string>
#include <vector>

#include "consent/consent_store.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace hiresafe::consent {

struct Policy {
  int version = 0;
  std::string text_hash;  // SHA-256 of the text, hex
  std::string body;
  long long published_at = 0;
};

class ConsentService {
 public:
  ConsentService(hiresafe::store::Database& db, const core::Clock& clock)
      : db_(db), clock_(clock) {}

  // Publishes the built-in policy as version 1 when the database has none yet.
  core::Status ensure_policy(std::string_view default_text);
  core::Result<Policy> current_policy();

  // Checks `accepted_version` against the current policy; the error names `field`.
  core::Result<int> check_acceptance(soci::session& sql, long long accepted_version,
                                     const std::string& field);
  // Records acceptance of the privacy policy; call inside the transaction that creates the person.
  void record_policy_acceptance(soci::session& sql, const std::string& user_id, int version,
                                const std::string& ip_hash);

  core::Result<std::vector<store::ConsentRow>> consents_of(const std::string& user_id);

  // PRV-2: a separate consent for one purpose of sensitive data (e.g. identity_verification).
  core::Result<store::ConsentRow> grant_separate(const std::string& user_id,
                                                 const std::string& purpose,
                                                 const std::string& ip_hash);
  // True when the person holds an unwithdrawn separate consent for `purpose`.
  static bool has_separate(soci::session& sql, const std::string& user_id,
                           const std::string& purpose);

 private:
  hiresafe::store::Database& db_;
  const core::Clock& clock_;
};

}  // namespace hiresafe::consent
