#include "hiring/contact_service.hpp"

#include "core/ids.hpp"
#include "core/text.hpp"
#include "disclosure/resume_views.hpp"
#include "hiring/notifications.hpp"
#include "jobs/job_store.hpp"

namespace hiresafe::hiring {

using core::Error;
using core::Result;

Result<Invited> ContactService::invite(const identity::Auth& auth, const InvitationInput& in) {
  std::vector<core::FieldError> p;
  if (in.kind != "apply" && in.kind != "chat") p.push_back({"kind", "must be apply or chat"});
  if (in.kind == "apply" && !in.job_id)
    p.push_back({"job_id", "an invitation to apply names the post"});
  if (in.message &&
      (in.message->empty() || in.message->size() > 1000 || !core::clean_utf8(*in.message)))
    p.push_back({"message", "must be 1-1000 bytes of plain text"});
  if (!p.empty()) return Error::invalid(std::move(p));
  HS_TRY(auto viewer, resumes_.viewer_of(auth));  // VER-3
  // 404 for a resume the inviter may not see, 403 when contact is off (RES-11).
  HS_TRY(auto seeker_id, disclosure::contactable_seeker(db_, viewer, in.resume_id));
  const long long now = clock_.now();
  return db_.transaction<Invited>([&](store::Conn& conn) -> Result<Invited> {
    std::string job_title;
    if (in.job_id) {
      auto job = jobs::store::job_by_id(conn, *in.job_id);
      if (!job || !viewer.company_id || job->company_id != *viewer.company_id)
        return Error::invalid("job_id", "must be an open post of your company");
      if (job->status != "open" || job->expires_at <= now)
        return Error::conflict("job-not-open", "This post no longer takes applications");
      job_title = job->title;
    }
    if (auto existing =
            store::pending_invitation(conn, auth.user_id, seeker_id, in.kind, in.job_id))
      return Invited{std::move(*existing), false};
    store::InvitationRow row;
    row.id = core::new_id("ci_");
    row.kind = in.kind;
    row.company_id = viewer.company_id;
    row.recruiter_id = auth.user_id;
    row.seeker_id = seeker_id;
    row.resume_id = in.resume_id;
    row.job_id = in.job_id;
    row.message = in.message;
    row.status = "pending";
    row.created_at = now;
    store::insert_invitation(conn, row);
    auto stored = store::invitation_by_id(conn, row.id);
    if (!stored) return Error::internal("invitation vanished after insert");
    notify(conn, seeker_id, "invitation." + in.kind, row.id,
           {{"invitation_id", row.id},
            {"kind", in.kind},
            {"company_name", stored->company_name},
            {"job_id", in.job_id ? nlohmann::json(*in.job_id) : nlohmann::json()},
            {"job_title", stored->job_title}},
           now);
    return Invited{std::move(*stored), true};
  });
}

Result<std::vector<store::InvitationRow>> ContactService::list(const identity::Auth& auth) {
  const bool inviter = auth.active_role == "recruiter" || auth.active_role == "headhunter";
  return db_.read<std::vector<store::InvitationRow>>(
      [&](soci::session& sql) -> Result<std::vector<store::InvitationRow>> {
        return inviter ? store::invitations_from(sql, auth.user_id, 200)
                       : store::invitations_to(sql, auth.user_id, 200);
      });
}

Result<store::InvitationRow> ContactService::answer(const identity::Auth& auth,
                                                    const std::string& id, bool accept) {
  const long long now = clock_.now();
  const std::string status = accept ? "accepted" : "declined";
  return db_.transaction<store::InvitationRow>(
      [&](store::Conn& conn) -> Result<store::InvitationRow> {
        auto row = store::invitation_by_id(conn, id);
        if (!row || row->seeker_id != auth.user_id) return Error::not_found("No such invitation");
        if (row->status == status) return std::move(*row);  // a repeated answer is a no-op
        if (!store::answer_invitation(conn, id, status, now))
          return Error::conflict("invitation-answered", "This invitation was already answered");
        notify(conn, row->recruiter_id, "invitation." + status, row->id,
               {{"invitation_id", row->id}, {"kind", row->kind}}, now);
        row->status = status;
        row->responded_at = now;
        return std::move(*row);
      });
}

}  // namespace hiresafe::hiring
