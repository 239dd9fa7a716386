// Companies (one company, many recruiters), colleague invitations (VER-4) and business cards
// (VER-6).
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "files/file_service.hpp"
#include "identity/delivery.hpp"
#include "identity/identity_service.hpp"
#include "jobs/taxonomy.hpp"
#include "store/database.hpp"
#include "verification/verification_service.hpp"

namespace hiresafe::companies {

struct CompanyInput {
  std::string name, uscc, city_code, industry, size, description;
  std::optional<std::string> email_domain, logo_file_id;
};

struct Company {
  std::string id, name, uscc, city_code, city_name, industry, size, description;
  std::optional<std::string> email_domain, logo_file_id;
  bool email_domain_verified = false;
  long long members = 0, created_at = 0;
};

struct Invitation {
  std::string id, token, company_id;
  long long expires_at = 0;
};

struct CardInput {
  std::string display_name;  // real name or nickname
  std::optional<std::string> job_title, avatar_file_id, profile;
  bool title_visible = true;
};

class CompanyService {
 public:
  CompanyService(hiresafe::store::Database& db, const crypto::Keyring& keys,
                 const core::Clock& clock, const jobs::Taxonomy& taxonomy,
                 files::FileService& files, verification::VerificationService& verification,
                 identity::CodeDelivery& mail, identity::IdentityService& identity);

  core::Result<Company> create(const identity::Auth& auth, const CompanyInput& in);
  core::Result<Company> get(const std::string& id);
  // A verified member invites a colleague; the link token is returned and, with an e-mail, sent.
  core::Result<Invitation> invite(const identity::Auth& auth, const std::string& company_id,
                                  const std::optional<std::string>& email);
  // The invitee (signed in with phone + code) joins; the recruiter role is added if missing.
  core::Result<Company> accept(const identity::Auth& auth, const std::string& token,
                               const CardInput& card);
  core::Status set_card(const identity::Auth& auth, const CardInput& card);

 private:
  core::Status write_card(soci::session& sql, const std::string& user_id, const CardInput& card);

  hiresafe::store::Database& db_;
  const crypto::Keyring& keys_;
  const core::Clock& clock_;
  const jobs::Taxonomy& taxonomy_;
  files::FileService& files_;
  verification::VerificationService& verification_;
  identity::CodeDelivery& mail_;
  identity::IdentityService& identity_;
};

}  // namespace hiresafe::companies
