// SQL for virtual-number bindings (COM-4): the pair's live binding, the numbers its callers
// hold, and the binding's lifecycle from pending to bound to ended.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace hiresafe::hiring::store {

// A row of number_bindings. `provider_ref` is empty while the carrier call is in flight.
struct BindingRow {
  std::string id, number, recruiter_id, seeker_id, application_id;
  std::optional<std::string> provider_ref;
  long long created_at = 0, expires_at = 0;
  std::optional<long long> ended_at;
};

// Every query below treats a row as live when it has not ended, has not expired at `now`, and
// is either bound or still pending after `stale_before` (a pending row older than that was
// abandoned by a crashed bind and holds nothing).

// The pair's live row, bound or pending.
std::optional<BindingRow> live_for_pair(soci::session& sql, const std::string& recruiter_id,
                                        const std::string& seeker_id, long long now,
                                        long long stale_before);
// The numbers of the live rows that involve this recruiter or this seeker (with repeats).
std::vector<std::string> numbers_held(soci::session& sql, const std::string& recruiter_id,
                                      const std::string& seeker_id, long long now,
                                      long long stale_before);
// Removes the abandoned pending rows of these two callers.
void drop_abandoned(soci::session& sql, const std::string& recruiter_id,
                    const std::string& seeker_id, long long stale_before);

void insert_binding(soci::session& sql, const BindingRow& row);
void delete_binding(soci::session& sql, const std::string& id);
// Records the carrier's reference on a pending row that is not stale; false when the row is
// gone, already bound or abandoned.
bool set_provider_ref(soci::session& sql, const std::string& id, const std::string& provider_ref,
                      long long stale_before);

// Bound live rows only: a pending number does not ring yet, so nobody is shown it.
std::vector<BindingRow> bound_for_seeker(soci::session& sql, const std::string& seeker_id,
                                         long long now);
std::optional<BindingRow> bound_for_pair(soci::session& sql, const std::string& recruiter_id,
                                         const std::string& seeker_id, long long now);
std::optional<BindingRow> bound_by_id(soci::session& sql, const std::string& id, long long now);
// Sets ended_at on a live row; false when it was no longer live.
bool end_binding(soci::session& sql, const std::string& id, long long now);

}  // namespace hiresafe::hiring::store
