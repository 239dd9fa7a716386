// The hiresafe command line: serve, migrate, seed, admin.
#pragma once

namespace hiresafe::cli {

int run(int argc, char** argv);

}  // namespace hiresafe::cli
