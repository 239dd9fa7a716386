#include "core/logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <filesystem>

namespace hiresafe::core {

Logger make_logger(const std::string& file, const std::string& level) {
  std::vector<spdlog::sink_ptr> sinks;
  // The console gets warnings and errors only; the per-request access log goes to the file.
  auto console = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  console->set_level(spdlog::level::warn);
  sinks.push_back(console);
  if (!file.empty()) {
    std::filesystem::create_directories(std::filesystem::path(file).parent_path());
    sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(file));
  }
  auto logger = std::make_shared<spdlog::logger>("hiresafe", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::from_str(level));
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
  // Flushing every access-log line cost a write per request; warnings still flush at once and
  // the file is flushed when the logger closes.
  logger->flush_on(spdlog::level::warn);
  return logger;
}

}  // namespace hiresafe::core
