// Demo data, created through the same service calls a person's requests make.
#pragma once

#include "cli/runtime.hpp"

namespace hiresafe::cli {

// Loads the demo accounts when the database has no users; returns how many were created.
core::Result<int> seed_demo(Runtime& rt);

}  // namespace hiresafe::cli
