// The append-only audit log: every staff and operator action, each entry carrying the hash of
// the one before, so an edited, inserted or deleted row breaks the chain (SEC-4).
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "store/database.hpp"

namespace hiresafe::staff {

struct AuditEvent {
  std::string actor;   // "staff:<id>", "operator" (CLI) or "user:<id>"
  std::string action;  // e.g. "review.open", "grant.create"
  std::string target;  // an id, never personal data
  std::string detail;  // short, no personal data
};

// Appends inside the caller's transaction; PostgreSQL locks the table so concurrent appends
// queue instead of forking the chain (SQLite's BEGIN IMMEDIATE already serialises writers).
void append_audit(soci::session& sql, hiresafe::store::Dialect dialect, long long now,
                  const AuditEvent& event);

struct AuditCheck {
  long long entries = 0;
  std::optional<long long> first_broken_seq;  // empty when the chain is intact
  std::string problem;
};
core::Result<AuditCheck> verify_audit(hiresafe::store::Database& db);

}  // namespace hiresafe::staff
