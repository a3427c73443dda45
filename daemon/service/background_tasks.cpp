#include "service/background_tasks.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>

#include "obs/logging.hpp"

namespace ckpt::service {

void BackgroundTasks::spawn(boost::asio::awaitable<void> task) {
  ++running_;
  // Each task on a strand of its own: the IO context runs on several threads, and a task's
  // operations raced against deadlines (net::within) must complete and cancel one another
  // on one strand.
  boost::asio::co_spawn(boost::asio::make_strand(io_), std::move(task), [this](const std::exception_ptr& failure) {
    --running_;
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      obs::logger("service")->error("background task ended with an exception: {}", e.what());
    }
  });
}

}  // namespace ckpt::service
