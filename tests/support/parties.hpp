// A suite-wide cast for API tests: one real server, a staff reviewer with a grant, two verified
// employer recruiters of two companies (alice, bob) and a verified headhunter. `Suite` is the
// deriving test class (CRTP), so every suite gets its own server and people.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "flows.hpp"
#include "test_server.hpp"

namespace hiresafe::testing {

template <class Suite>
class WithParties : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    if (!server_->available()) return;
    staff_ = new std::string(staff_with_grant(*server_, Suite::kReviewer));
    alice_ = new Recruiter(verified_recruiter(*server_, *staff_));
    bob_ = new Recruiter(verified_recruiter(*server_, *staff_));
    hunter_ = new Recruiter(verified_headhunter(*server_, *staff_));
  }
  static void TearDownTestSuite() {
    delete hunter_;
    delete bob_;
    delete alice_;
    delete staff_;
    delete server_;
    hunter_ = bob_ = alice_ = nullptr;
    staff_ = nullptr;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  static HttpClient api() { return server_->client(); }

  inline static TestServer* server_ = nullptr;
  inline static std::string* staff_ = nullptr;
  inline static Recruiter* alice_ = nullptr;
  inline static Recruiter* bob_ = nullptr;
  inline static Recruiter* hunter_ = nullptr;
};

}  // namespace hiresafe::testing
