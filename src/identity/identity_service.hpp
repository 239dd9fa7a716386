// Accounts and sign-in: SMS codes, quick registration, passwords, sessions, roles, age and
// guardians (ACC-1…ACC-7, PRV-1). Personal fields are sealed under the person's key (SEC-2).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "consent/consent_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/periodic.hpp"
#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "crypto/passwords.hpp"
#include "identity/delivery.hpp"
#include "identity/identity_store.hpp"
#include "identity/last_seen.hpp"
#include "store/database.hpp"

namespace hiresafe::identity {

// What a new account must bring: acceptance of the current policy and a birth date.
struct Registration {
  std::optional<long long> accept_policy_version;
  std::optional<std::string> birth_date;
  std::string role = "seeker";  // seeker or recruiter
};

struct Client {
  std::string ip;
  std::optional<std::string> device_label;
};

struct CodeTicket {
  std::string message_id;
  long long expires_in = 0;
  long long resend_after = 0;
};

struct SessionGrant {
  std::string token;  // shown once; only its hash is stored
  std::string session_id;
  std::string user_id;
  long long expires_at = 0;
  bool created_account = false;
};

// The authenticated caller of a request.
struct Auth {
  std::string user_id;
  std::string session_id;
  std::string active_role;
  std::vector<std::string> roles;
  bool has_role(const std::string& role) const;
};

struct Me {
  std::string id, phone, birth_date, active_role;
  std::optional<std::string> email;
  std::vector<std::string> roles;
  bool is_minor = false, guardian_consent = false, has_password = false;
  long long created_at = 0;
};

struct SessionInfo {
  std::string id;
  std::optional<std::string> device_label;
  std::string active_role;
  long long created_at = 0, last_seen_at = 0, expires_at = 0;
  bool current = false;
};

struct Guardian {
  std::string name, phone, relationship, code;
};

class IdentityService {
 public:
  IdentityService(hiresafe::store::Database& db, const crypto::Keyring& keys,
                  const core::Clock& clock, const core::Config& config,
                  consent::ConsentService& consent, CodeDelivery& sms, CodeDelivery& mail,
                  const crypto::PasswordHasher& passwords);
  ~IdentityService();

  // purpose: sign_in | reset_password. Answers the same whether or not the address is known.
  core::Result<CodeTicket> request_phone_code(const std::string& phone, const std::string& purpose,
                                              const std::string& ip);
  core::Result<CodeTicket> request_email_code(const std::string& email, const std::string& purpose,
                                              const std::string& ip);

  // ACC-1: signs in; an unknown number registers (quick registration) when `registration` is
  // complete, else fails with 422 registration-required and the code stays usable.
  core::Result<SessionGrant> sign_in_with_code(const std::string& phone, const std::string& code,
                                               const Registration& registration,
                                               const Client& client);
  // ACC-2: headhunter account with e-mail + password and a verified phone.
  core::Result<SessionGrant> register_headhunter(const std::string& email,
                                                 const std::string& password,
                                                 const std::string& phone, const std::string& code,
                                                 const Registration& registration,
                                                 const Client& client);
  core::Result<SessionGrant> sign_in_with_password(const std::string& email,
                                                   const std::string& password,
                                                   const Client& client);
  // ACC-4: exactly one of phone or email; ends every other session.
  core::Result<SessionGrant> reset_password(const std::optional<std::string>& phone,
                                            const std::optional<std::string>& email,
                                            const std::string& code, const std::string& password,
                                            const Client& client);

  core::Result<Auth> authenticate(const std::string& token);
  // Starts a thread that, every `interval`, forgets from this node's session cache the sessions
  // changed lately anywhere (revoked, a role switched or added), and from then on trusts a
  // checked session for `cache_seconds` instead of sessions.cache_seconds: a change made on
  // another node applies here within about `interval`. A server runs it; one-shot commands and
  // services built without it keep the short trust window.
  void start_session_watch(std::chrono::milliseconds interval, long long cache_seconds);
  // One round of the watch: forgets the sessions changed at or after `since`.
  core::Status forget_changed_sessions(long long since);
  // Drops this node's cached sessions of a user after another domain changed their roles.
  void forget_sessions(const std::string& user_id);
  core::Result<Me> me(const Auth& auth);
  // ACC-6: true while the person is 16–17 and no guardian's consent is recorded; such a person
  // may keep resumes but not publish them.
  core::Result<bool> guardian_required(hiresafe::store::Conn& sql, const std::string& user_id);
  core::Status set_credentials(const Auth& auth, const std::string& email,
                               const std::string& password);
  core::Result<std::vector<SessionInfo>> sessions(const Auth& auth);
  core::Status revoke_session(const Auth& auth, const std::string& session_id);
  core::Result<long long> revoke_all_sessions(const Auth& auth);
  core::Result<Auth> add_role(const Auth& auth, const std::string& role);
  core::Result<Auth> switch_role(const Auth& auth, const std::string& role);

  // ACC-6: a 16–17-year-old's guardian confirms by a code sent to the guardian's phone.
  core::Result<CodeTicket> request_guardian_code(const Auth& auth, const std::string& phone,
                                                 const std::string& ip);
  core::Status record_guardian(const Auth& auth, const Guardian& guardian, const std::string& ip);

 private:
  enum class Channel { kSms, kEmail };
  core::Result<CodeTicket> issue_code(const std::string& target, const std::string& address,
                                      Channel channel, const std::string& purpose,
                                      const std::string& ip, bool deliver);
  core::Result<std::string> verify_code(const std::string& target, const std::string& purpose,
                                        const std::string& code);
  SessionGrant open_session(hiresafe::store::Conn& sql, const std::string& user_id,
                            const crypto::SecretKey& person_key, const std::string& role,
                            const Client& client);
  core::Result<crypto::SecretKey> person_key(hiresafe::store::Conn& sql, const std::string& user_id);
  core::Result<bool> minor_now(const store::UserRow& user, const crypto::SecretKey& key) const;
  core::Result<bool> minor_at_birth_date(const std::string& birth_date) const;

  hiresafe::store::Database& db_;
  const crypto::Keyring& keys_;
  const core::Clock& clock_;
  const core::Config& config_;
  consent::ConsentService& consent_;
  CodeDelivery& sms_;
  CodeDelivery& mail_;
  const crypto::PasswordHasher& passwords_;
  std::unique_ptr<class SessionCache> sessions_;
  // Stale sessions' last-seen times, written in the background (identity/last_seen.hpp).
  LastSeenWriter last_seen_;
  std::optional<core::ChangeWatch> watch_;  // last: its rounds use the members above
};

}  // namespace hiresafe::identity
