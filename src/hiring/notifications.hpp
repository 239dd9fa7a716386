// In-app notifications (HIR-1: every change to an application reaches the seeker). Written in
// the same transaction as the change they announce; delivery channels come with messaging.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "hiring/application_store.hpp"
#include "identity/identity_service.hpp"
#include "store/database.hpp"

namespace hiresafe::hiring {

// `payload` carries ids and public labels only (job title, company name, status).
void notify(store::Conn& conn, const std::string& user_id, const std::string& kind,
            const std::string& object_id, const nlohmann::json& payload, long long now);

struct NotificationList {
  std::vector<store::NotificationRow> items;
  long long unread = 0;
};

class Notifications {
 public:
  Notifications(hiresafe::store::Database& db, const core::Clock& clock) : db_(db), clock_(clock) {}
  core::Result<NotificationList> list(const identity::Auth& auth);
  core::Status mark_read(const identity::Auth& auth, const std::string& id);

 private:
  hiresafe::store::Database& db_;
  const core::Clock& clock_;
};

}  // namespace hiresafe::hiring
