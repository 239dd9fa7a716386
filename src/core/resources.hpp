// Data files shipped inside the binary (resources/*): taxonomies, rule sets.
#pragma once

#include <string_view>

namespace hiresafe::core {

// The bytes of resources/<name>, or empty when there is no such file.
std::string_view resource(std::string_view name);

}  // namespace hiresafe::core
