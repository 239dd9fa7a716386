#include "staff/staff_service.hpp"

#include <sodium.h>

#include <algorithm>

#include "core/ids.hpp"
#include "identity/identity_store.hpp"
#include "staff/audit.hpp"
#include "staff/totp.hpp"

namespace hiresafe::staff {

using core::Error;
using core::Result;

namespace {
constexpr long long kStaffSessionSeconds = 12 * 3600;
const std::vector<std::string> kPurposes = {kReviewPurpose};

std::string totp_aad(const std::string& staff_id) {
  return "staff-totp:" + staff_id;
}

struct StaffRow {
  std::string id, password_hash, totp_secret_enc;
  long long last_step = 0;
};

std::optional<StaffRow> staff_by_username(soci::session& sql, const std::string& username) {
  StaffRow row;
  hiresafe::store::OptText secret;
  sql << "SELECT id, password_hash, totp_secret_enc, totp_last_step FROM staff WHERE username = :u",
      soci::use(username), soci::into(row.id), soci::into(row.password_hash),
      soci::into(secret.value, secret.ind), soci::into(row.last_step);
  if (!sql.got_data()) return std::nullopt;
  row.totp_secret_enc = secret.get().value_or("");
  return row;
}

Grant grant_from(const soci::row& r) {
  return {r.get<std::string>(0),         r.get<std::string>(1), r.get<std::string>(2),
          r.get<std::string>(3),         r.get<std::string>(4), hiresafe::store::row_int(r, 5),
          hiresafe::store::row_int(r, 6)};
}
}  // namespace

StaffService::StaffService(hiresafe::store::Database& db, const crypto::Keyring& keys,
                           const core::Clock& clock, const core::Config& config,
                           const crypto::PasswordHasher& passwords)
    : db_(db), keys_(keys), clock_(clock), config_(config), passwords_(passwords) {}

Result<StaffCreated> StaffService::create(const std::string& username,
                                          const std::string& password) {
  bool name_ok = username.size() >= 3 && username.size() <= 32 &&
                 std::all_of(username.begin(), username.end(), [](unsigned char c) {
                   return std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-';
                 });
  if (!name_ok) return Error::invalid("username", "3-32 of a-z, 0-9, '.', '_', '-'");
  if (auto p = crypto::password_problem(password); !p.empty()) return Error::invalid("password", p);
  HS_TRY(auto hash, passwords_.hash(password));
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  StaffCreated created{core::new_id("st_"), ""};
  const std::string sealed = crypto::seal(keys_.system_data_key(), secret, totp_aad(created.id));
  const long long now = clock_.now();
  HS_CHECK(db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    if (staff_by_username(sql, username))
      return Error::conflict("username-taken", "That staff username exists");
    sql << "INSERT INTO staff (id, username, password_hash, created_at, totp_secret_enc) "
           "VALUES (:id, :u, :p, :t, :s)",
        soci::use(created.id), soci::use(username), soci::use(hash), soci::use(now),
        soci::use(sealed);
    append_audit(sql, db_.dialect(), now, {"operator", "staff.create", created.id, ""});
    return core::Unit{};
  }));
  created.otpauth_uri = "otpauth://totp/hiresafe:" + username + "?secret=" + base32(secret) +
                        "&issuer=hiresafe&algorithm=SHA1&digits=6&period=30";
  return created;
}

Result<StaffSession> StaffService::sign_in(const std::string& username, const std::string& password,
                                           const std::string& totp) {
  const long long now = clock_.now();
  const std::string target = "staff:" + username;
  auto bad = Error::unauthorized("Username, password or one-time code is wrong");
  bad.type = "invalid-credentials";
  HS_TRY(
      auto row,
      db_.read<std::optional<StaffRow>>([&](soci::session& sql) -> Result<std::optional<StaffRow>> {
        if (auto until = identity::store::locked_until(sql, target); until && *until > now) {
          return Error::too_many("sign-in-locked", "Too many wrong tries", *until - now);
        }
        return staff_by_username(sql, username);
      }));
  static const std::string kDummy = passwords_.hash("not-a-real-password").value();
  const bool password_ok = passwords_.verify(row ? row->password_hash : kDummy, password);
  long long step = -1;
  if (row && password_ok && !row->totp_secret_enc.empty()) {
    auto secret = crypto::open(keys_.system_data_key(), row->totp_secret_enc, totp_aad(row->id));
    if (secret) step = totp_match(*secret, totp, now);
  }
  // A step at or before the last one used is a replayed code.
  const bool ok = row && password_ok && step >= 0 && step > row->last_step;
  if (!ok) {
    // Counted in a transaction of its own: the failed request must still leave this trace.
    HS_CHECK(db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      if (identity::store::count_password_failure(
              sql, target, now, config_.codes.lockout_seconds) >= config_.password_max_failures) {
        identity::store::clear_password_failures(sql, target);
        identity::store::lock_target(sql, target, now + config_.codes.lockout_seconds);
      }
      return core::Unit{};
    }));
    return bad;
  }
  return db_.transaction<StaffSession>([&](soci::session& sql) -> Result<StaffSession> {
    // Claim the step atomically: of two sign-ins racing with one code, only one moves it.
    soci::statement claim = (sql.prepare << "UPDATE staff SET totp_last_step = :s WHERE id = :id "
                                            "AND totp_last_step < :s2",
                             soci::use(step), soci::use(row->id), soci::use(step));
    claim.execute(true);
    if (claim.get_affected_rows() != 1) return bad;
    identity::store::clear_password_failures(sql, target);
    StaffSession session{"st_" + core::random_hex(32), core::new_id("ss_"), row->id,
                         now + kStaffSessionSeconds};
    const std::string token_hash = crypto::plain_hash(session.token);
    sql << "INSERT INTO staff_sessions (id, token_hash, staff_id, created_at, expires_at) "
           "VALUES (:id, :h, :s, :c, :e)",
        soci::use(session.session_id), soci::use(token_hash), soci::use(row->id), soci::use(now),
        soci::use(session.expires_at);
    append_audit(sql, db_.dialect(), now,
                 {"staff:" + row->id, "staff.sign_in", session.session_id, ""});
    return session;
  });
}

Result<StaffAuth> StaffService::authenticate(const std::string& token) {
  if (token.size() != 67 || !token.starts_with("st_"))
    return Error::unauthorized("Invalid staff token");
  const long long now = clock_.now();
  const std::string token_hash = crypto::plain_hash(token);
  return db_.read<StaffAuth>([&](soci::session& sql) -> Result<StaffAuth> {
    StaffAuth auth;
    sql << "SELECT staff_id, id FROM staff_sessions WHERE token_hash = :h AND revoked_at IS NULL "
           "AND expires_at > :now",
        soci::use(token_hash), soci::use(now), soci::into(auth.staff_id),
        soci::into(auth.session_id);
    if (!sql.got_data()) return Error::unauthorized("Invalid or expired staff token");
    return auth;
  });
}

core::Status StaffService::sign_out(const StaffAuth& auth) {
  const long long now = clock_.now();
  return db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    sql << "UPDATE staff_sessions SET revoked_at = :now WHERE id = :id", soci::use(now),
        soci::use(auth.session_id);
    return core::Unit{};
  });
}

Result<Grant> StaffService::grant(const std::string& username, const std::string& purpose,
                                  long long hours, const std::string& reason) {
  if (std::find(kPurposes.begin(), kPurposes.end(), purpose) == kPurposes.end())
    return Error::invalid("purpose", "must be " + std::string(kReviewPurpose));
  if (hours < 1 || hours > 24 * 7) return Error::invalid("hours", "must be 1 to 168");
  if (reason.size() < 5 || reason.size() > 500)
    return Error::invalid("reason", "say why, in 5 to 500 characters");
  const long long now = clock_.now();
  return db_.transaction<Grant>([&](soci::session& sql) -> Result<Grant> {
    auto row = staff_by_username(sql, username);
    if (!row) return Error::not_found("No such staff member");
    Grant g{core::new_id("g_"), row->id, purpose, reason, "operator", now, now + hours * 3600};
    sql << "INSERT INTO access_grants (id, staff_id, purpose, reason, granted_by, created_at, "
           "expires_at) VALUES (:id, :s, :p, :r, :b, :c, :e)",
        soci::use(g.id), soci::use(g.staff_id), soci::use(g.purpose), soci::use(g.reason),
        soci::use(g.granted_by), soci::use(g.created_at), soci::use(g.expires_at);
    append_audit(sql, db_.dialect(), now,
                 {"operator", "grant.create", g.id, purpose + " for staff " + row->id});
    return g;
  });
}

Result<std::vector<Grant>> StaffService::grants(const StaffAuth& auth) {
  const long long now = clock_.now();
  return db_.read<std::vector<Grant>>([&](soci::session& sql) -> Result<std::vector<Grant>> {
    std::vector<Grant> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, staff_id, purpose, reason, granted_by, created_at, expires_at "
                        "FROM access_grants WHERE staff_id = :s AND revoked_at IS NULL AND "
                        "expires_at > :now ORDER BY created_at",
         soci::use(auth.staff_id), soci::use(now));
    for (const auto& r : rows) out.push_back(grant_from(r));
    return out;
  });
}

Result<std::string> StaffService::require_grant(soci::session& sql, const StaffAuth& auth,
                                                const std::string& purpose) {
  const long long now = clock_.now();
  hiresafe::store::OptText id;
  sql << "SELECT id FROM access_grants WHERE staff_id = :s AND purpose = :p AND revoked_at IS NULL "
         "AND expires_at > :now ORDER BY expires_at DESC LIMIT 1",
      soci::use(auth.staff_id), soci::use(purpose), soci::use(now), soci::into(id.value, id.ind);
  if (!sql.got_data() || !id.get()) {
    return Error::forbidden("access-grant-required",
                            "Reading personal data needs an active access grant for " + purpose);
  }
  return id.value;
}

}  // namespace hiresafe::staff
