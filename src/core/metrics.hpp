// Prometheus metrics for the HTTP layer: request counts and latency histograms by route and status.
#pragma once

#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

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
  struct Series {
    prometheus::Counter* count;
    prometheus::Histogram* latency;
  };
  Series& series(const std::string& route, const std::string& method, int status);

  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* latency_;
  // Label lookups in prometheus-cpp hash a std::map under a lock; the few (route, method,
  // status) series are found once and remembered.
  std::shared_mutex series_mutex_;
  std::unordered_map<std::string, Series> series_;
};

}  // namespace hiresafe::core
