// SQL for resumes, the companies a seeker hides from or blocks, seeker settings and support
// requests.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "resumes/resume_document.hpp"
#include "store/connection.hpp"

namespace hiresafe::resumes::store {

using hiresafe::store::Conn;

struct ResumeRow {
  std::string id, user_id, title, visibility, content, identity_enc;
  long long version = 1, created_at = 0, updated_at = 0;
};

void insert_resume(soci::session& sql, const ResumeRow& row);
// Writes only when the stored version is `expected`; false when someone else wrote first.
bool update_resume(soci::session& sql, const ResumeRow& row, long long expected);
std::optional<ResumeRow> resume_by_id(Conn& conn, const std::string& id);

// A resume as someone at a company is about to see it, in one statement: the row, its owner's
// wrapped person key, and whether the owner blocked the company (RES-9) or hides from it by id
// or folded name (RES-2). With an empty `company_id` neither flag is ever set.
struct ResumeForViewer {
  ResumeRow row;
  std::string wrapped_key;  // empty when the owner has no key
  bool blocked = false, hidden = false;
};
std::optional<ResumeForViewer> resume_for_viewer(Conn& conn, const std::string& id,
                                                 const std::string& company_id,
                                                 const std::string& company_name_fold);
std::vector<ResumeRow> resumes_of(soci::session& sql, const std::string& user_id);
long long count_resumes(soci::session& sql, const std::string& user_id);
void delete_resume(soci::session& sql, const std::string& id);

void replace_hidden(soci::session& sql, const std::string& resume_id, const std::string& user_id,
                    const std::vector<HiddenCompany>& hidden);

// Every "hide me" entry of the person across all their resumes.
std::vector<HiddenCompany> hidden_of(soci::session& sql, const std::string& user_id);
// Every resume (for rebuilding the search index), and every hide entry and block by person.
void each_resume(soci::session& sql, const std::function<void(const ResumeRow&)>& f);
void each_hidden(soci::session& sql,
                 const std::function<void(const std::string& user_id, const HiddenCompany&)>& f);
void each_block(soci::session& sql,
                const std::function<void(const std::string& user_id, const std::string&)>& f);

// RES-9.
bool is_blocked(Conn& conn, const std::string& user_id, const std::string& company_id);
bool block(soci::session& sql, const std::string& user_id, const std::string& company_id,
           long long now);  // false when already blocked
bool unblock(soci::session& sql, const std::string& user_id, const std::string& company_id);
struct BlockRow {
  std::string company_id, company_name;
  long long created_at = 0;
};
std::vector<BlockRow> blocks_of(soci::session& sql, const std::string& user_id);

// RES-11 and REC-3: both switches default to on when the person never changed them.
struct SeekerSettings {
  bool allow_recruiter_contact = true;
  bool personalised_recommendation = true;
};
SeekerSettings settings_of(soci::session& sql, const std::string& user_id);
void save_settings(soci::session& sql, const std::string& user_id, const SeekerSettings& s,
                   long long now);

struct SupportRequestRow {
  std::string id, user_id, kind, note, status;
  std::optional<std::string> object_id;
  long long created_at = 0;
};
void insert_support_request(soci::session& sql, const SupportRequestRow& row);
std::optional<SupportRequestRow> open_support_request(soci::session& sql, const std::string& user_id,
                                                      const std::string& kind,
                                                      const std::string& object_id);

}  // namespace hiresafe::resumes::store
