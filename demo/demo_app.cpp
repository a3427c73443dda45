#include "demo_app.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <iostream>

#include "demo_options.hpp"
#include "demo_service.hpp"
#include "http_listener.hpp"

namespace ckpt::demo {
namespace {

namespace asio = boost::asio;

constexpr std::chrono::milliseconds kTick{100};

asio::awaitable<void> tick_forever(DemoService& service) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    service.tick(DemoService::Clock::now());
    timer.expires_after(kTick);
    auto [error] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (error) co_return;
  }
}

std::string authority(const std::string& address, std::uint16_t port) {
  const bool ipv6 = address.find(':') != std::string::npos;
  return (ipv6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

}  // namespace

int run_demo_service(int argc, const char* const* argv) {
  auto options = parse_demo_options(argc, argv);
  if (!options) {
    std::cerr << "checkpointd-demo-service: " << options.error().message << "\n\n" << demo_usage();
    return 2;
  }
  if (options->help) {
    std::cout << demo_usage();
    return 0;
  }
  asio::io_context io;
  DemoService service(options->rps, options->error_ratio, options->gate);
  HttpListener listener(io.get_executor(),
                        [&service](const net::HttpRequest& request) { return service.handle(request); });
  auto port = listener.listen(options->address, options->port);
  if (!port) {
    std::cerr << "checkpointd-demo-service: " << port.error().message << "\n";
    return 1;
  }
  listener.start();
  asio::co_spawn(io, tick_forever(service), asio::detached);
  asio::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](const boost::system::error_code&, int) {
    listener.stop();
    io.stop();
  });
  std::cout << "listening on " << authority(options->address, *port) << std::endl;
  io.run();
  return 0;
}

}  // namespace ckpt::demo
