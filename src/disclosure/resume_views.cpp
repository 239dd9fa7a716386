#include "disclosure/resume_views.hpp"

#include <unicode/unistr.h>

#include <ctime>

#include "core/text.hpp"
#include "disclosure/access_records.hpp"
#include "resumes/resume_store.hpp"
#include "staff/audit.hpp"

namespace hiresafe::disclosure {

using nlohmann::json;

Decision decide(ViewerKind viewer, Channel channel, const ResumeFacts& facts) {
  // Staff reach this only under an approved grant (checked before, SEC-4); they see the
  // resume as its owner does, whatever its visibility, and never through search.
  if (viewer == ViewerKind::kStaff)
    return channel == Channel::kView ? Decision{Level::kFull, "SEC-4"}
                                     : Decision{Level::kNone, "SEC-4"};
  if (channel == Channel::kApplication || channel == Channel::kDownload) {
    // The seeker sent this resume to the company themselves, so its visibility level and
    // "hide me" switches (which keep strangers from finding it) do not apply; a block does:
    // it withdraws everything from that company (RES-9). Headhunters receive no applications
    // and download nothing (RES-7).
    if (viewer != ViewerKind::kRecruiter)
      return {Level::kNone, channel == Channel::kDownload ? "RES-7" : "RES-5"};
    if (!facts.applied) return {Level::kNone, "RES-5"};
    if (facts.blocked) return {Level::kNone, "RES-9"};
    return {Level::kApplicant, channel == Channel::kDownload ? "RES-7" : "RES-5"};
  }
  if (facts.visibility == "invisible") return {Level::kNone, "RES-3"};
  if (facts.visibility == "no_headhunters" && viewer == ViewerKind::kHeadhunter)
    return {Level::kNone, "RES-3"};
  if (facts.visibility != "public" && facts.visibility != "no_headhunters")
    return {Level::kNone, "RES-3"};  // an unknown level discloses nothing
  if (facts.blocked) return {Level::kNone, "RES-9"};
  if (facts.hidden_from_company) return {Level::kNone, "RES-2"};
  return {Level::kMasked, "RES-4"};
}

const std::vector<std::string>& fields_at(Level level) {
  static const std::vector<std::string> kNone;
  static const std::vector<std::string> kMasked = {
      "display_name", "age_band",  "basic",        "intention",  "education",
      "work",         "projects",  "training",     "languages",  "skills",
      "certificates", "leadership", "self_evaluation"};
  static const std::vector<std::string> kApplicant = {
      "name",         "age_band",  "basic",        "intention",  "education",
      "work",         "projects",  "training",     "languages",  "skills",
      "certificates", "leadership", "self_evaluation"};
  static const std::vector<std::string> kFull = {
      "name",      "phone",       "email",     "wechat",       "birth_month", "hukou_city",
      "avatar_file_id", "attachments", "basic", "intention",   "education",   "work",
      "projects",  "training",    "languages", "skills",       "certificates", "leadership",
      "self_evaluation"};
  switch (level) {
    case Level::kMasked:
      return kMasked;
    case Level::kApplicant:
      return kApplicant;
    case Level::kFull:
      return kFull;
    case Level::kNone:
      break;
  }
  return kNone;
}

std::string masked_name(const std::string& full_name, const std::string& gender) {
  static const std::vector<std::string> kCompound = {
      "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
      "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门",
      "澹台", "百里", "呼延", "万俟", "闻人", "赫连", "申屠", "太史", "东郭", "公羊"};
  const std::string suffix = gender == "male" ? "先生" : gender == "female" ? "女士" : "某";
  std::string name = full_name;
  while (!name.empty() && name.front() == ' ') name.erase(0, 1);
  if (name.empty()) return suffix == "某" ? "某" : suffix;
  for (const auto& c : kCompound)
    if (name.starts_with(c) && name.size() > c.size()) return c + suffix;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(name);
  const UChar32 first = u.char32At(0);
  std::string surname;
  if (first < 0x80) {
    // Latin script: family name last ("Li Wei" is written either way; the initial of the
    // last word reveals no more than one letter either way).
    auto last_space = name.find_last_of(' ');
    char initial = name[last_space == std::string::npos ? 0 : last_space + 1];
    surname = std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(initial))));
  } else {
    icu::UnicodeString(first).toUTF8String(surname);
  }
  return surname + suffix;
}

std::string age_band(const std::string& birth_month, long long now) {
  if (birth_month.size() != 7) return "";
  const int year = std::stoi(birth_month.substr(0, 4)), month = std::stoi(birth_month.substr(5, 2));
  std::time_t t = static_cast<std::time_t>(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  int age = (utc.tm_year + 1900) - year - ((utc.tm_mon + 1) < month ? 1 : 0);
  if (age < 20) return "16-19";
  if (age >= 60) return "60+";
  const int low = age / 5 * 5;
  return std::to_string(low) + "-" + std::to_string(low + 4);
}

json person_fields(Level level, const json& identity, const std::string& gender, long long now) {
  json out = json::object();
  const json name = identity.value("name", json());
  const std::string full_name = name.is_string() ? name.get<std::string>() : "";
  if (level == Level::kMasked)
    out["display_name"] = masked_name(full_name, gender);
  else
    out["name"] = full_name;
  if (level != Level::kFull) {
    const json birth = identity.value("birth_month", json());
    out["age_band"] = age_band(birth.is_string() ? birth.get<std::string>() : "", now);
  }
  return out;
}

json render(Level level, json content, const json& identity, const std::string& resume_id,
            long long updated_at, long long now) {
  json out = json::object();
  out["id"] = resume_id;
  out["updated_at"] = updated_at;
  if (level == Level::kNone) return out;
  if (!content.is_object()) content = json::object();
  json basic = content.contains("basic") ? std::move(content["basic"]) : json::object();
  // Moves a section of the content into the view, if the resume has it.
  const auto take = [&](const std::string& key) {
    if (auto it = content.find(key); it != content.end()) out[key] = std::move(*it);
  };
  if (level == Level::kFull) {
    for (const auto& key : fields_at(Level::kFull)) {
      if (key == "basic") {
        out["basic"] = std::move(basic);
      } else if (identity.contains(key)) {
        out[key] = identity[key];
      } else {
        take(key);
      }
    }
    return out;
  }
  const json gender = basic.is_object() ? basic.value("gender", json()) : json();
  out.update(person_fields(level, identity, gender.is_string() ? gender.get<std::string>() : "",
                           now));
  for (const auto& key : fields_at(level)) {
    if (key == "display_name" || key == "name" || key == "age_band") continue;
    if (key == "basic") {
      out["basic"] = std::move(basic);  // content never holds identifying fields; they live in identity
    } else if (key == "work") {
      json work = json::array();
      if (auto it = content.find("work"); it != content.end() && it->is_array()) {
        for (json& entry : *it) {
          if (entry.is_object())
            for (auto hidden : kPrivateWorkKeys) entry.erase(std::string(hidden));
          work.push_back(std::move(entry));
        }
      }
      out["work"] = std::move(work);
    } else {
      take(key);
    }
  }
  return out;
}

const char* kind_name(ViewerKind kind) {
  switch (kind) {
    case ViewerKind::kRecruiter:
      return "recruiter";
    case ViewerKind::kHeadhunter:
      return "headhunter";
    case ViewerKind::kStaff:
      return "staff";
  }
  return "unknown";
}

const char* purpose_of(ViewerKind kind, Channel channel) {
  if (kind == ViewerKind::kStaff) return "resume_support";
  switch (channel) {
    case Channel::kView:
      return "view_resume";
    case Channel::kSearch:
      return "search_resume";
    case Channel::kRecommendation:
      return "recommend_resume";
    case Channel::kApplication:
      return "view_application";
    case Channel::kDownload:
      return "download_resume";
  }
  return "unknown";
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}


namespace {
using Found = resumes::store::ResumeForViewer;

std::optional<Found> find(hiresafe::store::Conn& conn, const Viewer& viewer,
                          const std::string& resume_id) {
  return resumes::store::resume_for_viewer(conn, resume_id, viewer.company_id.value_or(""),
                                           viewer.company_name_fold);
}

ResumeFacts facts_of(const Found& found) {
  ResumeFacts facts{found.row.visibility};
  facts.blocked = found.blocked;
  facts.hidden_from_company = found.hidden;
  return facts;
}

// The owner's identity fields, opened with their person key.
core::Result<json> identity_of(const crypto::Keyring& keys, const Found& found) {
  const auto& row = found.row;
  if (found.wrapped_key.empty()) return core::Error::not_found("No such person");
  HS_TRY(auto key, keys.unwrap_person_key(found.wrapped_key, row.user_id));
  HS_TRY(auto sealed, crypto::open_field(key, row.user_id, resumes::identity_field(row.id),
                                         row.identity_enc));
  return json::parse(sealed);
}
}  // namespace

core::Result<std::string> contactable_seeker(hiresafe::store::Database& db, const Viewer& viewer,
                                             const std::string& resume_id) {
  return db.read<std::string>([&](hiresafe::store::Conn& conn) -> core::Result<std::string> {
    auto found = find(conn, viewer, resume_id);
    // Whoever may not see the resume may not learn it exists, let alone reach its owner.
    if (!found || decide(viewer.kind, Channel::kView, facts_of(*found)).level == Level::kNone)
      return core::Error::not_found("No such resume");
    if (!resumes::store::settings_of(conn, found->row.user_id).allow_recruiter_contact)
      return core::Error::forbidden("contact-not-allowed",
                                    "This seeker does not accept contact from recruiters");
    return found->row.user_id;
  });
}

core::Result<std::string> view_resume(hiresafe::store::Database& db, const crypto::Keyring& keys,
                               AccessLog& access_log, const Viewer& viewer, Channel channel,
                               const std::string& resume_id, long long now) {
  struct Read {
    std::string view;  // JSON text
    std::string owner;
    Level level;
  };
  // Reading and deciding take no write lock; only the access record below does.
  HS_TRY(Read read, db.read<Read>([&](hiresafe::store::Conn& conn) -> core::Result<Read> {
    auto found = find(conn, viewer, resume_id);
    if (!found) return core::Error::not_found("No such resume");
    const Decision decision = decide(viewer.kind, channel, facts_of(*found));
    // RES-2, RES-3, RES-9: not "forbidden" but "not found", so a hidden seeker stays unknown.
    if (decision.level == Level::kNone) return core::Error::not_found("No such resume");
    HS_TRY(const json identity, identity_of(keys, *found));
    const auto& row = found->row;
    return Read{render_text(decision.level, row.content, identity, row.id, row.updated_at, now),
                row.user_id, decision.level};
  }));
  const AccessRecord record{kind_name(viewer.kind),
                            viewer.user_id,
                            read.owner,
                            "resume",
                            purpose_of(viewer.kind, channel),
                            viewer.grant_id,
                            viewer.company_id,
                            resume_id,
                            joined(fields_at(read.level))};
  if (viewer.kind != ViewerKind::kStaff) {
    HS_CHECK(access_log.record(record, now));
    return std::move(read.view);
  }
  HS_CHECK(db.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    record_access(sql, record, now);
    // SEC-4: staff reads also enter the audit chain, in the same transaction.
    staff::append_audit(sql, db.dialect(), now,
                        {"staff:" + viewer.user_id, "resume.read", resume_id,
                         "grant " + viewer.grant_id.value_or("-")});
    return core::Unit{};
  }));
  return std::move(read.view);
}

json card_of(json view) {
  // Moves what it shows out of `view` (a temporary view rendered for this card).
  const auto take = [](json& from, const char* key, json fallback) {
    if (!from.is_object()) return fallback;
    auto it = from.find(key);
    return it == from.end() ? fallback : std::move(*it);
  };
  json basic = take(view, "basic", json::object());
  json card = {{"id", take(view, "id", "")},
               {"updated_at", take(view, "updated_at", 0LL)},
               {"display_name", take(view, "display_name", "")},
               {"age_band", take(view, "age_band", "")},
               {"current_city", take(basic, "current_city", "")},
               {"status", take(basic, "status", "")},
               {"work_start", take(basic, "work_start", json())},
               {"intention", take(view, "intention", json::object())}};
  // The most recent work entry and the highest-starting education entry stand for the rest.
  const auto latest = [](json& list) -> json* {
    json* best = nullptr;
    if (!list.is_array()) return best;
    for (auto& e : list)
      if (e.is_object() && (!best || e.value("start", "") > best->value("start", ""))) best = &e;
    return best;
  };
  json work = take(view, "work", json::array());
  if (json* w = latest(work))
    card["latest_work"] = {{"title", take(*w, "title", "")},
                           {"company_name", take(*w, "company_name", "")},
                           {"start", take(*w, "start", "")},
                           {"end", take(*w, "end", json())}};
  json education = take(view, "education", json::array());
  if (json* e = latest(education))
    card["education"] = {{"degree", take(*e, "degree", "")},
                         {"school", take(*e, "school", "")},
                         {"major", take(*e, "major", "")}};
  json skills = json::array();
  json listed = take(view, "skills", json::array());
  if (listed.is_array())
    for (auto& s : listed)
      if (s.is_object() && s.contains("name")) skills.push_back(std::move(s["name"]));
  card["skills"] = std::move(skills);
  return card;
}

core::Result<std::vector<json>> resume_cards(hiresafe::store::Database& db,
                                             const crypto::Keyring& keys, const Viewer& viewer,
                                             Channel channel,
                                             const std::vector<std::string>& resume_ids,
                                             long long now) {
  return db.read<std::vector<json>>(
      [&](hiresafe::store::Conn& conn) -> core::Result<std::vector<json>> {
        std::vector<json> cards;
        for (const auto& id : resume_ids) {
          auto found = find(conn, viewer, id);
          if (!found) continue;
          const Decision decision = decide(viewer.kind, channel, facts_of(*found));
          // A listing never shows more than a masked view, whatever a rule would allow.
          if (decision.level == Level::kNone) continue;
          HS_TRY(const json identity, identity_of(keys, *found));
          const auto& row = found->row;
          cards.push_back(card_of(render(Level::kMasked, parse_card_content(row.content),
                                         identity, row.id, row.updated_at, now)));
        }
        return cards;
      });
}

}  // namespace hiresafe::disclosure
