#include "kube_probe.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "kube/kube_client.hpp"
#include "kube/kubeconfig.hpp"
#include "kube/watch.hpp"

namespace ckpt::bench {
namespace {

namespace asio = boost::asio;

kube::KubeConnection load_connection(const std::filesystem::path& kubeconfig) {
  auto loaded = kube::load_kubeconfig(kubeconfig);
  if (!loaded) throw std::runtime_error("benchmark client: " + loaded.error().message);
  return std::move(loaded).value();
}

using CreatePromise = std::promise<Result<boost::json::object>>;

asio::awaitable<void> create_into(kube::KubeClient& client, kube::ResourceRef collection, boost::json::object manifest,
                                  CreatePromise& answered) {
  auto created = co_await client.create(collection, manifest);
  answered.set_value(std::move(created));
}

}  // namespace

struct KubeProbe::Impl {
  explicit Impl(kube::KubeConnection connection)
      : client(io.get_executor(), std::move(connection)), thread([this] { io.run(); }) {}

  void record(const kube::WatchEvent& event) {
    if (event.type == kube::WatchEventType::bookmark) return;
    const auto now = std::chrono::system_clock::now();
    {
      std::lock_guard lock{mutex};
      arrivals.emplace(kube::metadata_field(event.object, "resourceVersion"), now);
    }
    changed.notify_all();
  }

  void finished(const Result<void>& stopped) {
    ended(stopped ? std::string{"the watch ended"} : "the watch ended: " + stopped.error().message);
  }

  void ended(std::string why) {
    {
      std::lock_guard lock{mutex};
      watch_error = std::move(why);
    }
    changed.notify_all();
  }

  asio::awaitable<void> follow() {
    const std::function<void(const kube::WatchEvent&)> on_event = [this](const kube::WatchEvent& event) {
      record(event);
    };
    const auto stopped = co_await watcher->run(on_event);
    finished(stopped);
  }

  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
  kube::KubeClient client;
  std::optional<kube::Watcher> watcher;
  asio::cancellation_signal stop_watch;
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, TimePoint> arrivals;  // by resourceVersion
  std::optional<std::string> watch_error;
  std::thread thread;  // declared last: runs only once everything above exists
};

KubeProbe::KubeProbe(const std::filesystem::path& kubeconfig)
    : impl_(std::make_unique<Impl>(load_connection(kubeconfig))) {}

KubeProbe::~KubeProbe() {
  asio::post(impl_->io, [impl = impl_.get()] { impl->stop_watch.emit(asio::cancellation_type::terminal); });
  impl_->work.reset();
  impl_->thread.join();
}

Result<boost::json::object> KubeProbe::create(const kube::ResourceRef& collection,
                                              const boost::json::object& manifest) {
  CreatePromise answered;
  auto answer = answered.get_future();
  asio::co_spawn(impl_->io, create_into(impl_->client, collection, manifest, answered),
                 [&answered](const std::exception_ptr& thrown) {
                   if (thrown) answered.set_exception(thrown);
                 });
  return answer.get();
}

void KubeProbe::watch(const kube::ResourceRef& object) {
  kube::WatchOptions options;
  options.ref = object;
  impl_->watcher.emplace(impl_->client, options);
  auto* impl = impl_.get();
  asio::co_spawn(impl->io, impl->follow(),
                 asio::bind_cancellation_slot(impl->stop_watch.slot(), [impl](const std::exception_ptr& thrown) {
                   if (!thrown) return;
                   try {
                     std::rethrow_exception(thrown);
                   } catch (const std::exception& failure) {
                     impl->ended(std::string{"the watch ended: "} + failure.what());
                   }
                 }));
}

std::optional<KubeProbe::TimePoint> KubeProbe::arrival(const std::string& resource_version,
                                                       std::chrono::milliseconds timeout) {
  std::unique_lock lock{impl_->mutex};
  const bool decided = impl_->changed.wait_for(
      lock, timeout, [&] { return impl_->arrivals.contains(resource_version) || impl_->watch_error.has_value(); });
  if (!decided) return std::nullopt;
  const auto found = impl_->arrivals.find(resource_version);
  if (found != impl_->arrivals.end()) return found->second;
  throw std::runtime_error("benchmark client: " + *impl_->watch_error);
}

}  // namespace ckpt::bench
