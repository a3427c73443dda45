// The daemon's routes and proto/openapi.yaml describe the same API: every route is
// documented with its method, and every documented operation is served.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstdlib>
#include <set>

#include "api/api_routes.hpp"
#include "flags/flag_switch.hpp"
#include "slo/measurer.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::api {
namespace {

using Operations = std::set<std::pair<std::string, std::string>>;

Operations documented_operations() {
  const char* source = std::getenv("CHECKPOINTD_SOURCE_DIR");
  const auto document = YAML::LoadFile(std::string{source != nullptr ? source : "."} + "/proto/openapi.yaml");
  Operations operations;
  for (const auto& path : document["paths"]) {
    for (const auto& entry : path.second) {
      const auto key = entry.first.as<std::string>();
      if (key == "parameters") continue;
      std::string method = key;
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      operations.emplace(method, path.first.as<std::string>());
    }
  }
  return operations;
}

TEST(RouteSpec, RoutesAndOpenApiDocumentAgree) {
  test::TempDir dir;
  config::Config config;
  auto store = CheckpointStore::open(dir.path(), [] { return std::chrono::system_clock::now(); });
  ASSERT_TRUE(store) << store.error().message;
  std::map<std::string, std::unique_ptr<engine::Engine>, std::less<>> engines;
  obs::Metrics metrics;
  boost::asio::io_context io;
  boost::asio::thread_pool pool(1);
  service::ServiceContext context{config, **store, engines, metrics, io.get_executor(), pool,
                                  [] { return std::chrono::system_clock::now(); }};
  slo::Measurer measurer(io.get_executor(), pool, config);
  flags::FlagSwitch flag_switch(io.get_executor(), pool, config, nullptr);
  service::Services services(context, measurer, flag_switch);
  std::atomic<bool> ready{true};
  Router router;
  add_api_routes(router, services, metrics, ready);

  Operations served;
  for (const auto& route : router.routes()) served.emplace(route.method, route.pattern);
  EXPECT_EQ(served, documented_operations());
  pool.join();
}

}  // namespace
}  // namespace ckpt::api
