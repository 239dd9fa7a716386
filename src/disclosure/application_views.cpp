#include "disclosure/application_views.hpp"

#include "identity/identity_store.hpp"
#include "resumes/resume_document.hpp"
#include "resumes/resume_store.hpp"

namespace hiresafe::disclosure {

using nlohmann::json;

namespace {

// The decision for one application; `applied` holds only for the company it was sent to.
Decision decide_for(const Viewer& viewer, Channel channel,
                    const hiring::store::ApplicationRow& app, bool blocked) {
  ResumeFacts facts{"public"};
  facts.applied = viewer.company_id && *viewer.company_id == app.company_id;
  facts.blocked = facts.applied && blocked;
  return decide(viewer.kind, channel, facts);
}

Decision decide_for(hiresafe::store::Conn& conn, const Viewer& viewer, Channel channel,
                    const hiring::store::ApplicationRow& app) {
  const bool applied = viewer.company_id && *viewer.company_id == app.company_id;
  return decide_for(viewer, channel, app,
                    applied && resumes::store::is_blocked(conn, app.seeker_id, app.company_id));
}

core::Result<json> rendered(hiresafe::store::Conn& conn, const crypto::Keyring& keys,
                            const hiring::store::ApplicationRow& app, Level level, long long now) {
  HS_TRY(auto key, keys.person_key(conn, app.seeker_id));
  // The snapshot holds the resume's own ciphertext, bound to the resume's id.
  HS_TRY(auto sealed, crypto::open_field(key, app.seeker_id, resumes::identity_field(app.resume_id),
                                         app.snapshot_identity_enc));
  json view = json::parse(render_text(level, app.snapshot_content, json::parse(sealed),
                                     app.resume_id, app.created_at, now));
  view["title"] = app.resume_title;
  return view;
}

}  // namespace

core::Result<json> view_application(hiresafe::store::Database& db, const crypto::Keyring& keys,
                                    AccessLog& access_log, const Viewer& viewer, Channel channel,
                                    const hiring::store::ApplicationRow& app, long long now) {
  struct Read {
    json view;
    Level level;
  };
  HS_TRY(Read read, db.read<Read>([&](hiresafe::store::Conn& conn) -> core::Result<Read> {
    const Decision decision = decide_for(conn, viewer, channel, app);
    if (decision.level == Level::kNone) return core::Error::not_found("No such application");
    HS_TRY(json view, rendered(conn, keys, app, decision.level, now));
    return Read{std::move(view), decision.level};
  }));
  HS_CHECK(access_log.record({kind_name(viewer.kind), viewer.user_id, app.seeker_id, "resume",
                              purpose_of(viewer.kind, channel), std::nullopt, viewer.company_id,
                              app.resume_id, joined(fields_at(read.level))},
                             now));
  return std::move(read.view);
}

core::Result<std::vector<ApplicantCard>> applicant_cards(
    const crypto::Keyring& keys, const Viewer& viewer,
    const std::vector<hiring::store::ApplicantRow>& rows, long long now) {
  std::vector<ApplicantCard> cards;
  for (const auto& row : rows) {
    const auto& app = row.app;
    if (decide_for(viewer, Channel::kApplication, app, row.blocked).level == Level::kNone ||
        !row.wrapped_key)
      continue;
    HS_TRY(auto key, keys.unwrap_person_key(*row.wrapped_key, app.seeker_id));
    HS_TRY(auto sealed, crypto::open_field(key, app.seeker_id,
                                           resumes::identity_field(app.resume_id),
                                           app.snapshot_identity_enc));
    json view = render(Level::kApplicant, parse_card_content(app.snapshot_content),
                       json::parse(sealed), app.resume_id, app.created_at, now);
    json name = std::move(view["name"]);
    json card = card_of(std::move(view));
    card.erase("display_name");
    card.erase("id");
    card.erase("updated_at");
    card["name"] = name.is_string() ? std::move(name) : json("");
    card["resume_id"] = app.resume_id;
    card["resume_title"] = app.resume_title;
    cards.push_back({&row, std::move(card)});
  }
  return cards;
}

core::Result<json> interview_contact(hiresafe::store::Conn& conn, const crypto::Keyring& keys,
                                     const std::string& recruiter_id,
                                     const std::string& interview_id,
                                     const std::string& contact_enc) {
  HS_TRY(auto key, keys.person_key(conn, recruiter_id));
  HS_TRY(auto text,
         crypto::open_field(key, recruiter_id, interview_contact_field(interview_id), contact_enc));
  return json::parse(text);
}

core::Result<std::pair<std::string, std::string>> phones_for_carrier(
    hiresafe::store::Database& db, const crypto::Keyring& keys, AccessLog& access_log,
    const std::string& recruiter_id, const std::string& seeker_id,
    const std::string& application_id, long long now) {
  const auto phone_of = [&](hiresafe::store::Conn& conn,
                            const std::string& user_id) -> core::Result<std::string> {
    auto user = identity::store::user_by_id(conn, user_id);
    if (!user) return core::Error::not_found("No such user");
    HS_TRY(auto key, keys.person_key(conn, user_id));
    return crypto::open_field(key, user_id, "phone", user->phone_enc);
  };
  using Phones = std::pair<std::string, std::string>;
  HS_TRY(Phones phones, db.read<Phones>([&](hiresafe::store::Conn& conn) -> core::Result<Phones> {
    HS_TRY(auto a, phone_of(conn, recruiter_id));
    HS_TRY(auto b, phone_of(conn, seeker_id));
    return Phones{std::move(a), std::move(b)};
  }));
  for (const auto* subject : {&recruiter_id, &seeker_id})
    HS_CHECK(access_log.record({"carrier", "telephony", *subject, "phone", "virtual_number",
                                std::nullopt, std::nullopt, application_id, "phone"},
                               now));
  return phones;
}

}  // namespace hiresafe::disclosure
