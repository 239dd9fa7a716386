// Staff accounts (operator-created only), their password + TOTP sign-in, sessions, and the
// time-limited access grants without which no staff member reads personal data (SEC-4).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "crypto/passwords.hpp"
#include "store/database.hpp"

namespace hiresafe::staff {

inline constexpr const char* kReviewPurpose = "verification_review";
inline constexpr const char* kResumeSupportPurpose = "resume_support";

struct StaffCreated {
  std::string id;
  std::string otpauth_uri;  // shown once, for the staff member's authenticator app
};

struct StaffSession {
  std::string token;
  std::string session_id;
  std::string staff_id;
  long long expires_at = 0;
};

struct StaffAuth {
  std::string staff_id;
  std::string session_id;
};

struct Grant {
  std::string id, staff_id, purpose, reason, granted_by;
  long long created_at = 0, expires_at = 0;
};

// A staff member's request for a grant; another staff member approves it.
struct GrantRequest {
  std::string id, staff_id, purpose, reason, status;
  long long hours = 0, created_at = 0;
  std::optional<std::string> decided_by, grant_id;
};

class StaffService {
 public:
  StaffService(hiresafe::store::Database& db, const crypto::Keyring& keys, const core::Clock& clock,
               const core::Config& config, const crypto::PasswordHasher& passwords);

  core::Result<StaffCreated> create(const std::string& username, const std::string& password);
  core::Result<StaffSession> sign_in(const std::string& username, const std::string& password,
                                     const std::string& totp);
  core::Result<StaffAuth> authenticate(const std::string& token);
  core::Status sign_out(const StaffAuth& auth);

  // Operator (CLI) approves a grant for a staff member: purpose, reason, duration.
  core::Result<Grant> grant(const std::string& username, const std::string& purpose,
                            long long hours, const std::string& reason);
  core::Result<std::vector<Grant>> grants(const StaffAuth& auth);
  core::Result<GrantRequest> request_grant(const StaffAuth& auth, const std::string& purpose,
                                           long long hours, const std::string& reason);
  core::Result<std::vector<GrantRequest>> grant_requests(const StaffAuth& auth);
  // By a staff member other than the requester (four eyes); creates the grant.
  core::Result<Grant> approve_grant(const StaffAuth& auth, const std::string& request_id);
  // The id of an active grant for `purpose`, or 403 access-grant-required.
  core::Result<std::string> require_grant(soci::session& sql, const StaffAuth& auth,
                                          const std::string& purpose);

 private:
  hiresafe::store::Database& db_;
  const crypto::Keyring& keys_;
  const core::Clock& clock_;
  const core::Config& config_;
  const crypto::PasswordHasher& passwords_;
};

}  // namespace hiresafe::staff
