// SQL for privacy policy versions and consent records.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace hiresafe::consent::store {

struct PolicyRow {
  int version = 0;
  std::string text_hash, body;
  bool material = true;
  long long published_at = 0;
};
std::optional<PolicyRow> latest_policy(soci::session& sql);
void insert_policy(soci::session& sql, const PolicyRow& row);

struct ConsentRow {
  std::string id, user_id, kind;
  std::optional<int> policy_version;
  long long granted_at = 0;
  std::string ip_hash;
  std::optional<long long> withdrawn_at;
};
void insert_consent(soci::session& sql, const ConsentRow& row);
std::vector<ConsentRow> consents_of(soci::session& sql, const std::string& user_id);

}  // namespace hiresafe::consent::store
