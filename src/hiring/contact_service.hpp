// HIR-2: a verified recruiter or headhunter invites a seeker, found through one of their
// resumes in search or recommendation, to apply to a post or to chat. Refused unless the
// disclosure rules let the inviter see that resume and the seeker allows contact (RES-11).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "hiring/contact_store.hpp"
#include "identity/identity_service.hpp"
#include "resumes/resume_service.hpp"
#include "store/database.hpp"

namespace hiresafe::hiring {

struct InvitationInput {
  std::string resume_id, kind;  // kind: apply | chat
  std::optional<std::string> job_id, message;
};

struct Invited {
  store::InvitationRow invitation;
  bool created = false;  // false: the same pending invitation already existed
};

class ContactService {
 public:
  ContactService(hiresafe::store::Database& db, const core::Clock& clock,
                 resumes::ResumeService& resumes)
      : db_(db), clock_(clock), resumes_(resumes) {}

  core::Result<Invited> invite(const identity::Auth& auth, const InvitationInput& in);
  // Received invitations for a seeker; sent ones for a recruiter or headhunter.
  core::Result<std::vector<store::InvitationRow>> list(const identity::Auth& auth);
  core::Result<store::InvitationRow> answer(const identity::Auth& auth, const std::string& id,
                                            bool accept);

 private:
  hiresafe::store::Database& db_;
  const core::Clock& clock_;
  resumes::ResumeService& resumes_;
};

}  // namespace hiresafe::hiring
