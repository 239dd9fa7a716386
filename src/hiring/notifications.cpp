#include "hiring/notifications.hpp"

#include "core/ids.hpp"

namespace hiresafe::hiring {

void notify(store::Conn& conn, const std::string& user_id, const std::string& kind,
            const std::string& object_id, const nlohmann::json& payload, long long now) {
  store::insert_notification(conn, {core::new_ordered_id("n_"), user_id, kind, object_id,
                                    payload.dump(), now, std::nullopt});
}

core::Result<NotificationList> Notifications::list(const identity::Auth& auth) {
  return db_.read<NotificationList>([&](soci::session& sql) -> core::Result<NotificationList> {
    return NotificationList{store::notifications_of(sql, auth.user_id, 100),
                            store::unread_count(sql, auth.user_id)};
  });
}

core::Status Notifications::mark_read(const identity::Auth& auth, const std::string& id) {
  const long long now = clock_.now();
  return db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    if (!store::mark_read(sql, auth.user_id, id, now))
      return core::Error::not_found("No such notification");
    return core::Unit{};
  });
}

}  // namespace hiresafe::hiring
