// What others see of a recruiter or headhunter: the business card (VER-6), with the job title
// only when its owner chose to show it.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "store/database.hpp"

namespace hiresafe::disclosure {

struct CardView {
  std::string user_id, display_name;
  std::optional<std::string> job_title, avatar_file_id, profile, company_id, company_name;
  bool title_visible = true;
};

// `viewer_id` == `user_id` is the owner, who sees the hidden title too. Anyone else's read is
// an access record (SEC-3).
core::Result<CardView> business_card(hiresafe::store::Database& db, const crypto::Keyring& keys,
                                     const std::string& user_id, const std::string& viewer_id,
                                     long long now);

}  // namespace hiresafe::disclosure
