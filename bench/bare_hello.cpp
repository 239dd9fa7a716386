// The bench's yardstick: a bare RESTinio server with hiresafe's router and thread count, no app.
#include <restinio/all.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

namespace {

using Router = restinio::router::express_router_t<>;
// The same traits hiresafe's server uses, so the ratio measures hiresafe's own work.
using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t, Router>;

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bare_hello PORT [IO_THREADS]   (PORT 0 picks a free port)\n";
    return 2;
  }
  const auto port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  const auto threads = static_cast<std::size_t>(argc > 2 ? std::atoi(argv[2]) : 2);

  auto router = std::make_unique<Router>();
  router->http_get("/", [](auto req, auto) {
    return req->create_response()
        .append_header(restinio::http_field::content_type, "application/json")
        .set_body(R"({"hello":"world"})")
        .done();
  });

  try {
    restinio::run(restinio::on_thread_pool<Traits>(threads)
                      .address("127.0.0.1")
                      .port(port)
                      .request_handler(std::move(router))
                      .acceptor_post_bind_hook([](asio::ip::tcp::acceptor& acceptor) {
                        std::cout << "listening on http://127.0.0.1:"
                                  << acceptor.local_endpoint().port() << std::endl;
                      }));
  } catch (const std::exception& e) {
    std::cerr << "bare_hello: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
