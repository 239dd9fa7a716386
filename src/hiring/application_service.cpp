#include "hiring/application_service.hpp"

#include <algorithm>
#include <ctime>

#include "companies/company_store.hpp"
#include "core/ids.hpp"
#include "disclosure/application_views.hpp"
#include "hiring/notifications.hpp"
#include "hiring/resume_pdf.hpp"
#include "jobs/job_store.hpp"
#include "resumes/resume_store.hpp"

namespace hiresafe::hiring {

using core::Error;
using core::Result;
using nlohmann::json;

bool transition_allowed(const std::string& from, const std::string& to, const std::string& actor) {
  struct Step {
    const char *from, *to, *actor;
  };
  // A recruiter acting on an application they have not opened yet has seen it by then, so
  // submitted may skip viewed. Withdrawing is possible until an offer is made.
  static constexpr Step kSteps[] = {
      {kSubmitted, kViewed, "recruiter"},   {kSubmitted, kInterview, "recruiter"},
      {kSubmitted, kRejected, "recruiter"}, {kViewed, kInterview, "recruiter"},
      {kViewed, kOffer, "recruiter"},       {kViewed, kRejected, "recruiter"},
      {kInterview, kOffer, "recruiter"},    {kInterview, kRejected, "recruiter"},
      {kSubmitted, kWithdrawn, "seeker"},   {kViewed, kWithdrawn, "seeker"},
      {kInterview, kWithdrawn, "seeker"},
  };
  for (const auto& s : kSteps)
    if (from == s.from && to == s.to && actor == s.actor) return true;
  return false;
}

namespace {

Error illegal(const std::string& from, const std::string& to) {
  return Error::conflict("illegal-transition",
                         "An application in state " + from + " cannot become " + to);
}

// A post past its validity shows as expired, as on the public read.
std::string job_status(const std::string& status, long long expires_at, long long now) {
  return status == "open" && expires_at <= now ? "expired" : status;
}

json labels(const store::ApplicationRow& app, const std::string& job_title,
            const std::string& company_name) {
  return {{"application_id", app.id},
          {"job_id", app.job_id},
          {"job_title", job_title},
          {"company_name", company_name},
          {"status", app.status}};
}

}  // namespace

bool ApplicationService::advance(store::Conn& conn, const store::ApplicationRow& app,
                                 const std::string& to, const std::string& actor,
                                 const std::optional<std::string>& note, long long now) {
  if (!transition_allowed(app.status, to, actor)) return false;
  if (!store::update_status(conn, app, to, now, actor == "recruiter")) return false;
  store::insert_event(conn, {core::new_ordered_id("ae_"), app.id, to, actor, note, now});
  if (actor == "recruiter") {
    // HIR-1: every change made on the company's side reaches the seeker.
    std::string title, company;
    if (auto job = jobs::store::job_by_id(conn, app.job_id)) {
      title = job->title;
      company = job->company_name;
    }
    store::ApplicationRow moved = app;
    moved.status = to;
    notify(conn, app.seeker_id, "application.status", app.id, labels(moved, title, company), now);
  }
  return true;
}

Result<Application> ApplicationService::labelled(store::Conn& conn,
                                                 store::ApplicationRow row) const {
  Application a;
  if (auto job = jobs::store::job_by_id(conn, row.job_id)) {
    a.job_title = job->title;
    a.job_status = job_status(job->status, job->expires_at, clock_.now());
    a.company_name = job->company_name;
  }
  a.row = std::move(row);
  return a;
}

Result<Applied> ApplicationService::apply(const identity::Auth& auth, const std::string& job_id,
                                          const std::string& resume_id) {
  if (!auth.has_role("seeker"))
    return Error::forbidden("role-required", "Applications are sent by job seekers");
  const long long now = clock_.now();
  // HIR-1: once per post; a repeat (or the loser of a double-click) gets the first one. Whether
  // the seeker applied before is not read up front: the INSERT's unique key (job, seeker)
  // answers it on every database the same way. A lookup by (job, seeker) before it could be
  // planned on another index that starts with the post (PostgreSQL, a plan cached while the
  // table was small) and then read every application to the post, each apply slower than the
  // last. A refused apply looks for an earlier application only then, so a repeat after the
  // post closed still answers 200 with it.
  // Time-ordered ids: new applications append to the primary-key index instead of touching a
  // random leaf page each (80 random bits remain, so ids stay unguessable).
  store::NewApplication fresh;
  fresh.id = core::new_ordered_id("a_");
  fresh.job_id = job_id;
  fresh.seeker_id = auth.user_id;
  fresh.resume_id = resume_id;
  fresh.status = kSubmitted;
  fresh.at = now;
  if (inserts_) {
    // PostgreSQL: the checks are part of the batch INSERT, so a stored application costs no
    // statement of its own. Reading them first cost a round trip and ~40 µs of the database's
    // time per apply (docs/benchmarks.md, session 16).
    HS_TRY(auto stored, inserts_->submit(fresh));
    if (stored) {
      store::ApplicationRow row{
          fresh.id, job_id, stored->company_id, auth.user_id, resume_id, stored->resume_title,
          "",       "",     kSubmitted,         now,          now,       std::nullopt};
      return Applied{Application{std::move(row), stored->job_title, "open", stored->company_name},
                     true};
    }
    // Refused: an earlier application, or a check that failed, says why.
    HS_TRY(auto before, earlier(auth, job_id));
    if (before) return Applied{std::move(*before), false};
    auto check = checked(auth, job_id, resume_id, now);
    if (!check) return std::move(check).error();
    // Every check passes now: the post or the resume changed while the INSERT ran.
    return Error::conflict("apply-interrupted",
                           "The post or the resume changed while applying; try again");
  }
  // SQLite: the checks are read on a pooled connection, in one statement, so the write below
  // holds the single writer only for its insert. A post closed in between still takes this
  // one application, as if it had arrived a moment earlier.
  auto facts = checked(auth, job_id, resume_id, now);
  if (!facts) {
    HS_TRY(auto before, earlier(auth, job_id));
    if (before) return Applied{std::move(*before), false};
    return std::move(facts).error();
  }
  const store::ApplyFacts& f = *facts;
  fresh.company_id = f.company_id;
  fresh.resume_title = f.resume_title.value_or("");
  fresh.resume_version = f.resume_version;
  fresh.snapshot = f.snapshot;
  HS_TRY(bool inserted, db_.single_statement<bool>([&](store::Conn& conn) -> Result<bool> {
    return store::insert_application(conn, fresh);
  }));
  if (inserted) {
    store::ApplicationRow row{
        fresh.id, job_id, f.company_id, auth.user_id, resume_id, f.resume_title.value_or(""),
        "",       "",     kSubmitted,   now,          now,       std::nullopt};
    return Applied{Application{std::move(row), f.job_title, f.job_status, f.company_name}, true};
  }
  HS_TRY(auto before, earlier(auth, job_id));
  // Nothing stored and nothing earlier: the resume was deleted since the checks.
  if (!before) return Error::invalid("resume_id", "must be one of your resumes");
  return Applied{std::move(*before), false};
}

Result<store::ApplyFacts> ApplicationService::checked(const identity::Auth& auth,
                                                      const std::string& job_id,
                                                      const std::string& resume_id, long long now) {
  return db_.read<store::ApplyFacts>([&](store::Conn& conn) -> Result<store::ApplyFacts> {
    auto facts = store::apply_facts(conn, job_id, auth.user_id, resume_id);
    if (!facts) return Error::not_found("No such job post");
    if (facts->job_status != "open" || facts->expires_at <= now)
      return Error::conflict("job-not-open", "This post no longer takes applications");
    if (!facts->resume_owner || *facts->resume_owner != auth.user_id)
      return Error::invalid("resume_id", "must be one of your resumes");
    if (facts->blocked)
      return Error::conflict("company-blocked",
                             "You blocked this company; unblock it before applying");
    return std::move(*facts);
  });
}

Result<std::optional<Application>> ApplicationService::earlier(const identity::Auth& auth,
                                                               const std::string& job_id) {
  return db_.read<std::optional<Application>>(
      [&](store::Conn& conn) -> Result<std::optional<Application>> {
        auto row = store::application_of(conn, job_id, auth.user_id);
        if (!row) return std::optional<Application>{};
        HS_TRY(auto a, labelled(conn, std::move(*row)));
        return std::optional<Application>{std::move(a)};
      });
}

std::vector<ApplicationService::Inserted> ApplicationService::insert_batch(
    const std::vector<const store::NewApplication*>& rows, std::size_t flight) {
  const int f = static_cast<int>(flight);
  auto outcomes = [&](const std::vector<store::Stored>& stored,
                      const std::vector<const store::NewApplication*>& of) {
    std::vector<Inserted> out;
    out.reserve(of.size());
    for (const store::NewApplication* r : of) {
      auto it = std::find_if(stored.begin(), stored.end(),
                             [&](const store::Stored& s) { return s.id == r->id; });
      out.emplace_back(it == stored.end() ? std::nullopt : std::optional<store::Stored>(*it));
    }
    return out;
  };
  auto one_statement = [&](const std::vector<const store::NewApplication*>& of) {
    return db_.single_statement<std::vector<store::Stored>>(
        [&](store::Conn& conn) -> Result<std::vector<store::Stored>> {
          return store::insert_applications(conn, of, f);
        });
  };
  auto all = one_statement(rows);
  if (all) return outcomes(*all, rows);
  if (rows.size() == 1) return {Inserted(std::move(all).error())};
  // The statement failed as a whole (say, a seeker's account deleted since they signed in: the
  // foreign key): nothing of it was kept, so each row goes again alone and only the one at
  // fault fails.
  std::vector<Inserted> out;
  out.reserve(rows.size());
  for (const store::NewApplication* r : rows) {
    auto stored = one_statement({r});
    if (!stored)
      out.emplace_back(std::move(stored).error());
    else
      out.push_back(std::move(outcomes(*stored, {r}).front()));
  }
  return out;
}

Result<std::vector<Application>> ApplicationService::mine(const identity::Auth& auth) {
  const long long now = clock_.now();
  return db_.read<std::vector<Application>>(
      [&](store::Conn& conn) -> Result<std::vector<Application>> {
        std::vector<Application> out;
        for (auto& r : store::applications_of_seeker(conn, auth.user_id, 500))
          out.push_back({std::move(r.app), r.job_title,
                         job_status(r.job_status, r.job_expires_at, now), r.company_name});
        return out;
      });
}

Result<SeekerApplication> ApplicationService::mine_one(const identity::Auth& auth,
                                                       const std::string& id) {
  return db_.read<SeekerApplication>([&](store::Conn& conn) -> Result<SeekerApplication> {
    auto row = store::application_by_id(conn, id);
    if (!row || row->seeker_id != auth.user_id) return Error::not_found("No such application");
    auto events = store::events_of(conn, *row);
    HS_TRY(auto a, labelled(conn, std::move(*row)));
    return SeekerApplication{std::move(a), std::move(events)};
  });
}

Result<Application> ApplicationService::withdraw(const identity::Auth& auth, const std::string& id,
                                                 const std::optional<std::string>& note) {
  const long long now = clock_.now();
  return db_.transaction<Application>([&](store::Conn& conn) -> Result<Application> {
    auto row = store::application_by_id(conn, id);
    if (!row || row->seeker_id != auth.user_id) return Error::not_found("No such application");
    if (!advance(conn, *row, kWithdrawn, "seeker", note, now))
      return illegal(row->status, kWithdrawn);
    row->status = kWithdrawn;
    row->updated_at = now;
    return labelled(conn, std::move(*row));
  });
}

Result<store::ApplicationRow> ApplicationService::recruiter_row(const disclosure::Viewer& viewer,
                                                                const std::string& id) {
  return db_.read<store::ApplicationRow>([&](store::Conn& conn) -> Result<store::ApplicationRow> {
    auto row = store::application_by_id(conn, id);
    // Another company's application does not exist for this recruiter.
    if (!row || !viewer.company_id || *viewer.company_id != row->company_id)
      return Error::not_found("No such application");
    return std::move(*row);
  });
}

Result<store::ApplicationRow> ApplicationService::recruiter_application(const identity::Auth& auth,
                                                                        const std::string& id,
                                                                        disclosure::Viewer* out) {
  HS_TRY(auto viewer, resumes_.viewer_of(auth));  // VER-3
  if (viewer.kind != disclosure::ViewerKind::kRecruiter)
    return Error::forbidden("role-required",
                            "Applications are handled by the post's employer recruiters");
  if (out) *out = viewer;
  return recruiter_row(viewer, id);
}

Result<ApplicantPage> ApplicationService::for_job(const identity::Auth& auth,
                                                  const std::string& job_id,
                                                  const ApplicantQuery& query) {
  HS_TRY(auto viewer, resumes_.viewer_of(auth));  // VER-3
  if (viewer.kind != disclosure::ViewerKind::kRecruiter)
    return Error::forbidden("role-required",
                            "Applications are handled by the post's employer recruiters");
  struct Page {
    std::vector<store::ApplicantRow> rows;
    long long total = 0;
  };
  HS_TRY(auto page, db_.read<Page>([&](store::Conn& conn) -> Result<Page> {
    auto job = jobs::store::job_by_id(conn, job_id);
    if (!job || !viewer.company_id || job->company_id != *viewer.company_id)
      return Error::not_found("No such job post");
    store::JobListQuery q{job_id,       query.status, query.order,
                          std::nullopt, std::nullopt, query.limit + 1};
    if (query.after) {
      q.after_key = query.after->first;
      q.after_id = query.after->second;
    }
    Page p{store::applications_of_job(conn, q), store::count_of_job(conn, job_id, query.status)};
    return p;
  }));
  ApplicantPage out;
  out.total = page.total;
  if (static_cast<int>(page.rows.size()) > query.limit) {
    page.rows.resize(query.limit);
    const auto& last = page.rows.back().app;
    out.next = {query.order == store::ListOrder::kUpdated ? last.updated_at : last.created_at,
                last.id};
  }
  // Cards come back in order, without the applications the rules hide.
  HS_TRY(auto cards, disclosure::applicant_cards(keys_, viewer, page.rows, clock_.now()));
  for (auto& [row, card] : cards) {
    const auto& app = row->app;
    json item = std::move(card);
    item["seeker_status"] = std::move(item["status"]);  // the card's job-seeking status
    item["application_id"] = app.id;
    item["status"] = app.status;
    item["created_at"] = app.created_at;
    item["updated_at"] = app.updated_at;
    item["viewed"] = app.viewed_at.has_value();
    out.items.push_back(std::move(item));
  }
  return out;
}

Result<OpenedApplication> ApplicationService::open(const identity::Auth& auth,
                                                   const std::string& id) {
  disclosure::Viewer viewer;
  HS_TRY(auto row, recruiter_application(auth, id, &viewer));
  const long long now = clock_.now();
  HS_TRY(json resume, disclosure::view_application(db_, keys_, access_log_, viewer,
                                                   disclosure::Channel::kApplication, row, now));
  if (row.status == kSubmitted) {
    HS_CHECK(db_.transaction<core::Unit>([&](store::Conn& conn) -> core::Status {
      // A concurrent first opening may have won; either way the application is now viewed.
      advance(conn, row, kViewed, "recruiter", std::nullopt, now);
      return core::Unit{};
    }));
  }
  OpenedApplication out;
  HS_TRY(out, db_.read<OpenedApplication>([&](store::Conn& conn) -> Result<OpenedApplication> {
    auto fresh = store::application_by_id(conn, id);
    if (!fresh) return Error::not_found("No such application");
    OpenedApplication o;
    o.contact_allowed = resumes::store::settings_of(conn, fresh->seeker_id).allow_recruiter_contact;
    o.events = store::events_of(conn, *fresh);
    HS_TRY(o.application, labelled(conn, std::move(*fresh)));
    return o;
  }));
  out.resume = std::move(resume);
  if (out.contact_allowed) {
    // This recruiter's own binding with the seeker; a colleague's is not theirs to see.
    HS_TRY(out.number, numbers_.live_for_pair(auth.user_id, out.application.row.seeker_id));
  }
  return out;
}

Result<Application> ApplicationService::move(const identity::Auth& auth, const std::string& id,
                                             const std::string& status,
                                             const std::optional<std::string>& note) {
  if (status != kInterview && status != kOffer && status != kRejected)
    return Error::invalid("status", "must be interview, offer or rejected");
  HS_TRY(auto row, recruiter_application(auth, id));
  const long long now = clock_.now();
  return db_.transaction<Application>([&](store::Conn& conn) -> Result<Application> {
    auto fresh = store::application_by_id(conn, id);
    if (!fresh) return Error::not_found("No such application");
    if (!advance(conn, *fresh, status, "recruiter", note, now))
      return illegal(fresh->status, status);
    fresh->status = status;
    fresh->updated_at = now;
    if (!fresh->viewed_at) fresh->viewed_at = now;
    return labelled(conn, std::move(*fresh));
  });
}

Result<Binding> ApplicationService::number_for(const identity::Auth& auth, const std::string& id) {
  HS_TRY(auto row, recruiter_application(auth, id));
  return bind_number(auth, row);
}

Result<Binding> ApplicationService::bind_number(const identity::Auth& auth,
                                                const store::ApplicationRow& row) {
  HS_TRY(bool allowed, db_.read<bool>([&](soci::session& sql) -> Result<bool> {
    return resumes::store::settings_of(sql, row.seeker_id).allow_recruiter_contact;
  }));
  // RES-11: contact off means no virtual-number calls.
  if (!allowed)
    return Error::forbidden("contact-not-allowed",
                            "This seeker does not accept contact from recruiters");
  if (row.status == kWithdrawn || row.status == kRejected)
    return Error::conflict("application-closed", "This application is closed");
  const long long now = clock_.now();
  return numbers_.bind(auth.user_id, row.seeker_id, row.id, [&] {
    return disclosure::phones_for_carrier(db_, keys_, access_log_, auth.user_id, row.seeker_id,
                                          row.id, now);
  });
}

Result<ResumePdf> ApplicationService::download(const identity::Auth& auth, const std::string& id) {
  // RES-7: headhunters download nothing, whatever they can see.
  if (auth.active_role == "headhunter")
    return Error::forbidden("download-not-allowed", "Headhunters cannot download resumes");
  disclosure::Viewer viewer;
  HS_TRY(auto row, recruiter_application(auth, id, &viewer));
  const long long now = clock_.now();
  // The PDF carries the pair's virtual number when the seeker allows contact, never the real
  // one; with contact off it says contact is not available.
  std::string number;
  if (auto bound = bind_number(auth, row))
    number = bound->number;
  else if (bound.error().type != "contact-not-allowed" &&
           bound.error().type != "application-closed")
    return std::move(bound).error();
  HS_TRY(json view, disclosure::view_application(db_, keys_, access_log_, viewer,
                                                 disclosure::Channel::kDownload, row, now));
  std::string company;
  HS_CHECK(db_.read<core::Unit>([&](soci::session& sql) -> core::Status {
    if (auto c = companies::store::company_by_id(sql, row.company_id)) company = c->name;
    return core::Unit{};
  }));
  HS_TRY(auto bytes, render_resume_pdf(view, {company, now, number}, &taxonomy_));
  return ResumePdf{std::move(bytes), "resume-" + row.id + ".pdf"};
}

}  // namespace hiresafe::hiring
