#include "hiring/interview_store.hpp"

#include "store/database.hpp"

namespace hiresafe::hiring::store {

using hiresafe::store::row_int;
using hiresafe::store::row_opt_text;
using soci::into;
using soci::use;

namespace {
constexpr const char* kColumns =
    "id, application_id, seeker_id, recruiter_id, starts_at, duration_minutes, mode, place, "
    "link, contact_enc, status, decline_reason, version, created_at, updated_at";

InterviewRow from_row(const soci::row& r) {
  InterviewRow i;
  i.id = r.get<std::string>(0);
  i.application_id = r.get<std::string>(1);
  i.seeker_id = r.get<std::string>(2);
  i.recruiter_id = r.get<std::string>(3);
  i.starts_at = row_int(r, 4);
  i.duration_minutes = row_int(r, 5);
  i.mode = r.get<std::string>(6);
  i.place = row_opt_text(r, 7);
  i.link = row_opt_text(r, 8);
  i.contact_enc = r.get<std::string>(9);
  i.status = r.get<std::string>(10);
  i.decline_reason = row_opt_text(r, 11);
  i.version = row_int(r, 12);
  i.created_at = row_int(r, 13);
  i.updated_at = row_int(r, 14);
  return i;
}

struct Nullable {
  std::string value;
  soci::indicator ind;
  explicit Nullable(const std::optional<std::string>& v)
      : value(v.value_or("")), ind(v ? soci::i_ok : soci::i_null) {}
};
}  // namespace

void insert_interview(soci::session& sql, const InterviewRow& r) {
  Nullable place(r.place), link(r.link), reason(r.decline_reason);
  sql << std::string("INSERT INTO interviews (") + kColumns +
             ") VALUES (:id, :a, :s, :r, :st, :d, :m, :p, :l, :c, :status, :dr, :v, :cr, :up)",
      use(r.id), use(r.application_id), use(r.seeker_id), use(r.recruiter_id), use(r.starts_at),
      use(r.duration_minutes), use(r.mode), use(place.value, place.ind), use(link.value, link.ind),
      use(r.contact_enc), use(r.status), use(reason.value, reason.ind), use(r.version),
      use(r.created_at), use(r.updated_at);
}

bool update_interview(soci::session& sql, const InterviewRow& r, long long expected) {
  Nullable place(r.place), link(r.link), reason(r.decline_reason);
  soci::statement st =
      (sql.prepare << "UPDATE interviews SET starts_at = :st, duration_minutes = :d, mode = :m, "
                      "place = :p, link = :l, contact_enc = :c, status = :status, "
                      "decline_reason = :dr, version = :v, updated_at = :up "
                      "WHERE id = :id AND version = :expected",
       use(r.starts_at), use(r.duration_minutes), use(r.mode), use(place.value, place.ind),
       use(link.value, link.ind), use(r.contact_enc), use(r.status), use(reason.value, reason.ind),
       use(r.version), use(r.updated_at), use(r.id), use(expected));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<InterviewRow> interview_by_id(soci::session& sql, const std::string& id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns + " FROM interviews WHERE id = :id",
       use(id));
  for (const auto& r : rows) return from_row(r);
  return std::nullopt;
}

std::vector<InterviewRow> interviews_of_application(soci::session& sql,
                                                    const std::string& application_id) {
  std::vector<InterviewRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns +
                          " FROM interviews WHERE application_id = :a ORDER BY starts_at, id",
       use(application_id));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

}  // namespace hiresafe::hiring::store
