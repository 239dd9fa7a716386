// Virtual-number bindings (COM-4) on SQLite and PostgreSQL: a live pair keeps its number, a
// number never serves two live pairs that share a caller, expiry and ending free it, and a
// failed or exhausted bind leaves nothing behind, even under concurrent binds.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "hiring/virtual_numbers.hpp"
#include "store/migrations.hpp"
#include "store_rows.hpp"
#include "test_env.hpp"

using namespace hiresafe;

namespace {

constexpr long long kBindingSeconds = 72 * 3600;

// Records what it was asked; refuses binds while `failing` is set.
class FakeCarrier final : public hiring::Telephony {
 public:
  core::Result<std::string> bind(const hiring::BindRequest& request) override {
    std::lock_guard lock(mutex_);
    if (failing) return core::Error::unavailable("The telephony carrier is not reachable");
    binds.push_back(request);
    return "ref-" + request.binding_id;
  }
  core::Status unbind(const std::string& provider_ref, const std::string& number) override {
    std::lock_guard lock(mutex_);
    unbinds.emplace_back(provider_ref, number);
    return core::ok_status();
  }

  std::atomic<bool> failing{false};
  std::vector<hiring::BindRequest> binds;
  std::vector<std::pair<std::string, std::string>> unbinds;

 private:
  std::mutex mutex_;
};

class StoreVirtualNumbers : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = hiresafe::testing::fresh_database_url(dir_.path());
    if (url_.empty())
      GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
    db_ = open();
    ASSERT_TRUE(store::migrate(*db_, 0));
    execute([](soci::session& sql) {
      hiresafe::testing::insert_user_row(sql, "owner");
      hiresafe::testing::insert_company_row(sql, "co", "owner");
    });
  }

  // Another connection pool on the test database, as a second server node would have.
  std::unique_ptr<store::Database> open() {
    auto db = store::Database::open(url_, 4);
    if (!db) throw std::runtime_error(db.error().title);
    return std::move(db).value();
  }

  // A pool of `size` numbers from +8617000000000.
  static hiring::NumberPool pool_of(int size) {
    auto pool =
        hiring::NumberPool::parse("+8617000000000-+" + std::to_string(8617000000000LL + size - 1));
    EXPECT_TRUE(pool);
    return std::move(pool).value();
  }
  hiring::VirtualNumbers& numbers(int size) {
    service_ = std::make_unique<hiring::VirtualNumbers>(*db_, clock_, carrier_, pool_of(size),
                                                        kBindingSeconds);
    return *service_;
  }

  void execute(const std::string& statement) {
    execute([&](soci::session& sql) { sql << statement; });
  }
  template <class Work>
  void execute(Work work) {
    ASSERT_TRUE(db_->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      work(sql);
      return core::Unit{};
    }));
  }
  void user(const std::string& id) {
    execute([&](soci::session& sql) { hiresafe::testing::insert_user_row(sql, id); });
  }
  // An application by `seeker` to a new post of `recruiter`; both users are created if needed.
  std::string application(const std::string& recruiter, const std::string& seeker) {
    user(recruiter);
    user(seeker);
    const std::string n = std::to_string(++applications_);
    execute([&](soci::session& sql) {
      hiresafe::testing::insert_job_row(sql, "j" + n, "co", recruiter);
    });
    execute(
        "INSERT INTO applications (id, job_id, company_id, seeker_id, resume_id, "
        "resume_title, snapshot_id, status, created_at, updated_at) VALUES ('a" +
        n + "', 'j" + n + "', 'co', '" + seeker + "', 'r', 't', 's" + n + "', 'sent', 0, 0)");
    execute(
        "INSERT INTO resume_snapshots (id, seeker_id, content, identity_enc, created_at) "
        "VALUES ('s" +
        n + "', '" + seeker + "', '{}', 'x', 0)");
    return "a" + n;
  }

  long long rows() {
    long long n = -1;
    EXPECT_TRUE(db_->read<core::Unit>([&](soci::session& sql) -> core::Status {
      sql << "SELECT COUNT(*) FROM number_bindings", soci::into(n);
      return core::Unit{};
    }));
    return n;
  }

  hiring::VirtualNumbers::Phones phones() {
    return [this]() -> core::Result<std::pair<std::string, std::string>> {
      ++phone_lookups_;
      return std::pair<std::string, std::string>("+8613800000001", "+8613900000002");
    };
  }

  core::Result<hiring::Binding> bind(const std::string& recruiter, const std::string& seeker) {
    return service_->bind(recruiter, seeker, application(recruiter, seeker), phones());
  }

  hiresafe::testing::TempDir dir_;
  std::string url_;
  std::unique_ptr<store::Database> db_;
  hiresafe::testing::ManualClock clock_;
  FakeCarrier carrier_;
  std::unique_ptr<hiring::VirtualNumbers> service_;
  std::atomic<int> phone_lookups_{0};
  int applications_ = 0;
};

bool exhausted(const core::Result<hiring::Binding>& r) {
  return !r && r.error().kind == core::ErrorKind::kUnavailable &&
         r.error().type == "number-pool-exhausted";
}

}  // namespace

// COM-4
TEST_F(StoreVirtualNumbers, ALivePairKeepsItsBindingWithoutAskingForPhonesAgain) {
  auto& vn = numbers(10);
  const auto app = application("r1", "s1");
  auto first = vn.bind("r1", "s1", app, phones());
  ASSERT_TRUE(first) << first.error().title;
  EXPECT_EQ(first->expires_at, clock_.now() + kBindingSeconds);
  EXPECT_FALSE(first->ended_at);
  ASSERT_EQ(carrier_.binds.size(), 1u);
  EXPECT_EQ(carrier_.binds[0].binding_id, first->id);
  EXPECT_EQ(carrier_.binds[0].number, first->number);
  EXPECT_EQ(carrier_.binds[0].party_a, "+8613800000001");
  EXPECT_EQ(carrier_.binds[0].party_b, "+8613900000002");
  EXPECT_EQ(carrier_.binds[0].expires_at, first->expires_at);

  clock_.advance(3600);
  auto again = vn.bind("r1", "s1", application("r1", "s1"), phones());  // another post, same pair
  ASSERT_TRUE(again) << again.error().title;
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->number, first->number);
  EXPECT_EQ(again->application_id, app);
  EXPECT_EQ(again->expires_at, first->expires_at);
  EXPECT_EQ(phone_lookups_.load(), 1);
  EXPECT_EQ(carrier_.binds.size(), 1u);
  EXPECT_EQ(rows(), 1);

  auto by_app = vn.live_for_pair("r1", "s1");
  ASSERT_TRUE(by_app);
  ASSERT_TRUE(by_app->has_value());
  EXPECT_EQ((*by_app)->id, first->id);
  auto by_seeker = vn.live_for_seeker("s1");
  ASSERT_TRUE(by_seeker);
  ASSERT_EQ(by_seeker->size(), 1u);
  EXPECT_EQ(by_seeker->front().number, first->number);
}

// COM-4
TEST_F(StoreVirtualNumbers, PairsSharingACallerGetDifferentNumbers) {
  numbers(4);
  auto a = bind("r1", "s1");
  auto b = bind("r1", "s2");  // shares the recruiter
  auto c = bind("r2", "s1");  // shares the seeker with a
  ASSERT_TRUE(a && b && c);
  EXPECT_NE(a->number, b->number);
  EXPECT_NE(a->number, c->number);
  EXPECT_EQ(rows(), 3);
}

// COM-4: AXB routing tells pairs apart by who calls, so disjoint pairs may share one number.
TEST_F(StoreVirtualNumbers, PairsWithNoSharedCallerMayShareANumber) {
  numbers(1);
  auto a = bind("r1", "s1");
  auto b = bind("r2", "s2");
  ASSERT_TRUE(a) << a.error().title;
  ASSERT_TRUE(b) << b.error().title;
  EXPECT_EQ(a->number, "+8617000000000");
  EXPECT_EQ(b->number, a->number);
  EXPECT_TRUE(exhausted(bind("r1", "s2"))) << "r1 and s2 each hold the only number";
}

// COM-4: a binding lasts a limited time; then its number serves the callers' other pairs.
TEST_F(StoreVirtualNumbers, ExpiryFreesTheNumber) {
  auto& vn = numbers(1);
  auto a = bind("r1", "s1");
  ASSERT_TRUE(a);
  EXPECT_TRUE(exhausted(bind("r1", "s2")));

  clock_.advance(kBindingSeconds - 1);
  EXPECT_TRUE(exhausted(bind("r1", "s2"))) << "still live one second before expiry";
  clock_.advance(1);
  auto seekers = vn.live_for_seeker("s1");
  ASSERT_TRUE(seekers);
  EXPECT_TRUE(seekers->empty());
  auto b = bind("r1", "s2");
  ASSERT_TRUE(b) << b.error().title;
  EXPECT_EQ(b->number, a->number);

  // The expired pair gets a fresh binding, not its old one back (the number is r1's now).
  EXPECT_TRUE(exhausted(bind("r1", "s1")));
  clock_.advance(kBindingSeconds);
  auto c = bind("r1", "s1");
  ASSERT_TRUE(c);
  EXPECT_NE(c->id, a->id);
}

// COM-4
TEST_F(StoreVirtualNumbers, AnExhaustedPoolIs503AndKeepsNothing) {
  numbers(2);
  ASSERT_TRUE(bind("r1", "s1"));
  ASSERT_TRUE(bind("r1", "s2"));
  const int lookups = phone_lookups_.load();
  auto refused = bind("r1", "s3");
  ASSERT_TRUE(exhausted(refused));
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kUnavailable);
  EXPECT_EQ(rows(), 2);
  EXPECT_EQ(phone_lookups_.load(), lookups) << "phones are not read for a bind that cannot be";
  EXPECT_EQ(carrier_.binds.size(), 2u);
}

// COM-4: the seeker can end a binding at any time; nobody else can.
TEST_F(StoreVirtualNumbers, TheSeekerEndsABindingAndTheCarrierIsTold) {
  auto& vn = numbers(1);
  auto b = bind("r1", "s1");
  ASSERT_TRUE(b);
  user("s2");

  auto stranger = vn.end("s2", b->id);
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().kind, core::ErrorKind::kNotFound);
  auto recruiter = vn.end("r1", b->id);
  ASSERT_FALSE(recruiter);
  EXPECT_EQ(recruiter.error().kind, core::ErrorKind::kNotFound);
  EXPECT_TRUE(carrier_.unbinds.empty());

  ASSERT_TRUE(vn.end("s1", b->id));
  ASSERT_EQ(carrier_.unbinds.size(), 1u);
  EXPECT_EQ(carrier_.unbinds[0].first, "ref-" + b->id);
  EXPECT_EQ(carrier_.unbinds[0].second, b->number);
  auto seekers = vn.live_for_seeker("s1");
  ASSERT_TRUE(seekers);
  EXPECT_TRUE(seekers->empty());
  auto by_app = vn.live_for_pair(b->recruiter_id, b->seeker_id);
  ASSERT_TRUE(by_app);
  EXPECT_FALSE(by_app->has_value());

  auto twice = vn.end("s1", b->id);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().kind, core::ErrorKind::kNotFound);
  EXPECT_EQ(carrier_.unbinds.size(), 1u);
  auto other = bind("r1", "s2");  // the only number is free again
  ASSERT_TRUE(other) << other.error().title;
  EXPECT_EQ(other->number, b->number);
}

// COM-4: a bind the carrier refuses leaves no row, so it holds no number.
TEST_F(StoreVirtualNumbers, ACarrierFailureLeavesNoBinding) {
  numbers(1);
  carrier_.failing = true;
  auto refused = bind("r1", "s1");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kUnavailable);
  EXPECT_EQ(rows(), 0);

  carrier_.failing = false;
  auto ok = bind("r1", "s2");
  ASSERT_TRUE(ok) << ok.error().title;
  EXPECT_EQ(rows(), 1);
}

// COM-4: a phone look-up that fails (say, a withdrawn consent) leaves no row either.
TEST_F(StoreVirtualNumbers, APhoneLookupFailureLeavesNoBinding) {
  auto& vn = numbers(1);
  auto refused = vn.bind("r1", "s1", application("r1", "s1"),
                         []() -> core::Result<std::pair<std::string, std::string>> {
                           return core::Error::conflict("no-phone", "No phone number");
                         });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().type, "no-phone");
  EXPECT_EQ(rows(), 0);
  EXPECT_TRUE(carrier_.binds.empty());
}

// COM-4: a bind that died between reserving a number and reaching the carrier (a crash) holds
// the number only briefly: the pair is told to retry, then the leftover is cleared.
TEST_F(StoreVirtualNumbers, AnAbandonedPendingBindingIsClearedAfterAWhile) {
  auto& vn = numbers(1);
  const auto app = application("r1", "s1");
  execute(
      "INSERT INTO number_bindings (id, number, recruiter_id, seeker_id, application_id, "
      "created_at, expires_at) VALUES ('nb_crashed', '+8617000000000', 'r1', 's1', '" +
      app + "', " + std::to_string(clock_.now()) + ", " +
      std::to_string(clock_.now() + kBindingSeconds) + ")");
  auto busy = vn.bind("r1", "s1", app, phones());
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().type, "number-binding-in-progress");
  EXPECT_TRUE(exhausted(bind("r1", "s2"))) << "a pending binding holds its number";
  auto listed = vn.live_for_seeker("s1");
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty()) << "a number that does not ring yet is not shown";

  clock_.advance(301);
  auto b = vn.bind("r1", "s1", app, phones());
  ASSERT_TRUE(b) << b.error().title;
  EXPECT_NE(b->id, "nb_crashed");
  EXPECT_EQ(rows(), 1);
}

// COM-4: allocation is serialised across server nodes (each with its own connection pool and
// in-process lock), so concurrent binds sharing a caller never share a number.
TEST_F(StoreVirtualNumbers, ConcurrentBindsSharingARecruiterNeverShareANumber) {
  constexpr int kThreads = 32;
  constexpr int kNodes = 4;
  numbers(kThreads);  // exactly enough: every number must go to one pair
  std::vector<std::unique_ptr<store::Database>> pools;
  std::vector<std::unique_ptr<hiring::VirtualNumbers>> nodes;
  for (int n = 0; n < kNodes; ++n) {
    pools.push_back(open());
    nodes.push_back(std::make_unique<hiring::VirtualNumbers>(*pools.back(), clock_, carrier_,
                                                             pool_of(kThreads), kBindingSeconds));
  }
  std::vector<std::string> apps;
  for (int i = 0; i < kThreads; ++i) apps.push_back(application("r1", "s" + std::to_string(i)));

  std::vector<core::Result<hiring::Binding>> results(kThreads, core::Error::internal("not run"));
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      results[i] = nodes[i % kNodes]->bind("r1", "s" + std::to_string(i), apps[i], phones());
    });
  go = true;
  for (auto& t : threads) t.join();

  std::set<std::string> distinct;
  for (const auto& r : results) {
    ASSERT_TRUE(r) << r.error().type << " " << r.error().title << " " << r.error().detail;
    distinct.insert(r->number);
  }
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kThreads));
  EXPECT_TRUE(exhausted(bind("r1", "s-late")));
  EXPECT_EQ(rows(), kThreads);
}
