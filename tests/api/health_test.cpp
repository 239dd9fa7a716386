// The platform endpoints and the HTTP error contract, through the real binary.
#include <gtest/gtest.h>

#include "test_server.hpp"

using namespace hiresafe::testing;

class HealthApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  static TestServer* server_;
};
TestServer* HealthApi::server_ = nullptr;

TEST_F(HealthApi, HealthzAnswersOkWithARequestId) {
  auto r = server_->client().get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["status"], "ok");
  EXPECT_FALSE(r.header("x-request-id").empty());
}

TEST_F(HealthApi, ReadyzReportsDatabaseAndMigrations) {
  auto r = server_->client().get("/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["database"], "ok");
  EXPECT_EQ(r.json()["migrations"], "current");
}
