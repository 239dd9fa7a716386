// SQL for interviews (HIR-3).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace hiresafe::hiring::store {

struct InterviewRow {
  std::string id, application_id, seeker_id, recruiter_id, mode, contact_enc, status;
  std::optional<std::string> place, link, decline_reason;
  long long starts_at = 0, duration_minutes = 0, version = 1, created_at = 0, updated_at = 0;
};

void insert_interview(soci::session& sql, const InterviewRow& row);
// Writes every mutable column when the stored version is still `expected`; false otherwise.
bool update_interview(soci::session& sql, const InterviewRow& row, long long expected);
std::optional<InterviewRow> interview_by_id(soci::session& sql, const std::string& id);
std::vector<InterviewRow> interviews_of_application(soci::session& sql,
                                                    const std::string& application_id);

}  // namespace hiresafe::hiring::store
