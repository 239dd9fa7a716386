#include "recommend/behaviour.hpp"

#include "core/ids.hpp"
#include "resumes/resume_store.hpp"

namespace hiresafe::recommend {

namespace {
constexpr const char* kJobSearch = "job_search";
std::string detail_field(const std::string& event_id) { return "behaviour/" + event_id; }
}  // namespace

BehaviourLog::BehaviourLog(hiresafe::store::Database& db, const crypto::Keyring& keys,
                           const core::Clock& clock)
    : db_(db), keys_(keys), clock_(clock) {}

core::Result<bool> BehaviourLog::record_job_search(const identity::Auth* auth,
                                                   const nlohmann::json& query) {
  if (!auth || auth->active_role != "seeker") return false;
  const long long now = clock_.now();
  return db_.transaction<bool>([&](hiresafe::store::Conn& sql) -> core::Result<bool> {
    if (!resumes::store::settings_of(sql, auth->user_id).personalised_recommendation)
      return false;
    HS_TRY(auto key, keys_.person_key(sql, auth->user_id));
    const std::string id = core::new_id("b_");
    const std::string sealed =
        crypto::seal_field(key, auth->user_id, detail_field(id), query.dump());
    const std::string kind = kJobSearch;
    sql.once("INSERT INTO behaviour_events (id, user_id, kind, detail_enc, created_at) "
             "VALUES (:i, :u, :k, :d, :t)",
             soci::use(id), soci::use(auth->user_id), soci::use(kind), soci::use(sealed),
             soci::use(now));
    return true;
  });
}

core::Result<std::vector<BehaviourEvent>> BehaviourLog::events_of(const identity::Auth& auth,
                                                                  int limit) {
  return db_.read<std::vector<BehaviourEvent>>(
      [&](hiresafe::store::Conn& sql) -> core::Result<std::vector<BehaviourEvent>> {
        HS_TRY(auto key, keys_.person_key(sql, auth.user_id));
        std::vector<BehaviourEvent> out;
        soci::rowset<soci::row> rows =
            (static_cast<soci::session&>(sql).prepare
                 << "SELECT id, kind, detail_enc, created_at FROM behaviour_events "
                    "WHERE user_id = :u ORDER BY created_at DESC, id LIMIT :n",
             soci::use(auth.user_id), soci::use(limit));
        for (const auto& r : rows) {
          BehaviourEvent e;
          e.id = r.get<std::string>(0);
          e.kind = r.get<std::string>(1);
          HS_TRY(auto opened, crypto::open_field(key, auth.user_id, detail_field(e.id),
                                                 r.get<std::string>(2)));
          e.detail = nlohmann::json::parse(opened, nullptr, false);
          e.at = hiresafe::store::row_int(r, 3);
          out.push_back(std::move(e));
        }
        return out;
      });
}

void forget_behaviour(soci::session& sql, const std::string& user_id) {
  sql << "DELETE FROM behaviour_events WHERE user_id = :u", soci::use(user_id);
}

}  // namespace hiresafe::recommend
