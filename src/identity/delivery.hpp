// Delivery of one-time codes by SMS or e-mail, behind an interface so the operator picks the
// provider: `file` (default, offline: a log of recipient ids and codes, never the address) or
// `http` (an SMS gateway reached with libcurl, retried with backoff).
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/logging.hpp"

namespace hiresafe::identity {

struct OutboundCode {
  std::string message_id;    // the code's id: links a delivery to its log line and request
  std::string recipient_id;  // keyed hash of the address; safe to log
  std::string address;       // E.164 number or e-mail; only the gateway ever sees it
  std::string purpose;
  std::string code;
};

class CodeDelivery {
 public:
  virtual ~CodeDelivery() = default;
  // Queues or performs the delivery; never blocks on the network.
  virtual void deliver(const OutboundCode& message) = 0;
};

// Appends "time message_id=… to=<recipient id> purpose=… code=…" to a file.
class FileDelivery final : public CodeDelivery {
 public:
  explicit FileDelivery(std::string path);
  void deliver(const OutboundCode& message) override;

 private:
  std::string path_;
  std::mutex mutex_;
};

// POSTs {"message_id","to","purpose","code"} as JSON to `url` from a background thread; a
// transport error or non-2xx answer is retried `attempts` times, waiting backoff_ms, 2×, 4×…
class HttpSmsDelivery final : public CodeDelivery {
 public:
  HttpSmsDelivery(std::string url, int attempts, int backoff_ms, core::Logger logger);
  ~HttpSmsDelivery() override;
  void deliver(const OutboundCode& message) override;

 private:
  void run();
  bool post_once(const OutboundCode& message, long& status);

  std::string url_;
  int attempts_;
  int backoff_ms_;
  core::Logger logger_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<OutboundCode> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace hiresafe::identity
