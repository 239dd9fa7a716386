#include "core/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace hiresafe::core {

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {
  requests_ = &prometheus::BuildCounter()
                   .Name("hiresafe_http_requests_total")
                   .Help("HTTP requests by route pattern, method and status")
                   .Register(*registry_);
  latency_ = &prometheus::BuildHistogram()
                  .Name("hiresafe_http_request_duration_seconds")
                  .Help("HTTP request latency by route pattern, method and status")
                  .Register(*registry_);
}

Metrics::~Metrics() = default;

Metrics::Series& Metrics::series(const std::string& route, const std::string& method,
                                 int status) {
  std::string key = method;
  key.append(" ").append(route).append(" ").append(std::to_string(status));
  {
    std::shared_lock lock(series_mutex_);
    if (auto it = series_.find(key); it != series_.end()) return it->second;
  }
  static const prometheus::Histogram::BucketBoundaries kBuckets{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  prometheus::Labels labels{
      {"route", route}, {"method", method}, {"status", std::to_string(status)}};
  std::unique_lock lock(series_mutex_);
  auto [it, fresh] = series_.try_emplace(key, Series{nullptr, nullptr});
  if (fresh) it->second = {&requests_->Add(labels), &latency_->Add(labels, kBuckets)};
  return it->second;
}

void Metrics::observe_request(const std::string& route, const std::string& method, int status,
                              double seconds) {
  Series& s = series(route, method, status);
  s.count->Increment();
  s.latency->Observe(seconds);
}

std::string Metrics::render() const {
  prometheus::TextSerializer serializer;
  return serializer.Serialize(registry_->Collect());
}

}  // namespace hiresafe::core
