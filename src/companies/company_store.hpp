// SQL for companies, memberships, invitations and business cards.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

namespace hiresafe::companies::store {

struct CompanyRow {
  std::string id, name, uscc, city_code, industry, size, description, created_by;
  std::optional<std::string> logo_file_id, email_domain;
  bool email_domain_verified = false;
  long long created_at = 0;
};
std::optional<CompanyRow> company_by_id(soci::session& sql, const std::string& id);
bool credit_code_taken(soci::session& sql, const std::string& uscc);
void insert_company(soci::session& sql, const CompanyRow& row);
void mark_email_domain_verified(soci::session& sql, const std::string& company_id);
long long member_count(soci::session& sql, const std::string& company_id);

// The company a user belongs to, if any (a recruiter belongs to at most one).
std::optional<std::string> company_of(soci::session& sql, const std::string& user_id);
void add_member(soci::session& sql, const std::string& user_id, const std::string& company_id,
                const std::string& via, long long now);

struct InvitationRow {
  std::string id, company_id, inviter_id, token_hash;
  std::optional<std::string> email_index, accepted_by;
  long long created_at = 0, expires_at = 0;
};
void insert_invitation(soci::session& sql, const InvitationRow& row);
std::optional<InvitationRow> invitation_by_token(soci::session& sql, const std::string& token_hash);
// Marks accepted; false when someone accepted it first.
bool accept_invitation(soci::session& sql, const std::string& id, const std::string& user_id,
                       long long now);

struct CardRow {
  std::string user_id, display_name_enc;
  std::optional<std::string> job_title, avatar_file_id, profile;
  bool title_visible = true;
  long long updated_at = 0;
};
void upsert_card(soci::session& sql, const CardRow& row);
std::optional<CardRow> card_of(soci::session& sql, const std::string& user_id);

}  // namespace hiresafe::companies::store
