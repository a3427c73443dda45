// ManifestValidator with a stand-in for KubeClient::get_crd: the CRD is read once and
// kept, read again after a failure, a manifest with violations is refused naming every
// field, and a CRD that cannot be read (403 Forbidden, 404) lets the manifest through
// with one warning per validator.
#include "engine/cnpg/manifest_validator.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <sstream>

namespace ckpt::engine::cnpg {
namespace {

using boost::json::object;

// A CRD serving v1 whose spec knows only `method` (a string) and `target`.
object backups_crd() {
  const object spec{{"type", "object"},
                    {"properties", {{"method", {{"type", "string"}}}, {"target", {{"type", "string"}}}}}};
  const object schema{{"type", "object"},
                      {"properties",
                       {{"apiVersion", {{"type", "string"}}},
                        {"kind", {{"type", "string"}}},
                        {"metadata", {{"type", "object"}}},
                        {"spec", spec}}}};
  return {{"metadata", {{"name", kBackupsCrd}}},
          {"spec",
           {{"versions",
             boost::json::array{{{"name", "v1"}, {"served", true}, {"schema", {{"openAPIV3Schema", schema}}}}}}}}};
}

object backup(object spec) {
  return {{"apiVersion", "postgresql.cnpg.io/v1"},
          {"kind", "Backup"},
          {"metadata", {{"name", "orders-db-ckpt-a1"}}},
          {"spec", std::move(spec)}};
}

Error forbidden() {
  return make_error(ErrorCode::unauthorized,
                    "get customresourcedefinitions.apiextensions.k8s.io/backups.postgresql.cnpg.io: Forbidden",
                    "Forbidden");
}

class ManifestValidatorTest : public ::testing::Test {
 protected:
  ManifestValidatorTest() {
    logger->sinks().push_back(std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
    logger->set_pattern("%l %v");
    logger->set_level(spdlog::level::debug);
  }

  // The reader answers with the front of `answers` (the last one stays).
  ManifestValidator make_validator() {
    return ManifestValidator{[this](std::string name) -> boost::asio::awaitable<Result<object>> {
                               ++reads;
                               read_names.push_back(std::move(name));
                               auto answer = answers.front();
                               if (answers.size() > 1) answers.erase(answers.begin());
                               co_return answer;
                             },
                             logger, "orders"};
  }

  Result<void> check(ManifestValidator& validator, const object& manifest) {
    std::optional<Result<void>> result;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
          const std::string crd = kBackupsCrd;
          const std::string label = "Backup develop/orders-db-ckpt-a1";
          result = co_await validator.check(crd, label, manifest);
        },
        [](const std::exception_ptr& failure) {
          if (failure) std::rethrow_exception(failure);
        });
    io.restart();
    io.run();
    return *result;
  }

  int warnings() const {
    int count = 0;
    std::istringstream lines{log.str()};
    for (std::string line; std::getline(lines, line);) count += line.rfind("warning ", 0) == 0 ? 1 : 0;
    return count;
  }

  boost::asio::io_context io;
  std::ostringstream log;
  std::shared_ptr<spdlog::logger> logger = std::make_shared<spdlog::logger>("manifest-validator-test");
  std::vector<Result<object>> answers;
  std::vector<std::string> read_names;
  int reads = 0;
};

TEST_F(ManifestValidatorTest, ReadsTheCrdOnceAndRefusesEveryViolatingField) {
  answers = {backups_crd()};
  auto validator = make_validator();
  EXPECT_TRUE(check(validator, backup({{"method", "plugin"}, {"target", "primary"}})));
  auto refused = check(validator, backup({{"method", 7}, {"target", "primary"}, {"cluster", {{"name", "x"}}}}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::engine_error);
  EXPECT_EQ(refused.error().message,
            "Backup develop/orders-db-ckpt-a1 does not match the schema of CustomResourceDefinition "
            "backups.postgresql.cnpg.io (version v1) served by the API server, so it was not sent: spec.method: "
            "Value type not permitted by 'type' constraint; spec.cluster: unknown field: the CRD schema does not "
            "define it. checkpointd renders "
            "manifests for CloudNativePG 1.30; compare the installed CRD (kubectl get crd "
            "backups.postgresql.cnpg.io -o yaml) with docs/cnpg.md");
  EXPECT_EQ(reads, 1) << "the CRD is kept once read";
  EXPECT_EQ(read_names, std::vector<std::string>{kBackupsCrd});
  EXPECT_EQ(warnings(), 0) << log.str();
}

TEST_F(ManifestValidatorTest, AForbiddenCrdFallsBackToTheApiServerWithOneWarning) {
  answers = {forbidden()};
  auto validator = make_validator();
  EXPECT_TRUE(check(validator, backup({{"unknown", true}})));
  EXPECT_TRUE(check(validator, backup({{"unknown", true}})));
  EXPECT_EQ(reads, 2) << "a failed read is tried again";
  EXPECT_EQ(warnings(), 1) << log.str();
  EXPECT_NE(log.str().find("warning cluster=orders cannot read CustomResourceDefinition backups.postgresql.cnpg.io: "
                           "get customresourcedefinitions.apiextensions.k8s.io/backups.postgresql.cnpg.io: "
                           "Forbidden. Manifests are not checked against the CRD schema before they are sent: "
                           "validation falls back to the API server's strict field validation"),
            std::string::npos)
      << log.str();
  EXPECT_NE(log.str().find("checkpointd-crd-reader"), std::string::npos) << log.str();
}

TEST_F(ManifestValidatorTest, AMissingCrdIsReadAgainAndThenChecks) {
  answers = {make_error(ErrorCode::not_found, "customresourcedefinitions backups.postgresql.cnpg.io not found"),
             backups_crd()};
  auto validator = make_validator();
  EXPECT_TRUE(check(validator, backup({{"mehtod", "plugin"}})));
  auto refused = check(validator, backup({{"mehtod", "plugin"}}));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("spec.mehtod: unknown field"), std::string::npos) << refused.error().message;
  EXPECT_EQ(reads, 2);
  EXPECT_TRUE(check(validator, backup({{"method", "plugin"}})));
  EXPECT_EQ(reads, 2);
  EXPECT_EQ(warnings(), 1) << log.str();
}

TEST_F(ManifestValidatorTest, ACrdThatDoesNotServeTheVersionFallsBack) {
  auto crd = backups_crd();
  crd["spec"].as_object()["versions"].as_array()[0].as_object()["name"] = "v2";
  answers = {crd};
  auto validator = make_validator();
  EXPECT_TRUE(check(validator, backup({{"unknown", true}})));
  EXPECT_EQ(warnings(), 1) << log.str();
  EXPECT_NE(log.str().find("does not serve version v1 with an openAPIV3Schema"), std::string::npos) << log.str();
}

}  // namespace
}  // namespace ckpt::engine::cnpg
