// Delivery of one-time codes by SMS or e-mail, behind an interface so the operator picks the
// provider: `file` (default, offline: a log of recipient ids and codes, never the address),
// `http` (an SMS gateway) or `smtp` (a mail relay), both reached with libcurl and retried with
// backoff.
#pragma once

#include <condition_variable>
#include <ctime>
#include <deque>
#include <functional>
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
  // When the message was handed over; a retry re-sends it with this time, so every attempt
  // carries the same Date header. Zero means "now" at hand-over.
  std::time_t written_at = 0;
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

// The queue and retry loop shared by the network providers: one background thread takes each
// queued message and calls `send_once` up to `attempts` times, waiting backoff_ms, 2×, 4×…
// between tries. Log lines name the channel and the message id only (SEC-7); `send_once` puts
// a failure's detail (status codes, never addresses or codes) in its second argument.
class RetryQueue {
 public:
  using SendOnce = std::function<bool(const OutboundCode&, std::string& failure)>;
  RetryQueue(std::string channel, int attempts, int backoff_ms, core::Logger logger,
             SendOnce send_once);
  // Finishes every queued message's attempts (without further waiting) before returning.
  ~RetryQueue();
  RetryQueue(const RetryQueue&) = delete;
  RetryQueue& operator=(const RetryQueue&) = delete;
  void push(const OutboundCode& message);

 private:
  void run();

  std::string channel_;
  int attempts_;
  int backoff_ms_;
  core::Logger logger_;
  SendOnce send_once_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<OutboundCode> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

// POSTs {"message_id","to","purpose","code"} as JSON to `url` from a background thread; a
// transport error or non-2xx answer is retried `attempts` times, waiting backoff_ms, 2×, 4×…
class HttpSmsDelivery final : public CodeDelivery {
 public:
  HttpSmsDelivery(std::string url, int attempts, int backoff_ms, core::Logger logger);
  void deliver(const OutboundCode& message) override;

 private:
  bool post_once(const OutboundCode& message, std::string& failure) const;

  std::string url_;
  RetryQueue queue_;  // last: its thread stops before the members it uses are destroyed
};

// Sends a plain-text e-mail (RFC 5322 headers, bilingual UTF-8 body) through the SMTP relay at
// `smtp_url` (smtp://host:port, or smtps:// for TLS; credentials may ride in the URL) from a
// background thread, with the same retries as HttpSmsDelivery. `from` is a From header value,
// "Name <addr>" or a bare address; the envelope sender is the address part.
class SmtpDelivery final : public CodeDelivery {
 public:
  SmtpDelivery(std::string smtp_url, std::string from, int attempts, int backoff_ms,
               core::Logger logger);
  void deliver(const OutboundCode& message) override;

 private:
  // The whole message as sent: headers, blank line, body, CRLF line ends.
  std::string compose(const OutboundCode& message) const;
  bool send_once(const OutboundCode& message, std::string& failure) const;

  std::string smtp_url_;
  std::string from_;
  std::string from_address_;
  RetryQueue queue_;  // last: its thread stops before the members it uses are destroyed
};

}  // namespace hiresafe::identity
