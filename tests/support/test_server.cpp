#include "test_server.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace hiresafe::testing {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string hiresafe_binary() {
  if (const char* b = std::getenv("HIRESAFE_BIN")) return b;
  return HIRESAFE_BINARY;
}

namespace {

std::vector<std::string> merged_env(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    auto name = entry.substr(0, entry.find('='));
    if (!extra.count(name)) env.push_back(entry);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::string& stdin_file, const std::string& stdout_file,
            const std::string& stderr_file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, stdin_file.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0600);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  auto env_strings = merged_env(env);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("posix_spawn failed");
  return pid;
}

}  // namespace

int run_hiresafe(const std::vector<std::string>& args, std::string* out,
                 const std::string& stdin_text, const std::map<std::string, std::string>& env) {
  TempDir io;
  std::ofstream(io.path() + "/stdin") << stdin_text;
  std::vector<std::string> full{hiresafe_binary()};
  full.insert(full.end(), args.begin(), args.end());
  pid_t pid = spawn(full, env, io.path() + "/stdin", io.path() + "/stdout", io.path() + "/stderr");
  int status = 0;
  waitpid(pid, &status, 0);
  if (out) *out = read_file(io.path() + "/stdout") + read_file(io.path() + "/stderr");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TestServer::TestServer(ServerOptions options) {
  database_url_ = fresh_database_url(dir_.path());
  if (database_url_.empty()) return;
  std::vector<std::string> args{
      hiresafe_binary(),       "serve",          "--data-dir",  dir_.path(),           "--listen",
      "127.0.0.1:0",           "--database-url", database_url_, "--password-strength", "min",
      "--codes-hourly-per-ip", "100000"};
  if (options.test_clock) args.push_back("--test-clock");
  args.insert(args.end(), options.args.begin(), options.args.end());
  std::ofstream(dir_.path() + "/stdin");
  pid_ = spawn(args, options.env, dir_.path() + "/stdin", dir_.path() + "/stdout.log",
               dir_.path() + "/stderr.log");
  // Wait for the one line operators' scripts rely on.
  static const std::regex kListening(R"(listening on (http://[0-9.]+:[0-9]+))");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    std::string out = read_file(dir_.path() + "/stdout.log");
    if (std::regex_search(out, m, kListening)) {
      base_url_ = m[1];
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("hiresafe exited at start: " +
                               read_file(dir_.path() + "/stderr.log"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  throw std::runtime_error("hiresafe did not print its listening line in time");
}

TestServer::~TestServer() {
  stop();
}

int TestServer::stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string TestServer::code_for(const std::string& message_id) const {
  for (const char* file : {"/sms.log", "/mail.log"}) {
    std::istringstream in(read_file(dir_.path() + file));
    std::string line;
    while (std::getline(in, line)) {
      if (line.find("message_id=" + message_id + " ") == std::string::npos) continue;
      auto at = line.find("code=");
      if (at == std::string::npos) continue;
      auto end = line.find_first_of(" \r\n", at + 5);
      return line.substr(at + 5, end == std::string::npos ? std::string::npos : end - at - 5);
    }
  }
  return {};
}

void TestServer::advance_clock(long long seconds) const {
  auto r = client().post("/__test/clock", {{"advance_seconds", seconds}});
  if (r.status != 200) throw std::runtime_error("cannot move the test clock: " + r.body);
}

}  // namespace hiresafe::testing
