#include "hiring/virtual_numbers.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_set>

#include "core/http_post.hpp"
#include "core/ids.hpp"
#include "hiring/number_store.hpp"

namespace hiresafe::hiring {

namespace {

// A pending row this old belongs to a bind that died between its two transactions (a crash):
// it holds no number and is cleared. Far longer than any carrier call's timeout, so a bind
// still waiting on its carrier is never mistaken for one.
constexpr long long kPendingSeconds = 300;

// One lock for every node's allocations on PostgreSQL; the key is "hsnumber" in ASCII, a value
// nothing else in the schema locks.
constexpr const char* kAllocationLock = "SELECT pg_advisory_xact_lock(7526480852891624818)";

core::Error unreachable(const core::PostResult& answer) {
  auto e = core::Error::unavailable("The telephony carrier is not reachable");
  // Only the status: the carrier's body may quote the numbers it was sent.
  e.detail = answer.sent ? "The carrier answered HTTP " + std::to_string(answer.status)
                         : "The carrier did not answer";
  return e;
}

core::Error pool_exhausted() {
  return {core::ErrorKind::kUnavailable,
          "number-pool-exhausted",
          "No virtual number is free for this call; try again later",
          {},
          {},
          {}};
}

// FNV-1a over the pair: stable across processes and nodes, so a pair starts its walk at the
// same place everywhere, and different pairs start at different places.
std::uint64_t spread(const std::string& recruiter_id, const std::string& seeker_id) {
  std::uint64_t h = 14695981039346656037ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ull;
  };
  mix(recruiter_id);
  mix(std::string_view("\0", 1));
  mix(seeker_id);
  return h;
}

// A pool number neither caller holds. Among held.size() + 1 distinct pool numbers at least one
// is free, so the walk is bounded by what the two callers hold, not by the pool's size.
std::optional<std::string> free_number(const NumberPool& pool, const std::string& recruiter_id,
                                       const std::string& seeker_id,
                                       const std::unordered_set<std::string>& held) {
  const std::uint64_t size = pool.size();
  if (size == 0) return std::nullopt;
  const std::uint64_t start = spread(recruiter_id, seeker_id) % size;
  const std::uint64_t steps = std::min<std::uint64_t>(size, held.size() + 1);
  for (std::uint64_t k = 0; k < steps; ++k) {
    const std::uint64_t i = k < size - start ? start + k : k - (size - start);
    std::string number = pool.at(i);
    if (!held.count(number)) return number;
  }
  return std::nullopt;
}

Binding to_binding(const store::BindingRow& row) {
  return {row.id,         row.number,     row.recruiter_id, row.seeker_id, row.application_id,
          row.created_at, row.expires_at, row.ended_at};
}

void lock_allocation(hiresafe::store::Conn& conn) {
  if (conn.dialect() == hiresafe::store::Dialect::kPostgres) conn.sql() << kAllocationLock;
}

}  // namespace

core::Result<std::string> NoneTelephony::bind(const BindRequest& request) {
  return "none:" + request.binding_id;
}

core::Status NoneTelephony::unbind(const std::string&, const std::string&) {
  return core::ok_status();
}

HttpTelephony::HttpTelephony(std::string base_url, long timeout_ms)
    : base_url_(std::move(base_url)), timeout_ms_(timeout_ms) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

core::Result<std::string> HttpTelephony::bind(const BindRequest& request) {
  const nlohmann::json body = {{"binding_id", request.binding_id},
                               {"number_x", request.number},
                               {"party_a", request.party_a},
                               {"party_b", request.party_b},
                               {"expires_at", request.expires_at}};
  // `replace`: a malformed byte in stored data must not throw out of an adapter.
  auto answer = core::post_json(base_url_ + "/bind",
                                body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                                timeout_ms_);
  if (!answer.ok()) return unreachable(answer);
  auto json = nlohmann::json::parse(answer.body, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("ref") ||
      !json["ref"].is_string() || json["ref"].get_ref<const std::string&>().empty()) {
    // Without a ref the binding cannot be undone here; the carrier drops it at expires_at.
    auto e = core::Error::unavailable("The telephony carrier gave an unusable answer");
    e.detail = "The carrier's answer had no ref";
    return e;
  }
  return json["ref"].get<std::string>();
}

core::Status HttpTelephony::unbind(const std::string& provider_ref, const std::string& number) {
  const nlohmann::json body = {{"ref", provider_ref}, {"number_x", number}};
  auto answer = core::post_json(base_url_ + "/unbind",
                                body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                                timeout_ms_);
  if (!answer.ok()) return unreachable(answer);
  return core::ok_status();
}

VirtualNumbers::VirtualNumbers(hiresafe::store::Database& db, const core::Clock& clock,
                               Telephony& carrier, NumberPool pool, long long binding_seconds)
    : db_(db),
      clock_(clock),
      carrier_(carrier),
      pool_(std::move(pool)),
      binding_seconds_(binding_seconds) {}

core::Result<Binding> VirtualNumbers::bind(const std::string& recruiter_id,
                                           const std::string& seeker_id,
                                           const std::string& application_id,
                                           const Phones& phones) {
  struct Allocation {
    store::BindingRow row;
    bool reused = false;
  };
  auto allocated = [&] {
    std::lock_guard lock(allocation_);
    return db_.transaction<Allocation>(
        [&](hiresafe::store::Conn& conn) -> core::Result<Allocation> {
          lock_allocation(conn);
          // Read under the lock, so a later allocation never sees an earlier time.
          const long long now = clock_.now();
          const long long stale_before = now - kPendingSeconds;
          soci::session& sql = conn;
          if (auto live = store::live_for_pair(sql, recruiter_id, seeker_id, now, stale_before)) {
            if (!live->provider_ref)
              return core::Error::conflict("number-binding-in-progress",
                                           "A number is being bound for this call; try again "
                                           "in a moment");
            return Allocation{std::move(*live), true};
          }
          store::drop_abandoned(sql, recruiter_id, seeker_id, stale_before);
          auto held_list = store::numbers_held(sql, recruiter_id, seeker_id, now, stale_before);
          const std::unordered_set<std::string> held(held_list.begin(), held_list.end());
          auto number = free_number(pool_, recruiter_id, seeker_id, held);
          if (!number) return pool_exhausted();
          store::BindingRow row;
          row.id = core::new_id("nb_");
          row.number = std::move(*number);
          row.recruiter_id = recruiter_id;
          row.seeker_id = seeker_id;
          row.application_id = application_id;
          row.created_at = now;
          row.expires_at = now + binding_seconds_;
          store::insert_binding(sql, row);
          return Allocation{std::move(row), false};
        });
  }();
  if (!allocated) return std::move(allocated).error();
  if (allocated->reused) return to_binding(allocated->row);
  const store::BindingRow row = std::move(allocated->row);

  // The carrier is called outside any transaction: a slow carrier must not hold the database.
  // The pending row keeps the number reserved meanwhile; a failure removes it. Should that
  // removal fail too, the row goes stale after kPendingSeconds and stops holding the number.
  auto forget = [&] {
    (void)db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      store::delete_binding(sql, row.id);
      return core::Unit{};
    });
  };
  auto parties = phones();
  if (!parties) {
    forget();
    return std::move(parties).error();
  }
  auto ref = carrier_.bind({row.id, row.number, parties->first, parties->second, row.expires_at});
  if (!ref) {
    forget();
    return std::move(ref).error();
  }
  auto recorded = [&] {
    // Under the allocation lock: a row an allocation treated as stale must never become bound.
    std::lock_guard lock(allocation_);
    return db_.transaction<bool>([&](hiresafe::store::Conn& conn) -> core::Result<bool> {
      lock_allocation(conn);
      return store::set_provider_ref(conn, row.id, *ref, clock_.now() - kPendingSeconds);
    });
  }();
  if (!recorded || !*recorded) {
    (void)carrier_.unbind(*ref, row.number);
    forget();
    if (!recorded) return std::move(recorded).error();
    // The carrier took longer than kPendingSeconds and the number may have moved on.
    return core::Error::unavailable("The telephony carrier is not reachable");
  }
  return to_binding(row);
}

core::Result<std::vector<Binding>> VirtualNumbers::live_for_seeker(const std::string& seeker_id) {
  return db_.read<std::vector<Binding>>(
      [&](soci::session& sql) -> core::Result<std::vector<Binding>> {
        std::vector<Binding> out;
        for (const auto& row : store::bound_for_seeker(sql, seeker_id, clock_.now()))
          out.push_back(to_binding(row));
        return out;
      });
}

core::Result<std::optional<Binding>> VirtualNumbers::live_for_pair(const std::string& recruiter_id,
                                                                   const std::string& seeker_id) {
  return db_.read<std::optional<Binding>>(
      [&](soci::session& sql) -> core::Result<std::optional<Binding>> {
        auto row = store::bound_for_pair(sql, recruiter_id, seeker_id, clock_.now());
        if (!row) return std::optional<Binding>();
        return std::optional<Binding>(to_binding(*row));
      });
}

core::Status VirtualNumbers::end(const std::string& seeker_id, const std::string& binding_id) {
  auto ended = db_.transaction<store::BindingRow>(
      [&](soci::session& sql) -> core::Result<store::BindingRow> {
        const long long now = clock_.now();
        auto row = store::bound_by_id(sql, binding_id, now);
        // Someone else's binding reads as absent, so ids cannot be probed.
        if (!row || row->seeker_id != seeker_id || !store::end_binding(sql, binding_id, now))
          return core::Error::not_found("No such live number binding");
        row->ended_at = now;
        return std::move(*row);
      });
  if (!ended) return std::move(ended).error();
  // Ending on our side is what the seeker asked for, and it is done: the number stops being
  // shown and is free for other pairs. The carrier was given expires_at when binding, so one
  // that misses this unbind still drops the route then; failing the request would only make
  // the seeker retry something already true.
  (void)carrier_.unbind(*ended->provider_ref, ended->number);
  return core::ok_status();
}

}  // namespace hiresafe::hiring
