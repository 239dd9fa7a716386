// Verifying recruiters and headhunters (VER-1, VER-2, VER-3, VER-5) and the staff review queue
// (SEC-4): submissions are sealed under the applicant's key; staff read them only under a
// grant, every read is an access record, every decision an audit entry.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "files/file_service.hpp"
#include "identity/delivery.hpp"
#include "identity/identity_service.hpp"
#include "staff/staff_service.hpp"
#include "store/database.hpp"
#include "verification/identity_checker.hpp"

namespace hiresafe::verification {

struct IdentitySubmission {
  std::string real_name, id_number;
};

struct EmploymentSubmission {
  std::string company_id;
  std::string method;  // documents | email
  std::optional<std::string> licence_file_id, authorisation_file_id, work_email;
};

struct HeadhunterSubmission {
  std::string agency_name, licence_number, licence_file_id, permit_file_id;
};

struct Status {
  std::string id, kind, status, provider;
  std::optional<std::string> company_id, reason;
  long long submitted_at = 0;
  std::optional<long long> decided_at;
};

// What a reviewer sees in the queue: no personal fields.
struct QueueItem {
  std::string id, kind, provider;
  long long submitted_at = 0;
};

// What a reviewer sees after opening one, under a grant.
struct ReviewCase {
  Status status;
  std::string user_id;
  std::string details_json;  // the decrypted submission
};

struct Decision {
  bool approve = false;
  std::string reason;
  bool verify_email_domain = false;  // employment by documents: trust the company's domain too
};

// Which verifications the caller still lacks for recruiter/headhunter work (VER-3).
struct Gate {
  std::vector<std::string> missing;  // identity, employment, headhunter
};

class VerificationService {
 public:
  VerificationService(hiresafe::store::Database& db, const crypto::Keyring& keys,
                      const core::Clock& clock, files::FileService& files,
                      staff::StaffService& staff, IdentityChecker& checker,
                      identity::CodeDelivery& mail,
                      std::function<bool(const std::string&)> known_province);

  core::Result<Status> submit_identity(const identity::Auth& auth, const IdentitySubmission& in);
  core::Result<Status> submit_employment(const identity::Auth& auth,
                                         const EmploymentSubmission& in);
  core::Result<Status> confirm_work_email(const std::string& token);
  core::Result<Status> submit_headhunter(const identity::Auth& auth,
                                         const HeadhunterSubmission& in);
  core::Result<std::vector<Status>> statuses(const identity::Auth& auth);

  core::Result<Gate> gate(const identity::Auth& auth);
  // 403 with a problem type naming the first missing verification (VER-3).
  core::Status require_verified(const identity::Auth& auth);

  core::Result<std::vector<QueueItem>> queue(const staff::StaffAuth& auth);
  core::Result<ReviewCase> open(const staff::StaffAuth& auth, const std::string& id);
  core::Result<files::FileContent> open_file(const staff::StaffAuth& auth,
                                             const std::string& verification_id,
                                             const std::string& file_id);
  core::Result<Status> decide(const staff::StaffAuth& auth, const std::string& id,
                              const Decision& decision);

 private:
  hiresafe::store::Database& db_;
  const crypto::Keyring& keys_;
  const core::Clock& clock_;
  files::FileService& files_;
  staff::StaffService& staff_;
  IdentityChecker& checker_;
  identity::CodeDelivery& mail_;
  std::function<bool(const std::string&)> known_province_;
};

}  // namespace hiresafe::verification
