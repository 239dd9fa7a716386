// The HTTP server: RESTinio's express router on a thread pool, fed from the route table, with
// request ids, body limits, authentication, problem+json errors, access log and metrics.
#pragma once

#include <memory>
#include <string>

#include "core/result.hpp"
#include "http/app.hpp"

namespace hiresafe::http {

class Server {
 public:
  explicit Server(App& app);
  ~Server();
  // Binds and starts serving; returns "host:port" with the port actually bound.
  core::Result<std::string> start();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hiresafe::http
