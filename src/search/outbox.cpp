#include "search/outbox.hpp"

#include "core/ids.hpp"

namespace hiresafe::search {

void enqueue(soci::session& sql, std::string_view kind, const std::string& object_id,
             long long now) {
  const std::string id = core::new_id("o_");
  const std::string k(kind);
  sql << "INSERT INTO search_outbox (id, kind, object_id, created_at) VALUES (:i, :k, :o, :t)",
      soci::use(id), soci::use(k), soci::use(object_id), soci::use(now);
}

namespace {

std::vector<OutboxRow> fetch(soci::statement& st, OutboxRow& row) {
  std::vector<OutboxRow> out;
  st.execute();
  while (st.fetch()) out.push_back(row);
  return out;
}

}  // namespace

std::vector<OutboxRow> pending(soci::session& sql, int limit) {
  OutboxRow row;
  soci::statement st =
      (sql.prepare << "SELECT id, kind, object_id, created_at FROM search_outbox "
                      "WHERE applied_at IS NULL ORDER BY created_at, id LIMIT :n",
       soci::into(row.id), soci::into(row.kind), soci::into(row.object_id),
       soci::into(row.created_at), soci::use(limit));
  return fetch(st, row);
}

std::vector<OutboxRow> created_since(soci::session& sql, long long since, int limit,
                                     const std::string& after_id) {
  OutboxRow row;
  soci::statement st =
      (sql.prepare << "SELECT id, kind, object_id, created_at FROM search_outbox "
                      "WHERE created_at >= :s AND id > :a ORDER BY id LIMIT :n",
       soci::into(row.id), soci::into(row.kind), soci::into(row.object_id),
       soci::into(row.created_at), soci::use(since), soci::use(after_id), soci::use(limit));
  return fetch(st, row);
}

void mark_applied(soci::session& sql, const std::vector<OutboxRow>& rows, long long now) {
  if (rows.empty()) return;
  std::string id;
  soci::statement st = (sql.prepare << "UPDATE search_outbox SET applied_at = :t WHERE id = :i",
                        soci::use(now), soci::use(id));
  for (const auto& r : rows) {
    id = r.id;
    st.execute(true);
  }
}

long long prune(soci::session& sql, long long before) {
  soci::statement st =
      (sql.prepare << "DELETE FROM search_outbox WHERE applied_at IS NOT NULL AND applied_at < :b",
       soci::use(before));
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace hiresafe::search
