#include "hiring/number_store.hpp"

#include "store/database.hpp"

namespace hiresafe::hiring::store {

using hiresafe::store::row_int;
using soci::into;
using soci::use;

namespace {

constexpr const char* kColumns =
    "id, number, recruiter_id, seeker_id, application_id, provider_ref, created_at, expires_at, "
    "ended_at";

// Binds two values, now then stale_before. `tag` keeps the names apart when a query repeats the
// clause: SQLite binds every occurrence of one name to a single parameter.
std::string live(const std::string& tag = "") {
  return "ended_at IS NULL AND expires_at > :now" + tag +
         " AND (provider_ref IS NOT NULL OR created_at > :stale" + tag + ")";
}
constexpr const char* kBoundLive =
    "ended_at IS NULL AND expires_at > :now AND provider_ref IS NOT NULL";

BindingRow from_row(const soci::row& r) {
  BindingRow b;
  b.id = r.get<std::string>(0);
  b.number = r.get<std::string>(1);
  b.recruiter_id = r.get<std::string>(2);
  b.seeker_id = r.get<std::string>(3);
  b.application_id = r.get<std::string>(4);
  b.provider_ref = hiresafe::store::row_opt_text(r, 5);
  b.created_at = row_int(r, 6);
  b.expires_at = row_int(r, 7);
  b.ended_at = hiresafe::store::row_opt_int(r, 8);
  return b;
}

std::optional<BindingRow> first_of(soci::rowset<soci::row>& rows) {
  auto it = rows.begin();
  if (it == rows.end()) return std::nullopt;
  return from_row(*it);
}

std::string select_where(const std::string& where) {
  return std::string("SELECT ") + kColumns + " FROM number_bindings WHERE " + where;
}

}  // namespace

std::optional<BindingRow> live_for_pair(soci::session& sql, const std::string& recruiter_id,
                                        const std::string& seeker_id, long long now,
                                        long long stale_before) {
  soci::rowset<soci::row> rows =
      (sql.prepare << select_where("recruiter_id = :r AND seeker_id = :s AND " + live() +
                                   " ORDER BY created_at DESC, id"),
       use(recruiter_id), use(seeker_id), use(now), use(stale_before));
  return first_of(rows);
}

std::vector<std::string> numbers_held(soci::session& sql, const std::string& recruiter_id,
                                      const std::string& seeker_id, long long now,
                                      long long stale_before) {
  // Two halves so each uses its caller's index; a pair's own row appears in both.
  std::vector<std::string> out;
  soci::rowset<std::string> rows =
      (sql.prepare
           << "SELECT number FROM number_bindings WHERE recruiter_id = :r AND " + live("1") +
                  " UNION ALL SELECT number FROM number_bindings WHERE seeker_id = :s AND " +
                  live("2"),
       use(recruiter_id), use(now), use(stale_before), use(seeker_id), use(now), use(stale_before));
  for (const auto& n : rows) out.push_back(n);
  return out;
}

void drop_abandoned(soci::session& sql, const std::string& recruiter_id,
                    const std::string& seeker_id, long long stale_before) {
  sql << "DELETE FROM number_bindings WHERE provider_ref IS NULL AND ended_at IS NULL AND "
         "created_at <= :stale AND (recruiter_id = :r OR seeker_id = :s)",
      use(stale_before), use(recruiter_id), use(seeker_id);
}

void insert_binding(soci::session& sql, const BindingRow& b) {
  const std::string ref = b.provider_ref.value_or("");
  soci::indicator ref_ind = b.provider_ref ? soci::i_ok : soci::i_null;
  const long long ended = b.ended_at.value_or(0);
  soci::indicator ended_ind = b.ended_at ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO number_bindings (id, number, recruiter_id, seeker_id, application_id, "
         "provider_ref, created_at, expires_at, ended_at) VALUES (:id, :n, :r, :s, :a, :p, :c, "
         ":e, :x)",
      use(b.id), use(b.number), use(b.recruiter_id), use(b.seeker_id), use(b.application_id),
      use(ref, ref_ind), use(b.created_at), use(b.expires_at), use(ended, ended_ind);
}

void delete_binding(soci::session& sql, const std::string& id) {
  sql << "DELETE FROM number_bindings WHERE id = :id", use(id);
}

bool set_provider_ref(soci::session& sql, const std::string& id, const std::string& provider_ref,
                      long long stale_before) {
  soci::statement st =
      (sql.prepare << "UPDATE number_bindings SET provider_ref = :p WHERE id = :id AND "
                      "provider_ref IS NULL AND ended_at IS NULL AND created_at > :stale",
       use(provider_ref), use(id), use(stale_before));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<BindingRow> bound_for_seeker(soci::session& sql, const std::string& seeker_id,
                                         long long now) {
  std::vector<BindingRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << select_where(std::string("seeker_id = :s AND ") + kBoundLive +
                                   " ORDER BY created_at DESC, id"),
       use(seeker_id), use(now));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::optional<BindingRow> bound_for_pair(soci::session& sql, const std::string& recruiter_id,
                                         const std::string& seeker_id, long long now) {
  soci::rowset<soci::row> rows =
      (sql.prepare << select_where(std::string("recruiter_id = :r AND seeker_id = :s AND ") +
                                   kBoundLive + " ORDER BY created_at DESC, id"),
       use(recruiter_id), use(seeker_id), use(now));
  return first_of(rows);
}

std::optional<BindingRow> bound_by_id(soci::session& sql, const std::string& id, long long now) {
  soci::rowset<soci::row> rows =
      (sql.prepare << select_where(std::string("id = :id AND ") + kBoundLive), use(id), use(now));
  return first_of(rows);
}

bool end_binding(soci::session& sql, const std::string& id, long long now) {
  soci::statement st = (sql.prepare << "UPDATE number_bindings SET ended_at = :t WHERE id = :id "
                                       "AND ended_at IS NULL AND expires_at > :now",
                        use(now), use(id), use(now));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace hiresafe::hiring::store
