#include "hiring/interview_service.hpp"

#include <libical/ical.h>

#include <memory>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "disclosure/application_views.hpp"
#include "hiring/notifications.hpp"
#include "jobs/job_store.hpp"

namespace hiresafe::hiring {

using core::Error;
using core::Result;
using nlohmann::json;

namespace {
constexpr const char* kProposed = "proposed";
constexpr const char* kAccepted = "accepted";
constexpr const char* kDeclined = "declined";
constexpr const char* kCancelled = "cancelled";

bool terminal_application(const std::string& status) {
  return status == kOffer || status == kRejected || status == kWithdrawn;
}

void text_field(std::vector<core::FieldError>& p, const char* field, const std::string& v,
                std::size_t max) {
  if (v.empty() || v.size() > max || !core::clean_utf8(v))
    p.push_back({field, "must be 1-" + std::to_string(max) + " bytes of plain text"});
}

// What a notification about an interview says: ids, public labels and the time.
json labels(const Interview& iv) {
  return {{"interview_id", iv.row.id},     {"application_id", iv.row.application_id},
          {"job_title", iv.job_title},     {"company_name", iv.company_name},
          {"starts_at", iv.row.starts_at}, {"status", iv.row.status}};
}

}  // namespace

Result<std::string> InterviewService::sealed_contact(store::Conn& conn,
                                                     const std::string& recruiter_id,
                                                     const std::string& interview_id,
                                                     const InterviewInput& in) const {
  HS_TRY(auto key, keys_.person_key(conn, recruiter_id));
  return crypto::seal_field(
      key, recruiter_id, disclosure::interview_contact_field(interview_id),
      json{{"name", in.contact_name}, {"phone", in.contact_phone.value_or("")}}.dump());
}

Result<store::InterviewRow> InterviewService::read_interview(const std::string& id) {
  return db_.read<store::InterviewRow>([&](store::Conn& conn) -> Result<store::InterviewRow> {
    auto row = store::interview_by_id(conn, id);
    if (!row) return Error::not_found("No such interview");
    return std::move(*row);
  });
}

Result<store::ApplicationRow> InterviewService::recruiter_side(const identity::Auth& auth,
                                                               const std::string& id) {
  HS_TRY(auto current, read_interview(id));
  HS_TRY(auto side, party(auth, current.application_id));
  if (side.second != Side::kRecruiter) return Error::not_found("No such interview");
  return std::move(side.first);
}

core::Status InterviewService::validate(const InterviewInput& in) const {
  std::vector<core::FieldError> p;
  if (in.starts_at <= clock_.now()) p.push_back({"starts_at", "must be in the future"});
  if (in.starts_at > clock_.now() + 366LL * 86400)
    p.push_back({"starts_at", "must be within a year"});
  if (in.duration_minutes < 10 || in.duration_minutes > 480)
    p.push_back({"duration_minutes", "must be 10 to 480"});
  if (in.mode == "onsite") {
    if (!in.place) p.push_back({"place", "an onsite interview needs a place"});
  } else if (in.mode == "online") {
    if (!in.link) p.push_back({"link", "an online interview needs a link"});
  } else {
    p.push_back({"mode", "must be onsite or online"});
  }
  if (in.place) text_field(p, "place", *in.place, 300);
  if (in.link) {
    text_field(p, "link", *in.link, 500);
    if (!in.link->starts_with("https://") && !in.link->starts_with("http://"))
      p.push_back({"link", "must be an http(s) URL"});
  }
  text_field(p, "contact_name", in.contact_name, 60);
  if (in.contact_phone) {
    const auto& v = *in.contact_phone;
    bool ok = v.size() >= 3 && v.size() <= 30;
    for (char c : v)
      ok = ok && (std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == ' ' ||
                  c == '(' || c == ')');
    if (!ok) p.push_back({"contact_phone", "must be a phone number (digits, +, -, spaces)"});
  }
  if (!p.empty()) return Error::invalid(std::move(p));
  return core::Unit{};
}

Result<std::pair<store::ApplicationRow, InterviewService::Side>> InterviewService::party(
    const identity::Auth& auth, const std::string& application_id) {
  HS_TRY(auto own, db_.read<std::optional<store::ApplicationRow>>(
                       [&](store::Conn& conn) -> Result<std::optional<store::ApplicationRow>> {
                         auto row = store::application_by_id(conn, application_id);
                         if (row && row->seeker_id == auth.user_id) return row;
                         return std::optional<store::ApplicationRow>();
                       }));
  if (own) return std::pair{std::move(*own), Side::kSeeker};
  if (auth.active_role != "recruiter") return Error::not_found("No such interview");
  HS_TRY(auto row, applications_.recruiter_application(auth, application_id));
  return std::pair{std::move(row), Side::kRecruiter};
}

Result<Interview> InterviewService::view(store::Conn& conn, store::InterviewRow row) const {
  Interview out;
  HS_TRY(out.contact,
         disclosure::interview_contact(conn, keys_, row.recruiter_id, row.id, row.contact_enc));
  if (auto app = store::application_by_id(conn, row.application_id))
    if (auto job = jobs::store::job_by_id(conn, app->job_id)) {
      out.job_title = job->title;
      out.company_name = job->company_name;
    }
  out.row = std::move(row);
  return out;
}

Result<Interview> InterviewService::propose(const identity::Auth& auth,
                                            const std::string& application_id,
                                            const InterviewInput& in) {
  HS_TRY(auto app, applications_.recruiter_application(auth, application_id));
  HS_CHECK(validate(in));
  const long long now = clock_.now();
  return db_.transaction<Interview>([&](store::Conn& conn) -> Result<Interview> {
    auto fresh = store::application_by_id(conn, app.id);
    if (!fresh) return Error::not_found("No such application");
    if (terminal_application(fresh->status))
      return Error::conflict("application-closed", "This application is closed");
    store::InterviewRow row;
    row.id = core::new_id("iv_");
    row.application_id = fresh->id;
    row.seeker_id = fresh->seeker_id;
    row.recruiter_id = auth.user_id;
    row.starts_at = in.starts_at;
    row.duration_minutes = in.duration_minutes;
    row.mode = in.mode;
    row.place = in.place;
    row.link = in.link;
    HS_TRY(row.contact_enc, sealed_contact(conn, auth.user_id, row.id, in));
    row.status = kProposed;
    row.created_at = row.updated_at = now;
    store::insert_interview(conn, row);
    // HIR-1: proposing the first interview moves the application to "interview" (which
    // notifies the seeker); a further interview on it notifies them on its own.
    if (fresh->status != kInterview)
      ApplicationService::advance(conn, *fresh, kInterview, "recruiter", std::nullopt, now);
    HS_TRY(auto out, view(conn, row));
    notify(conn, row.seeker_id, "interview.proposed", row.id, labels(out), now);
    return out;
  });
}

Result<Interview> InterviewService::reschedule(const identity::Auth& auth, const std::string& id,
                                               const InterviewInput& in,
                                               std::optional<long long> expected_version) {
  HS_CHECK(validate(in));
  HS_TRY(auto app, recruiter_side(auth, id));
  const long long now = clock_.now();
  return db_.transaction<Interview>([&](store::Conn& conn) -> Result<Interview> {
    auto row = store::interview_by_id(conn, id);
    if (!row) return Error::not_found("No such interview");
    if (expected_version && *expected_version != row->version)
      return Error::stale("stale-version", "The interview changed since you read it");
    if (row->status == kCancelled)
      return Error::conflict("interview-cancelled", "A cancelled interview cannot be moved");
    if (terminal_application(app.status))
      return Error::conflict("application-closed", "This application is closed");
    const long long expected = row->version;
    row->starts_at = in.starts_at;
    row->duration_minutes = in.duration_minutes;
    row->mode = in.mode;
    row->place = in.place;
    row->link = in.link;
    // The contact is re-sealed under the key of whoever reschedules: it is now their data.
    row->recruiter_id = auth.user_id;
    HS_TRY(row->contact_enc, sealed_contact(conn, auth.user_id, row->id, in));
    row->status = kProposed;  // a new time needs the seeker's answer again
    row->decline_reason.reset();
    row->version = expected + 1;
    row->updated_at = now;
    if (!store::update_interview(conn, *row, expected))
      return Error::stale("stale-version", "The interview changed since you read it");
    HS_TRY(auto out, view(conn, *row));
    notify(conn, row->seeker_id, "interview.rescheduled", row->id, labels(out), now);
    return out;
  });
}

Result<Interview> InterviewService::cancel(const identity::Auth& auth, const std::string& id) {
  HS_TRY(auto app, recruiter_side(auth, id));
  const long long now = clock_.now();
  return db_.transaction<Interview>([&](store::Conn& conn) -> Result<Interview> {
    auto row = store::interview_by_id(conn, id);
    if (!row) return Error::not_found("No such interview");
    if (row->status == kCancelled) return view(conn, *row);
    const long long expected = row->version;
    row->status = kCancelled;
    row->version = expected + 1;
    row->updated_at = now;
    if (!store::update_interview(conn, *row, expected))
      return Error::conflict("interview-changed", "The interview changed; read it again");
    HS_TRY(auto out, view(conn, *row));
    notify(conn, row->seeker_id, "interview.cancelled", row->id, labels(out), now);
    return out;
  });
}

Result<Interview> InterviewService::seeker_answer(const identity::Auth& auth, const std::string& id,
                                                  const std::string& status,
                                                  const std::optional<std::string>& reason) {
  if (reason && (reason->size() > 500 || !core::clean_utf8(*reason)))
    return Error::invalid("reason", "must be at most 500 bytes of plain text");
  const long long now = clock_.now();
  return db_.transaction<Interview>([&](store::Conn& conn) -> Result<Interview> {
    auto row = store::interview_by_id(conn, id);
    if (!row || row->seeker_id != auth.user_id) return Error::not_found("No such interview");
    if (row->status == status) return view(conn, *row);  // a repeated answer changes nothing
    if (row->status != kProposed)
      return Error::conflict("interview-not-pending",
                             "Only a proposed interview can be accepted or declined");
    const long long expected = row->version;
    row->status = status;
    row->decline_reason = status == kDeclined ? reason : std::nullopt;
    row->version = expected + 1;
    row->updated_at = now;
    if (!store::update_interview(conn, *row, expected))
      return Error::conflict("interview-changed", "The interview changed; read it again");
    HS_TRY(auto out, view(conn, *row));
    notify(conn, row->recruiter_id, "interview." + status, row->id, labels(out), now);
    return out;
  });
}

Result<Interview> InterviewService::accept(const identity::Auth& auth, const std::string& id) {
  return seeker_answer(auth, id, kAccepted, std::nullopt);
}

Result<Interview> InterviewService::decline(const identity::Auth& auth, const std::string& id,
                                            const std::optional<std::string>& reason) {
  return seeker_answer(auth, id, kDeclined, reason);
}

Result<Interview> InterviewService::get(const identity::Auth& auth, const std::string& id) {
  HS_TRY(auto row, read_interview(id));
  HS_CHECK(party(auth, row.application_id));
  return db_.read<Interview>([&](store::Conn& conn) { return view(conn, row); });
}

Result<std::vector<Interview>> InterviewService::of_application(const identity::Auth& auth,
                                                                const std::string& application_id) {
  HS_CHECK(party(auth, application_id));
  return db_.read<std::vector<Interview>>([&](store::Conn& conn) -> Result<std::vector<Interview>> {
    std::vector<Interview> out;
    for (auto& row : store::interviews_of_application(conn, application_id)) {
      HS_TRY(auto v, view(conn, std::move(row)));
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<std::string> InterviewService::calendar(const identity::Auth& auth, const std::string& id) {
  HS_TRY(auto iv, get(auth, id));
  if (iv.row.status != kAccepted)
    return Error::conflict("interview-not-accepted",
                           "A calendar file exists once the interview is accepted");
  // libical writes the RFC 5545 text: escaping, UTF-8-safe line folding, UTC times.
  icaltimezone* utc = icaltimezone_get_utc_timezone();
  std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> cal(
      icalcomponent_new(ICAL_VCALENDAR_COMPONENT), icalcomponent_free);
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//hiresafe//interviews//ZH"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  const std::string uid = iv.row.id + "@hiresafe";
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_sequence(static_cast<int>(iv.row.version)));
  icalcomponent_add_property(
      event, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(clock_.now(), 0, utc)));
  icalcomponent_add_property(
      event, icalproperty_new_dtstart(icaltime_from_timet_with_zone(iv.row.starts_at, 0, utc)));
  icalcomponent_add_property(event, icalproperty_new_duration(icaldurationtype_from_int(
                                        static_cast<int>(iv.row.duration_minutes * 60))));
  const std::string summary = "面试：" + iv.job_title + " · " + iv.company_name;
  icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
  const std::string location =
      iv.row.mode == "online" ? iv.row.link.value_or("") : iv.row.place.value_or("");
  icalcomponent_add_property(event, icalproperty_new_location(location.c_str()));
  if (iv.row.link) icalcomponent_add_property(event, icalproperty_new_url(iv.row.link->c_str()));
  std::string description = "联系人: " + iv.contact.value("name", "");
  if (!iv.contact.value("phone", "").empty()) description += " " + iv.contact.value("phone", "");
  icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
  icalcomponent_add_property(event, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
  icalcomponent_add_component(cal.get(), event);
  char* text = icalcomponent_as_ical_string_r(cal.get());
  if (!text) return Error::internal("libical could not write the calendar");
  std::string out(text);
  free(text);
  return out;
}

}  // namespace hiresafe::hiring
