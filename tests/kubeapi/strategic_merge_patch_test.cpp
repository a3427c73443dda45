// Strategic merge patches as the API server applies them to built-in types: maps merge,
// lists merge by the schema's merge key or are replaced, and the $patch,
// $setElementOrder, $deleteFromPrimitiveList and $retainKeys directives.
#include "kubeapi/server/strategic_merge_patch.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "kubeapi/server/api_errors.hpp"

namespace ckpt::kubeapi {
namespace {

boost::json::object parsed(std::string_view text) {
  return boost::json::parse(text).as_object();
}

// containers merge by name, their env by name, finalizers as a set; args are atomic.
const boost::json::object& schema() {
  static const boost::json::object schema = parsed(R"({
    "type": "object",
    "properties": {
      "finalizers": {"type": "array", "x-kubernetes-patch-strategy": "merge", "items": {"type": "string"}},
      "containers": {
        "type": "array", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name",
        "items": {"type": "object", "properties": {
          "args": {"type": "array", "items": {"type": "string"}},
          "env": {"type": "array", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name",
                  "items": {"type": "object"}}}}}}})");
  return schema;
}

boost::json::object patched(std::string_view original, std::string_view patch) {
  auto result = apply_strategic_merge_patch(parsed(original), parsed(patch), schema());
  EXPECT_TRUE(result) << result.error().message;
  return result ? *result : boost::json::object{};
}

TEST(StrategicMergePatchTest, MapsMergeKeyByKeyAndNullRemovesAKey) {
  EXPECT_EQ(patched(R"({"data":{"a":"1","b":"2"},"keep":true})", R"({"data":{"b":null,"c":"3"}})"),
            parsed(R"({"data":{"a":"1","c":"3"},"keep":true})"));
}

TEST(StrategicMergePatchTest, ListsWithAMergeKeyMergeItemByItem) {
  const auto result =
      patched(R"({"containers":[{"name":"web","image":"nginx","env":[{"name":"A","value":"1"}]},{"name":"sidecar"}]})",
              R"({"containers":[{"name":"web","env":[{"name":"B","value":"2"},{"name":"A","value":"0"}]}]})");
  EXPECT_EQ(result, parsed(R"({"containers":[{"name":"web","image":"nginx",)"
                           R"("env":[{"name":"A","value":"0"},{"name":"B","value":"2"}]},{"name":"sidecar"}]})"));
}

TEST(StrategicMergePatchTest, ADeleteDirectiveRemovesTheMatchingItem) {
  EXPECT_EQ(patched(R"({"containers":[{"name":"web"},{"name":"sidecar"}]})",
                    R"({"containers":[{"$patch":"delete","name":"sidecar"}]})"),
            parsed(R"({"containers":[{"name":"web"}]})"));
}

TEST(StrategicMergePatchTest, AReplaceDirectiveReplacesInsteadOfMerging) {
  EXPECT_EQ(patched(R"({"data":{"a":"1"}})", R"({"data":{"$patch":"replace","b":"2"}})"),
            parsed(R"({"data":{"b":"2"}})"));
  EXPECT_EQ(patched(R"({"containers":[{"name":"web"},{"name":"sidecar"}]})",
                    R"({"containers":[{"$patch":"replace"},{"name":"other"}]})"),
            parsed(R"({"containers":[{"name":"other"}]})"));
}

TEST(StrategicMergePatchTest, ListsWithoutAStrategyAreReplaced) {
  EXPECT_EQ(
      patched(R"({"containers":[{"name":"web","args":["a","b"]}]})", R"({"containers":[{"name":"web","args":["c"]}]})"),
      parsed(R"({"containers":[{"name":"web","args":["c"]}]})"));
}

TEST(StrategicMergePatchTest, SetElementOrderOrdersTheMergedList) {
  EXPECT_EQ(patched(R"({"containers":[{"name":"a"},{"name":"b"}]})",
                    R"({"$setElementOrder/containers":[{"name":"c"},{"name":"b"},{"name":"a"}],)"
                    R"("containers":[{"name":"c"}]})"),
            parsed(R"({"containers":[{"name":"c"},{"name":"b"},{"name":"a"}]})"));
}

TEST(StrategicMergePatchTest, ListsOfScalarsWithTheMergeStrategyAreSets) {
  EXPECT_EQ(patched(R"({"finalizers":["a","b"]})", R"({"finalizers":["b","c"]})"),
            parsed(R"({"finalizers":["a","b","c"]})"));
  EXPECT_EQ(patched(R"({"finalizers":["a","b"]})", R"({"$deleteFromPrimitiveList/finalizers":["a"]})"),
            parsed(R"({"finalizers":["b"]})"));
}

TEST(StrategicMergePatchTest, RetainKeysDropsTheKeysItDoesNotName) {
  EXPECT_EQ(patched(R"({"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}})",
                    R"({"$retainKeys":["type"],"type":"Recreate"})"),
            parsed(R"({"type":"Recreate"})"));
}

TEST(StrategicMergePatchTest, AnItemWithoutItsMergeKeyIsABadRequest) {
  auto result = apply_strategic_merge_patch(parsed(R"({"containers":[]})"),
                                            parsed(R"({"containers":[{"image":"nginx"}]})"), schema());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().reason, reason::kBadRequest);
  EXPECT_EQ(result.error().message, R"(map: {"image":"nginx"} does not contain declared merge key: name)");
}

TEST(StrategicMergePatchTest, AnUnknownPatchDirectiveIsABadRequest) {
  auto result = apply_strategic_merge_patch(parsed("{}"), parsed(R"({"data":{"$patch":"shuffle"}})"), schema());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, R"(unknown patch directive "$patch": "shuffle")");
}

}  // namespace
}  // namespace ckpt::kubeapi
