#include "identity/identity_service.hpp"

#include <sodium.h>

#include <fmt/format.h>

#include <algorithm>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "identity/contact.hpp"
#include "identity/identity_store.hpp"
#include "identity/session_cache.hpp"

namespace hiresafe::identity {

using core::Error;
using core::Result;
using core::Status;
namespace db = identity::store;

namespace {
constexpr const char* kSignIn = "sign_in";
constexpr const char* kReset = "reset_password";
constexpr const char* kGuardian = "guardian";
constexpr long long kHour = 3600;
// Last-seen writes: five times a second, at most 256 sessions a transaction (3–6 ms of a
// PostgreSQL core), so the writes of 3,000 requests a second come as a few short statements.
constexpr std::chrono::milliseconds kLastSeenInterval{200};
constexpr std::size_t kLastSeenChunk = 256;

Error invalid_code() {
  return Error::invalid("code", "is wrong, expired or already used", "invalid-code");
}

Error locked(long long retry_after) {
  return Error::too_many("code-locked", "Too many wrong codes; try again later", retry_after);
}

Error sign_in_locked(long long retry_after) {
  return Error::too_many("sign-in-locked", "Too many wrong passwords; try again later",
                         retry_after);
}

std::string new_code() {
  return fmt::format("{:06d}", randombytes_uniform(1000000));
}

bool valid_code_shape(const std::string& code) {
  return code.size() == 6 && std::all_of(code.begin(), code.end(),
                                         [](unsigned char c) { return std::isdigit(c) != 0; });
}

Status check_device_label(const std::optional<std::string>& label) {
  if (label && (label->size() > 100 || !core::clean_utf8(*label)))
    return Error::invalid("device_label", "must be at most 100 characters of plain text");
  return core::Unit{};
}
}  // namespace

bool Auth::has_role(const std::string& role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

IdentityService::IdentityService(hiresafe::store::Database& db, const crypto::Keyring& keys,
                                 const core::Clock& clock, const core::Config& config,
                                 consent::ConsentService& consent, CodeDelivery& sms,
                                 CodeDelivery& mail, const crypto::PasswordHasher& passwords)
    : db_(db),
      keys_(keys),
      clock_(clock),
      config_(config),
      consent_(consent),
      sms_(sms),
      mail_(mail),
      passwords_(passwords),
      sessions_(std::make_unique<SessionCache>(config.session_cache_seconds)),
      last_seen_(db, kLastSeenInterval, kLastSeenChunk) {}

IdentityService::~IdentityService() = default;

// ---- codes -------------------------------------------------------------------------------

Result<CodeTicket> IdentityService::issue_code(const std::string& target,
                                               const std::string& address, Channel channel,
                                               const std::string& purpose, const std::string& ip,
                                               bool deliver) {
  const auto& limits = config_.codes;
  const long long now = clock_.now();
  const std::string ip_hash = keys_.ip_hash(ip);
  const std::string code = new_code();
  CodeTicket ticket{core::new_id("m_"), limits.ttl_seconds, limits.resend_seconds};

  auto issued = db_.transaction<core::Unit>([&](hiresafe::store::Conn& sql) -> Status {
    if (auto until = db::locked_until(sql, target); until && *until > now)
      return locked(*until - now);
    auto recent = db::codes_for_target(sql, target, now - kHour);
    if (recent.count > 0 && recent.newest + limits.resend_seconds > now) {
      return Error::too_many("code-too-soon", "Wait before asking for another code",
                             recent.newest + limits.resend_seconds - now);
    }
    if (recent.count >= limits.hourly_per_number) {
      return Error::too_many("code-hourly-limit", "Too many codes for this recipient this hour",
                             recent.oldest + kHour - now);
    }
    auto from_ip = db::codes_for_ip(sql, ip_hash, now - kHour);
    if (from_ip.count >= limits.hourly_per_ip) {
      return Error::too_many("code-hourly-limit", "Too many codes from this network this hour",
                             from_ip.oldest + kHour - now);
    }
    db::retire_codes(sql, target, purpose, now);
    db::insert_code(
        sql, {ticket.message_id, target, purpose, keys_.code_hash(target, purpose, code), ip_hash,
              now, now + limits.ttl_seconds, 0});
    return core::Unit{};
  });
  if (!issued) return std::move(issued).error();
  if (deliver) {
    OutboundCode message{ticket.message_id, target, address, purpose, code};
    (channel == Channel::kSms ? sms_ : mail_).deliver(message);
  }
  return ticket;
}

Result<std::string> IdentityService::verify_code(const std::string& target,
                                                 const std::string& purpose,
                                                 const std::string& code) {
  if (!valid_code_shape(code)) return Error::invalid("code", "must be 6 digits");
  enum class Outcome { kMatch, kWrong, kLocked };
  struct Verdict {
    Outcome outcome;
    std::string code_id;
    long long retry_after = 0;
  };
  const long long now = clock_.now();
  // Its own transaction: a wrong try must count even though the request then fails.
  auto verdict = db_.transaction<Verdict>([&](hiresafe::store::Conn& sql) -> Result<Verdict> {
    if (auto until = db::locked_until(sql, target); until && *until > now)
      return Verdict{Outcome::kLocked, {}, *until - now};
    auto live = db::live_code(sql, target, purpose, now);
    if (!live) return Verdict{Outcome::kWrong, {}};
    auto expected = keys_.code_hash(target, purpose, code);
    if (expected.size() == live->code_hash.size() &&
        sodium_memcmp(expected.data(), live->code_hash.data(), expected.size()) == 0) {
      return Verdict{Outcome::kMatch, live->id};
    }
    db::count_failed_attempt(sql, live->id);
    if (live->attempts + 1 >= config_.codes.max_attempts) {
      db::retire_codes(sql, target, purpose, now);
      db::lock_target(sql, target, now + config_.codes.lockout_seconds);
      return Verdict{Outcome::kLocked, {}, config_.codes.lockout_seconds};
    }
    return Verdict{Outcome::kWrong, {}};
  });
  if (!verdict) return std::move(verdict).error();
  switch (verdict->outcome) {
    case Outcome::kMatch:
      return verdict->code_id;
    case Outcome::kLocked:
      return locked(verdict->retry_after);
    case Outcome::kWrong:
      break;
  }
  return invalid_code();
}

Result<CodeTicket> IdentityService::request_phone_code(const std::string& phone,
                                                       const std::string& purpose,
                                                       const std::string& ip) {
  if (purpose != kSignIn && purpose != kReset)
    return Error::invalid("purpose", "must be sign_in or reset_password");
  HS_TRY(auto e164, normalise_phone(phone, "phone"));
  const auto target = keys_.phone_index(e164);
  bool deliver = true;
  if (purpose == kReset) {
    // Only registered numbers get a reset code; the answer is the same either way.
    HS_TRY(bool known, db_.read<bool>([&](hiresafe::store::Conn& sql) -> Result<bool> {
      return db::user_by_phone(sql, target).has_value();
    }));
    deliver = known;
  }
  return issue_code(target, e164, Channel::kSms, purpose, ip, deliver);
}

Result<CodeTicket> IdentityService::request_email_code(const std::string& email,
                                                       const std::string& purpose,
                                                       const std::string& ip) {
  if (purpose != kReset) return Error::invalid("purpose", "must be reset_password for e-mail");
  HS_TRY(auto normal, normalise_email(email, "email"));
  const auto target = keys_.email_index(normal);
  HS_TRY(bool known, db_.read<bool>([&](hiresafe::store::Conn& sql) -> Result<bool> {
    return db::user_by_email(sql, target).has_value();
  }));
  return issue_code(target, normal, Channel::kEmail, purpose, ip, known);
}

// ---- sessions ------------------------------------------------------------------------------

Result<bool> IdentityService::minor_now(const db::UserRow& user,
                                        const crypto::SecretKey& key) const {
  HS_TRY(auto birth, crypto::open_field(key, user.id, "birth_date", user.birth_date_enc));
  return minor_at_birth_date(birth);
}

Result<bool> IdentityService::minor_at_birth_date(const std::string& birth_date) const {
  // Derived from the birth date each time: a 17-year-old becomes an adult on their birthday.
  HS_TRY(int age, age_at(birth_date, clock_.now(), "birth_date"));
  return age < config_.adult_age;
}

Result<bool> IdentityService::guardian_required(hiresafe::store::Conn& sql,
                                                const std::string& user_id) {
  auto user = db::user_by_id(sql, user_id);
  if (!user || user->wrapped_key.empty()) return Error::not_found("No such person");
  HS_TRY(auto key, keys_.unwrap_person_key(user->wrapped_key, user_id));
  HS_TRY(bool minor, minor_now(*user, key));
  return minor && !db::has_guardian(sql, user_id);
}

Result<crypto::SecretKey> IdentityService::person_key(hiresafe::store::Conn& sql,
                                                      const std::string& user_id) {
  auto user = db::user_by_id(sql, user_id);
  if (!user || user->wrapped_key.empty()) return Error::unauthorized();
  return keys_.unwrap_person_key(user->wrapped_key, user_id);
}

SessionGrant IdentityService::open_session(hiresafe::store::Conn& sql, const std::string& user_id,
                                           const crypto::SecretKey& person_key,
                                           const std::string& role, const Client& client) {
  const long long now = clock_.now();
  SessionGrant grant;
  grant.token = "hs_" + core::random_hex(32);
  grant.session_id = core::new_id("s_");
  grant.user_id = user_id;
  grant.expires_at = now + config_.session_ttl_days * 86400;
  db::SessionRow row;
  row.id = grant.session_id;
  row.token_hash = crypto::plain_hash(grant.token);
  row.user_id = user_id;
  row.active_role = role;
  if (client.device_label)
    row.device_label_enc =
        crypto::seal_field(person_key, user_id, "device_label", *client.device_label);
  row.created_at = row.last_seen_at = now;
  row.expires_at = grant.expires_at;
  db::insert_session(sql, row);
  return grant;
}

namespace {
std::string preferred_role(const std::vector<std::string>& roles) {
  if (std::find(roles.begin(), roles.end(), "seeker") != roles.end()) return "seeker";
  return roles.empty() ? "seeker" : roles.front();
}

// Validates what a new account brings; collects every problem so the client fixes all at once.
struct NewPerson {
  int policy_version = 0;
  std::string birth_date;
  bool minor = false;
};
}  // namespace

// ---- sign-in and registration ----------------------------------------------------------------

namespace {
// The row of a new person: a fresh data key, wrapped; phone and birth date sealed under it.
db::UserRow new_person_row(const crypto::Keyring& keys, const crypto::SecretKey& key,
                           const std::string& e164, const NewPerson& person, long long now) {
  db::UserRow user;
  user.id = core::new_id("u_");
  user.wrapped_key = keys.wrap_person_key(key, user.id);
  user.phone_enc = crypto::seal_field(key, user.id, "phone", e164);
  user.birth_date_enc = crypto::seal_field(key, user.id, "birth_date", person.birth_date);
  user.is_minor = person.minor;  // as registered; minor_now() answers for today
  user.status = "active";
  user.created_at = now;
  return user;
}

Result<NewPerson> check_registration(hiresafe::store::Conn& sql, consent::ConsentService& consent,
                                     const Registration& reg, long long now,
                                     const core::Config& config, bool role_fixed) {
  std::vector<core::FieldError> missing;
  if (!reg.accept_policy_version)
    missing.push_back({"accept_policy_version", "accept the current privacy policy to register"});
  if (!reg.birth_date) missing.push_back({"birth_date", "is required to register"});
  if (!missing.empty()) {
    return Error::invalid(std::move(missing), "registration-required",
                          "This number is not registered yet: complete the registration");
  }
  if (!role_fixed && reg.role != "seeker" && reg.role != "recruiter")
    return Error::invalid("role", "must be seeker or recruiter");
  HS_TRY(int version,
         consent.check_acceptance(sql, *reg.accept_policy_version, "accept_policy_version"));
  HS_TRY(int age, age_at(*reg.birth_date, now, "birth_date"));
  if (age < config.minimum_age) {
    auto e = Error::invalid(
        "birth_date",
        "the platform serves people aged " + std::to_string(config.minimum_age) + " and over",
        "under-age");
    e.title = "Too young to register";
    return e;
  }
  return NewPerson{version, *reg.birth_date, age < config.adult_age};
}
}  // namespace

Result<SessionGrant> IdentityService::sign_in_with_code(const std::string& phone,
                                                        const std::string& code,
                                                        const Registration& registration,
                                                        const Client& client) {
  HS_CHECK(check_device_label(client.device_label));
  HS_TRY(auto e164, normalise_phone(phone, "phone"));
  const auto target = keys_.phone_index(e164);
  HS_TRY(auto code_id, verify_code(target, kSignIn, code));
  const long long now = clock_.now();
  return db_.transaction<SessionGrant>([&](hiresafe::store::Conn& sql) -> Result<SessionGrant> {
    if (auto user = db::user_by_phone(sql, target)) {
      if (user->status != "active")
        return Error::forbidden("account-closed", "This account is closed");
      if (!db::consume_code(sql, code_id, now)) return invalid_code();
      HS_TRY(auto key, keys_.unwrap_person_key(user->wrapped_key, user->id));
      return open_session(sql, user->id, key, preferred_role(db::roles_of(sql, user->id)), client);
    }
    // Quick registration. Nothing personal is written before the policy check passes (PRV-1).
    HS_TRY(auto person, check_registration(sql, consent_, registration, now, config_, false));
    if (!db::consume_code(sql, code_id, now)) return invalid_code();
    auto key = crypto::SecretKey::random();
    auto user = new_person_row(keys_, key, e164, person, now);
    // Same transaction as the consent record: neither exists without the other (PRV-1).
    db::insert_user(sql, user, target, std::nullopt);
    consent_.record_policy_acceptance(sql, user.id, person.policy_version,
                                      keys_.ip_hash(client.ip));
    db::add_role(sql, user.id, registration.role, now);
    auto grant = open_session(sql, user.id, key, registration.role, client);
    grant.created_account = true;
    return grant;
  });
}

Result<SessionGrant> IdentityService::register_headhunter(
    const std::string& email, const std::string& password, const std::string& phone,
    const std::string& code, const Registration& registration, const Client& client) {
  HS_CHECK(check_device_label(client.device_label));
  std::vector<core::FieldError> problems;
  auto normal_email = normalise_email(email, "email");
  if (!normal_email) problems.push_back(normal_email.error().errors.front());
  if (auto p = crypto::password_problem(password); !p.empty()) problems.push_back({"password", p});
  auto e164 = normalise_phone(phone, "phone");
  if (!e164) problems.push_back(e164.error().errors.front());
  if (!problems.empty()) return Error::invalid(std::move(problems));

  const auto phone_target = keys_.phone_index(*e164);
  const auto email_target = keys_.email_index(*normal_email);
  HS_TRY(auto code_id, verify_code(phone_target, kSignIn, code));
  // Argon2id before the transaction: the write lock is never held while hashing.
  HS_TRY(auto hash, passwords_.hash(password));
  const long long now = clock_.now();
  return db_.transaction<SessionGrant>([&](hiresafe::store::Conn& sql) -> Result<SessionGrant> {
    if (db::user_by_phone(sql, phone_target))
      return Error::conflict("phone-registered", "This number already has an account; sign in");
    if (db::user_by_email(sql, email_target))
      return Error::conflict("email-taken", "This e-mail address is already in use");
    HS_TRY(auto person, check_registration(sql, consent_, registration, now, config_, true));
    if (!db::consume_code(sql, code_id, now)) return invalid_code();
    auto key = crypto::SecretKey::random();
    auto user = new_person_row(keys_, key, *e164, person, now);
    user.email_enc = crypto::seal_field(key, user.id, "email", *normal_email);
    user.password_hash = hash;
    db::insert_user(sql, user, phone_target, email_target);
    consent_.record_policy_acceptance(sql, user.id, person.policy_version,
                                      keys_.ip_hash(client.ip));
    db::add_role(sql, user.id, "headhunter", now);
    auto grant = open_session(sql, user.id, key, "headhunter", client);
    grant.created_account = true;
    return grant;
  });
}

Result<SessionGrant> IdentityService::sign_in_with_password(const std::string& email,
                                                            const std::string& password,
                                                            const Client& client) {
  HS_CHECK(check_device_label(client.device_label));
  auto bad = Error::unauthorized("E-mail or password is wrong");
  bad.type = "invalid-credentials";
  auto normal = normalise_email(email, "email");
  if (!normal) return std::move(normal).error();
  const auto target = keys_.email_index(*normal);
  const auto lock_target = "pw:" + target;
  const long long now = clock_.now();
  HS_TRY(auto user, db_.read<std::optional<db::UserRow>>(
                        [&](hiresafe::store::Conn& sql) -> Result<std::optional<db::UserRow>> {
                          if (auto until = db::locked_until(sql, lock_target);
                              until && *until > now)
                            return sign_in_locked(*until - now);
                          return db::user_by_email(sql, target);
                        }));
  // Verify even for unknown addresses so timing does not tell which addresses exist.
  static const std::string kDummy = passwords_.hash("not-a-real-password").value();
  bool good =
      passwords_.verify(user && user->password_hash ? *user->password_hash : kDummy, password);
  if (!user || !user->password_hash || !good) {
    // Wrong tries count in their own transaction, also for unknown addresses.
    HS_TRY(bool now_locked, db_.transaction<bool>([&](hiresafe::store::Conn& sql) -> Result<bool> {
      auto window = config_.codes.lockout_seconds;
      if (db::count_password_failure(sql, target, now, window) < config_.password_max_failures)
        return false;
      db::clear_password_failures(sql, target);
      db::lock_target(sql, lock_target, now + window);
      return true;
    }));
    if (now_locked) return sign_in_locked(config_.codes.lockout_seconds);
    return bad;
  }
  if (user->status != "active") return Error::forbidden("account-closed", "This account is closed");
  return db_.transaction<SessionGrant>([&](hiresafe::store::Conn& sql) -> Result<SessionGrant> {
    db::clear_password_failures(sql, target);
    HS_TRY(auto key, keys_.unwrap_person_key(user->wrapped_key, user->id));
    return open_session(sql, user->id, key, preferred_role(db::roles_of(sql, user->id)), client);
  });
}

Result<SessionGrant> IdentityService::reset_password(const std::optional<std::string>& phone,
                                                     const std::optional<std::string>& email,
                                                     const std::string& code,
                                                     const std::string& password,
                                                     const Client& client) {
  HS_CHECK(check_device_label(client.device_label));
  if (phone.has_value() == email.has_value())
    return Error::invalid("phone", "give exactly one of phone or email");
  if (auto p = crypto::password_problem(password); !p.empty()) return Error::invalid("password", p);
  std::string target;
  if (phone) {
    HS_TRY(auto e164, normalise_phone(*phone, "phone"));
    target = keys_.phone_index(e164);
  } else {
    HS_TRY(auto normal, normalise_email(*email, "email"));
    target = keys_.email_index(normal);
  }
  HS_TRY(auto code_id, verify_code(target, kReset, code));
  HS_TRY(auto hash, passwords_.hash(password));
  const long long now = clock_.now();
  return db_.transaction<SessionGrant>([&](hiresafe::store::Conn& sql) -> Result<SessionGrant> {
    auto user = phone ? db::user_by_phone(sql, target) : db::user_by_email(sql, target);
    if (!user || !db::consume_code(sql, code_id, now)) return invalid_code();
    db::set_password(sql, user->id, hash);
    db::clear_password_lock(sql, user->id);  // a proven owner is not kept out by old failures
    HS_TRY(auto key, keys_.unwrap_person_key(user->wrapped_key, user->id));
    auto grant =
        open_session(sql, user->id, key, preferred_role(db::roles_of(sql, user->id)), client);
    db::revoke_sessions(sql, user->id, now, grant.session_id);  // ACC-4: others end
    sessions_->forget_user(user->id);
    return grant;
  });
}

// ---- the signed-in person ----------------------------------------------------------------------

Result<Auth> IdentityService::authenticate(const std::string& token) {
  if (token.size() != 67 || !token.starts_with("hs_")) return Error::unauthorized("Invalid token");
  const long long now = clock_.now();
  const std::string token_hash = crypto::plain_hash(token);
  if (auto cached = sessions_->get(token_hash, now, config_.session_touch_seconds)) {
    if (cached->touch_due) last_seen_.queue(cached->auth.session_id, now);
    return std::move(cached->auth);
  }
  long long expires_at = 0, last_seen = 0;
  auto auth = db_.read<Auth>([&](hiresafe::store::Conn& sql) -> Result<Auth> {
    auto live = db::live_session(sql, token_hash, now);
    if (!live) return Error::unauthorized("Invalid or expired token");
    const auto& session = live->session;
    Auth auth{session.user_id, session.id, session.active_role, std::move(live->roles)};
    last_seen = session.last_seen_at;
    expires_at = session.expires_at;
    return auth;
  });
  if (!auth) return auth;
  if (SessionCache::touch_due(last_seen, now, config_.session_touch_seconds)) {
    last_seen_.queue(auth->session_id, now);
    last_seen = now;
  }
  sessions_->put(token_hash, *auth, now, expires_at, last_seen);
  return auth;
}

void IdentityService::start_session_watch(std::chrono::milliseconds interval,
                                          long long cache_seconds) {
  if (watch_) return;
  watch_.emplace(clock_, interval,
                 [this](long long since) { return forget_changed_sessions(since); });
  sessions_->set_session_ttl(cache_seconds);
}

core::Status IdentityService::forget_changed_sessions(long long since) {
  HS_TRY(auto ids, db_.read<std::vector<std::string>>(
                       [&](soci::session& sql) -> Result<std::vector<std::string>> {
                         return db::sessions_changed_since(sql, since);
                       }));
  for (const auto& id : ids) sessions_->forget_session(id);
  return core::Unit{};
}

void IdentityService::forget_sessions(const std::string& user_id) {
  sessions_->forget_user(user_id);
}

Result<Me> IdentityService::me(const Auth& auth) {
  const long long now = clock_.now();
  auto account = sessions_->account(auth.user_id, now);
  if (!account) {
    HS_TRY(auto read, db_.read<SessionCache::Account>(
                          [&](hiresafe::store::Conn& sql) -> Result<SessionCache::Account> {
                            auto user = db::user_by_id(sql, auth.user_id);
                            if (!user) return Error::unauthorized();
                            const bool guardian = db::has_guardian(sql, user->id);
                            return SessionCache::Account{std::move(*user), guardian};
                          }));
    sessions_->put_account(read, now);
    account = std::move(read);
  }
  const db::UserRow& user = account->row;
  HS_TRY(auto key, keys_.unwrap_person_key(user.wrapped_key, user.id));
  Me me;
  me.id = user.id;
  HS_TRY(me.phone, crypto::open_field(key, user.id, "phone", user.phone_enc));
  HS_TRY(me.birth_date, crypto::open_field(key, user.id, "birth_date", user.birth_date_enc));
  if (user.email_enc) {
    HS_TRY(auto email, crypto::open_field(key, user.id, "email", *user.email_enc));
    me.email = email;
  }
  me.roles = auth.roles;
  me.active_role = auth.active_role;
  HS_TRY(me.is_minor, minor_at_birth_date(me.birth_date));
  me.guardian_consent = me.is_minor && account->has_guardian;
  me.has_password = user.password_hash.has_value();
  me.created_at = user.created_at;
  return me;
}

Status IdentityService::set_credentials(const Auth& auth, const std::string& email,
                                        const std::string& password) {
  std::vector<core::FieldError> problems;
  auto normal = normalise_email(email, "email");
  if (!normal) problems.push_back(normal.error().errors.front());
  if (auto p = crypto::password_problem(password); !p.empty()) problems.push_back({"password", p});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  HS_TRY(auto hash, passwords_.hash(password));
  const auto target = keys_.email_index(*normal);
  auto done = db_.transaction<core::Unit>([&](hiresafe::store::Conn& sql) -> Status {
    if (db::email_taken(sql, target, auth.user_id))
      return Error::conflict("email-taken", "This e-mail address is already in use");
    HS_TRY(auto key, person_key(sql, auth.user_id));
    db::set_credentials(sql, auth.user_id, target,
                        crypto::seal_field(key, auth.user_id, "email", *normal), hash);
    return core::Unit{};
  });
  if (done) sessions_->forget_account(auth.user_id);
  return done;
}

Result<std::vector<SessionInfo>> IdentityService::sessions(const Auth& auth) {
  const long long now = clock_.now();
  last_seen_.flush();  // the list shows every last-seen known so far
  return db_.read<std::vector<SessionInfo>>(
      [&](hiresafe::store::Conn& sql) -> Result<std::vector<SessionInfo>> {
        HS_TRY(auto key, person_key(sql, auth.user_id));
        std::vector<SessionInfo> out;
        for (const auto& s : db::live_sessions_of(sql, auth.user_id, now)) {
          SessionInfo info{s.id,           std::nullopt, s.active_role,          s.created_at,
                           s.last_seen_at, s.expires_at, s.id == auth.session_id};
          if (s.device_label_enc) {
            HS_TRY(auto label,
                   crypto::open_field(key, auth.user_id, "device_label", *s.device_label_enc));
            info.device_label = label;
          }
          out.push_back(std::move(info));
        }
        return out;
      });
}

Status IdentityService::revoke_session(const Auth& auth, const std::string& session_id) {
  const long long now = clock_.now();
  return db_.transaction<core::Unit>([&](hiresafe::store::Conn& sql) -> Status {
    if (!db::revoke_session(sql, auth.user_id, session_id, now))
      return Error::not_found("No such session");
    sessions_->forget_session(session_id);
    return core::Unit{};
  });
}

Result<long long> IdentityService::revoke_all_sessions(const Auth& auth) {
  const long long now = clock_.now();
  return db_.transaction<long long>([&](hiresafe::store::Conn& sql) -> Result<long long> {
    auto revoked = db::revoke_sessions(sql, auth.user_id, now, "");
    sessions_->forget_user(auth.user_id);
    return revoked;
  });
}

Result<Auth> IdentityService::add_role(const Auth& auth, const std::string& role) {
  if (role != "seeker" && role != "recruiter")
    return Error::invalid("role", "must be seeker or recruiter");
  if (auth.has_role("headhunter"))
    return Error::forbidden("role-not-combinable", "A headhunter account cannot add this role");
  return db_.transaction<Auth>([&](hiresafe::store::Conn& sql) -> Result<Auth> {
    db::add_role(sql, auth.user_id, role, clock_.now());
    sessions_->forget_user(auth.user_id);
    Auth updated = auth;
    updated.roles = db::roles_of(sql, auth.user_id);
    return updated;
  });
}

Result<Auth> IdentityService::switch_role(const Auth& auth, const std::string& role) {
  if (!auth.has_role(role)) {
    auto e = Error::forbidden("role-not-held", "You do not hold that role; add it first");
    return e;
  }
  return db_.transaction<Auth>([&](hiresafe::store::Conn& sql) -> Result<Auth> {
    db::set_active_role(sql, auth.session_id, role, clock_.now());
    sessions_->forget_session(auth.session_id);
    Auth updated = auth;
    updated.active_role = role;
    return updated;
  });
}

// ---- guardians (ACC-6) -------------------------------------------------------------------------

Result<CodeTicket> IdentityService::request_guardian_code(const Auth& auth,
                                                          const std::string& phone,
                                                          const std::string& ip) {
  HS_TRY(auto e164, normalise_phone(phone, "guardian_phone"));
  HS_TRY(auto own_phone, db_.read<std::string>([&](hiresafe::store::Conn& sql) -> Result<std::string> {
    auto u = db::user_by_id(sql, auth.user_id);
    if (!u) return Error::unauthorized();
    HS_TRY(auto key, keys_.unwrap_person_key(u->wrapped_key, u->id));
    HS_TRY(bool minor, minor_now(*u, key));
    if (!minor) return Error::conflict("not-a-minor", "Only minors need a guardian's consent");
    return crypto::open_field(key, u->id, "phone", u->phone_enc);
  }));
  if (own_phone == e164)
    return Error::invalid("guardian_phone", "must be the guardian's own number, not yours");
  return issue_code(keys_.phone_index(e164), e164, Channel::kSms, kGuardian, ip, true);
}

Status IdentityService::record_guardian(const Auth& auth, const Guardian& g,
                                        const std::string& ip) {
  std::vector<core::FieldError> problems;
  if (g.name.empty() || g.name.size() > 100 || !core::clean_utf8(g.name))
    problems.push_back({"guardian_name", "is required, at most 100 characters"});
  static const std::vector<std::string> kRelations = {"parent", "legal_guardian", "other"};
  if (std::find(kRelations.begin(), kRelations.end(), g.relationship) == kRelations.end())
    problems.push_back({"relationship", "must be parent, legal_guardian or other"});
  auto e164 = normalise_phone(g.phone, "guardian_phone");
  if (!e164) problems.push_back(e164.error().errors.front());
  if (!problems.empty()) return Error::invalid(std::move(problems));
  const auto target = keys_.phone_index(*e164);
  HS_TRY(auto code_id, verify_code(target, kGuardian, g.code));
  const long long now = clock_.now();
  auto done = db_.transaction<core::Unit>([&](hiresafe::store::Conn& sql) -> Status {
    auto user = db::user_by_id(sql, auth.user_id);
    if (!user) return Error::unauthorized();
    HS_TRY(auto key, keys_.unwrap_person_key(user->wrapped_key, user->id));
    HS_TRY(bool minor, minor_now(*user, key));
    if (!minor) return Error::conflict("not-a-minor", "Only minors need a guardian's consent");
    if (!db::consume_code(sql, code_id, now)) return invalid_code();
    db::upsert_guardian(
        sql, {user->id, crypto::seal_field(key, user->id, "guardian_name", g.name),
              crypto::seal_field(key, user->id, "guardian_phone", *e164), g.relationship, now});
    consent::store::insert_consent(sql, {core::new_id("c_"), user->id, "guardian", std::nullopt,
                                         now, keys_.ip_hash(ip), std::nullopt});
    return core::Unit{};
  });
  if (done) sessions_->forget_account(auth.user_id);
  return done;
}

}  // namespace hiresafe::identity
