// Code delivery providers: the file provider never writes the address; the http provider POSTs
// JSON to a gateway and retries with backoff, tested against a local stand-in gateway.
#include <gtest/gtest.h>
#include <restinio/all.hpp>

#include <condition_variable>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/logging.hpp"
#include "identity/delivery.hpp"
#include "test_env.hpp"
#include "test_server.hpp"

using namespace hiresafe;

namespace {

// A stand-in SMS gateway: answers 503 to the first `failures` requests, then 200.
class StandInGateway {
 public:
  explicit StandInGateway(int failures) : failures_(failures) {
    auto port = std::make_shared<std::uint16_t>(0);
    server_ = restinio::run_async(
        restinio::own_io_context(),
        restinio::server_settings_t<>{}
            .address("127.0.0.1")
            .port(0)
            .acceptor_post_bind_hook(
                [port](asio::ip::tcp::acceptor& a) { *port = a.local_endpoint().port(); })
            .request_handler([this](auto req) {
              int status = record(req);
              req->create_response(status == 200 ? restinio::status_ok()
                                                 : restinio::status_service_unavailable())
                  .done();
              return restinio::request_accepted();
            }),
        1);
    url_ = "http://127.0.0.1:" + std::to_string(*port) + "/sms";
  }
  ~StandInGateway() {
    server_->stop();
    server_->wait();
  }
  const std::string& url() const { return url_; }

  // Waits (bounded) until `n` requests arrived; returns the bodies seen.
  std::vector<std::string> wait_for(std::size_t n) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, std::chrono::seconds(10), [&] { return bodies_.size() >= n; });
    return bodies_;
  }
  std::size_t count() {
    std::lock_guard lock(mutex_);
    return bodies_.size();
  }
  std::string content_type() {
    std::lock_guard lock(mutex_);
    return content_type_;
  }

 private:
  int record(const restinio::request_handle_t& req) {
    std::lock_guard lock(mutex_);
    bodies_.push_back(req->body());
    content_type_ = std::string(req->header().get_field_or("Content-Type", ""));
    arrived_.notify_all();
    return static_cast<int>(bodies_.size()) > failures_ ? 200 : 503;
  }

  int failures_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<std::string> bodies_;
  std::string content_type_;
  std::string url_;
  restinio::running_server_handle_t<restinio::default_traits_t> server_;
};

identity::OutboundCode message() {
  return {"m_1", "recipient-hash", "+8613800138000", "sign_in", "123456"};
}

}  // namespace

TEST(Delivery, HttpProviderRetriesWithBackoffUntilTheGatewayAccepts) {  // ACC-1
  StandInGateway gateway(2);
  hiresafe::testing::TempDir dir;
  {
    identity::HttpSmsDelivery sms(gateway.url(), 3, 10,
                                  core::make_logger(dir.path() + "/log", "info"));
    sms.deliver(message());
    auto bodies = gateway.wait_for(3);
    ASSERT_EQ(bodies.size(), 3u);
    auto json = nlohmann::json::parse(bodies.back());
    EXPECT_EQ(json["to"], "+8613800138000");
    EXPECT_EQ(json["code"], "123456");
    EXPECT_EQ(json["message_id"], "m_1");
    EXPECT_EQ(json["purpose"], "sign_in");
    EXPECT_EQ(gateway.content_type(), "application/json");
  }
  // The delivery log names the message, never the number (SEC-7).
  auto log = hiresafe::testing::read_file(dir.path() + "/log");
  EXPECT_NE(log.find("message_id=m_1 attempt=3"), std::string::npos);
  EXPECT_EQ(log.find("13800138000"), std::string::npos);
}

TEST(Delivery, HttpProviderGivesUpAfterItsAttempts) {  // ACC-1
  StandInGateway gateway(100);
  hiresafe::testing::TempDir dir;
  {
    identity::HttpSmsDelivery sms(gateway.url(), 2, 10,
                                  core::make_logger(dir.path() + "/log", "info"));
    sms.deliver(message());
    EXPECT_EQ(gateway.wait_for(2).size(), 2u);
  }  // the destructor finishes the message's attempts before returning
  EXPECT_EQ(gateway.count(), 2u) << "no third attempt";
}

TEST(Delivery, FileProviderWritesRecipientIdAndCodeButNeverTheNumber) {  // SEC-7
  hiresafe::testing::TempDir dir;
  identity::FileDelivery file(dir.path() + "/sms.log");
  file.deliver(message());
  auto text = hiresafe::testing::read_file(dir.path() + "/sms.log");
  EXPECT_NE(text.find("message_id=m_1 to=recipient-hash purpose=sign_in code=123456"),
            std::string::npos);
  EXPECT_EQ(text.find("13800138000"), std::string::npos);
}
