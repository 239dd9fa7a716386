// Starts the real `hiresafe serve` binary on a free port with a temp data dir and stops it.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "test_env.hpp"

namespace hiresafe::testing {

struct ServerOptions {
  std::vector<std::string> args;  // extra flags, e.g. {"--codes-hourly-per-ip", "3"}
  std::map<std::string, std::string> env;
  bool test_clock = true;
};

class TestServer {
 public:
  explicit TestServer(ServerOptions options = {});
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // False when the backend under test is unavailable (PostgreSQL not configured): skip.
  bool available() const { return pid_ > 0; }
  const std::string& base_url() const { return base_url_; }
  const std::string& data_dir() const { return dir_.path(); }
  const std::string& database_url() const { return database_url_; }
  HttpClient client() const { return HttpClient(base_url_); }

  // The code or link token the file SMS/mail provider wrote for this message id ("" if none).
  std::string code_for(const std::string& message_id) const;
  // Moves the server's clock forward.
  void advance_clock(long long seconds) const;
  // Stops the server (SIGTERM) and waits; returns its exit status.
  int stop();

 private:
  TempDir dir_;
  std::string database_url_;
  std::string base_url_;
  pid_t pid_ = -1;
};

std::string read_file(const std::string& path);
// The path of the hiresafe binary under test.
std::string hiresafe_binary();
// Runs the binary with args (and stdin text); returns exit status and captures stdout.
int run_hiresafe(const std::vector<std::string>& args, std::string* out,
                 const std::string& stdin_text = "",
                 const std::map<std::string, std::string>& env = {});

}  // namespace hiresafe::testing
