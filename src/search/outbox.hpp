// The search outbox (see migrations/0005_search.sql): services record a change in the same
// transaction that makes it, so an index can never miss a committed change, and the indexer
// applies the rows after the fact.
#pragma once

#include <soci/soci.h>

#include <string>
#include <string_view>
#include <vector>

namespace hiresafe::search {

inline constexpr std::string_view kOutboxJob = "job";        // object: a job post id
inline constexpr std::string_view kOutboxSeeker = "seeker";  // object: a user id

struct OutboxRow {
  std::string id, kind, object_id;
  long long created_at = 0;
};

// Records that `object_id` changed; call inside the transaction that changed it.
void enqueue(soci::session& sql, std::string_view kind, const std::string& object_id,
             long long now);

// Rows not applied yet, oldest first.
std::vector<OutboxRow> pending(soci::session& sql, int limit);
// Rows created at or after `since`, applied or not: what a freshly built index may lack.
std::vector<OutboxRow> created_since(soci::session& sql, long long since, int limit,
                                     const std::string& after_id);
void mark_applied(soci::session& sql, const std::vector<OutboxRow>& rows, long long now);
// Forgets applied rows older than `before`; returns how many.
long long prune(soci::session& sql, long long before);

}  // namespace hiresafe::search
