#include "resumes/resume_service.hpp"

#include "companies/company_store.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "disclosure/access_records.hpp"
#include "disclosure/resume_views.hpp"
#include "resumes/resume_store.hpp"
#include "recommend/behaviour.hpp"
#include "search/outbox.hpp"

namespace hiresafe::resumes {

using core::Error;
using core::Result;
using core::Status;
using hiresafe::store::Conn;
using nlohmann::json;

namespace {
constexpr long long kMaxResumes = 10;

std::vector<std::string> split(const std::string& csv) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < csv.size()) {
    auto end = csv.find(',', start);
    if (end == std::string::npos) end = csv.size();
    if (end > start) out.push_back(csv.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Error not_found() { return Error::not_found("No such resume"); }
}  // namespace

Status ResumeService::require_seeker(const identity::Auth& auth) const {
  if (!auth.has_role("seeker"))
    return Error::forbidden("role-required", "Resumes belong to job seekers: add the seeker role");
  return core::Unit{};
}

Result<OwnResume> ResumeService::own(soci::session& sql, const std::string& user_id,
                                     const store::ResumeRow& row) const {
  HS_TRY(auto key, keys_.person_key(sql, user_id));
  HS_TRY(auto sealed, crypto::open_field(key, user_id, identity_field(row.id), row.identity_enc));
  ResumeDocument doc{row.title, row.visibility, json::parse(row.content), json::parse(sealed)};
  return OwnResume{row.id,      row.title,      row.visibility,     row.version,
                   row.created_at, row.updated_at, merge_resume(doc)};
}

Result<ResumeDocument> ResumeService::checked(Conn& sql, const identity::Auth& auth,
                                              const json& body) {
  HS_TRY(auto doc, parse_resume(body, taxonomy_));
  // Files named by the resume must be the owner's own uploads of the right kind.
  for (const auto& [file_id, field] : referenced_files(doc)) {
    const char* purpose = field == "basic.avatar_file_id" ? "avatar" : "resume_attachment";
    HS_CHECK(files_.expect_own(sql, auth.user_id, file_id, purpose, field));
  }
  // RES-2 by id: a picked company must exist (the name is matched either way).
  const auto& work = doc.content.value("work", json::array());
  for (std::size_t i = 0; i < work.size(); ++i) {
    if (work[i].contains("company_id") &&
        !companies::store::company_by_id(sql, work[i]["company_id"].get<std::string>()))
      return Error::invalid("work[" + std::to_string(i) + "].company_id", "is not a known company");
  }
  // ACC-6: a 16- or 17-year-old publishes only after a guardian's consent is recorded.
  if (doc.visibility != "invisible") {
    HS_TRY(bool guardian_missing, identity_.guardian_required(sql, auth.user_id));
    if (guardian_missing)
      return Error::forbidden("guardian-consent-required",
                              "A guardian's consent is needed before a resume can be published; "
                              "keep it invisible until then");
  }
  return doc;
}

store::ResumeRow ResumeService::sealed_row(const crypto::SecretKey& key, const std::string& user_id,
                                           const std::string& id,
                                           const ResumeDocument& doc) const {
  store::ResumeRow row;
  row.id = id;
  row.user_id = user_id;
  row.title = doc.title;
  row.visibility = doc.visibility;
  row.content = doc.content.dump();
  row.identity_enc = crypto::seal_field(key, user_id, identity_field(id), doc.identity.dump());
  return row;
}

Result<OwnResume> ResumeService::create(const identity::Auth& auth, const json& body) {
  HS_CHECK(require_seeker(auth));
  const long long now = clock_.now();
  return db_.transaction<OwnResume>([&](Conn& sql) -> Result<OwnResume> {
    HS_TRY(auto doc, checked(sql, auth, body));
    if (store::count_resumes(sql, auth.user_id) >= kMaxResumes)
      return Error::conflict("too-many-resumes", "A person keeps at most 10 resumes");
    HS_TRY(auto key, keys_.person_key(sql, auth.user_id));
    auto row = sealed_row(key, auth.user_id, core::new_id("r_"), doc);
    row.version = 1;
    row.created_at = row.updated_at = now;
    store::insert_resume(sql, row);
    store::replace_hidden(sql, row.id, auth.user_id, hidden_companies(doc));
    search::enqueue(sql, search::kOutboxSeeker, auth.user_id, now);
    return OwnResume{row.id, row.title, row.visibility, row.version, now, now, merge_resume(doc)};
  });
}

Result<std::vector<OwnResume>> ResumeService::list(const identity::Auth& auth) {
  HS_CHECK(require_seeker(auth));
  return db_.read<std::vector<OwnResume>>([&](soci::session& sql) -> Result<std::vector<OwnResume>> {
    std::vector<OwnResume> out;
    for (const auto& row : store::resumes_of(sql, auth.user_id)) {
      HS_TRY(auto r, own(sql, auth.user_id, row));
      out.push_back(std::move(r));
    }
    return out;
  });
}

Result<OwnResume> ResumeService::get(const identity::Auth& auth, const std::string& id) {
  HS_CHECK(require_seeker(auth));
  return db_.read<OwnResume>([&](Conn& sql) -> Result<OwnResume> {
    auto row = store::resume_by_id(sql, id);
    if (!row || row->user_id != auth.user_id) return not_found();
    return own(sql, auth.user_id, *row);
  });
}

Result<OwnResume> ResumeService::update(const identity::Auth& auth, const std::string& id,
                                        long long expected_version, const json& body) {
  HS_CHECK(require_seeker(auth));
  const long long now = clock_.now();
  return db_.transaction<OwnResume>([&](Conn& sql) -> Result<OwnResume> {
    auto current = store::resume_by_id(sql, id);
    if (!current || current->user_id != auth.user_id) return not_found();
    if (current->version != expected_version)
      return Error::stale("stale-resume", "The resume changed since you read it (now version " +
                                              std::to_string(current->version) +
                                              "); reload and edit again");
    HS_TRY(auto doc, checked(sql, auth, body));
    HS_TRY(auto key, keys_.person_key(sql, auth.user_id));
    auto row = sealed_row(key, auth.user_id, id, doc);
    row.version = current->version + 1;
    row.created_at = current->created_at;
    row.updated_at = now;
    if (!store::update_resume(sql, row, expected_version))  // lost a race with another write
      return Error::stale("stale-resume", "The resume changed since you read it; reload and edit again");
    store::replace_hidden(sql, id, auth.user_id, hidden_companies(doc));
    search::enqueue(sql, search::kOutboxSeeker, auth.user_id, now);
    return OwnResume{id, row.title, row.visibility, row.version, row.created_at, now,
                     merge_resume(doc)};
  });
}

Status ResumeService::remove(const identity::Auth& auth, const std::string& id,
                             std::optional<long long> expected_version) {
  HS_CHECK(require_seeker(auth));
  return db_.transaction<core::Unit>([&](Conn& sql) -> Status {
    auto row = store::resume_by_id(sql, id);
    if (!row || row->user_id != auth.user_id) return not_found();
    if (expected_version && *expected_version != row->version)
      return Error::stale("stale-resume", "The resume changed since you read it");
    if (store::count_resumes(sql, auth.user_id) <= 1)
      return Error::conflict("last-resume",
                             "This is your last resume. Ask support to remove it while keeping "
                             "your account: POST /api/v1/me/support-requests");
    store::delete_resume(sql, id);
    search::enqueue(sql, search::kOutboxSeeker, auth.user_id, clock_.now());
    return core::Unit{};
  });
}

Result<SupportRequest> ResumeService::request_removal(const identity::Auth& auth,
                                                      const std::string& resume_id,
                                                      const std::string& note) {
  HS_CHECK(require_seeker(auth));
  if (note.size() > 2000) return Error::invalid("note", "is longer than 2000 bytes");
  const long long now = clock_.now();
  return db_.transaction<SupportRequest>([&](Conn& sql) -> Result<SupportRequest> {
    auto row = store::resume_by_id(sql, resume_id);
    if (!row || row->user_id != auth.user_id) return Error::invalid("resume_id", "is not your resume");
    // Asking twice returns the open request instead of queueing a second one.
    if (auto open = store::open_support_request(sql, auth.user_id, "delete_last_resume", resume_id))
      return SupportRequest{open->id, open->kind, open->status, open->object_id, open->created_at};
    store::SupportRequestRow r{core::new_id("sr_"), auth.user_id, "delete_last_resume", note,
                               "open", resume_id, now};
    store::insert_support_request(sql, r);
    return SupportRequest{r.id, r.kind, r.status, r.object_id, now};
  });
}

Result<store::SeekerSettings> ResumeService::settings(const identity::Auth& auth) {
  return db_.read<store::SeekerSettings>([&](soci::session& sql) -> Result<store::SeekerSettings> {
    return store::settings_of(sql, auth.user_id);
  });
}

Result<store::SeekerSettings> ResumeService::update_settings(
    const identity::Auth& auth, std::optional<bool> allow_recruiter_contact,
    std::optional<bool> personalised) {
  const long long now = clock_.now();
  return db_.transaction<store::SeekerSettings>(
      [&](soci::session& sql) -> Result<store::SeekerSettings> {
        auto s = store::settings_of(sql, auth.user_id);
        if (allow_recruiter_contact) s.allow_recruiter_contact = *allow_recruiter_contact;
        if (personalised) {
          s.personalised_recommendation = *personalised;
          if (!*personalised) recommend::forget_behaviour(sql, auth.user_id);  // REC-3
        }
        store::save_settings(sql, auth.user_id, s, now);
        return s;
      });
}

Result<std::vector<store::BlockRow>> ResumeService::blocks(const identity::Auth& auth) {
  return db_.read<std::vector<store::BlockRow>>(
      [&](soci::session& sql) -> Result<std::vector<store::BlockRow>> {
        return store::blocks_of(sql, auth.user_id);
      });
}

Result<bool> ResumeService::block(const identity::Auth& auth, const std::string& company_id) {
  const long long now = clock_.now();
  return db_.transaction<bool>([&](soci::session& sql) -> Result<bool> {
    if (!companies::store::company_by_id(sql, company_id))
      return Error::not_found("No such company");
    if (!store::block(sql, auth.user_id, company_id, now)) return false;
    search::enqueue(sql, search::kOutboxSeeker, auth.user_id, now);
    return true;
  });
}

Status ResumeService::unblock(const identity::Auth& auth, const std::string& company_id) {
  return db_.transaction<core::Unit>([&](soci::session& sql) -> Status {
    if (!store::unblock(sql, auth.user_id, company_id))
      return Error::not_found("That company is not blocked");
    search::enqueue(sql, search::kOutboxSeeker, auth.user_id, clock_.now());
    return core::Unit{};
  });
}

Result<std::vector<ResumeAccess>> ResumeService::accesses(const identity::Auth& auth) {
  HS_CHECK(access_log_.flush());  // the list includes reads still waiting for their batch
  return db_.read<std::vector<ResumeAccess>>(
      [&](soci::session& sql) -> Result<std::vector<ResumeAccess>> {
        std::vector<ResumeAccess> out;
        for (auto& e : disclosure::accesses_of(sql, auth.user_id, "resume", 200)) {
          ResumeAccess a;
          a.resume_id = e.object_id.value_or("");
          // The viewer's role and company, never their name (RES-8).
          a.viewer_role = e.actor_kind;
          a.purpose = e.purpose;
          a.company_id = e.actor_company_id;
          if (e.actor_company_id)
            if (auto c = companies::store::company_by_id(sql, *e.actor_company_id))
              a.company_name = c->name;
          a.fields = split(e.fields);
          a.at = e.at;
          out.push_back(std::move(a));
        }
        return out;
      });
}

Result<disclosure::Viewer> ResumeService::viewer_of(const identity::Auth& auth) {
  const long long now = clock_.now();
  const std::string key = auth.user_id + "|" + auth.active_role;
  {
    std::lock_guard lock(viewers_mutex_);
    if (auto it = viewers_.find(key); it != viewers_.end() && it->second.until > now)
      return it->second.viewer;
  }
  HS_CHECK(verification_.require_verified(auth));  // VER-3
  disclosure::Viewer viewer{auth.active_role == "headhunter" ? disclosure::ViewerKind::kHeadhunter
                                                             : disclosure::ViewerKind::kRecruiter,
                            auth.user_id, std::nullopt, "", std::nullopt};
  HS_CHECK(db_.read<core::Unit>([&](soci::session& sql) -> Status {
    viewer.company_id = companies::store::company_of(sql, auth.user_id);
    if (viewer.company_id)
      if (auto c = companies::store::company_by_id(sql, *viewer.company_id))
        viewer.company_name_fold = core::fold(c->name);
    return core::Unit{};
  }));
  std::lock_guard lock(viewers_mutex_);
  if (viewers_.size() > 100000) viewers_.clear();  // bounded; refilled on the next reads
  viewers_[key] = {viewer, now + viewer_cache_seconds_};
  return viewer;
}

Result<std::string> ResumeService::view(const identity::Auth& auth, const std::string& id) {
  HS_TRY(auto viewer, viewer_of(auth));
  return disclosure::view_resume(db_, keys_, access_log_, viewer, disclosure::Channel::kView, id, clock_.now());
}

Result<std::string> ResumeService::view_as_staff(const staff::StaffAuth& auth, const std::string& id) {
  disclosure::Viewer viewer{disclosure::ViewerKind::kStaff, auth.staff_id, std::nullopt, "",
                            std::nullopt};
  HS_TRY(viewer.grant_id, db_.read<std::string>([&](soci::session& sql) -> Result<std::string> {
    return staff_.require_grant(sql, auth, kSupportPurpose);  // SEC-4
  }));
  return disclosure::view_resume(db_, keys_, access_log_, viewer, disclosure::Channel::kView, id, clock_.now());
}

}  // namespace hiresafe::resumes
