#include "resumes/resume_store.hpp"

#include "store/database.hpp"

namespace hiresafe::resumes::store {

using hiresafe::store::OptText;
using soci::into;
using soci::use;

namespace {
constexpr const char* kColumns =
    "id, user_id, title, visibility, content, identity_enc, version, created_at, updated_at";

ResumeRow from_row(const soci::row& r) {
  using hiresafe::store::row_int;
  return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
          r.get<std::string>(3), r.get<std::string>(4), r.get<std::string>(5),
          row_int(r, 6),         row_int(r, 7),         row_int(r, 8)};
}
}  // namespace

void insert_resume(soci::session& sql, const ResumeRow& r) {
  sql << std::string("INSERT INTO resumes (") + kColumns +
             ") VALUES (:id, :u, :t, :v, :c, :i, :ver, :cr, :up)",
      use(r.id), use(r.user_id), use(r.title), use(r.visibility), use(r.content),
      use(r.identity_enc), use(r.version), use(r.created_at), use(r.updated_at);
}

bool update_resume(soci::session& sql, const ResumeRow& r, long long expected) {
  soci::statement st =
      (sql.prepare << "UPDATE resumes SET title = :t, visibility = :v, content = :c, "
                      "identity_enc = :i, version = :ver, updated_at = :up "
                      "WHERE id = :id AND version = :expected",
       use(r.title), use(r.visibility), use(r.content), use(r.identity_enc), use(r.version),
       use(r.updated_at), use(r.id), use(expected));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<ResumeRow> resume_by_id(Conn& conn, const std::string& id) {
  static const std::string kQuery =
      std::string("SELECT ") + kColumns + " FROM resumes WHERE id = :id";
  ResumeRow r;
  if (!conn.once(kQuery, use(id), into(r.id), into(r.user_id), into(r.title), into(r.visibility),
                 into(r.content), into(r.identity_enc), into(r.version), into(r.created_at),
                 into(r.updated_at)))
    return std::nullopt;
  return r;
}

std::optional<ResumeForViewer> resume_for_viewer(Conn& conn, const std::string& id,
                                                 const std::string& company_id,
                                                 const std::string& company_name_fold) {
  // Four reads in one: on PostgreSQL each statement is a round trip, on SQLite a read
  // transaction and a trip through SOCI.
  static const std::string kQuery =
      "SELECT r.id, r.user_id, r.title, r.visibility, r.content, r.identity_enc, r.version, "
      "r.created_at, r.updated_at, u.wrapped_key, "
      "CASE WHEN EXISTS (SELECT 1 FROM company_blocks b WHERE b.user_id = r.user_id AND "
      "b.company_id = :c) THEN 1 ELSE 0 END, "
      "CASE WHEN EXISTS (SELECT 1 FROM resume_hidden_companies h WHERE h.user_id = r.user_id AND "
      "(h.company_id = :hc OR h.company_name_fold = :hn)) THEN 1 ELSE 0 END "
      "FROM resumes r JOIN users u ON u.id = r.user_id WHERE r.id = :id";
  ResumeForViewer v;
  ResumeRow& r = v.row;
  OptText wrapped;
  int blocked = 0, hidden = 0;
  if (!conn.once(kQuery, use(company_id), use(company_id), use(company_name_fold), use(id),
                 into(r.id), into(r.user_id), into(r.title), into(r.visibility), into(r.content),
                 into(r.identity_enc), into(r.version), into(r.created_at), into(r.updated_at),
                 into(wrapped.value, wrapped.ind), into(blocked), into(hidden)))
    return std::nullopt;
  v.wrapped_key = wrapped.get().value_or("");
  if (!company_id.empty()) {
    v.blocked = blocked != 0;
    v.hidden = hidden != 0;
  }
  return v;
}

std::vector<ResumeRow> resumes_of(soci::session& sql, const std::string& user_id) {
  std::vector<ResumeRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns +
                          " FROM resumes WHERE user_id = :u ORDER BY created_at, id",
       use(user_id));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

long long count_resumes(soci::session& sql, const std::string& user_id) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM resumes WHERE user_id = :u", use(user_id), into(n);
  return n;
}

void delete_resume(soci::session& sql, const std::string& id) {
  sql << "DELETE FROM resumes WHERE id = :id", use(id);
}

void replace_hidden(soci::session& sql, const std::string& resume_id, const std::string& user_id,
                    const std::vector<HiddenCompany>& hidden) {
  sql << "DELETE FROM resume_hidden_companies WHERE resume_id = :r", use(resume_id);
  for (const auto& h : hidden) {
    std::string company = h.company_id.value_or("");
    soci::indicator ind = h.company_id ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO resume_hidden_companies (resume_id, user_id, company_id, "
           "company_name_fold) VALUES (:r, :u, :c, :n)",
        use(resume_id), use(user_id), use(company, ind), use(h.company_name_fold);
  }
}

std::vector<HiddenCompany> hidden_of(soci::session& sql, const std::string& user_id) {
  std::vector<HiddenCompany> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT company_id, company_name_fold FROM resume_hidden_companies "
                      "WHERE user_id = :u",
       use(user_id));
  for (const auto& r : rows) {
    HiddenCompany h;
    if (r.get_indicator(0) == soci::i_ok) h.company_id = r.get<std::string>(0);
    h.company_name_fold = r.get<std::string>(1);
    out.push_back(std::move(h));
  }
  return out;
}

void each_resume(soci::session& sql, const std::function<void(const ResumeRow&)>& f) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + kColumns + " FROM resumes");
  for (const auto& r : rows) f(from_row(r));
}

void each_hidden(soci::session& sql,
                 const std::function<void(const std::string&, const HiddenCompany&)>& f) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT user_id, company_id, company_name_fold FROM resume_hidden_companies");
  for (const auto& r : rows) {
    HiddenCompany h;
    if (r.get_indicator(1) == soci::i_ok) h.company_id = r.get<std::string>(1);
    h.company_name_fold = r.get<std::string>(2);
    f(r.get<std::string>(0), h);
  }
}

void each_block(soci::session& sql,
                const std::function<void(const std::string&, const std::string&)>& f) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT user_id, company_id FROM company_blocks");
  for (const auto& r : rows) f(r.get<std::string>(0), r.get<std::string>(1));
}

bool is_blocked(Conn& conn, const std::string& user_id, const std::string& company_id) {
  long long n = 0;
  conn.once("SELECT COUNT(*) FROM company_blocks WHERE user_id = :u AND company_id = :c",
            use(user_id), use(company_id), into(n));
  return n > 0;
}

bool block(soci::session& sql, const std::string& user_id, const std::string& company_id,
           long long now) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM company_blocks WHERE user_id = :u AND company_id = :c",
      use(user_id), use(company_id), into(n);
  if (n > 0) return false;
  sql << "INSERT INTO company_blocks (user_id, company_id, created_at) VALUES (:u, :c, :t)",
      use(user_id), use(company_id), use(now);
  return true;
}

bool unblock(soci::session& sql, const std::string& user_id, const std::string& company_id) {
  soci::statement st =
      (sql.prepare << "DELETE FROM company_blocks WHERE user_id = :u AND company_id = :c",
       use(user_id), use(company_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<BlockRow> blocks_of(soci::session& sql, const std::string& user_id) {
  std::vector<BlockRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT b.company_id, c.name, b.created_at FROM company_blocks b JOIN "
                      "companies c ON c.id = b.company_id WHERE b.user_id = :u "
                      "ORDER BY b.created_at DESC, b.company_id",
       use(user_id));
  for (const auto& r : rows)
    out.push_back({r.get<std::string>(0), r.get<std::string>(1), hiresafe::store::row_int(r, 2)});
  return out;
}

SeekerSettings settings_of(soci::session& sql, const std::string& user_id) {
  hiresafe::store::OptInt contact, personalised;
  sql << "SELECT allow_recruiter_contact, personalised FROM seeker_settings WHERE user_id = :u",
      use(user_id), into(contact.value, contact.ind), into(personalised.value, personalised.ind);
  return {contact.get().value_or(1) != 0, personalised.get().value_or(1) != 0};
}

void save_settings(soci::session& sql, const std::string& user_id, const SeekerSettings& s,
                   long long now) {
  const int contact = s.allow_recruiter_contact ? 1 : 0;
  const int personalised = s.personalised_recommendation ? 1 : 0;
  // Portable upsert: both SQLite and PostgreSQL accept ON CONFLICT ... DO UPDATE.
  sql << "INSERT INTO seeker_settings (user_id, allow_recruiter_contact, personalised, "
         "updated_at) VALUES (:u, :a, :p, :t) ON CONFLICT (user_id) DO UPDATE SET "
         "allow_recruiter_contact = excluded.allow_recruiter_contact, "
         "personalised = excluded.personalised, updated_at = excluded.updated_at",
      use(user_id), use(contact), use(personalised), use(now);
}

void insert_support_request(soci::session& sql, const SupportRequestRow& r) {
  std::string object = r.object_id.value_or("");
  soci::indicator ind = r.object_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO support_requests (id, user_id, kind, object_id, note, status, created_at) "
         "VALUES (:id, :u, :k, :o, :n, :s, :t)",
      use(r.id), use(r.user_id), use(r.kind), use(object, ind), use(r.note), use(r.status),
      use(r.created_at);
}

std::optional<SupportRequestRow> open_support_request(soci::session& sql,
                                                      const std::string& user_id,
                                                      const std::string& kind,
                                                      const std::string& object_id) {
  SupportRequestRow r;
  OptText object;
  sql << "SELECT id, user_id, kind, object_id, note, status, created_at FROM support_requests "
         "WHERE user_id = :u AND kind = :k AND object_id = :o AND status = 'open'",
      use(user_id), use(kind), use(object_id), into(r.id), into(r.user_id), into(r.kind),
      into(object.value, object.ind), into(r.note), into(r.status), into(r.created_at);
  if (!sql.got_data()) return std::nullopt;
  r.object_id = object.get();
  return r;
}

}  // namespace hiresafe::resumes::store
