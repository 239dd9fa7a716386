// Code, session and key rules on a real database (SQLite and PostgreSQL), with a moved clock.
// Suites named Store* run once per backend (see tests/CMakeLists.txt).
#include <gtest/gtest.h>

#include <sodium.h>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "consent/consent_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "crypto/keyring.hpp"
#include "identity/identity_service.hpp"
#include "identity/identity_store.hpp"
#include "identity/last_seen.hpp"
#include "store/migrations.hpp"
#include "test_env.hpp"

using namespace hiresafe;

namespace {

class Capture final : public identity::CodeDelivery {
 public:
  void deliver(const identity::OutboundCode& m) override {
    std::lock_guard lock(mutex_);
    last = m;
    ++count;
  }
  identity::OutboundCode last;
  int count = 0;

 private:
  std::mutex mutex_;
};

class StoreIdentity : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    db_ = hiresafe::testing::open_test_database(dir_.path());
    if (!db_) GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
    keys_ = std::move(crypto::Keyring::open(*db_, master_).value());
    consent_ = std::make_unique<consent::ConsentService>(*db_, clock_);
    ASSERT_TRUE(consent_->ensure_policy("policy text"));
    service_ = std::make_unique<identity::IdentityService>(*db_, *keys_, clock_, config_, *consent_,
                                                           sms_, mail_, hasher_);
  }

  std::string code_for(const std::string& phone, const std::string& ip = "10.0.0.1") {
    auto t = service_->request_phone_code(phone, "sign_in", ip);
    EXPECT_TRUE(t) << (t ? "" : t.error().type);
    return sms_.last.code;
  }

  identity::Registration adult() { return {1, std::string("1990-01-01"), "seeker"}; }

  long long count(const std::string& table) {
    return db_
        ->read<long long>([&](soci::session& sql) -> core::Result<long long> {
          long long n = 0;
          sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
          return n;
        })
        .value();
  }

  long long last_seen_of(const identity::SessionGrant& g, long long now) {
    return db_
        ->read<long long>([&](soci::session& sql) -> core::Result<long long> {
          return identity::store::live_sessions_of(sql, g.user_id, now).at(0).last_seen_at;
        })
        .value();
  }

  hiresafe::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  crypto::SecretKey master_ = crypto::SecretKey::random();
  std::unique_ptr<crypto::Keyring> keys_;
  hiresafe::testing::ManualClock clock_;
  core::Config config_;
  std::unique_ptr<consent::ConsentService> consent_;
  Capture sms_, mail_;
  crypto::PasswordHasher hasher_{"min"};
  std::unique_ptr<identity::IdentityService> service_;
  const identity::Client client_{"10.0.0.1", std::nullopt};
};

}  // namespace

TEST_F(StoreIdentity, MigrationsAreIdempotent) {
  EXPECT_EQ(*store::migrate(*db_, 0), 0);
  EXPECT_EQ(*store::current_version(*db_), store::latest_version());
}

// Migration 0011 is marked PostgreSQL-only: SQLite (which has no fill factor) got through every
// migration above, and PostgreSQL leaves room on the sessions' pages for last-seen updates.
TEST_F(StoreIdentity, SessionPagesKeepRoomForLastSeenOnPostgres) {
  if (db_->dialect() != store::Dialect::kPostgres) GTEST_SKIP() << "a PostgreSQL storage setting";
  auto options = db_->read<std::string>([](soci::session& sql) -> core::Result<std::string> {
    std::string out;
    sql << "SELECT COALESCE(array_to_string(reloptions, ','), '') FROM pg_class "
           "WHERE relname = 'sessions' AND relkind = 'r'",
        soci::into(out);
    return out;
  });
  ASSERT_TRUE(options);
  EXPECT_EQ(*options, "fillfactor=70");
}

TEST_F(StoreIdentity, CodeExpiresAfterItsLifetime) {  // ACC-1
  auto code = code_for("13800000001");
  clock_.advance(config_.codes.ttl_seconds + 1);
  auto r = service_->sign_in_with_code("13800000001", code, adult(), client_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().type, "invalid-code");
}

TEST_F(StoreIdentity, CodeWorksJustBeforeExpiryAndOnlyOnce) {  // ACC-1
  auto code = code_for("13800000002");
  clock_.advance(config_.codes.ttl_seconds - 1);
  ASSERT_TRUE(service_->sign_in_with_code("13800000002", code, adult(), client_));
  auto again = service_->sign_in_with_code("13800000002", code, adult(), client_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().type, "invalid-code");
}

TEST_F(StoreIdentity, CodesAreSixDigitsAndStoredOnlyAsHashes) {  // ACC-1, SEC-2
  auto code = code_for("13800000003");
  ASSERT_EQ(code.size(), 6u);
  auto stored = db_->read<std::string>([](soci::session& sql) -> core::Result<std::string> {
    std::string hash;
    sql << "SELECT code_hash FROM verification_codes", soci::into(hash);
    return hash;
  });
  EXPECT_EQ(stored->find(code), std::string::npos);
}

TEST_F(StoreIdentity, OneCodePerNumberPerResendInterval) {  // ACC-1
  code_for("13800000004");
  auto second = service_->request_phone_code("13800000004", "sign_in", "10.0.0.1");
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().kind, core::ErrorKind::kTooManyRequests);
  EXPECT_EQ(*second.error().retry_after, config_.codes.resend_seconds);
  clock_.advance(config_.codes.resend_seconds);
  EXPECT_TRUE(service_->request_phone_code("13800000004", "sign_in", "10.0.0.1"));
}

TEST_F(StoreIdentity, HourlyCapPerNumberThenFreeAfterTheHour) {  // ACC-1
  for (int i = 0; i < config_.codes.hourly_per_number; ++i) {
    ASSERT_TRUE(service_->request_phone_code("13800000005", "sign_in", "10.0.0.1")) << i;
    clock_.advance(config_.codes.resend_seconds);
  }
  auto capped = service_->request_phone_code("13800000005", "sign_in", "10.0.0.1");
  ASSERT_FALSE(capped);
  EXPECT_EQ(capped.error().type, "code-hourly-limit");
  clock_.advance(3600);
  EXPECT_TRUE(service_->request_phone_code("13800000005", "sign_in", "10.0.0.1"));
}

TEST_F(StoreIdentity, HourlyCapPerClientIp) {  // ACC-1
  for (int i = 0; i < config_.codes.hourly_per_ip; ++i) {
    std::string phone = "138000001" + std::to_string(10 + i);
    ASSERT_TRUE(service_->request_phone_code(phone, "sign_in", "10.9.9.9")) << i;
  }
  auto capped = service_->request_phone_code("13800000199", "sign_in", "10.9.9.9");
  ASSERT_FALSE(capped);
  EXPECT_EQ(capped.error().type, "code-hourly-limit");
  EXPECT_TRUE(service_->request_phone_code("13800000199", "sign_in", "10.9.9.8"));
}

TEST_F(StoreIdentity, FiveWrongTriesLockTheNumber) {  // ACC-1
  auto code = code_for("13800000006");
  std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 1; i < config_.codes.max_attempts; ++i) {
    auto r = service_->sign_in_with_code("13800000006", wrong, adult(), client_);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().type, "invalid-code") << i;
  }
  auto locked = service_->sign_in_with_code("13800000006", wrong, adult(), client_);
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().type, "code-locked");
  // Locked: even the right code and new codes are refused until the lock ends.
  auto right = service_->sign_in_with_code("13800000006", code, adult(), client_);
  EXPECT_EQ(right.error().type, "code-locked");
  EXPECT_FALSE(service_->request_phone_code("13800000006", "sign_in", "10.0.0.1"));
  clock_.advance(config_.codes.lockout_seconds + 1);
  auto fresh = code_for("13800000006");
  EXPECT_TRUE(service_->sign_in_with_code("13800000006", fresh, adult(), client_));
}

TEST_F(StoreIdentity, UnderSixteenIsRefusedAndNothingIsStored) {  // ACC-6, PRV-1
  auto code = code_for("13800000007");
  identity::Registration child{1, std::string("2015-01-01"), "seeker"};
  auto r = service_->sign_in_with_code("13800000007", code, child, client_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().type, "under-age");
  EXPECT_EQ(count("users"), 0);
  EXPECT_EQ(count("consents"), 0);
  EXPECT_EQ(count("sessions"), 0);
}

TEST_F(StoreIdentity, RegistrationWritesUserConsentAndSessionTogether) {  // PRV-1, ACC-5
  auto code = code_for("13800000008");
  auto missing = service_->sign_in_with_code("13800000008", code, {}, client_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().type, "registration-required");
  EXPECT_EQ(count("users"), 0);
  auto grant = service_->sign_in_with_code("13800000008", code, adult(), client_);
  ASSERT_TRUE(grant);
  EXPECT_TRUE(grant->created_account);
  EXPECT_EQ(count("users"), 1);
  EXPECT_EQ(count("consents"), 1);
  EXPECT_EQ(count("sessions"), 1);
}

TEST_F(StoreIdentity, SessionsExpireWithTheClock) {  // ACC-3
  auto grant =
      service_->sign_in_with_code("13800000009", code_for("13800000009"), adult(), client_);
  ASSERT_TRUE(grant);
  EXPECT_TRUE(service_->authenticate(grant->token));
  clock_.advance(config_.session_ttl_days * 86400 + 1);
  EXPECT_FALSE(service_->authenticate(grant->token));
}

// ACC-3: last-seen is written for a batch of sessions at once (one statement on PostgreSQL)
// and never moves backwards when a late batch carries an older time.
TEST_F(StoreIdentity, TouchingSessionsWritesLastSeenAndNeverMovesItBack) {  // ACC-3
  std::vector<identity::SessionGrant> grants;
  for (const std::string phone : {"13800000031", "13800000032", "13800000033"}) {
    auto g = service_->sign_in_with_code(phone, code_for(phone), adult(), client_);
    ASSERT_TRUE(g);
    grants.push_back(*g);
  }
  const long long t = clock_.now();
  const auto last_seen = [&](const identity::SessionGrant& g) { return last_seen_of(g, t); };
  ASSERT_TRUE(db_->transaction<core::Unit>([&](store::Conn& conn) -> core::Status {
    identity::store::touch_sessions(conn, {{grants[0].session_id, t + 100},
                                           {grants[1].session_id, t + 200},
                                           {grants[2].session_id, t - 50}});
    return core::Unit{};
  }));
  EXPECT_EQ(last_seen(grants[0]), t + 100);
  EXPECT_EQ(last_seen(grants[1]), t + 200);
  EXPECT_EQ(last_seen(grants[2]), t) << "an older time leaves last-seen where it was";
  ASSERT_TRUE(db_->transaction<core::Unit>([&](store::Conn& conn) -> core::Status {
    identity::store::touch_sessions(conn, {{grants[0].session_id, t + 50}});
    return core::Unit{};
  }));
  EXPECT_EQ(last_seen(grants[0]), t + 100);
}

// ACC-3, ACC-4: writing last-seen gives way within 50 ms to a transaction that holds one of its
// sessions (here, a revocation of all of the user's sessions, still open), so the two cannot
// stay deadlocked until PostgreSQL aborts one, and the revocation commits. Last-seen is
// advisory: the chunk is dropped and written at the sessions' next use.
TEST_F(StoreIdentity, TouchingSessionsGivesWayToATransactionHoldingOne) {  // ACC-3, ACC-4
  if (db_->dialect() != store::Dialect::kPostgres)
    GTEST_SKIP() << "SQLite has one writer at a time: nothing to wait for inside a statement";
  auto held = service_->sign_in_with_code("13800000040", code_for("13800000040"), adult(), client_);
  auto other =
      service_->sign_in_with_code("13800000041", code_for("13800000041"), adult(), client_);
  ASSERT_TRUE(held && other);
  const long long t = clock_.now();
  std::promise<void> locked, touched_done;
  std::future<void> touch_returned = touched_done.get_future();
  core::Result<long long> revoked = 0LL;
  std::thread revoking([&] {
    revoked = db_->transaction<long long>([&](store::Conn& conn) -> core::Result<long long> {
      const long long n = identity::store::revoke_sessions(conn, held->user_id, t, "");
      locked.set_value();
      // Held until the touch returns, or 10 s if it waits that long.
      touch_returned.wait_for(std::chrono::seconds(10));
      return n;
    });
  });
  locked.get_future().wait();
  const auto started = std::chrono::steady_clock::now();
  const auto touched = db_->transaction<core::Unit>([&](store::Conn& conn) -> core::Status {
    identity::store::touch_sessions(conn,
                                    {{other->session_id, t + 100}, {held->session_id, t + 100}});
    return core::Unit{};
  });
  const auto waited = std::chrono::steady_clock::now() - started;
  touched_done.set_value();
  revoking.join();
  EXPECT_LT(waited, std::chrono::seconds(1));
  EXPECT_FALSE(touched) << "the chunk gives way and is dropped";
  ASSERT_TRUE(revoked);
  EXPECT_EQ(*revoked, 1) << "the revocation commits";
  EXPECT_EQ(last_seen_of(*other, t), t) << "nothing of the dropped chunk is written";
}

// ACC-3: a request only queues its session's last-seen; the writer thread writes it without
// anyone asking, so no request waits for the write.
TEST_F(StoreIdentity, LastSeenIsWrittenInTheBackground) {  // ACC-3
  auto grant =
      service_->sign_in_with_code("13800000034", code_for("13800000034"), adult(), client_);
  ASSERT_TRUE(grant);
  const long long t = clock_.now();
  identity::LastSeenWriter writer(*db_, std::chrono::milliseconds(10), 256);
  writer.queue(grant->session_id, t + 300);
  hiresafe::testing::eventually([&] { return last_seen_of(*grant, t) == t + 300; });
  EXPECT_EQ(last_seen_of(*grant, t), t + 300);
}

// ACC-3: what is queued is written in transactions of at most `chunk` sessions, every one of
// them, the latest time of each; and what is still queued when the writer stops is written.
TEST_F(StoreIdentity, LastSeenWritesEverySessionInChunksAndOnStopping) {  // ACC-3
  std::vector<identity::SessionGrant> grants;
  for (const std::string phone :
       {"13800000035", "13800000036", "13800000037", "13800000038", "13800000039"}) {
    auto g = service_->sign_in_with_code(phone, code_for(phone), adult(), client_);
    ASSERT_TRUE(g);
    grants.push_back(*g);
  }
  const long long t = clock_.now();
  {
    // An hour between rounds: only flush() and stopping write.
    identity::LastSeenWriter writer(*db_, std::chrono::hours(1), 2);
    for (std::size_t i = 0; i < grants.size(); ++i) {
      writer.queue(grants[i].session_id, t + 10 + static_cast<long long>(i));
      writer.queue(grants[i].session_id, t + 5);  // an older time does not replace it
    }
    writer.flush();
    for (std::size_t i = 0; i < grants.size(); ++i)
      EXPECT_EQ(last_seen_of(grants[i], t), t + 10 + static_cast<long long>(i));
    writer.queue(grants[0].session_id, t + 99);
    EXPECT_EQ(last_seen_of(grants[0], t), t + 10) << "queued, not yet written";
  }
  EXPECT_EQ(last_seen_of(grants[0], t), t + 99) << "written when the writer stopped";
}

// ACC-3, ACC-4: with the watch running, a node trusts a checked session for minutes, yet a
// revocation made on another node (a second service on the same database, which cannot evict
// this node's cache) ends the session here within the watch's interval.
TEST_F(StoreIdentity, SessionRevokedOnAnotherNodeEndsHereThroughTheWatch) {  // ACC-3, ACC-4
  service_->start_session_watch(std::chrono::milliseconds(10), 300);
  identity::IdentityService other(*db_, *keys_, clock_, config_, *consent_, sms_, mail_, hasher_);
  auto grant =
      service_->sign_in_with_code("13800000041", code_for("13800000041"), adult(), client_);
  ASSERT_TRUE(grant);
  auto auth = service_->authenticate(grant->token);  // now cached on this node
  ASSERT_TRUE(auth);
  clock_.advance(config_.session_cache_seconds + 60);
  EXPECT_TRUE(service_->authenticate(grant->token)) << "still trusted past sessions.cache_seconds";
  auto remote = other.authenticate(grant->token);
  ASSERT_TRUE(remote);
  ASSERT_TRUE(other.revoke_session(*remote, grant->session_id));
  EXPECT_TRUE(hiresafe::testing::eventually([&] { return !service_->authenticate(grant->token); }))
      << "the watch forgets the session revoked elsewhere";
  EXPECT_EQ(service_->authenticate(grant->token).error().kind, core::ErrorKind::kUnauthorized);
}

// One round of the watch by hand (the thread waits an hour): a role added and an active role
// switched on another node reach this node's cached session; a round whose `since` is after
// the change does not forget it.
TEST_F(StoreIdentity, WatchRoundForgetsSessionsChangedSinceItsStart) {  // ACC-3
  identity::IdentityService other(*db_, *keys_, clock_, config_, *consent_, sms_, mail_, hasher_);
  auto grant =
      service_->sign_in_with_code("13800000042", code_for("13800000042"), adult(), client_);
  ASSERT_TRUE(grant);
  service_->start_session_watch(std::chrono::hours(1), 300);
  ASSERT_TRUE(service_->authenticate(grant->token));
  const long long before_change = clock_.now();
  auto remote = other.authenticate(grant->token);
  ASSERT_TRUE(remote);
  auto added = other.add_role(*remote, "recruiter");
  ASSERT_TRUE(added);
  auto cached = service_->authenticate(grant->token);
  ASSERT_TRUE(cached);
  EXPECT_FALSE(cached->has_role("recruiter")) << "cached: the change is not yet heard of here";
  ASSERT_TRUE(service_->forget_changed_sessions(clock_.now() + 1));
  EXPECT_FALSE(service_->authenticate(grant->token)->has_role("recruiter"))
      << "a round looking only after the change does not forget it";
  ASSERT_TRUE(service_->forget_changed_sessions(before_change));
  auto fresh = service_->authenticate(grant->token);
  ASSERT_TRUE(fresh);
  EXPECT_TRUE(fresh->has_role("recruiter"));
  EXPECT_EQ(fresh->active_role, "seeker");

  ASSERT_TRUE(other.switch_role(*added, "recruiter"));
  ASSERT_TRUE(service_->forget_changed_sessions(before_change));
  EXPECT_EQ(service_->authenticate(grant->token)->active_role, "recruiter");
}

// Without the watch (one-shot commands, a server with sessions.watch_ms = 0) a checked session
// is trusted sessions.cache_seconds only, so another node's revocation applies after that long.
TEST_F(StoreIdentity, WithoutTheWatchARevocationElsewhereAppliesAfterTheCacheSeconds) {  // ACC-3
  identity::IdentityService other(*db_, *keys_, clock_, config_, *consent_, sms_, mail_, hasher_);
  auto grant =
      service_->sign_in_with_code("13800000043", code_for("13800000043"), adult(), client_);
  ASSERT_TRUE(grant);
  ASSERT_TRUE(service_->authenticate(grant->token));
  auto remote = other.authenticate(grant->token);
  ASSERT_TRUE(remote);
  ASSERT_TRUE(other.revoke_session(*remote, grant->session_id));
  EXPECT_TRUE(service_->authenticate(grant->token)) << "cached for sessions.cache_seconds";
  clock_.advance(config_.session_cache_seconds);
  EXPECT_FALSE(service_->authenticate(grant->token));
}

// ACC-3: a session served from the cache still has its last-seen written, once a touch interval.
TEST_F(StoreIdentity, CachedSessionsStillWriteLastSeen) {  // ACC-3
  service_->start_session_watch(std::chrono::hours(1), 3600);
  auto grant =
      service_->sign_in_with_code("13800000044", code_for("13800000044"), adult(), client_);
  ASSERT_TRUE(grant);
  const long long signed_in = clock_.now();
  ASSERT_TRUE(service_->authenticate(grant->token));
  clock_.advance(config_.session_touch_seconds + 1);
  const long long later = clock_.now();
  ASSERT_TRUE(service_->authenticate(grant->token));  // a cache hit, due for a touch
  EXPECT_TRUE(hiresafe::testing::eventually([&] { return last_seen_of(*grant, later) == later; }))
      << "last-seen stayed at " << last_seen_of(*grant, later) << ", signed in at " << signed_in;
}

TEST_F(StoreIdentity, PhoneIsEncryptedUnderThePersonsKey) {  // SEC-2
  auto grant =
      service_->sign_in_with_code("13800000010", code_for("13800000010"), adult(), client_);
  ASSERT_TRUE(grant);
  auto row = db_->read<std::string>([](soci::session& sql) -> core::Result<std::string> {
    std::string phone_enc, phone_index, birth;
    sql << "SELECT phone_enc, phone_index, birth_date_enc FROM users", soci::into(phone_enc),
        soci::into(phone_index), soci::into(birth);
    return phone_enc + phone_index + birth;
  });
  EXPECT_EQ(row->find("13800000010"), std::string::npos);
  EXPECT_EQ(row->find("1990-01-01"), std::string::npos);
  auto auth = service_->authenticate(grant->token);
  EXPECT_EQ(service_->me(*auth)->phone, "+8613800000010");
}

TEST_F(StoreIdentity, WrongMasterKeyCannotOpenTheKeyring) {  // SEC-2
  auto wrong = crypto::Keyring::open(*db_, crypto::SecretKey::random());
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, core::ErrorKind::kUnavailable);
}

TEST_F(StoreIdentity, RotatingTheMasterKeyKeepsEveryPersonReadable) {  // SEC-2
  auto grant =
      service_->sign_in_with_code("13800000011", code_for("13800000011"), adult(), client_);
  ASSERT_TRUE(grant);
  auto next = crypto::SecretKey::random();
  auto rewrapped = crypto::Keyring::rewrap_all(*db_, master_, next);
  ASSERT_TRUE(rewrapped);
  EXPECT_EQ(*rewrapped, 2);  // one person key + the index root
  EXPECT_FALSE(crypto::Keyring::open(*db_, master_));
  auto reopened = crypto::Keyring::open(*db_, next);
  ASSERT_TRUE(reopened);
  identity::IdentityService after(*db_, **reopened, clock_, config_, *consent_, sms_, mail_,
                                  hasher_);
  auto auth = after.authenticate(grant->token);
  ASSERT_TRUE(auth);
  EXPECT_EQ(after.me(*auth)->phone, "+8613800000011");
}

TEST_F(StoreIdentity, RepeatedWrongPasswordsLockTheAddress) {  // ACC-2
  auto grant =
      service_->sign_in_with_code("13800000012", code_for("13800000012"), adult(), client_);
  ASSERT_TRUE(grant);
  auto auth = service_->authenticate(grant->token);
  ASSERT_TRUE(service_->set_credentials(*auth, "li@example.com", "right-password-1"));
  for (int i = 1; i < config_.password_max_failures; ++i) {
    auto r = service_->sign_in_with_password("li@example.com", "wrong-password", client_);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().type, "invalid-credentials") << i;
  }
  auto locked = service_->sign_in_with_password("li@example.com", "wrong-password", client_);
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().kind, core::ErrorKind::kTooManyRequests);
  EXPECT_FALSE(service_->sign_in_with_password("li@example.com", "right-password-1", client_));
  clock_.advance(config_.codes.lockout_seconds + 1);
  EXPECT_TRUE(service_->sign_in_with_password("li@example.com", "right-password-1", client_));
}

TEST_F(StoreIdentity, WrongPasswordsSpreadOverTimeDoNotLock) {  // ACC-2
  auto grant =
      service_->sign_in_with_code("13800000013", code_for("13800000013"), adult(), client_);
  auto auth = service_->authenticate(grant->token);
  ASSERT_TRUE(service_->set_credentials(*auth, "wang@example.com", "right-password-1"));
  for (int i = 0; i < config_.password_max_failures * 2; ++i) {
    auto r = service_->sign_in_with_password("wang@example.com", "wrong-password", client_);
    EXPECT_EQ(r.error().type, "invalid-credentials") << i;
    clock_.advance(config_.codes.lockout_seconds / 4);
  }
  EXPECT_TRUE(service_->sign_in_with_password("wang@example.com", "right-password-1", client_));
}
