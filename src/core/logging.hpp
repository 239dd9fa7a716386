// Logger construction. Log lines carry ids (request, user, message), never personal data (SEC-7).
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

namespace hiresafe::core {

using Logger = std::shared_ptr<spdlog::logger>;

// Writes to `file` (created with its directory) and to stderr.
Logger make_logger(const std::string& file, const std::string& level);

}  // namespace hiresafe::core
