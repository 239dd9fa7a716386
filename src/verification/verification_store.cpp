#include "verification/verification_store.hpp"

#include "store/database.hpp"

namespace hiresafe::verification::store {

using hiresafe::store::row_int;
using soci::into;
using soci::use;

namespace {
constexpr const char* kColumns =
    "id, user_id, kind, status, provider, details_enc, company_id, id_index, email_token_hash, "
    "reason, decided_by, submitted_at, decided_at";

std::optional<std::string> text_at(const soci::row& r, std::size_t i) {
  return r.get_indicator(i) == soci::i_ok ? std::optional<std::string>(r.get<std::string>(i))
                                          : std::nullopt;
}

VerificationRow from_row(const soci::row& r) {
  VerificationRow v;
  v.id = r.get<std::string>(0);
  v.user_id = r.get<std::string>(1);
  v.kind = r.get<std::string>(2);
  v.status = r.get<std::string>(3);
  v.provider = r.get<std::string>(4);
  v.details_enc = r.get<std::string>(5);
  v.company_id = text_at(r, 6);
  v.id_index = text_at(r, 7);
  v.email_token_hash = text_at(r, 8);
  v.reason = text_at(r, 9);
  v.decided_by = text_at(r, 10);
  v.submitted_at = row_int(r, 11);
  if (r.get_indicator(12) == soci::i_ok) v.decided_at = row_int(r, 12);
  return v;
}

std::vector<VerificationRow> select(soci::session& sql, const std::string& where,
                                    const std::string& key) {
  std::vector<VerificationRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns + " FROM verifications WHERE " + where,
       use(key));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}
}  // namespace

void insert_verification(soci::session& sql, const VerificationRow& v) {
  const std::string company = v.company_id.value_or(""), idx = v.id_index.value_or(""),
                    token = v.email_token_hash.value_or(""), reason = v.reason.value_or(""),
                    by = v.decided_by.value_or("");
  const long long decided = v.decided_at.value_or(0);
  soci::indicator ci = v.company_id ? soci::i_ok : soci::i_null,
                  ii = v.id_index ? soci::i_ok : soci::i_null,
                  ti = v.email_token_hash ? soci::i_ok : soci::i_null,
                  ri = v.reason ? soci::i_ok : soci::i_null,
                  bi = v.decided_by ? soci::i_ok : soci::i_null,
                  di = v.decided_at ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO verifications (id, user_id, kind, status, provider, details_enc, company_id, "
         "id_index, email_token_hash, reason, decided_by, submitted_at, decided_at) VALUES (:id, "
         ":u, :k, :s, :p, :d, :c, :i, :t, :r, :b, :at, :da)",
      use(v.id), use(v.user_id), use(v.kind), use(v.status), use(v.provider), use(v.details_enc),
      use(company, ci), use(idx, ii), use(token, ti), use(reason, ri), use(by, bi),
      use(v.submitted_at), use(decided, di);
}

std::optional<VerificationRow> verification_by_id(soci::session& sql, const std::string& id) {
  auto rows = select(sql, "id = :k", id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<VerificationRow> verification_by_email_token(soci::session& sql,
                                                           const std::string& token_hash) {
  auto rows = select(sql, "email_token_hash = :k", token_hash);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<VerificationRow> latest_of(soci::session& sql, const std::string& user_id) {
  std::vector<VerificationRow> latest;
  // Within one second, a pending submission is newer than a decided one.
  for (auto& v : select(sql,
                        "user_id = :k ORDER BY submitted_at DESC, CASE WHEN status = 'pending' "
                        "THEN 0 ELSE 1 END, COALESCE(decided_at, 0) DESC",
                        user_id)) {
    bool seen = false;
    for (const auto& l : latest) seen = seen || l.kind == v.kind;
    if (!seen) latest.push_back(std::move(v));
  }
  return latest;
}

std::vector<VerificationRow> pending(soci::session& sql, int limit) {
  auto rows = select(sql, "status = :k ORDER BY submitted_at, id", "pending");
  if (static_cast<int>(rows.size()) > limit) rows.resize(static_cast<std::size_t>(limit));
  return rows;
}

bool decide(soci::session& sql, const std::string& id, const std::string& status,
            const std::string& reason, const std::string& decided_by, long long now) {
  soci::indicator reason_ind = reason.empty() ? soci::i_null : soci::i_ok;
  soci::statement st =
      (sql.prepare << "UPDATE verifications SET status = :s, reason = :r, decided_by = :b, "
                      "decided_at = :t WHERE id = :id AND status = 'pending'",
       use(status), use(reason, reason_ind), use(decided_by), use(now), use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool has_open(soci::session& sql, const std::string& user_id, const std::string& kind) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM verifications WHERE user_id = :u AND kind = :k AND status IN "
         "('pending', 'approved')",
      use(user_id), use(kind), into(n);
  return n > 0;
}

void expire_email_links(soci::session& sql, const std::string& user_id, long long cutoff,
                        long long now) {
  sql << "UPDATE verifications SET status = 'expired', reason = 'The confirmation link lapsed', "
         "decided_by = 'system', decided_at = :now WHERE user_id = :u AND provider = 'email' AND "
         "status = 'pending' AND submitted_at < :cut",
      use(now), use(user_id), use(cutoff);
}

bool is_approved(soci::session& sql, const std::string& user_id, const std::string& kind) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM verifications WHERE user_id = :u AND kind = :k AND status = "
         "'approved'",
      use(user_id), use(kind), into(n);
  return n > 0;
}

std::string claim_id(soci::session& sql, const std::string& id_index, const std::string& user_id) {
  sql << "INSERT INTO id_claims (id_index, user_id) VALUES (:i, :u) ON CONFLICT (id_index) DO "
         "NOTHING",
      use(id_index), use(user_id);
  std::string holder;
  sql << "SELECT user_id FROM id_claims WHERE id_index = :i", use(id_index), into(holder);
  return holder;
}

void release_id(soci::session& sql, const std::string& id_index, const std::string& user_id) {
  sql << "DELETE FROM id_claims WHERE id_index = :i AND user_id = :u", use(id_index), use(user_id);
}

}  // namespace hiresafe::verification::store
