// The smtp mail provider against a local SMTP stand-in: envelope, RFC 5322 headers, bilingual
// body, retries after a temporary failure, giving up, and logs free of addresses and codes.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <asio.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <regex>
#include <thread>

#include "core/config.hpp"
#include "core/logging.hpp"
#include "identity/delivery.hpp"
#include "test_env.hpp"
#include "test_server.hpp"

using namespace hiresafe;

namespace {

struct SmtpTransaction {
  std::string mail_from;  // the MAIL FROM argument, e.g. "<no-reply@hiresafe.test>"
  std::vector<std::string> rcpt_to;
  std::string data;  // the message with dot-stuffing undone, CRLF line ends kept
  int reply = 0;     // what the stand-in answered after the data
};

// A stand-in SMTP relay on 127.0.0.1 (port 0). It speaks the commands libcurl uses and answers
// the first `failures` messages with 451 (try again later), the rest with 250.
class StandInSmtp {
 public:
  explicit StandInSmtp(int failures)
      : failures_(failures),
        acceptor_(io_, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    url_ = "smtp://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~StandInSmtp() {
    io_.stop();
    thread_.join();
  }
  const std::string& url() const { return url_; }

  // Waits (bounded) until `n` messages arrived; returns every transaction seen.
  std::vector<SmtpTransaction> wait_for(std::size_t n) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, std::chrono::seconds(10), [&] { return done_.size() >= n; });
    return done_;
  }
  std::size_t count() {
    std::lock_guard lock(mutex_);
    return done_.size();
  }

 private:
  class Session : public std::enable_shared_from_this<Session> {
   public:
    Session(StandInSmtp& server, asio::ip::tcp::socket socket)
        : server_(server), socket_(std::move(socket)) {}
    void start() {
      reply("220 stand-in ESMTP ready");
      read_line();
    }

   private:
    void read_line() {
      asio::async_read_until(socket_, in_, "\r\n",
                             [self = shared_from_this()](std::error_code ec, std::size_t) {
                               if (ec) return;
                               std::istream is(&self->in_);
                               std::string line;
                               std::getline(is, line);
                               if (!line.empty() && line.back() == '\r') line.pop_back();
                               if (self->on_line(line)) self->read_line();
                             });
    }
    void reply(const std::string& text) {
      std::error_code ec;
      asio::write(socket_, asio::buffer(text + "\r\n"), ec);
    }
    // Returns false when the session ends.
    bool on_line(const std::string& line) {
      if (in_data_) {
        if (line == ".") {
          in_data_ = false;
          current_.reply = server_.finish(current_);
          reply(current_.reply == 250 ? "250 ok: queued" : "451 try again later");
          current_ = {};
          return true;
        }
        current_.data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
        return true;
      }
      std::string verb = line.substr(0, 4);
      std::transform(verb.begin(), verb.end(), verb.begin(), ::toupper);
      auto argument = [&](const std::string& prefix) {
        auto colon = line.find(':');
        std::string rest =
            colon == std::string::npos ? line.substr(prefix.size()) : line.substr(colon + 1);
        rest.erase(0, rest.find_first_not_of(' '));
        return rest;
      };
      if (verb == "EHLO" || verb == "HELO") {
        reply("250 stand-in");
      } else if (verb == "MAIL") {
        current_ = {};
        current_.mail_from = argument("MAIL FROM");
        reply("250 ok");
      } else if (verb == "RCPT") {
        current_.rcpt_to.push_back(argument("RCPT TO"));
        reply("250 ok");
      } else if (verb == "DATA") {
        in_data_ = true;
        reply("354 end data with <CR><LF>.<CR><LF>");
      } else if (verb == "RSET") {
        current_ = {};
        reply("250 ok");
      } else if (verb == "NOOP") {
        reply("250 ok");
      } else if (verb == "QUIT") {
        reply("221 bye");
        return false;
      } else {
        reply("502 command not implemented");
      }
      return true;
    }

    StandInSmtp& server_;
    asio::ip::tcp::socket socket_;
    asio::streambuf in_;
    SmtpTransaction current_;
    bool in_data_ = false;
  };

  void accept() {
    acceptor_.async_accept([this](std::error_code ec, asio::ip::tcp::socket socket) {
      if (ec) return;
      std::make_shared<Session>(*this, std::move(socket))->start();
      accept();
    });
  }
  int finish(SmtpTransaction t) {
    std::lock_guard lock(mutex_);
    t.reply = static_cast<int>(done_.size()) < failures_ ? 451 : 250;
    done_.push_back(t);
    arrived_.notify_all();
    return t.reply;
  }

  int failures_;
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::string url_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<SmtpTransaction> done_;
  std::thread thread_;
};

const std::string kFrom = "hiresafe <no-reply@hiresafe.test>";

identity::OutboundCode reset_code() {
  return {"m_1", "recipient-hash", "alice.wang@example.com", "reset_password", "482913"};
}

std::string header_block(const std::string& data) {
  return data.substr(0, data.find("\r\n\r\n") + 2);
}
std::string body_of(const std::string& data) {
  return data.substr(data.find("\r\n\r\n") + 4);
}

core::Result<core::Config> load(std::vector<std::string> args) {
  CLI::App app;
  core::ConfigLoader loader(app);
  std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector
  app.parse(args);
  return loader.finish();
}

}  // namespace

TEST(SmtpDelivery, DeliversTheResetCodeWithEnvelopeHeadersAndBody) {  // ACC-1
  StandInSmtp relay(0);
  hiresafe::testing::TempDir dir;
  identity::SmtpDelivery mail(relay.url(), kFrom, 3, 10,
                              core::make_logger(dir.path() + "/log", "info"));
  mail.deliver(reset_code());
  auto seen = relay.wait_for(1);
  ASSERT_EQ(seen.size(), 1u);
  const auto& t = seen[0];
  EXPECT_EQ(t.mail_from, "<no-reply@hiresafe.test>");
  EXPECT_EQ(t.rcpt_to, std::vector<std::string>{"<alice.wang@example.com>"});
  auto headers = header_block(t.data);
  EXPECT_TRUE(std::regex_search(
      headers,
      std::regex(
          R"(^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000\r\n)")))
      << headers;
  EXPECT_NE(headers.find("\r\nFrom: hiresafe <no-reply@hiresafe.test>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nTo: alice.wang@example.com\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nSubject: hiresafe password reset code / =?UTF-8?B?"),
            std::string::npos);
  EXPECT_NE(headers.find("\r\nMessage-ID: <m_1@hiresafe.test>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nMIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nContent-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nContent-Transfer-Encoding: 8bit\r\n"), std::string::npos);
  for (unsigned char ch : headers) EXPECT_LT(ch, 0x80) << "headers stay ASCII (RFC 2047 words)";
  auto body = body_of(t.data);
  EXPECT_NE(body.find("482913"), std::string::npos);
  EXPECT_NE(body.find("password reset code"), std::string::npos);
  EXPECT_NE(body.find("密码重置验证码"), std::string::npos);
  EXPECT_EQ(t.reply, 250);
}

TEST(SmtpDelivery, TokenMailsAskToPasteTheTokenIntoTheApp) {  // ACC-1
  StandInSmtp relay(0);
  hiresafe::testing::TempDir dir;
  identity::SmtpDelivery mail(relay.url(), kFrom, 3, 10,
                              core::make_logger(dir.path() + "/log", "info"));
  mail.deliver({"v_7", "hash-1", "bob@corp.example", "work_email_confirmation", "tok-work-AbC123"});
  mail.deliver(
      {"i_9", "hash-2", "carol@corp.example", "colleague_invitation", "tok-invite-XyZ789"});
  auto seen = relay.wait_for(2);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].rcpt_to, std::vector<std::string>{"<bob@corp.example>"});
  EXPECT_NE(header_block(seen[0].data).find("Subject: Confirm your work e-mail"),
            std::string::npos);
  EXPECT_NE(body_of(seen[0].data).find("tok-work-AbC123"), std::string::npos);
  EXPECT_NE(body_of(seen[0].data).find("paste this token"), std::string::npos);
  EXPECT_NE(body_of(seen[0].data).find("工作邮箱"), std::string::npos);
  EXPECT_NE(header_block(seen[0].data).find("Message-ID: <v_7@hiresafe.test>"), std::string::npos);
  EXPECT_EQ(seen[1].rcpt_to, std::vector<std::string>{"<carol@corp.example>"});
  EXPECT_NE(header_block(seen[1].data).find("Subject: You are invited"), std::string::npos);
  EXPECT_NE(body_of(seen[1].data).find("tok-invite-XyZ789"), std::string::npos);
  EXPECT_NE(body_of(seen[1].data).find("邀请令牌"), std::string::npos);
}

TEST(SmtpDelivery, RetriesAfterATemporaryFailureUntilAccepted) {  // ACC-1
  StandInSmtp relay(2);
  hiresafe::testing::TempDir dir;
  {
    identity::SmtpDelivery mail(relay.url(), kFrom, 3, 10,
                                core::make_logger(dir.path() + "/log", "info"));
    mail.deliver(reset_code());
    auto seen = relay.wait_for(3);
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0].reply, 451);
    EXPECT_EQ(seen[1].reply, 451);
    EXPECT_EQ(seen[2].reply, 250);
    EXPECT_EQ(seen[0].data, seen[2].data) << "the same message is sent again";
  }
  auto log = hiresafe::testing::read_file(dir.path() + "/log");
  EXPECT_NE(log.find("mail delivery failed message_id=m_1 attempt=1"), std::string::npos) << log;
  EXPECT_NE(log.find("mail delivered message_id=m_1 attempt=3"), std::string::npos) << log;
}

TEST(SmtpDelivery, GivesUpAfterItsAttempts) {  // ACC-1
  StandInSmtp relay(100);
  hiresafe::testing::TempDir dir;
  {
    identity::SmtpDelivery mail(relay.url(), kFrom, 2, 10,
                                core::make_logger(dir.path() + "/log", "info"));
    mail.deliver(reset_code());
    EXPECT_EQ(relay.wait_for(2).size(), 2u);
  }  // the destructor finishes the message's attempts before returning
  EXPECT_EQ(relay.count(), 2u) << "no third attempt";
  auto log = hiresafe::testing::read_file(dir.path() + "/log");
  EXPECT_NE(log.find("mail delivery gave up message_id=m_1 attempts=2"), std::string::npos) << log;
}

TEST(SmtpDelivery, LogsNameTheMessageButNeverTheAddressOrTheCode) {  // SEC-7
  StandInSmtp relay(1);
  hiresafe::testing::TempDir dir;
  {
    identity::SmtpDelivery mail(relay.url(), kFrom, 3, 10,
                                core::make_logger(dir.path() + "/log", "info"));
    mail.deliver(reset_code());
    ASSERT_EQ(relay.wait_for(2).size(), 2u);
  }
  auto log = hiresafe::testing::read_file(dir.path() + "/log");
  EXPECT_NE(log.find("message_id=m_1"), std::string::npos);
  for (const char* secret : {"alice", "example.com", "482913", "no-reply"})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in:\n" << log;
}

TEST(SmtpDelivery, AnAddressThatCouldInjectHeadersIsNeverSent) {  // SEC-7
  StandInSmtp relay(0);
  hiresafe::testing::TempDir dir;
  {
    identity::SmtpDelivery mail(relay.url(), kFrom, 2, 1,
                                core::make_logger(dir.path() + "/log", "info"));
    mail.deliver(
        {"m_x", "h", "eve@example.com\r\nBcc: mallory@example.com", "reset_password", "111111"});
    mail.deliver({"m_y", "h", "eve@example.com>,<mallory@example.com", "reset_password", "222222"});
  }
  EXPECT_EQ(relay.count(), 0u);
  auto log = hiresafe::testing::read_file(dir.path() + "/log");
  EXPECT_NE(log.find("mail delivery gave up message_id=m_x"), std::string::npos) << log;
  EXPECT_EQ(log.find("mallory"), std::string::npos);
}

TEST(SmtpConfig, FileIsTheDefaultAndSmtpNeedsAUrl) {
  auto defaults = load({});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->mail_provider, "file");
  EXPECT_EQ(defaults->mail_from, "hiresafe <no-reply@localhost>");
  EXPECT_EQ(defaults->mail_smtp_attempts, 3);
  EXPECT_EQ(defaults->mail_smtp_backoff_ms, 200);

  auto missing = load({"--mail-provider", "smtp"});
  ASSERT_FALSE(missing);
  ASSERT_EQ(missing.error().errors.size(), 1u);
  EXPECT_EQ(missing.error().errors[0].field, "mail.smtp_url");

  auto unknown = load({"--mail-provider", "pigeon"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().errors[0].field, "mail.provider");

  auto smtp = load({"--mail-provider", "smtp", "--mail-smtp-url", "smtp://127.0.0.1:2525",
                    "--mail-from", "Jobs <jobs@hiresafe.test>", "--mail-smtp-attempts", "5"});
  ASSERT_TRUE(smtp);
  EXPECT_EQ(smtp->mail_smtp_url, "smtp://127.0.0.1:2525");
  EXPECT_EQ(smtp->mail_from, "Jobs <jobs@hiresafe.test>");
  EXPECT_EQ(smtp->mail_smtp_attempts, 5);
}
