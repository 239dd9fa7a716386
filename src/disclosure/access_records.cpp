#include "disclosure/access_records.hpp"

#include "core/ids.hpp"
#include "store/database.hpp"

namespace hiresafe::disclosure {

using soci::use;

void record_access(soci::session& sql, const AccessRecord& r, long long now) {
  const std::string id = core::new_id("ar_");
  const std::string grant = r.grant_id.value_or(""), company = r.actor_company_id.value_or(""),
                    object = r.object_id.value_or("");
  soci::indicator grant_ind = r.grant_id ? soci::i_ok : soci::i_null;
  soci::indicator company_ind = r.actor_company_id ? soci::i_ok : soci::i_null;
  soci::indicator object_ind = r.object_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO access_records (id, actor_kind, actor_id, subject_user_id, data_kind, "
         "purpose, grant_id, at, actor_company_id, object_id, fields) "
         "VALUES (:id, :k, :a, :s, :d, :p, :g, :t, :c, :o, :f)",
      use(id), use(r.actor_kind), use(r.actor_id), use(r.subject_user_id), use(r.data_kind),
      use(r.purpose), use(grant, grant_ind), use(now), use(company, company_ind),
      use(object, object_ind), use(r.fields);
}

std::vector<AccessEntry> accesses_of(soci::session& sql, const std::string& subject_user_id,
                                     const std::string& data_kind, int limit) {
  std::vector<AccessEntry> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT actor_kind, actor_id, purpose, fields, actor_company_id, object_id, "
                      "at FROM access_records WHERE subject_user_id = :s AND data_kind = :d "
                      "ORDER BY at DESC, id LIMIT :lim",
       use(subject_user_id), use(data_kind), use(limit));
  for (const auto& r : rows) {
    AccessEntry e;
    e.actor_kind = r.get<std::string>(0);
    e.actor_id = r.get<std::string>(1);
    e.purpose = r.get<std::string>(2);
    if (r.get_indicator(3) == soci::i_ok) e.fields = r.get<std::string>(3);
    if (r.get_indicator(4) == soci::i_ok) e.actor_company_id = r.get<std::string>(4);
    if (r.get_indicator(5) == soci::i_ok) e.object_id = r.get<std::string>(5);
    e.at = hiresafe::store::row_int(r, 6);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace hiresafe::disclosure
