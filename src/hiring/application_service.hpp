// Applications (HIR-1, RES-5, RES-7): a seeker applies to an open post with one of their
// resumes; the post's company's recruiters list, open and move it; every move reaches the
// seeker. What a recruiter sees of the applicant comes from disclosure/, and their phone only
// as a virtual number (COM-4).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "disclosure/access_log.hpp"
#include "hiring/application_states.hpp"
#include "hiring/application_store.hpp"
#include "hiring/virtual_numbers.hpp"
#include "identity/identity_service.hpp"
#include "jobs/taxonomy.hpp"
#include "resumes/resume_service.hpp"
#include "store/combiner.hpp"
#include "store/database.hpp"

namespace hiresafe::hiring {

// Whether `actor` ("seeker" or "recruiter") may move an application from `from` to `to`.
bool transition_allowed(const std::string& from, const std::string& to, const std::string& actor);

struct Application {
  store::ApplicationRow row;
  std::string job_title, job_status, company_name;
};

struct Applied {
  Application application;
  bool created = false;  // false: the seeker had already applied; this is that application
};

struct SeekerApplication {
  Application application;
  std::vector<store::EventRow> events;
};

struct ApplicantQuery {
  std::optional<std::string> status;
  store::ListOrder order = store::ListOrder::kNewest;
  // Keyset position: the sort key and id of the previous page's last item.
  std::optional<std::pair<long long, std::string>> after;
  int limit = 20;
};

struct ApplicantPage {
  std::vector<nlohmann::json> items;  // cards from disclosure/, with the application's state
  long long total = 0;
  std::optional<std::pair<long long, std::string>> next;
};

// An application as its recruiter opens it.
struct OpenedApplication {
  Application application;
  nlohmann::json resume;          // the snapshot at the applicant level (RES-5)
  bool contact_allowed = false;   // RES-11
  std::optional<Binding> number;  // the live virtual number of this pair, if any (COM-4)
  std::vector<store::EventRow> events;
};

struct ResumePdf {
  std::string bytes, file_name;
};

class ApplicationService {
 public:
  ApplicationService(hiresafe::store::Database& db, const crypto::Keyring& keys,
                     const core::Clock& clock, const jobs::Taxonomy& taxonomy,
                     resumes::ResumeService& resumes, disclosure::AccessLog& access_log,
                     VirtualNumbers& numbers)
      : db_(db),
        keys_(keys),
        clock_(clock),
        taxonomy_(taxonomy),
        resumes_(resumes),
        access_log_(access_log),
        numbers_(numbers) {
    if (db_.dialect() == hiresafe::store::Dialect::kPostgres)
      inserts_.emplace([this](const std::vector<const store::NewApplication*>& rows,
                              std::size_t flight) { return insert_batch(rows, flight); },
                       kMaxInsertBatch, kInsertFlights, kMinExtraBatch);
  }

  // Seekers.
  core::Result<Applied> apply(const identity::Auth& auth, const std::string& job_id,
                              const std::string& resume_id);
  core::Result<std::vector<Application>> mine(const identity::Auth& auth);
  core::Result<SeekerApplication> mine_one(const identity::Auth& auth, const std::string& id);
  core::Result<Application> withdraw(const identity::Auth& auth, const std::string& id,
                                     const std::optional<std::string>& note);

  // Recruiters of the post's company (VER-3 first).
  core::Result<ApplicantPage> for_job(const identity::Auth& auth, const std::string& job_id,
                                      const ApplicantQuery& query);
  // Opening moves a submitted application to viewed (HIR-1).
  core::Result<OpenedApplication> open(const identity::Auth& auth, const std::string& id);
  // status: interview | offer | rejected.
  core::Result<Application> move(const identity::Auth& auth, const std::string& id,
                                 const std::string& status, const std::optional<std::string>& note);
  // COM-4, RES-11: the pair's virtual number, bound now or reused.
  core::Result<Binding> number_for(const identity::Auth& auth, const std::string& id);
  // RES-7: employer recruiters only; the PDF carries the virtual number and a watermark.
  core::Result<ResumePdf> download(const identity::Auth& auth, const std::string& id);

  // PostgreSQL's batched applies so far: rows stored through the batches and the statements
  // that carried them (both zero on SQLite), for the log line `serve` writes when it stops.
  struct InsertStats {
    long long rows = 0, statements = 0;
  };
  InsertStats insert_stats() const {
    if (!inserts_) return {};
    return {inserts_->items(), inserts_->batches()};
  }

  // Moves an application as a side effect of another action (an interview proposed), in the
  // caller's transaction; records the event and notifies the seeker. False when not allowed.
  static bool advance(store::Conn& conn, const store::ApplicationRow& app, const std::string& to,
                      const std::string& actor, const std::optional<std::string>& note,
                      long long now);

  // The recruiter's application after the VER-3 and company checks, for interviews.
  core::Result<store::ApplicationRow> recruiter_application(const identity::Auth& auth,
                                                            const std::string& id,
                                                            disclosure::Viewer* viewer = nullptr);

 private:
  // RES-11 and the application's state checked, then the pair's number bound or reused.
  core::Result<Binding> bind_number(const identity::Auth& auth, const store::ApplicationRow& row);
  core::Result<Application> labelled(store::Conn& conn, store::ApplicationRow row) const;
  // The apply checks (post open, resume the seeker's, company not blocked), read in one
  // statement; the error a failing one answers with.
  core::Result<store::ApplyFacts> checked(const identity::Auth& auth, const std::string& job_id,
                                          const std::string& resume_id, long long now);
  // The seeker's application to the post, if any.
  core::Result<std::optional<Application>> earlier(const identity::Auth& auth,
                                                   const std::string& job_id);
  // PostgreSQL: the stored application, or nothing when its checks or the unique key refused it.
  using Inserted = core::Result<std::optional<store::Stored>>;
  std::vector<Inserted> insert_batch(const std::vector<const store::NewApplication*>& rows,
                                     std::size_t flight);
  core::Result<store::ApplicationRow> recruiter_row(const disclosure::Viewer& viewer,
                                                    const std::string& id);

  hiresafe::store::Database& db_;
  const crypto::Keyring& keys_;
  const core::Clock& clock_;
  const jobs::Taxonomy& taxonomy_;  // city and category names in the PDF
  resumes::ResumeService& resumes_;
  disclosure::AccessLog& access_log_;
  VirtualNumbers& numbers_;
  // PostgreSQL commits each autocommit INSERT on its own: a commit, a statement and an
  // executor start-up per application. Applies that arrive while a batch is being written go
  // out in the next one, one INSERT of up to kMaxInsertBatch rows. SQLite needs none of this:
  // its writer already commits concurrent transactions together (Database::transaction).
  // Two batches may run at once, the second only once kMinExtraBatch applies wait (see
  // store::Combiner): one batch at a time left the other core idle while it waited for its
  // commit, and p99 at 3,000 applies/s went from 26–31 ms to 18–28 ms with two
  // (docs/benchmarks.md, session 16).
  static constexpr std::size_t kMaxInsertBatch = 64;
  static constexpr std::size_t kInsertFlights = 2;
  static constexpr std::size_t kMinExtraBatch = 8;
  std::optional<hiresafe::store::Combiner<store::NewApplication, Inserted>> inserts_;
};

}  // namespace hiresafe::hiring
