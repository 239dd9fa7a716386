#include "identity/delivery.hpp"

#include "core/http_post.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
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

RetryQueue::RetryQueue(std::string channel, int attempts, int backoff_ms, core::Logger logger,
                       SendOnce send_once)
    : channel_(std::move(channel)),
      attempts_(attempts < 1 ? 1 : attempts),
      backoff_ms_(backoff_ms < 0 ? 0 : backoff_ms),
      logger_(std::move(logger)),
      send_once_(std::move(send_once)),
      worker_([this] { run(); }) {}

RetryQueue::~RetryQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void RetryQueue::push(const OutboundCode& message) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(message);
  }
  wake_.notify_one();
}

void RetryQueue::run() {
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
      std::string failure;
      if (send_once_(m, failure)) {
        logger_->info("{} delivered message_id={} attempt={}", channel_, m.message_id, attempt);
        break;
      }
      logger_->warn("{} delivery failed message_id={} attempt={} {}", channel_, m.message_id,
                    attempt, failure);
      if (attempt == attempts_) {
        logger_->error("{} delivery gave up message_id={} attempts={}", channel_, m.message_id,
                       attempts_);
        break;
      }
      std::unique_lock lock(mutex_);
      // Stop waiting early on shutdown, but still finish this message's attempts quickly.
      wake_.wait_for(lock, std::chrono::milliseconds(delay), [this] { return stopping_; });
      delay *= 2;
    }
  }
}

HttpSmsDelivery::HttpSmsDelivery(std::string url, int attempts, int backoff_ms, core::Logger logger)
    : url_(std::move(url)),
      queue_(
          "sms", attempts, backoff_ms, std::move(logger),
          [this](const OutboundCode& m, std::string& failure) { return post_once(m, failure); }) {}

void HttpSmsDelivery::deliver(const OutboundCode& message) {
  queue_.push(message);
}

bool HttpSmsDelivery::post_once(const OutboundCode& m, std::string& failure) const {
  nlohmann::json body = {
      {"message_id", m.message_id}, {"to", m.address}, {"purpose", m.purpose}, {"code", m.code}};
  auto result = core::post_json(url_, body.dump(), 10000);
  failure = fmt::format("status={}", result.status);
  return result.ok();
}

namespace {

// An address fit for an SMTP envelope and a header: no spaces, controls or angle brackets, so a
// stored value can never inject a header or a second recipient.
bool plain_address(const std::string& address) {
  if (address.empty() || address.find('@') == std::string::npos) return false;
  for (unsigned char ch : address)
    if (ch <= 0x20 || ch == 0x7f || ch == '<' || ch == '>' || ch == ',') return false;
  return true;
}

// "Name <addr>" → "addr"; a bare address is returned as is.
std::string address_part(const std::string& from) {
  auto open = from.rfind('<');
  auto close = from.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open)
    return from.substr(open + 1, close - open - 1);
  return from;
}

// RFC 5322 date-time in UTC; the names are spelled out so the locale cannot change them.
std::string rfc5322_date(std::time_t now) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm t{};
  gmtime_r(&now, &t);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[t.tm_wday], t.tm_mday,
                     kMonths[t.tm_mon], t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
}

// RFC 2047 encoded-word, so a header can carry UTF-8 without SMTPUTF8.
std::string encoded_word(const std::string& utf8) {
  std::string b64(sodium_base64_ENCODED_LEN(utf8.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(utf8.data()),
                    utf8.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(std::strlen(b64.c_str()));
  return "=?UTF-8?B?" + b64 + "?=";
}

struct MailText {
  std::string subject_en;
  std::string subject_zh;
  std::string body;  // LF line ends; converted to CRLF when composed
};

MailText mail_text(const OutboundCode& m) {
  if (m.purpose == "reset_password")
    return {"hiresafe password reset code", "hiresafe 密码重置验证码",
            fmt::format("Your hiresafe password reset code is:\n\n    {0}\n\n"
                        "Enter it in the app within a few minutes. If you did not ask to reset "
                        "your password, ignore this e-mail.\n\n"
                        "您的 hiresafe 密码重置验证码是：\n\n    {0}\n\n"
                        "请在几分钟内在应用中输入。如果您没有申请重置密码，请忽略本邮件。\n",
                        m.code)};
  if (m.purpose == "work_email_confirmation")
    return {"Confirm your work e-mail on hiresafe", "在 hiresafe 确认您的工作邮箱",
            fmt::format("To confirm this work e-mail address, paste this token into the "
                        "hiresafe app:\n\n    {0}\n\n"
                        "If you did not ask for this, ignore this e-mail.\n\n"
                        "如需确认此工作邮箱，请将以下令牌粘贴到 hiresafe 应用中：\n\n    {0}\n\n"
                        "如果这不是您本人的操作，请忽略本邮件。\n",
                        m.code)};
  if (m.purpose == "colleague_invitation")
    return {"You are invited to join your company on hiresafe", "您受邀加入 hiresafe 上的公司",
            fmt::format("A colleague invited you to join your company on hiresafe. To accept, "
                        "paste this invitation token into the hiresafe app:\n\n    {0}\n\n"
                        "If you do not expect this invitation, ignore this e-mail.\n\n"
                        "一位同事邀请您加入 hiresafe 上的公司。如需接受，请将以下邀请令牌粘贴到 "
                        "hiresafe 应用中：\n\n    {0}\n\n"
                        "如果您不认识对方，请忽略本邮件。\n",
                        m.code)};
  return {"Your hiresafe code", "您的 hiresafe 验证码",
          fmt::format("Your hiresafe code is:\n\n    {0}\n\n"
                      "您的 hiresafe 验证码是：\n\n    {0}\n",
                      m.code)};
}

std::string crlf(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char ch : text) {
    if (ch == '\n') out.push_back('\r');
    out.push_back(ch);
  }
  return out;
}

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t n, void* userdata) {
  auto* up = static_cast<Upload*>(userdata);
  std::size_t len = std::min(size * n, up->data->size() - up->offset);
  std::memcpy(buffer, up->data->data() + up->offset, len);
  up->offset += len;
  return len;
}

}  // namespace

SmtpDelivery::SmtpDelivery(std::string smtp_url, std::string from, int attempts, int backoff_ms,
                           core::Logger logger)
    : smtp_url_(std::move(smtp_url)),
      from_(std::move(from)),
      from_address_(address_part(from_)),
      queue_(
          "mail", attempts, backoff_ms, std::move(logger),
          [this](const OutboundCode& m, std::string& failure) { return send_once(m, failure); }) {}

void SmtpDelivery::deliver(const OutboundCode& message) {
  OutboundCode stamped = message;
  if (stamped.written_at == 0) stamped.written_at = std::time(nullptr);
  queue_.push(stamped);
}

std::string SmtpDelivery::compose(const OutboundCode& m) const {
  auto text = mail_text(m);
  auto at = from_address_.rfind('@');
  std::string domain = at == std::string::npos ? "localhost" : from_address_.substr(at + 1);
  std::string out;
  out += "Date: " + rfc5322_date(m.written_at) + "\r\n";
  out += "From: " + from_ + "\r\n";
  out += "To: " + m.address + "\r\n";
  out += "Subject: " + text.subject_en + " / " + encoded_word(text.subject_zh) + "\r\n";
  out += "Message-ID: <" + m.message_id + "@" + domain + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n";
  out += "\r\n";
  out += crlf(text.body);
  return out;
}

bool SmtpDelivery::send_once(const OutboundCode& m, std::string& failure) const {
  // Checked here rather than trusted: the envelope and headers are built by concatenation.
  if (!plain_address(m.address) || !plain_address(from_address_)) {
    failure = "reason=unusable_address";
    return false;
  }
  std::string payload = compose(m);
  CURL* curl = curl_easy_init();
  if (!curl) {
    failure = "reason=curl_init";
    return false;
  }
  std::string envelope_from = "<" + from_address_ + ">";
  std::string envelope_to = "<" + m.address + ">";
  curl_slist* recipients = curl_slist_append(nullptr, envelope_to.c_str());
  Upload upload{&payload};
  curl_easy_setopt(curl, CURLOPT_URL, smtp_url_.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, envelope_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // safe from worker threads
  CURLcode code = curl_easy_perform(curl);
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  // Only the numeric codes: the server's reply text may quote the recipient's address.
  failure = fmt::format("curl={} smtp={}", static_cast<int>(code), reply);
  return code == CURLE_OK;
}

}  // namespace hiresafe::identity
