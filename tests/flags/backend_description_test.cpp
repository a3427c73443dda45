// How each kind of flag backend is named in timelines and messages.
#include "flags/backend_description.hpp"

#include <gtest/gtest.h>

namespace ckpt::flags {
namespace {

config::FlagBackend backend(decltype(config::FlagBackend::backend) settings) {
  return {"scope", std::move(settings)};
}

config::FlagBackend webhook(std::string url) {
  config::WebhookBackend hook;
  hook.url = std::move(url);
  return backend(hook);
}

TEST(BackendDescriptionTest, NamesTheKindAndTheObject) {
  EXPECT_EQ(describe_backend(backend(config::FlagdFileBackend{.file = "/etc/flagd/develop.json"})),
            "flagd file /etc/flagd/develop.json");
  EXPECT_EQ(describe_backend(backend(config::ConfigMapBackend{.namespace_name = "prod", .name = "app-flags"})),
            "ConfigMap prod/app-flags");
  EXPECT_EQ(describe_backend(backend(
                config::DeploymentEnvBackend{.namespace_name = "prod", .deployment = "web", .container = "app"})),
            "Deployment prod/web container app");
  EXPECT_EQ(describe_backend(webhook("https://flags.example/hook?token=t")), "webhook https://flags.example:443/hook");
  EXPECT_EQ(describe_backend(webhook("ftp://x")), "webhook (unusable URL)");
}

}  // namespace
}  // namespace ckpt::flags
