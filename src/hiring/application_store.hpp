// SQL for applications, their event history and in-app notifications.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace hiresafe::hiring::store {

using hiresafe::store::Conn;

struct ApplicationRow {
  std::string id, job_id, company_id, seeker_id, resume_id, resume_title, snapshot_content,
      snapshot_identity_enc, status;
  long long created_at = 0, updated_at = 0;
  std::optional<long long> viewed_at;
};

struct EventRow {
  std::string id, application_id, status, actor_role;
  std::optional<std::string> note;
  long long at = 0;
};

// The seeker's side of the list: the application with its post's public labels.
struct SeekerApplicationRow {
  ApplicationRow app;
  std::string job_title, job_status, company_name;
  long long job_expires_at = 0;
};

// The resume as sent (RES-7): its content (what a masked view may show) and its identifying
// part as the resume's own ciphertext. Kept once per version of the resume (migration 0014),
// under the id snapshot_id() names.
struct Snapshot {
  std::string content, identity_enc;
};
std::string snapshot_id(const std::string& resume_id, long long version);

// What applying to `job_id` with `resume_id` depends on, read in one statement: the post, the
// resume (when it exists) and whether the seeker blocked the post's company. Empty when the post
// does not exist. Whether the seeker applied before is left to the INSERT's unique key (see
// ApplicationService::apply). SQLite reads it before every insert; PostgreSQL checks the same
// inside its INSERT and reads this only to say why one was refused.
struct ApplyFacts {
  std::string job_status, company_id, job_title, company_name;
  long long expires_at = 0;
  std::optional<std::string> resume_owner, resume_title;
  long long resume_version = 0;
  bool blocked = false;
  // SQLite only: the resume's snapshot, read here by a reader so that the single writer only
  // inserts; empty when this version's snapshot is stored already. PostgreSQL's INSERT copies
  // it inside the database instead (insert_applications).
  std::optional<Snapshot> snapshot;
};
std::optional<ApplyFacts> apply_facts(Conn& conn, const std::string& job_id,
                                      const std::string& seeker_id, const std::string& resume_id);

// A new application as the service decided it. On SQLite it carries the post's company, the
// resume's title and version and the snapshot the checks read (when that version has none
// stored yet); on PostgreSQL the INSERT reads them itself.
struct NewApplication {
  std::string id, job_id, company_id, seeker_id, resume_id, status;
  long long at = 0;  // created and updated
  std::string resume_title;
  long long resume_version = 0;
  std::optional<Snapshot> snapshot;
};
// SQLite only: true when inserted; false when the seeker already applied to that post (the
// unique key), in which case no snapshot is left behind either.
bool insert_application(Conn& conn, const NewApplication& application);
// An application insert_applications stored, with what its answer names.
struct Stored {
  std::string id, company_id, resume_title, job_title, company_name;
};
// PostgreSQL only: inserts `rows` with one statement (one commit in autocommit), each checked
// in that statement as ApplyFacts would have it (post open and not expired at the row's time,
// the resume the seeker's, the company not blocked by them) and with its snapshot copied from
// `resumes` inside the database, so it never travels through the server. Returns the rows
// stored; a row left out failed a check or lost to an application of the same seeker to the
// same post, stored before or earlier in `rows` (the caller finds out which). Any other failure
// throws, and none is kept. The post's totals are added to in `flight` (migration 0012): one
// per batch running at once, so that concurrent batches never wait for each other's row lock.
std::vector<Stored> insert_applications(Conn& conn, const std::vector<const NewApplication*>& rows,
                                        int flight);
std::optional<ApplicationRow> application_by_id(Conn& conn, const std::string& id);
std::optional<ApplicationRow> application_of(Conn& conn, const std::string& job_id,
                                             const std::string& seeker_id);
// Moves `app` from the status it was read with to `to`; false when its status had changed since
// (a concurrent change won), so callers never overwrite a state they did not read.
bool update_status(Conn& conn, const ApplicationRow& app, const std::string& to, long long now,
                   bool mark_viewed);
void insert_event(Conn& conn, const EventRow& row);
// The application's history, oldest first: its submission (the row itself: applying writes no
// event) and then every recorded move.
std::vector<EventRow> events_of(soci::session& sql, const ApplicationRow& app);

std::vector<SeekerApplicationRow> applications_of_seeker(Conn& conn, const std::string& seeker_id,
                                                         int limit);

enum class ListOrder { kNewest, kOldest, kUpdated };
struct JobListQuery {
  std::string job_id;
  std::optional<std::string> status;
  ListOrder order = ListOrder::kNewest;
  // Keyset cursor: the sort key and id of the last row of the previous page.
  std::optional<long long> after_key;
  std::optional<std::string> after_id;
  int limit = 20;
};
// One row of a recruiter's applicant list, with the facts the disclosure layer decides and
// renders on, read in the same statement: whether the seeker has blocked the company since
// applying, and the seeker's wrapped key (the snapshot's identity is sealed under it; none
// once the account is erased, which crypto-shreds it).
struct ApplicantRow {
  ApplicationRow app;
  bool blocked = false;
  std::optional<std::string> wrapped_key;
};
// Applications to one post for its recruiters, one page in one statement.
std::vector<ApplicantRow> applications_of_job(Conn& conn, const JobListQuery& q);
// How many applications the post holds (in `status`, if given), from the kept totals.
long long count_of_job(Conn& conn, const std::string& job_id,
                       const std::optional<std::string>& status);

struct NotificationRow {
  std::string id, user_id, kind, object_id, payload;
  long long created_at = 0;
  std::optional<long long> read_at;
};
void insert_notification(Conn& conn, const NotificationRow& row);
std::vector<NotificationRow> notifications_of(soci::session& sql, const std::string& user_id,
                                              int limit);
long long unread_count(soci::session& sql, const std::string& user_id);
// False when the user has no such notification.
bool mark_read(soci::session& sql, const std::string& user_id, const std::string& id,
               long long now);

}  // namespace hiresafe::hiring::store
