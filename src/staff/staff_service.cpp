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
const std::vector<std::string> kPurposes = {kReviewPurpose, kResumeSupportPurpose};

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

namespace {
// The checks every grant passes, whoever asks for it.
core::Status check_grant_terms(const std::string& purpose, long long hours,
                               const std::string& reason) {
  std::vector<core::FieldError> problems;
  if (std::find(kPurposes.begin(), kPurposes.end(), purpose) == kPurposes.end())
    problems.push_back({"purpose", "must be verification_review or resume_support"});
  if (hours < 1 || hours > 24 * 7) problems.push_back({"hours", "must be 1 to 168"});
  if (reason.size() < 5 || reason.size() > 500)
    problems.push_back({"reason", "say why, in 5 to 500 characters"});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return core::Unit{};
}

void insert_grant(soci::session& sql, const Grant& g) {
  sql << "INSERT INTO access_grants (id, staff_id, purpose, reason, granted_by, created_at, "
         "expires_at) VALUES (:id, :s, :p, :r, :b, :c, :e)",
      soci::use(g.id), soci::use(g.staff_id), soci::use(g.purpose), soci::use(g.reason),
      soci::use(g.granted_by), soci::use(g.created_at), soci::use(g.expires_at);
}

GrantRequest request_from(const soci::row& r) {
  using hiresafe::store::row_int;
  GrantRequest g{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                 r.get<std::string>(3), r.get<std::string>(4), row_int(r, 5), row_int(r, 6),
                 std::nullopt, std::nullopt};
  if (r.get_indicator(7) == soci::i_ok) g.decided_by = r.get<std::string>(7);
  if (r.get_indicator(8) == soci::i_ok) g.grant_id = r.get<std::string>(8);
  return g;
}

constexpr const char* kRequestColumns =
    "id, staff_id, purpose, reason, status, hours, created_at, decided_by, grant_id";
}  // namespace

Result<Grant> StaffService::grant(const std::string& username, const std::string& purpose,
                                  long long hours, const std::string& reason) {
  HS_CHECK(check_grant_terms(purpose, hours, reason));
  const long long now = clock_.now();
  return db_.transaction<Grant>([&](soci::session& sql) -> Result<Grant> {
    auto row = staff_by_username(sql, username);
    if (!row) return Error::not_found("No such staff member");
    Grant g{core::new_id("g_"), row->id, purpose, reason, "operator", now, now + hours * 3600};
    insert_grant(sql, g);
    append_audit(sql, db_.dialect(), now,
                 {"operator", "grant.create", g.id, purpose + " for staff " + row->id});
    return g;
  });
}

Result<GrantRequest> StaffService::request_grant(const StaffAuth& auth, const std::string& purpose,
                                                 long long hours, const std::string& reason) {
  HS_CHECK(check_grant_terms(purpose, hours, reason));
  const long long now = clock_.now();
  return db_.transaction<GrantRequest>([&](soci::session& sql) -> Result<GrantRequest> {
    GrantRequest g{core::new_id("gr_"), auth.staff_id, purpose, reason, "pending", hours, now,
                   std::nullopt, std::nullopt};
    sql << "INSERT INTO grant_requests (id, staff_id, purpose, reason, hours, status, created_at) "
           "VALUES (:id, :s, :p, :r, :h, :st, :c)",
        soci::use(g.id), soci::use(g.staff_id), soci::use(g.purpose), soci::use(g.reason),
        soci::use(g.hours), soci::use(g.status), soci::use(g.created_at);
    append_audit(sql, db_.dialect(), now,
                 {"staff:" + auth.staff_id, "grant.request", g.id, purpose});
    return g;
  });
}

Result<std::vector<GrantRequest>> StaffService::grant_requests(const StaffAuth&) {
  return db_.read<std::vector<GrantRequest>>(
      [&](soci::session& sql) -> Result<std::vector<GrantRequest>> {
        std::vector<GrantRequest> out;
        soci::rowset<soci::row> rows =
            (sql.prepare << std::string("SELECT ") + kRequestColumns +
                                " FROM grant_requests WHERE status = 'pending' "
                                "ORDER BY created_at, id LIMIT 200");
        for (const auto& r : rows) out.push_back(request_from(r));
        return out;
      });
}

Result<Grant> StaffService::approve_grant(const StaffAuth& auth, const std::string& request_id) {
  const long long now = clock_.now();
  return db_.transaction<Grant>([&](soci::session& sql) -> Result<Grant> {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string("SELECT ") + kRequestColumns +
                            " FROM grant_requests WHERE id = :id",
         soci::use(request_id));
    std::optional<GrantRequest> req;
    for (const auto& r : rows) req = request_from(r);
    if (!req) return Error::not_found("No such grant request");
    if (req->status != "pending")
      return Error::conflict("grant-request-decided", "This request was already decided");
    // Four eyes: nobody approves their own access to personal data (SEC-4).
    if (req->staff_id == auth.staff_id)
      return Error::forbidden("four-eyes-required",
                              "Another staff member must approve your grant request");
    Grant g{core::new_id("g_"), req->staff_id, req->purpose, req->reason, auth.staff_id, now,
            now + req->hours * 3600};
    insert_grant(sql, g);
    sql << "UPDATE grant_requests SET status = 'approved', decided_by = :b, decided_at = :t, "
           "grant_id = :g WHERE id = :id",
        soci::use(auth.staff_id), soci::use(now), soci::use(g.id), soci::use(request_id);
    append_audit(sql, db_.dialect(), now,
                 {"staff:" + auth.staff_id, "grant.approve", g.id,
                  req->purpose + " for staff " + req->staff_id + " (request " + request_id + ")"});
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
