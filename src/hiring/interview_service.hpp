// Interview invitations on an application (HIR-3): a recruiter of the post's company proposes
// a time, length, place or online link and a contact person; the seeker accepts or declines
// (with an optional reason); a recruiter may reschedule (which asks the seeker again) or
// cancel; an accepted interview comes as an iCalendar file.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "hiring/application_service.hpp"
#include "hiring/interview_store.hpp"
#include "identity/identity_service.hpp"
#include "store/database.hpp"

namespace hiresafe::hiring {

struct InterviewInput {
  long long starts_at = 0, duration_minutes = 0;
  std::string mode;  // onsite | online
  std::optional<std::string> place, link;
  std::string contact_name;
  std::optional<std::string> contact_phone;
};

struct Interview {
  store::InterviewRow row;
  nlohmann::json contact;  // {name, phone}: what the recruiter chose to give the seeker
  std::string job_title, company_name;
};

class InterviewService {
 public:
  InterviewService(hiresafe::store::Database& db, const crypto::Keyring& keys,
                   const core::Clock& clock, ApplicationService& applications)
      : db_(db), keys_(keys), clock_(clock), applications_(applications) {}

  core::Result<Interview> propose(const identity::Auth& auth, const std::string& application_id,
                                  const InterviewInput& in);
  // `expected_version` (If-Match) guards against rescheduling over a change not yet seen.
  core::Result<Interview> reschedule(const identity::Auth& auth, const std::string& id,
                                     const InterviewInput& in,
                                     std::optional<long long> expected_version);
  core::Result<Interview> cancel(const identity::Auth& auth, const std::string& id);
  core::Result<Interview> accept(const identity::Auth& auth, const std::string& id);
  core::Result<Interview> decline(const identity::Auth& auth, const std::string& id,
                                  const std::optional<std::string>& reason);
  core::Result<Interview> get(const identity::Auth& auth, const std::string& id);
  core::Result<std::vector<Interview>> of_application(const identity::Auth& auth,
                                                      const std::string& application_id);
  // RFC 5545 text of an accepted interview; 409 before it is accepted.
  core::Result<std::string> calendar(const identity::Auth& auth, const std::string& id);

 private:
  enum class Side { kSeeker, kRecruiter };
  core::Status validate(const InterviewInput& in) const;
  // The application behind an interview or id, if the caller is its seeker or a recruiter of
  // its company; 404 otherwise.
  core::Result<std::pair<store::ApplicationRow, Side>> party(const identity::Auth& auth,
                                                             const std::string& application_id);
  core::Result<Interview> seeker_answer(const identity::Auth& auth, const std::string& id,
                                        const std::string& status,
                                        const std::optional<std::string>& reason);
  core::Result<Interview> view(store::Conn& conn, store::InterviewRow row) const;
  core::Result<store::InterviewRow> read_interview(const std::string& id);
  // The interview's application when the caller is a recruiter of its company; 404 otherwise.
  core::Result<store::ApplicationRow> recruiter_side(const identity::Auth& auth,
                                                     const std::string& id);
  // The contact person as the recruiter's own data, sealed under their key.
  core::Result<std::string> sealed_contact(store::Conn& conn, const std::string& recruiter_id,
                                           const std::string& interview_id,
                                           const InterviewInput& in) const;

  hiresafe::store::Database& db_;
  const crypto::Keyring& keys_;
  const core::Clock& clock_;
  ApplicationService& applications_;
};

}  // namespace hiresafe::hiring
