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

void Metrics::observe_request(const std::string& route, const std::string& method, int status,
                              double seconds) {
  static const prometheus::Histogram::BucketBoundaries kBuckets{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  prometheus::Labels labels{
      {"route", route}, {"method", method}, {"status", std::to_string(status)}};
  requests_->Add(labels).Increment();
  latency_->Add(labels, kBuckets).Observe(seconds);
}

std::string Metrics::render() const {
  prometheus::TextSerializer serializer;
  return serializer.Serialize(registry_->Collect());
}

}  // namespace hiresafe::core
