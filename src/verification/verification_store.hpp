// SQL for verification submissions and ID-number claims.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace hiresafe::verification::store {

struct VerificationRow {
  std::string id, user_id, kind, status, provider, details_enc;
  std::optional<std::string> company_id, id_index, email_token_hash, reason, decided_by;
  long long submitted_at = 0;
  std::optional<long long> decided_at;
};

void insert_verification(soci::session& sql, const VerificationRow& row);
std::optional<VerificationRow> verification_by_id(soci::session& sql, const std::string& id);
std::optional<VerificationRow> verification_by_email_token(soci::session& sql,
                                                           const std::string& token_hash);
// The newest submission of each kind for a user.
std::vector<VerificationRow> latest_of(soci::session& sql, const std::string& user_id);
std::vector<VerificationRow> pending(soci::session& sql, int limit);
// Sets the decision on a pending row; false when it was no longer pending.
bool decide(soci::session& sql, const std::string& id, const std::string& status,
            const std::string& reason, const std::string& decided_by, long long now);
bool has_open(soci::session& sql, const std::string& user_id, const std::string& kind);
// Marks work-e-mail confirmations whose link lapsed before `cutoff` as expired.
void expire_email_links(soci::session& sql, const std::string& user_id, long long cutoff,
                        long long now);
bool is_approved(soci::session& sql, const std::string& user_id, const std::string& kind);

// Binds an ID number to one account. Returns the account that holds it after the call.
std::string claim_id(soci::session& sql, const std::string& id_index, const std::string& user_id);
void release_id(soci::session& sql, const std::string& id_index, const std::string& user_id);

}  // namespace hiresafe::verification::store
