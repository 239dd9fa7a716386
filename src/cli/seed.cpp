#include "cli/seed.hpp"

#include <mutex>

namespace hiresafe::cli {

namespace {

// Catches the code a demo sign-in asks for, in memory only.
class CapturingDelivery final : public identity::CodeDelivery {
 public:
  void deliver(const identity::OutboundCode& m) override {
    std::lock_guard lock(mutex_);
    last_ = m.code;
  }
  std::string last() {
    std::lock_guard lock(mutex_);
    return last_;
  }

 private:
  std::mutex mutex_;
  std::string last_;
};

struct DemoPerson {
  const char* phone;
  const char* birth_date;
  const char* role;
  const char* extra_role;  // may be null
  const char* email;       // headhunter only
};

// Synthetic numbers in a block reserved for demos; none belongs to a real person.
constexpr DemoPerson kDemo[] = {
    {"+8613800000001", "1995-04-12", "seeker", nullptr, nullptr},
    {"+8613800000002", "1990-11-03", "seeker", nullptr, nullptr},
    {"+8613800000003", "2009-06-01", "seeker", nullptr, nullptr},  // a 16/17-year-old
    {"+8613800000004", "1985-02-20", "recruiter", "seeker", nullptr},
    {"+8613800000005", "1988-08-08", "recruiter", nullptr, nullptr},
    {"+8613800000006", "1982-01-15", "headhunter", nullptr, "headhunter@demo.hiresafe.dev"},
};

}  // namespace

core::Result<int> seed_demo(Runtime& rt) {
  HS_TRY(long long users, rt.db->read<long long>([](soci::session& sql) -> core::Result<long long> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM users", soci::into(n);
    return n;
  }));
  if (users > 0) return 0;
  HS_TRY(auto policy, rt.consent->current_policy());
  CapturingDelivery capture;
  identity::IdentityService demo(*rt.db, *rt.keys, *rt.clock, rt.config, *rt.consent, capture,
                                 capture, *rt.passwords);
  int created = 0;
  for (const auto& p : kDemo) {
    const std::string ip = "seed-" + std::to_string(created);
    HS_CHECK(demo.request_phone_code(p.phone, "sign_in", ip));
    identity::Registration reg{policy.version, p.birth_date,
                               std::string(p.role) == "headhunter" ? "seeker" : p.role};
    identity::Client client{ip, std::string("demo seed")};
    if (p.email) {
      HS_CHECK(demo.register_headhunter(p.email, "demo-password-1", p.phone, capture.last(), reg,
                                        client));
    } else {
      HS_TRY(auto grant, demo.sign_in_with_code(p.phone, capture.last(), reg, client));
      if (p.extra_role) {
        HS_TRY(auto auth, demo.authenticate(grant.token));
        HS_CHECK(demo.add_role(auth, p.extra_role));
      }
    }
    ++created;
  }
  return created;
}

}  // namespace hiresafe::cli
