// The disclosure layer for resumes (SEC-3): the only code that turns a seeker's resume into
// what someone else sees. One pure rule function decides how much a viewer may see; one pure
// renderer builds the view from that level; every read by someone else is an access record.
// "After an application the job's recruiters see the full name" (RES-5) is one more channel,
// one more fact and one more level here (see application_views.hpp), not a second path.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "disclosure/access_log.hpp"
#include "store/database.hpp"

namespace hiresafe::disclosure {

enum class ViewerKind { kRecruiter, kHeadhunter, kStaff };
// kApplication: a resume the seeker sent to the viewer's company; kDownload: its PDF (RES-7).
enum class Channel { kView, kSearch, kRecommendation, kApplication, kDownload };
// kApplicant: masked plus the full name (RES-5); contact only as a virtual number, added by
// the hiring service, which is not the seeker's data.
enum class Level { kNone, kMasked, kApplicant, kFull };

// What the rules know about one resume as seen by one viewer; nothing personal.
struct ResumeFacts {
  std::string visibility;            // public | no_headhunters | invisible (RES-3)
  bool blocked = false;              // the seeker blocked the viewer's company (RES-9)
  bool hidden_from_company = false;  // a work entry at the viewer's company says "hide me" (RES-2)
  bool applied = false;  // this resume reached the viewer's company as an application (RES-5)
};

struct Decision {
  Level level = Level::kNone;
  const char* promise = "";  // the promise that decided, for tests and access records
};

Decision decide(ViewerKind viewer, Channel channel, const ResumeFacts& facts);

// Top-level keys of a view at `level`, in the order they are rendered.
const std::vector<std::string>& fields_at(Level level);

// The view of a resume at `level` (not kNone) from its stored parts. Masked (RES-4): surname
// with 先生/女士 (某 when no gender), an age band instead of the birth month, no contact
// fields, no avatar, no hukou, no attachments, and work entries without the "hide me" switch.
// `content` is taken by value: its sections move into the view.
nlohmann::json render(Level level, nlohmann::json content, const nlohmann::json& identity,
                      const std::string& resume_id, long long updated_at, long long now);

// The same view as JSON text, read from the stored content text with simdjson: each section a
// view shows is copied out as the stored JSON, so a single view builds no tree of the resume
// (render's tree and its dump were a third of a view's CPU). It applies the same rules
// (fields_at, person_fields, kPrivateWorkKeys); ViewContent tests hold the two equal.
// Throws on malformed content, as json::parse does.
std::string render_text(Level level, const std::string& content, const nlohmann::json& identity,
                        const std::string& resume_id, long long updated_at, long long now);

// What a view at `level` (not kNone) says of the person: display_name (masked) or name
// (applicant, full), and age_band (masked, applicant). `gender` is the resume's basic.gender.
nlohmann::json person_fields(Level level, const nlohmann::json& identity,
                             const std::string& gender, long long now);

// Members of a work entry no one else sees: whether, and from whom, a seeker hides is itself
// private (RES-2).
inline constexpr std::array<std::string_view, 2> kPrivateWorkKeys{"hide_from_company",
                                                                   "company_id"};

// "张先生", "欧阳女士", "李某"; for Latin-script names the family name's initial.
std::string masked_name(const std::string& full_name, const std::string& gender);
// "25-29" style bands from a "YYYY-MM" birth month.
std::string age_band(const std::string& birth_month, long long now);

struct Viewer {
  ViewerKind kind;
  std::string user_id;  // staff id for staff
  std::optional<std::string> company_id;
  std::string company_name_fold;  // folded name of the viewer's company, for RES-2 by name
  std::optional<std::string> grant_id;  // staff only: the active grant the read is under
};

// Reads a resume for someone other than its owner: 404 when the rules show nothing (a blocked
// or hidden-from company cannot tell the resume exists), otherwise the view as JSON text
// (render_text), after its access
// record is journaled (no view leaves the server unrecorded; see access_log.hpp). A staff read
// is committed at once together with its audit-log entry.
core::Result<std::string> view_resume(hiresafe::store::Database& db, const crypto::Keyring& keys,
                                      AccessLog& access_log, const Viewer& viewer, Channel channel,
                                      const std::string& resume_id, long long now);

// HIR-2, RES-11: the owner of a resume `viewer` wants to invite or chat with: 404 when the
// rules show the viewer nothing of that resume (RES-2, RES-3, RES-9), 403 contact-not-allowed
// when the seeker switched "allow recruiters to contact me" off.
core::Result<std::string> contactable_seeker(hiresafe::store::Database& db, const Viewer& viewer,
                                             const std::string& resume_id);

// Search and recommendation results (RES-4): a short masked card per resume id, in the given
// order, each decided by the same rules as a view with the facts read now; ids the rules show
// nothing of are left out, so an index a moment behind a new block or a visibility change
// never shows that resume. A listing is not a view: no access record is written (RES-8 lists
// opened resumes; see view_resume).
core::Result<std::vector<nlohmann::json>> resume_cards(hiresafe::store::Database& db,
                                                       const crypto::Keyring& keys,
                                                       const Viewer& viewer, Channel channel,
                                                       const std::vector<std::string>& resume_ids,
                                                       long long now);

// Access-record vocabulary shared by the views in this folder.
const char* kind_name(ViewerKind kind);
const char* purpose_of(ViewerKind kind, Channel channel);
std::string joined(const std::vector<std::string>& names);

// The card of a masked view (render at kMasked): who, roughly, and what they do and want.
nlohmann::json card_of(nlohmann::json masked_view);

// Resume content cut to what card_of can show (basic's city, status, work start and gender;
// intention; title, company, dates of each work entry; degree, school, major, start of each
// education entry; skill names), read with simdjson (content.cpp). A list renders twenty
// cards; building each whole resume as a JSON tree was most of the list's CPU.
nlohmann::json parse_card_content(const std::string& content);

}  // namespace hiresafe::disclosure
