#include "http/server.hpp"

#include <http_parser.h>
#include <restinio/all.hpp>
// pcre2.h declares its functions for one code unit width, chosen by this macro.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <restinio/router/pcre2_regex_engine.hpp>

#include <asio/post.hpp>
#include <asio/thread_pool.hpp>
#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>

#include "core/ids.hpp"
#include "http/routes.hpp"

namespace hiresafe::http {

namespace {

constexpr std::size_t kConcurrentAccepts = 64;

// The express router with PCRE2 as its regex engine instead of the default std::regex: a route
// is matched by trying the table's patterns in order, and std::regex's backtracking matcher cost
// about 70,000 instructions a request on a resume view (9 % of it) before any handler ran.
using Router = restinio::router::express_router_t<restinio::router::pcre2_regex_engine_t<>>;
// The default (std::function) handler type, so the router can be wrapped in a guard below.
using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
using Clock = std::chrono::steady_clock;

restinio::http_method_id_t method_id(std::string_view m) {
  if (m == "GET") return restinio::http_method_get();
  if (m == "POST") return restinio::http_method_post();
  if (m == "PUT") return restinio::http_method_put();
  if (m == "PATCH") return restinio::http_method_patch();
  if (m == "DELETE") return restinio::http_method_delete();
  throw std::logic_error("route table uses an unknown method");
}

// Request ids: a random per-server prefix and a counter: unique without a syscall per request.
class RequestIds {
 public:
  std::string next() {
    return fmt::format("{}{:08x}", prefix_, counter_.fetch_add(1, std::memory_order_relaxed));
  }

 private:
  const std::string prefix_ = core::random_hex(4);
  std::atomic<unsigned long long> counter_{0};
};

// A client-supplied id is kept when it is short and plain, so traces join across proxies.
std::string request_id_of(const restinio::request_handle_t& req, RequestIds& ids) {
  auto given = req->header().opt_value_of("X-Request-Id");
  if (given && !given->empty() && given->size() <= 64 &&
      std::all_of(given->begin(), given->end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
      })) {
    return std::string(*given);
  }
  return ids.next();
}

std::string bearer_token(const restinio::request_handle_t& req) {
  auto value = req->header().opt_value_of(restinio::http_field::authorization);
  if (!value) return {};
  constexpr std::string_view kBearer = "Bearer ";
  if (value->size() <= kBearer.size() || value->substr(0, kBearer.size()) != kBearer) return {};
  return std::string(value->substr(kBearer.size()));
}

bool has_json_content_type(const restinio::request_handle_t& req) {
  auto value = req->header().opt_value_of(restinio::http_field::content_type);
  if (!value) return false;
  auto v = std::string(*value);
  std::transform(v.begin(), v.end(), v.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // "application/json" with or without parameters; not "application/json-seq" and the like.
  return v == "application/json" || v.rfind("application/json;", 0) == 0 ||
         v.rfind("application/json ", 0) == 0;
}

// The ":name" parts of an express pattern, in order.
std::vector<std::string> param_names(std::string_view pattern) {
  std::vector<std::string> names;
  for (std::size_t at = pattern.find(':'); at != std::string_view::npos;
       at = pattern.find(':', at)) {
    auto end = pattern.find('/', at);
    names.emplace_back(pattern.substr(at + 1, end == std::string_view::npos ? end : end - at - 1));
    at = end;
  }
  return names;
}

}  // namespace

struct Server::Impl {
  App& app;
  RequestIds ids;
  asio::thread_pool workers;
  asio::thread_pool writers;
  restinio::running_server_handle_t<Traits> running;

  explicit Impl(App& a)
      : app(a),
        workers(static_cast<std::size_t>(a.config.worker_threads)),
        writers(static_cast<std::size_t>(a.config.write_threads)) {}

  void write(const restinio::request_handle_t& req, const HttpRequest& hreq, HttpResponse resp,
             Clock::time_point started) {
    const auto status = static_cast<std::uint16_t>(resp.status);
    auto out = req->create_response(
        restinio::http_status_line_t{restinio::http_status_code_t{status},
                                     http_status_str(static_cast<enum http_status>(status))});
    out.append_header("X-Request-Id", hreq.request_id);
    out.append_header(restinio::http_field::cache_control, "no-store");
    if (!resp.content_type.empty())
      out.append_header(restinio::http_field::content_type, resp.content_type);
    for (auto& [name, value] : resp.headers) out.append_header(name, value);
    out.set_body(std::move(resp.body));
    out.done();

    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    app.metrics.observe_request(hreq.route, hreq.method, resp.status, seconds);
    // The access log names the route pattern, never the raw path or query, and ids only (SEC-7).
    app.logger->info("rid={} {} {} status={} ms={:.2f} user={}", hreq.request_id, hreq.method,
                     hreq.route, resp.status, seconds * 1000,
                     hreq.auth ? hreq.auth->user_id : std::string("-"));
  }

  HttpResponse run(const Route& route, HttpRequest& hreq, const std::string& token) {
    try {
      if (route.access == Access::kSession ||
          (route.access == Access::kOptionalSession && !token.empty())) {
        if (token.empty()) return problem_response(core::Error::unauthorized());
        auto auth = app.identity.authenticate(token);
        if (!auth) return problem_response(auth.error());
        hreq.auth = std::move(auth).value();
      } else if (route.access == Access::kStaff) {
        if (token.empty()) return problem_response(core::Error::unauthorized());
        auto auth = app.staff.authenticate(token);
        if (!auth) return problem_response(auth.error());
        hreq.staff = std::move(auth).value();
      }
      HttpResponse resp = route.handler(app, hreq);
      if (resp.status >= 500) {
        app.logger->error("rid={} {} {} failed with status {}: {}", hreq.request_id, hreq.method,
                          hreq.route, resp.status, resp.log_detail);
      }
      return resp;
    } catch (const std::exception& e) {
      app.logger->error("rid={} {} {} threw: {}", hreq.request_id, hreq.method, hreq.route,
                        e.what());
      return problem_response(core::Error::internal());
    }
  }

  // Errors that need no handler: size, media type.
  std::optional<core::Error> precheck(const Route& route, const restinio::request_handle_t& req) {
    const auto& body = req->body();
    const long long limit =
        route.body == Body::kUpload ? app.config.upload_max_bytes : app.config.max_body_bytes;
    if (static_cast<long long>(body.size()) > limit) {
      return core::Error{core::ErrorKind::kPayloadTooLarge,
                         "payload-too-large",
                         "The request body is larger than " + std::to_string(limit) + " bytes",
                         {},
                         {},
                         {}};
    }
    if (route.body == Body::kJson && !body.empty() && !has_json_content_type(req)) {
      return core::Error{core::ErrorKind::kUnsupportedMedia,
                         "unsupported-media-type",
                         "Send the body as application/json",
                         {},
                         {},
                         {}};
    }
    return std::nullopt;
  }

  restinio::request_handling_status_t dispatch(const Route& route,
                                               const restinio::request_handle_t& req,
                                               const restinio::router::route_params_t& params) {
    const auto started = Clock::now();
    auto hreq = std::make_shared<HttpRequest>();
    hreq->method = route.method;
    hreq->route = route.pattern;
    hreq->path = std::string(req->header().path());
    for (const auto& name : param_names(route.pattern))
      hreq->params.emplace(name, std::string(params[name]));
    hreq->client_ip = req->remote_endpoint().address().to_string();
    hreq->request_id = request_id_of(req, ids);
    if (auto error = precheck(route, req)) {
      write(req, *hreq, problem_response(*error), started);
      return restinio::request_accepted();
    }
    hreq->body = req->body();
    hreq->content_type =
        std::string(req->header().get_field_or(restinio::http_field::content_type, ""));
    if (auto v = req->header().opt_value_of(restinio::http_field::if_match))
      hreq->if_match = std::string(*v);
    try {
      // RFC 3986 query characters (commas in near=lat,lng, quotes, parentheses) pass unescaped.
      for (const auto& [name, value] :
           restinio::parse_query<restinio::parse_query_traits::relaxed>(req->header().query()))
        hreq->query.emplace(std::string(name), restinio::cast_to<std::string>(value));
    } catch (const std::exception&) {
      write(req, *hreq,
            problem_response(
                core::Error::bad_request("malformed-query", "The query string cannot be parsed")),
            started);
      return restinio::request_accepted();
    }
    auto token = bearer_token(req);
    if (route.exec != Exec::kInline) {
      asio::post(route.exec == Exec::kWorker ? workers : writers,
                 [this, &route, req, hreq, token, started] {
                   write(req, *hreq, run(route, *hreq, token), started);
                 });
    } else {
      write(req, *hreq, run(route, *hreq, token), started);
    }
    return restinio::request_accepted();
  }

  void reject(const restinio::request_handle_t& req, const std::string& route, core::Error error,
              std::optional<std::string> allow) {
    HttpRequest hreq;
    hreq.method = std::string(req->header().method().c_str());
    hreq.route = route;
    hreq.request_id = request_id_of(req, ids);
    auto resp = problem_response(error);
    if (allow) resp.headers.emplace_back("Allow", *allow);
    write(req, hreq, std::move(resp), Clock::now());
  }

  std::unique_ptr<Router> build_router() {
    auto router = std::make_unique<Router>();
    std::vector<std::string> patterns;
    std::map<std::string, std::vector<std::string>> methods_of;
    for (const auto& route : route_table()) {
      if (route.test_only && !app.test_clock) continue;
      router->add_handler(
          method_id(route.method), route.pattern,
          [this, &route](auto req, auto params) { return dispatch(route, req, params); });
      if (!methods_of.count(route.pattern)) patterns.push_back(route.pattern);
      methods_of[route.pattern].push_back(route.method);
    }
    // A known path with another method: 405 with Allow, not 404.
    for (const auto& pattern : patterns) {
      restinio::router::dynamic_none_of_methods_matcher_t others;
      std::string allow;
      for (const auto& m : methods_of[pattern]) {
        others.add(method_id(m));
        allow += (allow.empty() ? "" : ", ") + m;
      }
      router->add_handler(std::move(others), pattern, [this, pattern, allow](auto req, auto) {
        reject(req, pattern,
               {core::ErrorKind::kMethodNotAllowed,
                "method-not-allowed",
                "This method is not allowed here",
                {},
                {},
                {}},
               allow);
        return restinio::request_accepted();
      });
    }
    router->non_matched_request_handler([this](auto req) {
      reject(req, "unmatched", core::Error::not_found("No such resource"), std::nullopt);
      return restinio::request_accepted();
    });
    return router;
  }
};

Server::Server(App& app) : impl_(std::make_unique<Impl>(app)) {}
Server::~Server() {
  stop();
}

core::Result<std::string> Server::start() {
  const auto& listen = impl_->app.config.listen;
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return core::Error::invalid("listen", "must be HOST:PORT");
  std::string host = listen.substr(0, colon);
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    return core::Error::invalid("listen", "port must be a number");
  }
  if (port < 0 || port > 65535) return core::Error::invalid("listen", "port must be 0-65535");

  auto bound = std::make_shared<std::uint16_t>(0);
  const auto& cfg = impl_->app.config;
  const auto hard_limit =
      static_cast<std::uint64_t>(std::max(cfg.max_body_bytes, cfg.upload_max_bytes)) *
      static_cast<std::uint64_t>(cfg.hard_body_factor);
  restinio::server_settings_t<Traits> settings;
  settings.address(host)
      .port(static_cast<std::uint16_t>(port))
      .request_handler(
          [impl = impl_.get(), router = std::shared_ptr<Router>(impl_->build_router())](
              restinio::request_handle_t req) {
            // RESTinio's router throws on a path it cannot decode (e.g. "%zz"); answer 400, not
            // silence.
            try {
              return (*router)(req);
            } catch (const std::exception&) {
              impl->reject(
                  req, "unmatched",
                  core::Error::bad_request("malformed-path", "The request path cannot be decoded"),
                  std::nullopt);
              return restinio::request_accepted();
            }
          })
      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(hard_limit))
      .read_next_http_message_timelimit(std::chrono::seconds(60))
      .handle_request_timeout(std::chrono::seconds(30))
      // One pending accept takes one new connection per pass of the I/O threads' queue; while
      // the clients already connected keep that queue full of 1–3 ms requests, a burst of new
      // connections waited seconds to be accepted (their first requests timed out). With many
      // accepts pending, one pass takes the whole burst.
      .concurrent_accepts_count(kConcurrentAccepts)
      .acceptor_post_bind_hook([bound](asio::ip::tcp::acceptor& acceptor) {
        *bound = acceptor.local_endpoint().port();
      });
  try {
    impl_->running =
        restinio::run_async<Traits>(restinio::own_io_context(), std::move(settings),
                                    static_cast<std::size_t>(impl_->app.config.io_threads));
  } catch (const std::exception& e) {
    return core::Error::unavailable(std::string("cannot listen on ") + listen + ": " + e.what());
  }
  return host + ":" + std::to_string(*bound);
}

void Server::stop() {
  // Handlers already handed to the pools finish first: they write their responses through the
  // server's I/O context, which must still exist then. Requests arriving meanwhile queue on the
  // joined pools, never run, and lose their connection when the server stops.
  impl_->workers.join();
  impl_->writers.join();
  if (impl_->running) {
    impl_->running->stop();
    impl_->running->wait();
    impl_->running.reset();
  }
}

}  // namespace hiresafe::http
