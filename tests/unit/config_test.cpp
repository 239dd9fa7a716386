// Settings layer in order: defaults, TOML file, HIRESAFE_* environment, flags.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>

#include "core/config.hpp"
#include "test_env.hpp"

using namespace hiresafe;

namespace {
core::Result<core::Config> load(std::vector<std::string> args) {
  CLI::App app;
  core::ConfigLoader loader(app);
  std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector
  app.parse(args);
  return loader.finish();
}
}  // namespace

TEST(Config, DefaultsNeedNoFile) {
  auto c = load({});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->listen, "127.0.0.1:8080");
  EXPECT_EQ(c->codes.ttl_seconds, 300);
  EXPECT_EQ(c->codes.max_attempts, 5);
  EXPECT_EQ(c->minimum_age, 16);
  EXPECT_EQ(c->effective_database_url(), "sqlite://./data/hiresafe.db");
  EXPECT_FALSE(c->test_clock);
}

TEST(Config, FileThenEnvironmentThenFlags) {
  hiresafe::testing::TempDir dir;
  std::string file = dir.path() + "/hiresafe.toml";
  std::ofstream(file)
      << "listen = \"0.0.0.0:9000\"\n[codes]\nttl_seconds = 120\nresend_seconds = 30\n"
         "[sms]\nprovider = \"file\"\n";
  setenv("HIRESAFE_CODES_RESEND_SECONDS", "45", 1);
  auto c = load({"--config", file, "--listen", "127.0.0.1:0"});
  unsetenv("HIRESAFE_CODES_RESEND_SECONDS");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->listen, "127.0.0.1:0");     // flag beats file
  EXPECT_EQ(c->codes.ttl_seconds, 120);    // file beats default
  EXPECT_EQ(c->codes.resend_seconds, 45);  // env beats file
}

TEST(Config, BadValuesAreReportedTogether) {
  setenv("HIRESAFE_CODES_TTL_SECONDS", "soon", 1);
  auto c = load({"--sms-provider", "pigeon", "--io-threads", "0", "--sqlite-synchronous", "off",
                 "--sessions-watch-ms", "5", "--sessions-watched-cache-seconds", "-1"});
  unsetenv("HIRESAFE_CODES_TTL_SECONDS");
  ASSERT_FALSE(c);
  std::vector<std::string> fields;
  for (const auto& e : c.error().errors) fields.push_back(e.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "codes.ttl_seconds"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "sms.provider"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "threads"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "sqlite.synchronous"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "sessions.watch_ms"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "sessions.watched_cache_seconds"),
            fields.end());
}

TEST(Config, UnparseableTomlIsAnError) {
  hiresafe::testing::TempDir dir;
  std::string file = dir.path() + "/bad.toml";
  std::ofstream(file) << "listen = \n";
  EXPECT_FALSE(load({"--config", file}));
}

TEST(Config, TestClockOnlyByFlag) {
  setenv("HIRESAFE_TEST_CLOCK", "true", 1);
  auto c = load({});
  unsetenv("HIRESAFE_TEST_CLOCK");
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->test_clock);
  EXPECT_TRUE(load({"--test-clock"})->test_clock);
}
