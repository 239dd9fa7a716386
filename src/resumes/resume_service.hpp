// A seeker's resumes and privacy switches (RES-1, RES-3, RES-8, RES-9, RES-10, RES-11, PRV-5),
// and the entry points through which others read a resume — always via disclosure/ (SEC-3).
#pragma once

#include <nlohmann/json.hpp>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "disclosure/access_log.hpp"
#include "disclosure/resume_views.hpp"
#include "crypto/keyring.hpp"
#include "files/file_service.hpp"
#include "identity/identity_service.hpp"
#include "jobs/taxonomy.hpp"
#include "resumes/resume_store.hpp"
#include "staff/staff_service.hpp"
#include "store/database.hpp"
#include "verification/verification_service.hpp"

namespace hiresafe::resumes {

inline constexpr const char* kSupportPurpose = staff::kResumeSupportPurpose;

// The owner's own resume: the whole document and its version (the ETag).
struct OwnResume {
  std::string id, title, visibility;
  long long version = 0, created_at = 0, updated_at = 0;
  nlohmann::json document;
};

struct SupportRequest {
  std::string id, kind, status;
  std::optional<std::string> object_id;
  long long created_at = 0;
};

// RES-8: one read of the seeker's resume by someone else, as the seeker sees it.
struct ResumeAccess {
  std::string resume_id, viewer_role, purpose;
  std::optional<std::string> company_id, company_name;
  std::vector<std::string> fields;
  long long at = 0;
};

class ResumeService {
 public:
  ResumeService(hiresafe::store::Database& db, const crypto::Keyring& keys,
                const core::Clock& clock, const jobs::Taxonomy& taxonomy,
                identity::IdentityService& identity, verification::VerificationService& verification,
                staff::StaffService& staff, files::FileService& files,
                disclosure::AccessLog& access_log, long long viewer_cache_seconds)
      : db_(db),
        keys_(keys),
        clock_(clock),
        taxonomy_(taxonomy),
        identity_(identity),
        verification_(verification),
        staff_(staff),
        files_(files),
        access_log_(access_log),
        viewer_cache_seconds_(viewer_cache_seconds) {}

  core::Result<OwnResume> create(const identity::Auth& auth, const nlohmann::json& body);
  core::Result<std::vector<OwnResume>> list(const identity::Auth& auth);
  core::Result<OwnResume> get(const identity::Auth& auth, const std::string& id);
  // `expected_version` from If-Match; a stale one is 412 and changes nothing.
  core::Result<OwnResume> update(const identity::Auth& auth, const std::string& id,
                                 long long expected_version, const nlohmann::json& body);
  // RES-10: the last resume is not deleted here: 409 last-resume, see request_removal.
  core::Status remove(const identity::Auth& auth, const std::string& id,
                      std::optional<long long> expected_version);
  core::Result<SupportRequest> request_removal(const identity::Auth& auth,
                                               const std::string& resume_id,
                                               const std::string& note);

  // RES-11 and REC-3. Switching personalised recommendation off deletes the behaviour kept
  // for it in the same transaction.
  core::Result<store::SeekerSettings> settings(const identity::Auth& auth);
  core::Result<store::SeekerSettings> update_settings(const identity::Auth& auth,
                                                     std::optional<bool> allow_recruiter_contact,
                                                     std::optional<bool> personalised);

  core::Result<std::vector<store::BlockRow>> blocks(const identity::Auth& auth);
  core::Result<bool> block(const identity::Auth& auth, const std::string& company_id);
  core::Status unblock(const identity::Auth& auth, const std::string& company_id);

  core::Result<std::vector<ResumeAccess>> accesses(const identity::Auth& auth);

  // Someone else's view: a verified recruiter or headhunter (VER-3), or staff under a grant.
  // JSON text (disclosure::render_text).
  core::Result<std::string> view(const identity::Auth& auth, const std::string& id);
  core::Result<std::string> view_as_staff(const staff::StaffAuth& auth, const std::string& id);
  // Who a verified recruiter or headhunter is to the disclosure layer (VER-3 checked first).
  core::Result<disclosure::Viewer> viewer_of(const identity::Auth& auth);

 private:
  core::Status require_seeker(const identity::Auth& auth) const;
  core::Result<OwnResume> own(soci::session& sql, const std::string& user_id,
                              const store::ResumeRow& row) const;
  // Checks a body and the rules that need the database; returns the document to store.
  core::Result<ResumeDocument> checked(hiresafe::store::Conn& sql, const identity::Auth& auth,
                                       const nlohmann::json& body);
  store::ResumeRow sealed_row(const crypto::SecretKey& key, const std::string& user_id,
                              const std::string& id, const ResumeDocument& doc) const;

  hiresafe::store::Database& db_;
  const crypto::Keyring& keys_;
  const core::Clock& clock_;
  const jobs::Taxonomy& taxonomy_;
  identity::IdentityService& identity_;
  verification::VerificationService& verification_;
  staff::StaffService& staff_;
  files::FileService& files_;
  disclosure::AccessLog& access_log_;

  // A verified viewer's company, remembered for sessions.cache_seconds (the same trust window
  // as a checked session) so a recruiter reading many resumes does not repeat the verification
  // and company lookups on every read. Only passed checks are remembered.
  struct ViewerContext {
    disclosure::Viewer viewer;
    long long until = 0;
  };
  long long viewer_cache_seconds_;
  std::mutex viewers_mutex_;
  std::unordered_map<std::string, ViewerContext> viewers_;
};

}  // namespace hiresafe::resumes
