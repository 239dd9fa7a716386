// hiresafe: composes the app and runs a subcommand.
#include <curl/curl.h>
#include <sodium.h>
#include <sys/stat.h>

#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "libsodium failed to initialise\n";
    return 1;
  }
  // libcurl's global set-up is not thread-safe; do it once before any thread starts.
  curl_global_init(CURL_GLOBAL_DEFAULT);
  // Everything hiresafe writes (database, keys, logs, delivery files) is for its owner only.
  umask(0077);
  return hiresafe::cli::run(argc, argv);
}
