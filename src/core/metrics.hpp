// Prometheus metrics for the HTTP layer: request counts and latency histograms by route and status.
#pragma once

#include <memory>
#include <string>

namespace prometheus {
class Registry;
template <typename T>
class Family;
class Counter;
class Histogram;
}  // namespace prometheus

namespace hiresafe::core {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  void observe_request(const std::string& route, const std::string& method, int status,
                       double seconds);
  std::string render() const;  // Prometheus text exposition format

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* latency_;
};

}  // namespace hiresafe::core
