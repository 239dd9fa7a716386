// Settings: defaults, then a TOML file, then HIRESAFE_* environment variables, then flags.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace CLI {
class App;
}

namespace hiresafe::core {

struct CodeLimits {
  long long ttl_seconds = 300;    // a code is valid for 5 minutes
  long long resend_seconds = 60;  // at most one code per number per minute
  long long hourly_per_number = 5;
  long long hourly_per_ip = 20;
  long long max_attempts = 5;  // wrong tries before the number locks
  long long lockout_seconds = 900;
};

struct Config {
  std::string data_dir = "./data";
  std::string listen = "127.0.0.1:8080";
  std::string database_url;     // default: sqlite:///<data_dir>/hiresafe.db
  std::string master_key_file;  // default: <data_dir>/master.key
  std::string master_key;       // hex; usually from HIRESAFE_MASTER_KEY, overrides the file
  long long io_threads = 2;
  long long worker_threads = 2;  // Argon2id and other CPU-heavy work, off the I/O threads
  // Changes mostly wait (for SQLite's writer or PostgreSQL's WAL flush); the more wait at once,
  // the more share one commit.
  long long write_threads = 16;
  long long db_pool_size = 8;
  long long max_body_bytes = 1 << 20;
  long long hard_body_factor = 4;  // bodies beyond (larger limit)*factor drop the connection unread
  std::string log_level = "info";
  std::string log_file;  // default: <data_dir>/logs/hiresafe.log
  std::string sms_provider = "file";
  std::string sms_http_url;
  long long sms_http_attempts = 3;
  long long sms_http_backoff_ms = 200;
  std::string mail_provider = "file";  // file | smtp
  std::string mail_smtp_url;           // smtp://host:port or smtps://host:port
  std::string mail_from = "hiresafe <no-reply@localhost>";
  long long mail_smtp_attempts = 3;
  long long mail_smtp_backoff_ms = 200;
  std::string identity_provider = "staff";  // staff (review queue) | http
  std::string identity_http_url;
  std::string calls_provider = "none";  // none (no carrier) | http (an AXB carrier)
  std::string calls_http_url;           // base URL: POSTs go to <url>/bind and <url>/unbind
  std::string calls_pool = "+8617000000000-+8617000000999";
  long long calls_binding_hours = 72;
  long long upload_max_bytes = 5 << 20;
  CodeLimits codes;
  long long session_ttl_days = 30;
  long long session_touch_seconds = 60;  // last-seen is written at most this often
  long long session_cache_seconds = 5;   // how long a node trusts a session it has checked
  long long session_watch_ms = 1000;     // how often a server asks which sessions changed
  long long session_watched_cache_seconds = 300;  // the trust window while that watch runs
  long long search_poll_ms = 200;        // how often the indexer looks for changes to apply
  long long jobs_cache_entries = 100000;  // open posts kept in memory, ready to send (0: none)
  long long jobs_cache_seconds = 300;     // the longest a kept post is served without a re-read
  long long jobs_cache_watch_ms = 1000;   // how often a node asks which posts changed elsewhere
  bool search_indexer = true;  // this node writes the search indexes (one node per deployment)
  // Background WAL checkpoints; 0 = SQLite's own. Smaller, more frequent checkpoints keep each
  // database fsync short, and that fsync delays every commit's WAL fsync (docs/benchmarks.md,
  // session 13: median p99 at 2,000 applies/s 20.3 ms at 30 against 26.3 ms at 100).
  long long sqlite_checkpoint_ms = 30;
  std::string sqlite_synchronous = "normal";  // normal | full (an fsync per group commit)
  long long access_log_batch_ms = 20;         // how often journaled access records are committed
  std::string password_strength = "interactive";  // interactive | moderate | min (tests)
  long long password_max_failures = 10;           // wrong passwords per address before a lockout
  long long minimum_age = 16;
  long long adult_age = 18;
  bool test_clock = false;  // flag only: enables POST /__test/clock

  std::string effective_database_url() const;
  std::string effective_master_key_file() const;
  std::string effective_log_file() const;
};

// One setting: its dotted TOML key (env and flag names derive from it) and a help line.
struct SettingInfo {
  std::string key;
  std::string help;
  std::variant<std::string*, long long*, bool*> target;
};

std::vector<SettingInfo> settings_of(Config& config);

// Registers every setting as a flag on `app` plus --config; call `finish_config` after parsing.
class ConfigLoader {
 public:
  explicit ConfigLoader(CLI::App& app);
  // Applies TOML, then env, then the flags that were given. Returns the errors in one message.
  Result<Config> finish() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace hiresafe::core
