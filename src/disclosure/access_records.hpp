// Access records: every read of a person's data by someone else is written down with who,
// what, why and under which grant (SEC-3, SEC-4). The disclosure layer grows around this.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace hiresafe::disclosure {

struct AccessRecord {
  std::string actor_kind;  // staff | recruiter | headhunter
  std::string actor_id;
  std::string subject_user_id;
  std::string data_kind;  // e.g. verification, file
  std::string purpose;    // e.g. verification_review
  std::optional<std::string> grant_id;
  std::optional<std::string> actor_company_id;  // the viewer's company, when they have one
  std::optional<std::string> object_id;         // e.g. the resume read
  std::string fields;                           // comma-separated names of what was disclosed
};

void record_access(soci::session& sql, const AccessRecord& record, long long now);

// RES-8: reads of one person's data of one kind by others, newest first.
struct AccessEntry {
  std::string actor_kind, actor_id, purpose, fields;
  std::optional<std::string> actor_company_id, object_id;
  long long at = 0;
};
std::vector<AccessEntry> accesses_of(soci::session& sql, const std::string& subject_user_id,
                                     const std::string& data_kind, int limit);

}  // namespace hiresafe::disclosure
