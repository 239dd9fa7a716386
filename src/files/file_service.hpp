// Uploaded files (licences, permits, avatars, logos): type checked by content, size limited,
// sealed under the uploader's key, served back only to the uploader (staff read them through
// the review flow, under a grant).
#pragma once

#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "store/database.hpp"

namespace hiresafe::files {

struct FileInfo {
  std::string id, owner_id, purpose, content_type;
  long long size_bytes = 0, created_at = 0;
};

struct FileContent {
  FileInfo info;
  std::string bytes;
};

// "application/pdf", "image/png", "image/jpeg" from the first bytes, or empty when none fits.
std::string sniff_content_type(std::string_view bytes);

class FileService {
 public:
  FileService(hiresafe::store::Database& db, const crypto::Keyring& keys, const core::Clock& clock,
              long long max_bytes)
      : db_(db), keys_(keys), clock_(clock), max_bytes_(max_bytes) {}

  // purpose: business_licence | authorisation_letter | agency_licence | hr_service_permit |
  // avatar | logo. The declared type must match the content; images only for avatar and logo.
  core::Result<FileInfo> upload(const std::string& owner_id, const std::string& purpose,
                                const std::string& declared_type, const std::string& bytes);
  core::Result<FileContent> read_own(const std::string& owner_id, const std::string& file_id);
  // Metadata of a file that must belong to `owner_id` and have `purpose`; 422 on `field` otherwise.
  core::Result<FileInfo> expect_own(soci::session& sql, const std::string& owner_id,
                                    const std::string& file_id, const std::string& purpose,
                                    const std::string& field);
  // Opens a file for a reader other than the owner; the caller has checked the grant and
  // records the access.
  core::Result<FileContent> open_for_review(soci::session& sql, const std::string& file_id);

 private:
  hiresafe::store::Database& db_;
  const crypto::Keyring& keys_;
  const core::Clock& clock_;
  long long max_bytes_;
};

}  // namespace hiresafe::files
