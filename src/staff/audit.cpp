#include "staff/audit.hpp"

#include <fmt/format.h>

#include "crypto/secret.hpp"

namespace hiresafe::staff {

namespace {
constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

std::string entry_hash(const std::string& prev, long long seq, long long at,
                       const std::string& actor, const std::string& action,
                       const std::string& target, const std::string& detail) {
  // Length-prefixed fields, so no two different entries serialise to the same bytes.
  std::string material;
  for (const std::string& part :
       {prev, std::to_string(seq), std::to_string(at), actor, action, target, detail}) {
    material += std::to_string(part.size()) + ":" + part + ";";
  }
  return crypto::plain_hash(material);
}
}  // namespace

void append_audit(soci::session& sql, hiresafe::store::Dialect dialect, long long now,
                  const AuditEvent& e) {
  if (dialect == hiresafe::store::Dialect::kPostgres)
    sql << "LOCK TABLE audit_log IN EXCLUSIVE MODE";
  hiresafe::store::OptInt last_seq;
  hiresafe::store::OptText last_hash;
  sql << "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
      soci::into(last_seq.value, last_seq.ind), soci::into(last_hash.value, last_hash.ind);
  const bool first = !sql.got_data() || !last_seq.get();
  const long long seq = first ? 1 : last_seq.value + 1;
  const std::string prev = first ? kGenesis : last_hash.value;
  const std::string hash = entry_hash(prev, seq, now, e.actor, e.action, e.target, e.detail);
  sql << "INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash) "
         "VALUES (:s, :t, :a, :ac, :tg, :d, :p, :h)",
      soci::use(seq), soci::use(now), soci::use(e.actor), soci::use(e.action), soci::use(e.target),
      soci::use(e.detail), soci::use(prev), soci::use(hash);
}

core::Result<AuditCheck> verify_audit(hiresafe::store::Database& db) {
  return db.read<AuditCheck>([](soci::session& sql) -> core::Result<AuditCheck> {
    AuditCheck check;
    std::string prev = kGenesis;
    long long expected_seq = 1;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT seq, at, actor, action, target, detail, prev_hash, hash "
                        "FROM audit_log ORDER BY seq");
    for (const auto& r : rows) {
      const long long seq = hiresafe::store::row_int(r, 0);
      const long long at = hiresafe::store::row_int(r, 1);
      const auto actor = r.get<std::string>(2), action = r.get<std::string>(3),
                 target = r.get<std::string>(4), detail = r.get<std::string>(5),
                 prev_hash = r.get<std::string>(6), hash = r.get<std::string>(7);
      ++check.entries;
      std::string problem;
      if (seq != expected_seq)
        problem = fmt::format("expected entry {} but found {}", expected_seq, seq);
      else if (prev_hash != prev)
        problem = "does not link to the entry before it";
      else if (hash != entry_hash(prev_hash, seq, at, actor, action, target, detail))
        problem = "its contents do not match its hash";
      if (!problem.empty()) {
        check.first_broken_seq = seq;
        check.problem = problem;
        return check;
      }
      prev = hash;
      ++expected_seq;
    }
    return check;
  });
}

}  // namespace hiresafe::staff
