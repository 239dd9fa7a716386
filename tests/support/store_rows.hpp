// Rows with only the columns their tables require, for store tests that need users, companies,
// job posts and resumes as targets of foreign keys and nothing more. Work on both databases.
#pragma once

#include <soci/soci.h>

#include <string>

namespace hiresafe::testing {

// A user; nothing happens when `id` exists already.
void insert_user_row(soci::session& sql, const std::string& id);
// A company created by `owner` (one per database: the registration number is fixed).
void insert_company_row(soci::session& sql, const std::string& id, const std::string& owner);
// An open post of `company` by `recruiter`.
void insert_job_row(soci::session& sql, const std::string& id, const std::string& company,
                    const std::string& recruiter);

// A resume of `owner` with the given title, content and (already sealed) identity.
void insert_resume_row(soci::session& sql, const std::string& id, const std::string& owner,
                       const std::string& title, const std::string& content,
                       const std::string& identity_enc);

}  // namespace hiresafe::testing
