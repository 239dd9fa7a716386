// REC-3 groundwork: the behaviour personalised recommendation will learn from. Only a signed-in
// seeker's own actions are kept, only while their "personalised recommendation" switch is on,
// sealed under their key; switching it off deletes what was kept. Anonymous visitors leave no
// trace at all (JOB-5).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "identity/identity_service.hpp"
#include "store/database.hpp"

namespace hiresafe::recommend {

struct BehaviourEvent {
  std::string id, kind;
  nlohmann::json detail;
  long long at = 0;
};

class BehaviourLog {
 public:
  BehaviourLog(hiresafe::store::Database& db, const crypto::Keyring& keys,
               const core::Clock& clock);

  // A job search by `auth` (null for an anonymous visitor): kept only for a seeker who has
  // personalised recommendation on. Returns whether it was kept.
  core::Result<bool> record_job_search(const identity::Auth* auth, const nlohmann::json& query);
  // The seeker's own events, newest first (PRV-5: a person sees what is kept about them).
  core::Result<std::vector<BehaviourEvent>> events_of(const identity::Auth& auth, int limit);

 private:
  hiresafe::store::Database& db_;
  const crypto::Keyring& keys_;
  const core::Clock& clock_;
};

// Deletes every event of the person; call in the transaction that switches the setting off.
void forget_behaviour(soci::session& sql, const std::string& user_id);

}  // namespace hiresafe::recommend
