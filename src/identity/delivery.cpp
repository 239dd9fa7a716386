#include "identity/delivery.hpp"

#include "core/http_post.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace hiresafe::identity {

FileDelivery::FileDelivery(std::string path) : path_(std::move(path)) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
}

void FileDelivery::deliver(const OutboundCode& m) {
  std::lock_guard lock(mutex_);
  std::ofstream out(path_, std::ios::app);
  out << fmt::format("{:%Y-%m-%dT%H:%M:%S} message_id={} to={} purpose={} code={}\n",
                     fmt::gmtime(std::time(nullptr)), m.message_id, m.recipient_id, m.purpose,
                     m.code);
}

HttpSmsDelivery::HttpSmsDelivery(std::string url, int attempts, int backoff_ms,
                                 core::Logger logger)
    : url_(std::move(url)),
      attempts_(attempts < 1 ? 1 : attempts),
      backoff_ms_(backoff_ms),
      logger_(std::move(logger)),
      worker_([this] { run(); }) {}

HttpSmsDelivery::~HttpSmsDelivery() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void HttpSmsDelivery::deliver(const OutboundCode& message) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(message);
  }
  wake_.notify_one();
}

bool HttpSmsDelivery::post_once(const OutboundCode& m, long& status) {
  nlohmann::json body = {
      {"message_id", m.message_id}, {"to", m.address}, {"purpose", m.purpose}, {"code", m.code}};
  auto result = core::post_json(url_, body.dump(), 10000);
  status = result.status;
  return result.ok();
}

void HttpSmsDelivery::run() {
  for (;;) {
    OutboundCode m;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      m = std::move(queue_.front());
      queue_.pop_front();
    }
    int delay = backoff_ms_;
    for (int attempt = 1; attempt <= attempts_; ++attempt) {
      long status = 0;
      if (post_once(m, status)) {
        logger_->info("sms delivered message_id={} attempt={}", m.message_id, attempt);
        break;
      }
      logger_->warn("sms delivery failed message_id={} attempt={} status={}", m.message_id,
                    attempt, status);
      if (attempt == attempts_) break;
      std::unique_lock lock(mutex_);
      // Stop waiting early on shutdown, but still finish this message's attempts quickly.
      wake_.wait_for(lock, std::chrono::milliseconds(delay), [this] { return stopping_; });
      delay *= 2;
    }
  }
}

}  // namespace hiresafe::identity
