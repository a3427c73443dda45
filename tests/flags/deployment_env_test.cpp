// A flag as an env var of one container of a Deployment: set, added, read, and the
// containers and env vars it must not touch.
#include "flags/deployment_env.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace ckpt::flags {
namespace {

boost::json::object deployment() {
  return boost::json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
    "spec":{"template":{"spec":{"containers":[
      {"name":"web","image":"nginx","env":[{"name":"LOG_LEVEL","value":"info"},{"name":"FEATURE_X","value":"false"},
                                           {"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"pw"}}}]},
      {"name":"sidecar","image":"envoy","env":[{"name":"FEATURE_X","value":"false"}]}]}}}})")
      .as_object();
}

const boost::json::value& env_of(const boost::json::object& object, std::size_t container) {
  return object.at("spec").at("template").at("spec").at("containers").at(container).at("env");
}

TEST(DeploymentEnvTest, SettingAVariableChangesThatContainerOnly) {
  auto object = deployment();
  auto changed = set_container_env(object, "web", "FEATURE_X", "true");
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_TRUE(*changed);
  EXPECT_EQ(env_of(object, 0).at(1), boost::json::parse(R"({"name":"FEATURE_X","value":"true"})"));
  EXPECT_EQ(env_of(object, 0).at(0), env_of(deployment(), 0).at(0));
  EXPECT_EQ(env_of(object, 0).at(2), env_of(deployment(), 0).at(2));
  EXPECT_EQ(env_of(object, 1), env_of(deployment(), 1));
  EXPECT_EQ(*container_env_value(object, "web", "FEATURE_X"), "true");
}

TEST(DeploymentEnvTest, AMissingVariableIsAddedLast) {
  auto object = deployment();
  ASSERT_TRUE(*set_container_env(object, "sidecar", "FEATURE_Y", "true"));
  EXPECT_EQ(env_of(object, 1).as_array().back(), boost::json::parse(R"({"name":"FEATURE_Y","value":"true"})"));

  auto bare = boost::json::parse(R"({"spec":{"template":{"spec":{"containers":[{"name":"web"}]}}}})").as_object();
  ASSERT_TRUE(*set_container_env(bare, "web", "FEATURE_X", "on"));
  EXPECT_EQ(env_of(bare, 0), boost::json::parse(R"([{"name":"FEATURE_X","value":"on"}])"));
}

TEST(DeploymentEnvTest, AVariableAlreadySetChangesNothing) {
  auto object = deployment();
  auto changed = set_container_env(object, "web", "FEATURE_X", "false");
  ASSERT_TRUE(changed);
  EXPECT_FALSE(*changed);
  EXPECT_EQ(object, deployment());
}

TEST(DeploymentEnvTest, AMissingContainerIsNamedWithTheContainersThereAre) {
  auto object = deployment();
  auto changed = set_container_env(object, "app", "FEATURE_X", "true");
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().code, ErrorCode::not_found);
  EXPECT_EQ(changed.error().message, R"(Deployment has no container "app" (containers: web, sidecar))");
  EXPECT_EQ(object, deployment());
}

TEST(DeploymentEnvTest, AVariableSetThroughValueFromIsLeftAlone) {
  auto object = deployment();
  auto changed = set_container_env(object, "web", "DB_PASSWORD", "x");
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().message,
            "env var DB_PASSWORD of container \"web\" is set through valueFrom; change it where it points (a "
            "ConfigMap or Secret) or configure that as the flag's backend");
  EXPECT_EQ(object, deployment());
  EXPECT_FALSE(container_env_value(object, "web", "DB_PASSWORD"));
}

TEST(DeploymentEnvTest, ReadingTakesTheLastEntryAndAnUnsetVariableIsNotFound) {
  auto object = deployment();
  auto& env = object["spec"]
                  .as_object()["template"]
                  .as_object()["spec"]
                  .as_object()["containers"]
                  .as_array()[0]
                  .as_object()["env"]
                  .as_array();
  env.push_back(boost::json::parse(R"({"name":"FEATURE_X","value":"true"})"));
  EXPECT_EQ(*container_env_value(object, "web", "FEATURE_X"), "true");
  auto unset = container_env_value(object, "web", "FEATURE_Z");
  ASSERT_FALSE(unset);
  EXPECT_EQ(unset.error().code, ErrorCode::not_found);
  EXPECT_EQ(unset.error().message, R"(env var FEATURE_Z of container "web" is not set)");
}

TEST(DeploymentEnvTest, AnObjectWithoutContainersIsRefused) {
  auto object = boost::json::parse(R"({"spec":{}})").as_object();
  EXPECT_EQ(set_container_env(object, "web", "X", "1").error().message,
            "Deployment has no spec.template.spec.containers list");
}

}  // namespace
}  // namespace ckpt::flags
