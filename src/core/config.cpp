#include "core/config.hpp"

#include <toml++/toml.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <map>

#include "hiring/number_pool.hpp"

namespace hiresafe::core {

std::string Config::effective_database_url() const {
  return database_url.empty() ? "sqlite://" + data_dir + "/hiresafe.db" : database_url;
}
std::string Config::effective_master_key_file() const {
  return master_key_file.empty() ? data_dir + "/master.key" : master_key_file;
}
std::string Config::effective_log_file() const {
  return log_file.empty() ? data_dir + "/logs/hiresafe.log" : log_file;
}

std::vector<SettingInfo> settings_of(Config& c) {
  return {
      {"data_dir", "directory for the database, keys, logs and delivery files", &c.data_dir},
      {"listen", "HOST:PORT to listen on; port 0 picks a free port", &c.listen},
      {"database_url", "sqlite:///path or postgresql://user@host:port/db", &c.database_url},
      {"master_key_file", "file holding the hex master key (mode 0600)", &c.master_key_file},
      {"master_key", "hex master key; overrides master_key_file (use the env var)", &c.master_key},
      {"io_threads", "HTTP I/O threads", &c.io_threads},
      {"worker_threads", "threads for password hashing and other heavy work", &c.worker_threads},
      {"write_threads",
       "threads that run changes and wait for their commit (SQLite commits the changes "
       "waiting together in one)",
       &c.write_threads},
      {"db_pool_size", "database connections in the pool", &c.db_pool_size},
      {"max_body_bytes", "largest request body accepted (larger: 413)", &c.max_body_bytes},
      {"hard_body_factor", "bodies over max_body_bytes*factor close the connection",
       &c.hard_body_factor},
      {"log.level", "trace, debug, info, warn, error", &c.log_level},
      {"log.file", "log file (default <data_dir>/logs/hiresafe.log)", &c.log_file},
      {"sms.provider", "file (writes <data_dir>/sms.log) or http", &c.sms_provider},
      {"sms.http_url", "URL the http SMS provider POSTs JSON to", &c.sms_http_url},
      {"sms.http_attempts", "delivery attempts before giving up", &c.sms_http_attempts},
      {"sms.http_backoff_ms", "first retry delay, doubled each attempt", &c.sms_http_backoff_ms},
      {"mail.provider", "file (writes <data_dir>/mail.log) or smtp", &c.mail_provider},
      {"mail.smtp_url", "relay for the smtp provider: smtp://host:port or smtps://host:port",
       &c.mail_smtp_url},
      {"mail.from", "From header of e-mails: \"Name <address>\" or an address", &c.mail_from},
      {"mail.smtp_attempts", "delivery attempts before giving up", &c.mail_smtp_attempts},
      {"mail.smtp_backoff_ms", "first retry delay, doubled each attempt", &c.mail_smtp_backoff_ms},
      {"identity.provider", "real-name checks: staff (review queue) or http", &c.identity_provider},
      {"identity.http_url", "URL the http identity provider POSTs JSON to", &c.identity_http_url},
      {"calls.provider",
       "virtual-number carrier: none (numbers are bound but route no calls) or http",
       &c.calls_provider},
      {"calls.http_url", "base URL of the http carrier (it receives POST /bind and /unbind)",
       &c.calls_http_url},
      {"calls.pool",
       "virtual numbers: comma-separated E.164 numbers or first-last ranges of equal length",
       &c.calls_pool},
      {"calls.binding_hours", "how long a virtual number stays bound to a recruiter and a seeker",
       &c.calls_binding_hours},
      {"uploads.max_bytes", "largest uploaded file (licences, permits, images)",
       &c.upload_max_bytes},
      {"codes.ttl_seconds", "how long a one-time code is valid", &c.codes.ttl_seconds},
      {"codes.resend_seconds", "minimum gap between codes to one recipient",
       &c.codes.resend_seconds},
      {"codes.hourly_per_number", "codes per recipient per hour", &c.codes.hourly_per_number},
      {"codes.hourly_per_ip", "codes per client IP per hour", &c.codes.hourly_per_ip},
      {"codes.max_attempts", "wrong tries before the recipient is locked", &c.codes.max_attempts},
      {"codes.lockout_seconds", "how long a lock lasts", &c.codes.lockout_seconds},
      {"sessions.ttl_days", "session lifetime", &c.session_ttl_days},
      {"sessions.touch_seconds", "how often last-seen is written", &c.session_touch_seconds},
      {"sessions.cache_seconds",
       "how long a node trusts the account row GET /me shows, and a checked session when no "
       "session watch runs (sessions.watch_ms); a change made on another node waits this long "
       "(0 disables both)",
       &c.session_cache_seconds},
      {"sessions.watch_ms",
       "how often a server asks the database which sessions changed (revoked, a role switched or "
       "added) and forgets them, so a change made on another node applies here after at most "
       "this long (0: no watch; sessions are then trusted sessions.cache_seconds)",
       &c.session_watch_ms},
      {"sessions.watched_cache_seconds",
       "how long a server with the watch trusts a checked session it has heard no change of "
       "(a backstop; changes arrive through the watch)",
       &c.session_watched_cache_seconds},
      {"sqlite.checkpoint_ms",
       "how often a background thread copies SQLite's WAL into the database file (0: inside "
       "the commit that crosses SQLite's threshold, stalling the writers queued behind it)",
       &c.sqlite_checkpoint_ms},
      {"sqlite.synchronous",
       "normal: a commit survives a crash of the server, a power cut may lose the last ones; "
       "full: the WAL is fsynced before each (group) commit answers, so none is lost",
       &c.sqlite_synchronous},
      {"access_log.batch_ms",
       "how often resume reads' access records are committed in one batch (each is journaled "
       "before the answer leaves, so a crash loses none)",
       &c.access_log_batch_ms},
      {"search.indexer",
       "this node applies changes to the search indexes (exactly one node of a deployment)",
       &c.search_indexer},
      {"search.poll_ms",
       "how often the indexer applies changes (a change is searchable after "
       "at most this long plus the indexing time)",
       &c.search_poll_ms},
      {"jobs.cache_entries",
       "open job posts each node keeps in memory, ready to send (about 1.5 KB each; 0: none)",
       &c.jobs_cache_entries},
      {"jobs.cache_seconds", "the longest a kept job post is served before it is read again",
       &c.jobs_cache_seconds},
      {"jobs.cache_watch_ms",
       "how often a node asks the database which job posts changed (a change made on another "
       "node is served after at most this long; this node's own changes apply at once)",
       &c.jobs_cache_watch_ms},
      {"password.strength", "Argon2id cost: interactive, moderate or min (tests only)",
       &c.password_strength},
      {"password.max_failures",
       "wrong passwords per e-mail before it locks (codes.lockout_seconds)",
       &c.password_max_failures},
      {"age.minimum", "youngest age served (younger: refused)", &c.minimum_age},
      {"age.adult", "below this age a guardian's consent is needed", &c.adult_age},
  };
}

namespace {

std::string env_name(const std::string& key) {
  std::string out = "HIRESAFE_";
  for (char ch : key) out.push_back(ch == '.' ? '_' : static_cast<char>(std::toupper(ch)));
  return out;
}

std::string flag_name(const std::string& key) {
  std::string out = "--";
  for (char ch : key) out.push_back(ch == '.' || ch == '_' ? '-' : ch);
  return out;
}

// Assigns text to a setting; returns an error message or empty.
std::string assign(const SettingInfo& s, const std::string& text, const std::string& source) {
  if (auto* str = std::get_if<std::string*>(&s.target)) {
    **str = text;
    return {};
  }
  if (auto* num = std::get_if<long long*>(&s.target)) {
    try {
      std::size_t used = 0;
      long long v = std::stoll(text, &used);
      if (used != text.size()) throw std::invalid_argument("trailing");
      **num = v;
      return {};
    } catch (const std::exception&) {
      return source + ": " + s.key + " must be an integer";
    }
  }
  auto* flag = std::get<bool*>(s.target);
  if (text == "1" || text == "true")
    *flag = true;
  else if (text == "0" || text == "false")
    *flag = false;
  else
    return source + ": " + s.key + " must be true or false";
  return {};
}

}  // namespace

struct ConfigLoader::Impl {
  std::string config_file;
  bool test_clock = false;
  std::map<std::string, std::string> flag_values;  // key -> text given on the command line
};

ConfigLoader::ConfigLoader(CLI::App& app) : impl_(std::make_shared<Impl>()) {
  Config defaults;
  app.add_option("--config", impl_->config_file, "TOML config file (env: HIRESAFE_CONFIG)");
  app.add_flag("--test-clock", impl_->test_clock,
               "enable POST /__test/clock to move time (tests only; never in production)");
  for (const auto& s : settings_of(defaults)) {
    std::string def;
    if (auto* str = std::get_if<std::string*>(&s.target))
      def = **str;
    else if (auto* num = std::get_if<long long*>(&s.target))
      def = std::to_string(**num);
    auto impl = impl_;
    auto key = s.key;
    std::string help =
        s.help + " [env " + env_name(s.key) + (def.empty() ? "" : ", default " + def) + "]";
    // The last occurrence wins, so wrappers can append overrides to a base command line.
    app.add_option_function<std::string>(
           flag_name(s.key), [impl, key](const std::string& v) { impl->flag_values[key] = v; },
           help)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  }
}

Result<Config> ConfigLoader::finish() const {
  Config config;
  auto settings = settings_of(config);
  std::vector<FieldError> problems;

  std::string file = impl_->config_file;
  if (file.empty()) {
    if (const char* e = std::getenv("HIRESAFE_CONFIG")) file = e;
  }
  if (!file.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(file);
    } catch (const toml::parse_error& e) {
      return Error::invalid(
          "config", std::string("cannot parse ") + file + ": " + std::string(e.description()));
    }
    for (const auto& s : settings) {
      auto node = table.at_path(s.key);
      if (!node) continue;
      std::string text;
      if (auto v = node.value<std::string>())
        text = *v;
      else if (auto i = node.value<long long>())
        text = std::to_string(*i);
      else if (auto b = node.value<bool>())
        text = *b ? "true" : "false";
      if (auto msg = assign(s, text, file); !msg.empty()) problems.push_back({s.key, msg});
    }
  }
  for (const auto& s : settings) {
    if (const char* e = std::getenv(env_name(s.key).c_str())) {
      if (auto msg = assign(s, e, env_name(s.key)); !msg.empty()) problems.push_back({s.key, msg});
    }
  }
  for (const auto& s : settings) {
    auto it = impl_->flag_values.find(s.key);
    if (it == impl_->flag_values.end()) continue;
    if (auto msg = assign(s, it->second, flag_name(s.key)); !msg.empty())
      problems.push_back({s.key, msg});
  }
  config.test_clock = impl_->test_clock;
  if (config.io_threads < 1 || config.worker_threads < 1 || config.write_threads < 1 ||
      config.db_pool_size < 1)
    problems.push_back(
        {"threads", "io_threads, worker_threads, write_threads and db_pool_size must be >= 1"});
  if (config.max_body_bytes < 1024) problems.push_back({"max_body_bytes", "must be >= 1024"});
  if (config.hard_body_factor < 1) problems.push_back({"hard_body_factor", "must be >= 1"});
  if (config.sqlite_checkpoint_ms < 0 || config.sqlite_checkpoint_ms > 60000)
    problems.push_back({"sqlite.checkpoint_ms", "must be 0 to 60000"});
  if (config.sqlite_synchronous != "normal" && config.sqlite_synchronous != "full")
    problems.push_back({"sqlite.synchronous", "must be normal or full"});
  if (config.access_log_batch_ms < 1 || config.access_log_batch_ms > 10000)
    problems.push_back({"access_log.batch_ms", "must be 1 to 10000"});
  if (config.session_watch_ms != 0 &&
      (config.session_watch_ms < 10 || config.session_watch_ms > 60000))
    problems.push_back({"sessions.watch_ms", "must be 0 (no watch) or 10 to 60000"});
  if (config.session_watched_cache_seconds < 0 || config.session_watched_cache_seconds > 86400)
    problems.push_back({"sessions.watched_cache_seconds", "must be 0 to 86400"});
  if (config.search_poll_ms < 10 || config.search_poll_ms > 1000)
    problems.push_back(
        {"search.poll_ms", "must be 10 to 1000 (changes are searchable within 1 s)"});
  if (config.sms_provider != "file" && config.sms_provider != "http")
    problems.push_back({"sms.provider", "must be file or http"});
  if (config.sms_provider == "http" && config.sms_http_url.empty())
    problems.push_back({"sms.http_url", "required when sms.provider is http"});
  if (config.mail_provider != "file" && config.mail_provider != "smtp")
    problems.push_back({"mail.provider", "must be file or smtp"});
  if (config.mail_provider == "smtp" && config.mail_smtp_url.empty())
    problems.push_back({"mail.smtp_url", "required when mail.provider is smtp"});
  // The From value goes into a header verbatim: no line breaks, and an address in it.
  if (config.mail_from.find_first_of("\r\n") != std::string::npos ||
      config.mail_from.find('@') == std::string::npos)
    problems.push_back({"mail.from", "must be one line holding an e-mail address"});
  if (config.mail_smtp_attempts < 1) problems.push_back({"mail.smtp_attempts", "must be >= 1"});
  if (config.mail_smtp_backoff_ms < 0) problems.push_back({"mail.smtp_backoff_ms", "must be >= 0"});
  if (config.identity_provider != "staff" && config.identity_provider != "http")
    problems.push_back({"identity.provider", "must be staff or http"});
  if (config.identity_provider == "http" && config.identity_http_url.empty())
    problems.push_back({"identity.http_url", "required when identity.provider is http"});
  if (config.calls_provider != "none" && config.calls_provider != "http")
    problems.push_back({"calls.provider", "must be none or http"});
  if (config.calls_provider == "http" && config.calls_http_url.empty())
    problems.push_back({"calls.http_url", "required when calls.provider is http"});
  if (auto pool = hiring::NumberPool::parse(config.calls_pool); !pool)
    problems.push_back({"calls.pool", pool.error().errors.front().message});
  if (config.calls_binding_hours < 1 || config.calls_binding_hours > 720)
    problems.push_back({"calls.binding_hours", "must be 1 to 720 (30 days)"});
  if (config.upload_max_bytes < 1024) problems.push_back({"uploads.max_bytes", "must be >= 1024"});
  if (config.password_strength != "interactive" && config.password_strength != "moderate" &&
      config.password_strength != "min")
    problems.push_back({"password.strength", "must be interactive, moderate or min"});
  if (!problems.empty())
    return Error::invalid(std::move(problems), "config", "Invalid configuration");
  return config;
}

}  // namespace hiresafe::core
