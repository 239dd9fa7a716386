// Small JSON helpers shared by the handlers.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

namespace hiresafe::http {

// An optional value as JSON: the value, or null.
template <class T>
nlohmann::json nullable(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace hiresafe::http
