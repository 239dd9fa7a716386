#include "disclosure/access_records.hpp"

#include "core/ids.hpp"

namespace hiresafe::disclosure {

void record_access(soci::session& sql, const AccessRecord& r, long long now) {
  const std::string id = core::new_id("ar_");
  const std::string grant = r.grant_id.value_or("");
  soci::indicator grant_ind = r.grant_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO access_records (id, actor_kind, actor_id, subject_user_id, data_kind, "
         "purpose, grant_id, at) VALUES (:id, :k, :a, :s, :d, :p, :g, :t)",
      soci::use(id), soci::use(r.actor_kind), soci::use(r.actor_id), soci::use(r.subject_user_id),
      soci::use(r.data_kind), soci::use(r.purpose), soci::use(grant, grant_ind), soci::use(now);
}

}  // namespace hiresafe::disclosure
