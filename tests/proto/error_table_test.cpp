// The error-code table and proto/openapi.yaml name the same codes, and the table's
// HTTP statuses and exit codes keep the promises scripts depend on.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <set>
#include <string>

#include "proto/error_codes.hpp"

namespace ckpt::proto {
namespace {

YAML::Node openapi() {
  const char* source = std::getenv("CHECKPOINTD_SOURCE_DIR");
  return YAML::LoadFile(std::string{source != nullptr ? source : "."} + "/proto/openapi.yaml");
}

TEST(ErrorTable, MatchesTheOpenApiEnum) {
  std::set<std::string> documented;
  for (const auto& name : openapi()["components"]["schemas"]["ErrorCode"]["enum"]) {
    documented.insert(name.as<std::string>());
  }
  std::set<std::string> table;
  for (const auto& spec : error_table()) table.insert(std::string{spec.name});
  EXPECT_EQ(documented, table);
}

TEST(ErrorTable, NamesAreUniqueAndRoundTrip) {
  std::set<std::string_view> names;
  for (const auto& spec : error_table()) {
    EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
    EXPECT_EQ(error_code_from_name(spec.name), spec.code);
    EXPECT_EQ(&spec_of(spec.code), &spec);
  }
  EXPECT_FALSE(error_code_from_name("no_such_code"));
}

TEST(ErrorTable, ScriptsCanTellRefusedFailedNotFoundAndUnreachableApart) {
  std::set<int> exits{spec_of(ErrorCode::refused).exit_code, spec_of(ErrorCode::failed).exit_code,
                      spec_of(ErrorCode::not_found).exit_code, spec_of(ErrorCode::unreachable).exit_code,
                      kExitOk};
  EXPECT_EQ(exits.size(), 5U);
  EXPECT_EQ(spec_of(ErrorCode::refused).http_status, 422);
  EXPECT_EQ(spec_of(ErrorCode::unauthorized).http_status, 401);
  EXPECT_EQ(spec_of(ErrorCode::bad_request).exit_code, kExitUsage);
}

TEST(ErrorTable, EveryErrorIsAnHttpErrorStatus) {
  for (const auto& spec : error_table()) {
    EXPECT_GE(spec.http_status, 400) << spec.name;
    EXPECT_LT(spec.http_status, 600) << spec.name;
    EXPECT_NE(spec.exit_code, kExitOk) << spec.name;
  }
}

}  // namespace
}  // namespace ckpt::proto
