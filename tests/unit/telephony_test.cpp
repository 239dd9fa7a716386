// The virtual-number carrier adapter (COM-4) against a local stand-in carrier, the pool syntax,
// and the calls.* settings.
#include <gtest/gtest.h>
#include <restinio/all.hpp>

#include <CLI/CLI.hpp>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "hiring/virtual_numbers.hpp"

using namespace hiresafe;

namespace {

// A stand-in AXB carrier: records each request's path and body and answers `status` with
// `body`.
class StandInCarrier {
 public:
  StandInCarrier(int status, std::string body) : status_(status), body_(std::move(body)) {
    auto port = std::make_shared<std::uint16_t>(0);
    server_ = restinio::run_async(
        restinio::own_io_context(),
        restinio::server_settings_t<>{}
            .address("127.0.0.1")
            .port(0)
            .acceptor_post_bind_hook(
                [port](asio::ip::tcp::acceptor& a) { *port = a.local_endpoint().port(); })
            .request_handler([this](auto req) {
              {
                std::lock_guard lock(mutex_);
                requests_.emplace_back(std::string(req->header().path()), req->body());
              }
              req
                  ->create_response(restinio::http_status_line_t{
                      restinio::http_status_code_t{static_cast<std::uint16_t>(status_)}, "Status"})
                  .append_header(restinio::http_field::content_type, "application/json")
                  .set_body(body_)
                  .done();
              return restinio::request_accepted();
            }),
        1);
    url_ = "http://127.0.0.1:" + std::to_string(*port) + "/axb/";
  }
  ~StandInCarrier() {
    server_->stop();
    server_->wait();
  }
  const std::string& url() const { return url_; }
  std::vector<std::pair<std::string, std::string>> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  int status_;
  std::string body_;
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> requests_;  // path, body
  std::string url_;
  restinio::running_server_handle_t<restinio::default_traits_t> server_;
};

hiring::BindRequest request() {
  return {"nb_1", "+8617000000042", "+8613800000001", "+8613900000002", 1900000000};
}

// SEC-7: errors reach logs, so none may carry a number the carrier was sent.
void expect_no_phone(const core::Error& e) {
  for (const auto& text : {e.title, e.detail}) {
    EXPECT_EQ(text.find("13800000001"), std::string::npos) << text;
    EXPECT_EQ(text.find("13900000002"), std::string::npos) << text;
    EXPECT_EQ(text.find("17000000042"), std::string::npos) << text;
  }
}

core::Result<core::Config> load(std::vector<std::string> args) {
  CLI::App app;
  core::ConfigLoader loader(app);
  std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector
  app.parse(args);
  return loader.finish();
}

std::vector<std::string> fields_of(const core::Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.errors) out.push_back(f.field);
  return out;
}

}  // namespace

// COM-4
TEST(Telephony, HttpBindPostsTheTripleAndReturnsTheCarriersRef) {
  StandInCarrier carrier(200, R"({"ref":"carrier-77"})");
  hiring::HttpTelephony telephony(carrier.url(), 5000);
  auto ref = telephony.bind(request());
  ASSERT_TRUE(ref) << ref.error().title << " " << ref.error().detail;
  EXPECT_EQ(*ref, "carrier-77");
  auto seen = carrier.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].first, "/axb/bind");
  auto json = nlohmann::json::parse(seen[0].second);
  EXPECT_EQ(json, (nlohmann::json{{"binding_id", "nb_1"},
                                  {"number_x", "+8617000000042"},
                                  {"party_a", "+8613800000001"},
                                  {"party_b", "+8613900000002"},
                                  {"expires_at", 1900000000}}));
}

// COM-4
TEST(Telephony, HttpUnbindPostsTheRef) {
  StandInCarrier carrier(204, "");
  hiring::HttpTelephony telephony(carrier.url(), 5000);
  ASSERT_TRUE(telephony.unbind("carrier-77", "+8617000000042"));
  auto seen = carrier.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].first, "/axb/unbind");
  EXPECT_EQ(nlohmann::json::parse(seen[0].second),
            (nlohmann::json{{"ref", "carrier-77"}, {"number_x", "+8617000000042"}}));
}

// COM-4, SEC-7
TEST(Telephony, ACarrierRefusalIs503WithoutPhoneNumbers) {
  // The body quotes the numbers, as a carrier's error page might.
  StandInCarrier carrier(500, R"({"error":"bad party +8613800000001"})");
  hiring::HttpTelephony telephony(carrier.url(), 5000);
  auto bound = telephony.bind(request());
  ASSERT_FALSE(bound);
  EXPECT_EQ(bound.error().kind, core::ErrorKind::kUnavailable);
  EXPECT_EQ(bound.error().title, "The telephony carrier is not reachable");
  expect_no_phone(bound.error());
  auto unbound = telephony.unbind("carrier-77", "+8617000000042");
  ASSERT_FALSE(unbound);
  EXPECT_EQ(unbound.error().kind, core::ErrorKind::kUnavailable);
  expect_no_phone(unbound.error());
}

// COM-4
TEST(Telephony, AnAnswerWithoutARefIs503) {
  StandInCarrier carrier(200, R"({"ok":true})");
  hiring::HttpTelephony telephony(carrier.url(), 5000);
  auto bound = telephony.bind(request());
  ASSERT_FALSE(bound);
  EXPECT_EQ(bound.error().kind, core::ErrorKind::kUnavailable);
  expect_no_phone(bound.error());
}

// COM-4, SEC-7
TEST(Telephony, AnUnreachableCarrierIs503WithoutPhoneNumbers) {
  std::string url;
  {
    StandInCarrier gone(200, "{}");
    url = gone.url();
  }  // stopped: its port now refuses connections
  hiring::HttpTelephony telephony(url, 5000);
  auto bound = telephony.bind(request());
  ASSERT_FALSE(bound);
  EXPECT_EQ(bound.error().kind, core::ErrorKind::kUnavailable);
  EXPECT_EQ(bound.error().title, "The telephony carrier is not reachable");
  expect_no_phone(bound.error());
}

// COM-4
TEST(Telephony, NoCarrierBindsWithALocalRef) {
  hiring::NoneTelephony none;
  auto ref = none.bind(request());
  ASSERT_TRUE(ref);
  EXPECT_EQ(*ref, "none:nb_1");
  EXPECT_TRUE(none.unbind(*ref, "+8617000000042"));
}

// COM-4
TEST(NumberPool, RangesAndSingleNumbersAreIndexedInOrder) {
  auto pool = hiring::NumberPool::parse(
      "+8617000000000-+8617000000999, +8617100000000-+8617100000049,+442079460000");
  ASSERT_TRUE(pool) << pool.error().errors.front().message;
  EXPECT_EQ(pool->size(), 1051u);
  EXPECT_EQ(pool->at(0), "+8617000000000");
  EXPECT_EQ(pool->at(999), "+8617000000999");
  EXPECT_EQ(pool->at(1000), "+8617100000000");
  EXPECT_EQ(pool->at(1049), "+8617100000049");
  EXPECT_EQ(pool->at(1050), "+442079460000");
}

// COM-4: the pool is arithmetic, so a range of a hundred million numbers costs nothing.
TEST(NumberPool, AHugeRangeIsNotMaterialised) {
  auto pool = hiring::NumberPool::parse("+8617000000000-+8617099999999");
  ASSERT_TRUE(pool);
  EXPECT_EQ(pool->size(), 100000000u);
  EXPECT_EQ(pool->at(12345678), "+8617012345678");
}

// COM-4
TEST(NumberPool, BadSpecsAreRefusedWithTheSetting) {
  for (const std::string spec : {
           "",                                              // empty
           " , ",                                           // only separators
           "+8617000000000-+8617000000999,",                // trailing comma
           "8617000000000",                                 // no +
           "+0617000000000",                                // leading zero
           "+86170000000a0",                                // not digits
           "+123456",                                       // too short
           "+1234567890123456",                             // over 15 digits
           "+8617000000999-+8617000000000",                 // first above last
           "+8617000000000-+861700000999",                  // lengths differ
           "+8617000000000-+8617000000999,+8617000000500",  // a single inside a range
           "+8617000000000-+8617000000999,+8617000000999-+8617000001999",  // touching ends
           "+8617000000000,+8617000000000",                                // a repeat
       }) {
    auto pool = hiring::NumberPool::parse(spec);
    ASSERT_FALSE(pool) << "accepted: " << spec;
    EXPECT_EQ(pool.error().kind, core::ErrorKind::kInvalid);
    ASSERT_EQ(pool.error().errors.size(), 1u);
    EXPECT_EQ(pool.error().errors[0].field, "calls.pool");
    EXPECT_FALSE(pool.error().errors[0].message.empty());
  }
}

// COM-4
TEST(NumberPool, CallsSettingsHaveSafeDefaultsAndAreValidated) {
  auto defaults = load({});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->calls_provider, "none");
  EXPECT_EQ(defaults->calls_binding_hours, 72);
  auto pool = hiring::NumberPool::parse(defaults->calls_pool);
  ASSERT_TRUE(pool);
  EXPECT_EQ(pool->size(), 1000u);

  auto bad =
      load({"--calls-provider", "http", "--calls-pool", "+86-+87", "--calls-binding-hours", "721"});
  ASSERT_FALSE(bad);
  auto fields = fields_of(bad.error());
  for (const char* f : {"calls.http_url", "calls.pool", "calls.binding_hours"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;

  auto pigeon = load({"--calls-provider", "pigeon"});
  ASSERT_FALSE(pigeon);
  EXPECT_EQ(fields_of(pigeon.error()), std::vector<std::string>{"calls.provider"});
  EXPECT_TRUE(load({"--calls-provider", "http", "--calls-http-url", "http://carrier.local"}));
}
