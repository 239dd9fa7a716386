// What an employer recruiter sees of a resume sent to their company (RES-5, RES-7): the
// snapshot taken when the seeker applied, at the applicant level (full name, no contact
// fields), decided by the same rules as every other view of a seeker (resume_views.hpp).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "disclosure/access_log.hpp"
#include "disclosure/resume_views.hpp"
#include "hiring/application_store.hpp"
#include "store/database.hpp"

namespace hiresafe::disclosure {

// The view of one application's snapshot for `viewer` through `channel` (kApplication or
// kDownload), after its access record is journaled. 404 when the rules show nothing: an
// application to another company, a headhunter, or a seeker who has since blocked the company.
core::Result<nlohmann::json> view_application(hiresafe::store::Database& db,
                                              const crypto::Keyring& keys, AccessLog& access_log,
                                              const Viewer& viewer, Channel channel,
                                              const hiring::store::ApplicationRow& application,
                                              long long now);

// List cards for a recruiter's applicant list: name, age band, city, latest work and
// education, one per row the rules show, in order. Applications the rules hide (a block since
// applying) and those of erased accounts are left out. A list is not a view: no access record
// (RES-8 lists opened resumes; opening one is view_application). The rows carry their facts
// (ApplicantRow), so this reads nothing.
struct ApplicantCard {
  const hiring::store::ApplicantRow* row;
  nlohmann::json card;
};
core::Result<std::vector<ApplicantCard>> applicant_cards(
    const crypto::Keyring& keys, const Viewer& viewer,
    const std::vector<hiring::store::ApplicantRow>& rows, long long now);

// HIR-3: the contact person a recruiter put on an interview invitation ({name, phone}),
// sealed under that recruiter's key; shown to the interview's two sides only.
core::Result<nlohmann::json> interview_contact(hiresafe::store::Conn& conn,
                                               const crypto::Keyring& keys,
                                               const std::string& recruiter_id,
                                               const std::string& interview_id,
                                               const std::string& contact_enc);
// The field name the contact is sealed under, bound to the interview.
inline std::string interview_contact_field(const std::string& interview_id) {
  return "interview_contact:" + interview_id;
}

// COM-4: the two real numbers a telephony carrier needs to route calls through a virtual
// number (recruiter first, seeker second). Handing them to the carrier is an export to a third
// party, so each is an access record with purpose "virtual_number".
core::Result<std::pair<std::string, std::string>> phones_for_carrier(
    hiresafe::store::Database& db, const crypto::Keyring& keys, AccessLog& access_log,
    const std::string& recruiter_id, const std::string& seeker_id,
    const std::string& application_id, long long now);

}  // namespace hiresafe::disclosure
