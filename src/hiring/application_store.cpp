#include "hiring/application_store.hpp"

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hiring/application_states.hpp"
#include "store/database.hpp"

namespace hiresafe::hiring::store {

using hiresafe::store::OptInt;
using hiresafe::store::row_int;
using hiresafe::store::row_opt_int;
using hiresafe::store::row_opt_text;
using soci::into;
using soci::use;

namespace {
// What from_row() reads: an application `a` with its snapshot `s` (migration 0014), joined by
// kSnapshotJoin.
constexpr const char* kColumns =
    "a.id, a.job_id, a.company_id, a.seeker_id, a.resume_id, a.resume_title, s.content, "
    "s.identity_enc, a.status, a.created_at, a.updated_at, a.viewed_at";
constexpr const char* kSnapshotJoin = " JOIN resume_snapshots s ON s.id = a.snapshot_id";
constexpr const char* kInsertColumns =
    "INSERT INTO applications (id, job_id, company_id, seeker_id, resume_id, resume_title, "
    "snapshot_id, status, created_at, updated_at, viewed_at)";

ApplicationRow from_row(const soci::row& r, std::size_t at = 0) {
  ApplicationRow a;
  a.id = r.get<std::string>(at + 0);
  a.job_id = r.get<std::string>(at + 1);
  a.company_id = r.get<std::string>(at + 2);
  a.seeker_id = r.get<std::string>(at + 3);
  a.resume_id = r.get<std::string>(at + 4);
  a.resume_title = r.get<std::string>(at + 5);
  a.snapshot_content = r.get<std::string>(at + 6);
  a.snapshot_identity_enc = r.get<std::string>(at + 7);
  a.status = r.get<std::string>(at + 8);
  a.created_at = row_int(r, at + 9);
  a.updated_at = row_int(r, at + 10);
  a.viewed_at = row_opt_int(r, at + 11);
  return a;
}

// application_totals (migration 0010): every write to `applications` adds to it in the same
// transaction. The prefix and suffix of an upsert that adds `n` to a (post, status) total.
// Writers other than PostgreSQL's apply batches add to flight 0 (migration 0012).
constexpr const char* kAddTotals = "INSERT INTO application_totals (job_id, status, flight, n)";
constexpr const char* kOnTotals =
    " ON CONFLICT (job_id, status, flight) DO UPDATE SET n = application_totals.n + excluded.n";

void add_to_totals(Conn& conn, const std::string& job_id, const std::string& status,
                   long long delta) {
  static const std::string kAdd = std::string(kAddTotals) + " VALUES (:j, :s, 0, :n)" + kOnTotals;
  conn.change(kAdd, use(job_id), use(status), use(delta));
}

std::optional<ApplicationRow> one(Conn& conn, const std::string& query, const std::string& a,
                                  const std::string* b) {
  ApplicationRow r;
  OptInt viewed;
  bool found =
      b ? conn.once(query, use(a), use(*b), into(r.id), into(r.job_id), into(r.company_id),
                    into(r.seeker_id), into(r.resume_id), into(r.resume_title),
                    into(r.snapshot_content), into(r.snapshot_identity_enc), into(r.status),
                    into(r.created_at), into(r.updated_at), into(viewed.value, viewed.ind))
        : conn.once(query, use(a), into(r.id), into(r.job_id), into(r.company_id),
                    into(r.seeker_id), into(r.resume_id), into(r.resume_title),
                    into(r.snapshot_content), into(r.snapshot_identity_enc), into(r.status),
                    into(r.created_at), into(r.updated_at), into(viewed.value, viewed.ind));
  if (!found) return std::nullopt;
  r.viewed_at = viewed.get();
  return r;
}
}  // namespace

std::string snapshot_id(const std::string& resume_id, long long version) {
  return resume_id + ":" + std::to_string(version);
}

std::optional<ApplyFacts> apply_facts(Conn& conn, const std::string& job_id,
                                      const std::string& seeker_id, const std::string& resume_id) {
  // The snapshot's columns are read only where the insert does not copy them itself (SQLite),
  // and only when this version of the resume has no snapshot yet; PostgreSQL's statement
  // returns NULLs in their place.
  static const std::string kSelect =
      "SELECT j.status, j.expires_at, j.company_id, j.title, c.name, r.user_id, r.title, "
      "r.version, CASE WHEN EXISTS (SELECT 1 FROM company_blocks b WHERE b.user_id = :s AND "
      "b.company_id = j.company_id) THEN 1 ELSE 0 END, ";
  static const std::string kFrom =
      " FROM jobs j LEFT JOIN companies c ON c.id = j.company_id "
      "LEFT JOIN resumes r ON r.id = :r ";
  static const std::string kPostgres = kSelect + "NULL, NULL" + kFrom + "WHERE j.id = :j";
  static const std::string kSqlite =
      kSelect +
      "CASE WHEN s.id IS NULL THEN r.content END, "
      "CASE WHEN s.id IS NULL THEN r.identity_enc END" +
      kFrom + "LEFT JOIN resume_snapshots s ON s.id = r.id || ':' || r.version WHERE j.id = :j";
  ApplyFacts f;
  hiresafe::store::OptText company_name, owner, title, content, identity;
  OptInt version;
  int blocked = 0;
  if (!conn.once(conn.dialect() == hiresafe::store::Dialect::kPostgres ? kPostgres : kSqlite,
                 use(seeker_id), use(resume_id), use(job_id), into(f.job_status),
                 into(f.expires_at), into(f.company_id), into(f.job_title),
                 into(company_name.value, company_name.ind), into(owner.value, owner.ind),
                 into(title.value, title.ind), into(version.value, version.ind), into(blocked),
                 into(content.value, content.ind), into(identity.value, identity.ind)))
    return std::nullopt;
  f.company_name = company_name.get().value_or("");
  f.resume_owner = owner.get();
  f.resume_title = title.get();
  f.resume_version = version.get().value_or(0);
  if (content.get() && identity.get()) f.snapshot = Snapshot{*content.get(), *identity.get()};
  f.blocked = blocked != 0;
  return f;
}

bool insert_application(Conn& conn, const NewApplication& a) {
  // SQLite: the checks read the snapshot, so the single writer only inserts, and counts the row
  // in the same group-commit transaction. ON CONFLICT DO NOTHING: a repeat inserts nothing (nor
  // a snapshot) and the service reads the first application instead. A snapshot stored by
  // another apply since the checks read none is kept as it is: the same version, the same text.
  static const std::string kInsert = std::string(kInsertColumns) +
                                     " VALUES (:id, :j, :c, :s, :r, :t, :sn, :st, :cr, :up, NULL) "
                                     "ON CONFLICT (job_id, seeker_id) DO NOTHING";
  static const std::string kSnapshot =
      "INSERT INTO resume_snapshots (id, seeker_id, content, identity_enc, created_at) "
      "VALUES (:id, :s, :c, :i, :at) ON CONFLICT (id) DO NOTHING";
  const std::string snapshot = snapshot_id(a.resume_id, a.resume_version);
  if (conn.change(kInsert, use(a.id), use(a.job_id), use(a.company_id), use(a.seeker_id),
                  use(a.resume_id), use(a.resume_title), use(snapshot), use(a.status), use(a.at),
                  use(a.at)) != 1)
    return false;
  if (a.snapshot)
    conn.change(kSnapshot, use(snapshot), use(a.seeker_id), use(a.snapshot->content),
                use(a.snapshot->identity_enc), use(a.at));
  add_to_totals(conn, a.job_id, a.status, 1);
  return true;
}

std::vector<Stored> insert_applications(Conn& conn, const std::vector<const NewApplication*>& rows,
                                        int flight) {
  // The rows travel as one JSON parameter, so the statement text (prepared once per
  // connection) does not depend on how many there are. Each row is checked where it is
  // inserted, as ApplyFacts would have it: the post open and not expired at the row's time, the
  // resume the seeker's, the post's company not blocked by the seeker (`ok`). The post's company
  // and the resume are joined in, so the snapshot never leaves the database. Rows go in id order
  // (ids are time-ordered), so of two for the same pair in one batch the earlier one is kept.
  // Each stored application's snapshot is stored unless its resume version has one (`snap`):
  // from what `ins` returns, so a repeat stores none, and through the primary key's ON CONFLICT
  // alone, which always probes the index; a NOT EXISTS here would be planned when the tables
  // were small, and session 19 saw it scan `applications` in every statement. Snapshots go in
  // id order, so two batches cannot deadlock on them. The totals rows are taken in (post,
  // status) order, as every writer takes them, so two writers cannot deadlock on them; and in
  // this batch's own flight, so that concurrent batches do not wait for each other on them.
  static const std::string kInsert =
      std::string(
          "WITH x AS (SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS x(id text, "
          "job_id text, seeker_id text, resume_id text, status text, at bigint)), "
          "ok AS (SELECT x.*, j.company_id, r.title, r.id || ':' || r.version AS snapshot_id, "
          "r.content, r.identity_enc "
          "FROM x JOIN jobs j ON j.id = x.job_id AND j.status = 'open' AND j.expires_at > x.at "
          "JOIN resumes r ON r.id = x.resume_id AND r.user_id = x.seeker_id "
          "WHERE NOT EXISTS (SELECT 1 FROM company_blocks b WHERE b.user_id = x.seeker_id "
          "AND b.company_id = j.company_id)), "
          "ins AS (") +
      kInsertColumns +
      " SELECT id, job_id, company_id, seeker_id, resume_id, title, snapshot_id, status, at, "
      "at, NULL FROM ok ORDER BY id ON CONFLICT (job_id, seeker_id) DO NOTHING "
      "RETURNING id, job_id, company_id, resume_title, status), "
      "snap AS (INSERT INTO resume_snapshots (id, seeker_id, content, identity_enc, created_at) "
      "SELECT ok.snapshot_id, ok.seeker_id, ok.content, ok.identity_enc, ok.at FROM ok "
      "JOIN ins ON ins.id = ok.id ORDER BY ok.snapshot_id ON CONFLICT (id) DO NOTHING), "
      "counted AS (" +
      kAddTotals +
      " SELECT job_id, status, CAST(:flight AS INTEGER), COUNT(*) FROM ins "
      "GROUP BY job_id, status ORDER BY job_id, status" +
      kOnTotals +
      ") SELECT i.id, i.company_id, i.resume_title, j.title, COALESCE(c.name, '') FROM ins i "
      "JOIN jobs j ON j.id = i.job_id LEFT JOIN companies c ON c.id = i.company_id";
  nlohmann::json batch = nlohmann::json::array();
  for (const NewApplication* a : rows)
    batch.push_back({{"id", a->id},
                     {"job_id", a->job_id},
                     {"seeker_id", a->seeker_id},
                     {"resume_id", a->resume_id},
                     {"status", a->status},
                     {"at", a->at}});
  const std::string text = batch.dump();
  std::vector<Stored> stored;
  conn.rows(
      kInsert,
      [&](const soci::row& r) {
        stored.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                          r.get<std::string>(3), r.get<std::string>(4)});
      },
      use(text), use(flight));
  return stored;
}

std::optional<ApplicationRow> application_by_id(Conn& conn, const std::string& id) {
  static const std::string kQuery = std::string("SELECT ") + kColumns + " FROM applications a" +
                                    kSnapshotJoin + " WHERE a.id = :id";
  return one(conn, kQuery, id, nullptr);
}

std::optional<ApplicationRow> application_of(Conn& conn, const std::string& job_id,
                                             const std::string& seeker_id) {
  static const std::string kQuery = std::string("SELECT ") + kColumns + " FROM applications a" +
                                    kSnapshotJoin + " WHERE a.job_id = :j AND a.seeker_id = :s";
  return one(conn, kQuery, job_id, &seeker_id);
}

bool update_status(Conn& conn, const ApplicationRow& app, const std::string& to, long long now,
                   bool mark_viewed) {
  static const std::string kUpdate =
      "UPDATE applications SET status = :to, updated_at = :now, "
      "viewed_at = CASE WHEN :mark = 1 AND viewed_at IS NULL THEN :now2 ELSE viewed_at END "
      "WHERE id = :id AND status = :from";
  // Both totals in one statement, the lower status first (the order every writer keeps).
  static const std::string kMoveTotals =
      std::string(kAddTotals) + " VALUES (:j, :a, 0, :da), (:j2, :b, 0, :db)" + kOnTotals;
  const int mark = mark_viewed ? 1 : 0;
  if (conn.change(kUpdate, use(to), use(now), use(mark), use(now), use(app.id), use(app.status)) !=
      1)
    return false;
  const bool from_first = app.status < to;
  const std::string& a = from_first ? app.status : to;
  const std::string& b = from_first ? to : app.status;
  const long long da = from_first ? -1 : 1;
  const long long db = -da;
  conn.change(kMoveTotals, use(app.job_id), use(a), use(da), use(app.job_id), use(b), use(db));
  return true;
}

void insert_event(Conn& conn, const EventRow& e) {
  static const std::string kInsert =
      "INSERT INTO application_events (id, application_id, status, actor_role, note, at) "
      "VALUES (:id, :a, :s, :r, :n, :at)";
  std::string note = e.note.value_or("");
  soci::indicator ind = e.note ? soci::i_ok : soci::i_null;
  conn.once(kInsert, use(e.id), use(e.application_id), use(e.status), use(e.actor_role),
            use(note, ind), use(e.at));
}

std::vector<EventRow> events_of(soci::session& sql, const ApplicationRow& app) {
  std::vector<EventRow> out{{"", app.id, "submitted", "seeker", std::nullopt, app.created_at}};
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, application_id, status, actor_role, note, at "
                      "FROM application_events WHERE application_id = :a ORDER BY at, id",
       use(app.id));
  for (const auto& r : rows) {
    out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                   r.get<std::string>(3), row_opt_text(r, 4), row_int(r, 5)});
  }
  return out;
}

std::vector<SeekerApplicationRow> applications_of_seeker(Conn& conn, const std::string& seeker_id,
                                                         int limit) {
  const std::string text =
      "SELECT a.id, a.job_id, a.company_id, a.seeker_id, a.resume_id, a.resume_title, '', '', "
      "a.status, a.created_at, a.updated_at, a.viewed_at, j.title, j.status, c.name, "
      "j.expires_at FROM applications a JOIN jobs j ON j.id = a.job_id "
      "JOIN companies c ON c.id = a.company_id "
      "WHERE a.seeker_id = :s ORDER BY a.updated_at DESC, a.id DESC" +
      hiresafe::store::limit_clause(limit);
  std::vector<SeekerApplicationRow> out;
  conn.rows(
      text,
      [&](const soci::row& r) {
        if (static_cast<int>(out.size()) < limit)
          out.push_back({from_row(r), r.get<std::string>(12), r.get<std::string>(13),
                         r.get<std::string>(14), row_int(r, 15)});
      },
      use(seeker_id));
  return out;
}

namespace {

// One state's share of a recruiter's list: at most `limit` of its rows past the cursor, in list
// order, read from an index that holds them in that order (migration 0015): by created_at from
// applications_job_status or, for `changed` (the updated order of a state other than
// submitted), by updated_at from applications_job_changed, whose `status <> 'submitted'` term
// is repeated so that SQLite sees the partial index applies.
std::string state_share(const char* state, bool changed, bool after, bool ascending,
                        const std::string& limit, std::size_t n) {
  const char* key = changed ? "updated_at" : "created_at";
  // Each share names its own parameters: SQLite binds every use of one name to one value, SOCI
  // on PostgreSQL makes each use a parameter of its own, and both are bound by position.
  const std::string tag = std::to_string(n);
  const char* dir = ascending ? " ASC" : " DESC";
  std::string arm = std::string(
                        "SELECT * FROM (SELECT id, job_id, company_id, seeker_id, resume_id, "
                        "resume_title, status, created_at, updated_at, viewed_at, snapshot_id, ") +
                    key + " AS k FROM applications WHERE job_id = :j" + tag + " AND status = '" +
                    state + "'";
  if (changed) arm += " AND status <> 'submitted'";
  if (after)
    arm += std::string(" AND (") + key + ", id) " + (ascending ? ">" : "<") + " (:k" + tag +
           ", :i" + tag + ")";
  return arm + " ORDER BY k" + dir + ", id" + dir + limit + ") s" + tag;
}

}  // namespace

std::vector<ApplicantRow> applications_of_job(Conn& conn, const JobListQuery& q) {
  // The list is a merge of one ordered share per state: no index starts (job_id, created_at),
  // so that an apply writes fewer index entries (migration 0015), and PostgreSQL 15 cannot skip
  // over the leading status of (job_id, status, created_at, id) by itself. The states are
  // written into the text from kApplicationStates, never from the request.
  const bool ascending = q.order == ListOrder::kOldest;
  const bool after = q.after_key && q.after_id;
  const std::string limit = hiresafe::store::limit_clause(q.limit);
  const char* dir = ascending ? " ASC" : " DESC";
  std::string shares;
  std::size_t n = 0;
  for (const char* state : kApplicationStates) {
    if (q.status && *q.status != state) continue;
    // A submitted application has never changed: its updated_at is its created_at.
    const bool changed = q.order == ListOrder::kUpdated && std::string_view(state) != kSubmitted;
    if (n > 0) shares += " UNION ALL ";
    shares += state_share(state, changed, after, ascending, limit, ++n);
  }
  if (n == 0) return {};
  const std::string text =
      std::string("SELECT ") + kColumns +
      ", CASE WHEN EXISTS (SELECT 1 FROM company_blocks b WHERE b.user_id = a.seeker_id AND "
      "b.company_id = a.company_id) THEN 1 ELSE 0 END, u.wrapped_key FROM (" +
      shares + " ORDER BY k" + dir + ", id" + dir + limit + ") a" + kSnapshotJoin +
      " JOIN users u ON u.id = a.seeker_id "
      "ORDER BY a.k" +
      dir + ", a.id" + dir;
  const long long after_key = q.after_key.value_or(0);
  const std::string after_id = q.after_id.value_or("");
  std::vector<ApplicantRow> out;
  conn.rows_with(
      text,
      [&out, &q](const soci::row& r) {
        if (static_cast<int>(out.size()) < q.limit)
          out.push_back({from_row(r), row_int(r, 12) != 0, row_opt_text(r, 13)});
      },
      [&](soci::statement& st) {
        for (std::size_t i = 0; i < n; ++i) {
          st.exchange(use(q.job_id));
          if (after) {
            st.exchange(use(after_key));
            st.exchange(use(after_id));
          }
        }
      });
  return out;
}

long long count_of_job(Conn& conn, const std::string& job_id,
                       const std::optional<std::string>& status) {
  // Asked with every page of the list: the kept totals, not a count of the rows.
  static const std::string kAll =
      "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM application_totals WHERE job_id = :j";
  static const std::string kInStatus =
      "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM application_totals "
      "WHERE job_id = :j AND status = :s";
  long long n = 0;
  if (status)
    conn.once(kInStatus, use(job_id), use(*status), into(n));
  else
    conn.once(kAll, use(job_id), into(n));
  return n;
}

void insert_notification(Conn& conn, const NotificationRow& n) {
  static const std::string kInsert =
      "INSERT INTO notifications (id, user_id, kind, object_id, payload, created_at, read_at) "
      "VALUES (:id, :u, :k, :o, :p, :at, NULL)";
  conn.once(kInsert, use(n.id), use(n.user_id), use(n.kind), use(n.object_id), use(n.payload),
            use(n.created_at));
}

std::vector<NotificationRow> notifications_of(soci::session& sql, const std::string& user_id,
                                              int limit) {
  std::vector<NotificationRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, user_id, kind, object_id, payload, created_at, read_at "
                      "FROM notifications WHERE user_id = :u "
                      "ORDER BY created_at DESC, id DESC LIMIT :n",
       use(user_id), use(limit));
  for (const auto& r : rows) {
    out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                   r.get<std::string>(3), r.get<std::string>(4), row_int(r, 5), row_opt_int(r, 6)});
  }
  return out;
}

long long unread_count(soci::session& sql, const std::string& user_id) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at IS NULL", use(user_id),
      into(n);
  return n;
}

bool mark_read(soci::session& sql, const std::string& user_id, const std::string& id,
               long long now) {
  // COALESCE keeps the first read time and still counts the row, so "found" means "theirs".
  soci::statement st = (sql.prepare << "UPDATE notifications SET read_at = COALESCE(read_at, :now) "
                                       "WHERE id = :id AND user_id = :u",
                        use(now), use(id), use(user_id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace hiresafe::hiring::store
