// Access records: every read of a person's data by someone else is written down with who,
// what, why and under which grant (SEC-3, SEC-4). The disclosure layer grows around this.
#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

namespace hiresafe::disclosure {

struct AccessRecord {
  std::string actor_kind;  // staff | recruiter | headhunter
  std::string actor_id;
  std::string subject_user_id;
  std::string data_kind;  // e.g. verification, file
  std::string purpose;    // e.g. verification_review
  std::optional<std::string> grant_id;
};

void record_access(soci::session& sql, const AccessRecord& record, long long now);

}  // namespace hiresafe::disclosure
