#include "consent/consent_store.hpp"

#include "store/database.hpp"

namespace hiresafe::consent::store {

using soci::into;
using soci::use;

std::optional<PolicyRow> latest_policy(soci::session& sql) {
  PolicyRow p;
  int material = 1;
  sql << "SELECT version, text_hash, body, material, published_at FROM policy_versions "
         "ORDER BY version DESC LIMIT 1",
      into(p.version), into(p.text_hash), into(p.body), into(material), into(p.published_at);
  if (!sql.got_data()) return std::nullopt;
  p.material = material != 0;
  return p;
}

void insert_policy(soci::session& sql, const PolicyRow& p) {
  int material = p.material ? 1 : 0;
  sql << "INSERT INTO policy_versions (version, text_hash, body, material, published_at) "
         "VALUES (:v, :h, :b, :m, :t)",
      use(p.version), use(p.text_hash), use(p.body), use(material), use(p.published_at);
}

void insert_consent(soci::session& sql, const ConsentRow& c) {
  int version = c.policy_version.value_or(0);
  soci::indicator version_ind = c.policy_version ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO consents (id, user_id, kind, policy_version, granted_at, ip_hash) "
         "VALUES (:id, :u, :k, :v, :t, :ip)",
      use(c.id), use(c.user_id), use(c.kind), use(version, version_ind), use(c.granted_at),
      use(c.ip_hash);
}

std::vector<ConsentRow> consents_of(soci::session& sql, const std::string& user_id) {
  std::vector<ConsentRow> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT id, kind, policy_version, granted_at, withdrawn_at FROM consents "
                      "WHERE user_id = :u ORDER BY granted_at, id",
       use(user_id));
  for (const auto& r : rs) {
    ConsentRow c;
    c.id = r.get<std::string>(0);
    c.user_id = user_id;
    c.kind = r.get<std::string>(1);
    if (r.get_indicator(2) == soci::i_ok)
      c.policy_version = static_cast<int>(hiresafe::store::row_int(r, 2));
    c.granted_at = hiresafe::store::row_int(r, 3);
    if (r.get_indicator(4) == soci::i_ok) c.withdrawn_at = hiresafe::store::row_int(r, 4);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace hiresafe::consent::store
