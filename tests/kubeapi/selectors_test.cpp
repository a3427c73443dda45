// The small parsers and evaluators of the test server: label and field selectors, JSON
// merge patch, the printer-column JSONPath subset, ages, content negotiation, URL
// resolution, and what a watch sends for a change.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/json_path.hpp"
#include "kubeapi/server/media_type.hpp"
#include "kubeapi/server/merge_patch.hpp"
#include "kubeapi/server/resource_target.hpp"
#include "kubeapi/server/table.hpp"
#include "kubeapi/server/watch_request.hpp"

namespace ckpt::kubeapi {
namespace {

boost::json::object labelled(const std::string& labels_json) {
  return {
      {"metadata", {{"name", "x"}, {"namespace", "develop"}, {"labels", boost::json::parse(labels_json)}}}};
}

bool selects(const std::string& selector, const std::string& labels_json) {
  auto parsed = LabelSelector::parse(selector);
  EXPECT_TRUE(parsed) << selector << ": " << parsed.error().message;
  return parsed && parsed->matches(labelled(labels_json));
}

TEST(LabelSelectorTest, EqualityAndInequality) {
  EXPECT_TRUE(selects("app=db", R"({"app":"db"})"));
  EXPECT_TRUE(selects("app==db", R"({"app":"db","tier":"x"})"));
  EXPECT_FALSE(selects("app=db", R"({"app":"web"})"));
  EXPECT_FALSE(selects("app=db", R"({})"));
  EXPECT_TRUE(selects("app!=db", R"({"app":"web"})"));
  EXPECT_TRUE(selects("app!=db", R"({})")) << "!= also matches objects without the label";
  EXPECT_FALSE(selects("app!=db", R"({"app":"db"})"));
}

TEST(LabelSelectorTest, SetBasedAndExistence) {
  EXPECT_TRUE(selects("env in (prod, staging)", R"({"env":"staging"})"));
  EXPECT_FALSE(selects("env in (prod,staging)", R"({"env":"dev"})"));
  EXPECT_TRUE(selects("env notin (prod)", R"({})"));
  EXPECT_FALSE(selects("env notin (prod)", R"({"env":"prod"})"));
  EXPECT_TRUE(selects("pitr.example.io/checkpoint-id", R"({"pitr.example.io/checkpoint-id":"c1"})"));
  EXPECT_FALSE(selects("!pitr.example.io/checkpoint-id", R"({"pitr.example.io/checkpoint-id":"c1"})"));
  EXPECT_TRUE(selects("!gone", R"({"other":"1"})"));
  EXPECT_TRUE(selects("replicas>2,replicas<5", R"({"replicas":"3"})"));
  EXPECT_FALSE(selects("replicas>2", R"({"replicas":"two"})"));
  EXPECT_TRUE(selects("app=db,env in (prod),!canary", R"({"app":"db","env":"prod"})"));
  EXPECT_TRUE(selects("", R"({})"));
}

TEST(LabelSelectorTest, MalformedSelectorsAreBadRequests) {
  for (const char* text :
       {"app=db,", "env in prod", "env in ()", "env in (a", "=db", "app ~ db", "replicas>two"}) {
    auto parsed = LabelSelector::parse(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().reason, reason::kBadRequest);
    EXPECT_NE(parsed.error().message.find(text), std::string::npos) << parsed.error().message;
  }
}

TEST(FieldSelectorTest, NameAndNamespace) {
  auto object = labelled("{}");
  EXPECT_TRUE(FieldSelector::parse("metadata.name=x")->matches(object));
  EXPECT_TRUE(FieldSelector::parse("metadata.name==x,metadata.namespace=develop")->matches(object));
  EXPECT_FALSE(FieldSelector::parse("metadata.name!=x")->matches(object));
  EXPECT_TRUE(FieldSelector::parse("metadata.namespace!=payments")->matches(object));
  auto unknown = FieldSelector::parse("status.phase=completed");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message,
            "\"status.phase\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
}

TEST(MergePatchTest, FollowsRfc7386) {
  const auto patched = [](const char* target, const char* patch) {
    return boost::json::serialize(apply_merge_patch(boost::json::parse(target), boost::json::parse(patch)));
  };
  EXPECT_EQ(patched(R"({"a":"b"})", R"({"a":"c"})"), R"({"a":"c"})");
  EXPECT_EQ(patched(R"({"a":"b"})", R"({"b":"c"})"), R"({"a":"b","b":"c"})");
  EXPECT_EQ(patched(R"({"a":"b"})", R"({"a":null})"), R"({})");
  EXPECT_EQ(patched(R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})"), R"({"a":{"b":"d"}})");
  EXPECT_EQ(patched(R"({"a":[{"b":"c"}]})", R"({"a":[1]})"), R"({"a":[1]})");
  EXPECT_EQ(patched(R"(["a","b"])", R"(["c","d"])"), R"(["c","d"])");
  EXPECT_EQ(patched(R"({"a":"foo"})", R"("bar")"), R"("bar")");
  EXPECT_EQ(patched(R"({"e":null})", R"({"a":1})"), R"({"e":null,"a":1})");
  EXPECT_EQ(patched(R"([1,2])", R"({"a":"b","c":null})"), R"({"a":"b"})");
  EXPECT_EQ(patched(R"({})", R"({"a":{"bb":{"ccc":null}}})"), R"({"a":{"bb":{}}})");
}

TEST(JsonPathTest, EvaluatesThePrinterColumnSubset) {
  const auto object = boost::json::parse(
      R"({"status":{"phase":"completed","conditions":[{"type":"Ready"}]},"metadata":{"labels":{"a.b/c":"v"}}})");
  EXPECT_EQ(*evaluate_json_path(object, ".status.phase"), "completed");
  EXPECT_EQ(*evaluate_json_path(object, "{.status.conditions[0].type}"), "Ready");
  EXPECT_EQ(*evaluate_json_path(object, ".metadata.labels['a.b/c']"), "v");
  EXPECT_FALSE(evaluate_json_path(object, ".status.error"));
  EXPECT_FALSE(evaluate_json_path(object, ".status.conditions[3].type"));
  EXPECT_FALSE(evaluate_json_path(object, "status.phase"));
}

TEST(HumanDurationTest, MatchesKubernetes) {
  using std::chrono::seconds;
  EXPECT_EQ(human_duration(seconds(-5)), "<invalid>");
  EXPECT_EQ(human_duration(seconds(-1)), "0s");
  EXPECT_EQ(human_duration(seconds(45)), "45s");
  EXPECT_EQ(human_duration(seconds(119)), "119s");
  EXPECT_EQ(human_duration(seconds(150)), "2m30s");
  EXPECT_EQ(human_duration(seconds(600)), "10m");
  EXPECT_EQ(human_duration(seconds(3 * 3600 + 12 * 60)), "3h12m");
  EXPECT_EQ(human_duration(seconds(30 * 3600)), "30h");
  EXPECT_EQ(human_duration(seconds((2 * 24 + 4) * 3600)), "2d4h");
  EXPECT_EQ(human_duration(seconds(400L * 24 * 3600)), "400d");
  EXPECT_EQ(human_duration(seconds((3 * 365 + 20) * 24L * 3600)), "3y20d");
}

TEST(MediaTypeTest, PicksTheFirstServableRepresentation) {
  EXPECT_EQ(negotiate_representation(""), Representation::object);
  EXPECT_EQ(negotiate_representation("application/json"), Representation::object);
  EXPECT_EQ(negotiate_representation("*/*"), Representation::object);
  // kubectl get
  EXPECT_EQ(negotiate_representation("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;"
                                     "v=v1beta1;g=meta.k8s.io,application/json"),
            Representation::table);
  // client-go aggregated discovery: falls back to plain JSON
  EXPECT_EQ(negotiate_representation("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                                     "application/json"),
            Representation::object);
  EXPECT_EQ(negotiate_representation("application/vnd.kubernetes.protobuf"), std::nullopt);
  EXPECT_EQ(negotiate_representation("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io"),
            std::nullopt);
}

class ResourceTargetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = TypeRegistry::load(std::nullopt);
    ASSERT_TRUE(loaded);
    types = std::make_unique<TypeRegistry>(std::move(*loaded));
  }
  std::unique_ptr<TypeRegistry> types;
};

TEST_F(ResourceTargetTest, ReadsKubernetesUrls) {
  auto object =
      resolve_resource_path(*types, "/apis/postgresql.cnpg.io/v1/namespaces/develop/backups/b1/status");
  ASSERT_TRUE(object);
  EXPECT_EQ(object->type->kind, "Backup");
  EXPECT_EQ(object->namespace_name, "develop");
  EXPECT_EQ(object->name, "b1");
  EXPECT_EQ(object->subresource, "status");

  auto all = resolve_resource_path(*types, "/apis/postgresql.cnpg.io/v1/clusters");
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->is_collection());
  EXPECT_TRUE(all->namespace_name.empty());

  auto ns = resolve_resource_path(*types, "/api/v1/namespaces/develop");
  ASSERT_TRUE(ns);
  EXPECT_EQ(ns->type->kind, "Namespace");
  EXPECT_EQ(ns->name, "develop");

  auto secrets = resolve_resource_path(*types, "/api/v1/namespaces/develop/secrets");
  ASSERT_TRUE(secrets);
  EXPECT_EQ(secrets->type->kind, "Secret");

  EXPECT_FALSE(resolve_resource_path(*types, "/apis/postgresql.cnpg.io/v1/namespaces/develop/poolers"));
  EXPECT_FALSE(
      resolve_resource_path(*types, "/apis/postgresql.cnpg.io/v1/namespaces/develop/backups/b1/scale"));
  EXPECT_FALSE(resolve_resource_path(*types, "/api/v1/namespaces/develop/secrets/s/status"));
  EXPECT_FALSE(resolve_resource_path(*types, "/healthz"));
}

TEST_F(ResourceTargetTest, AWatchSeesSelectorTransitionsAsAddsAndDeletes) {
  const ResourceType* backups = types->find_resource("backups.postgresql.cnpg.io");
  WatchRequest watch;
  watch.type = backups;
  watch.namespace_name = "develop";
  watch.filter.labels = *LabelSelector::parse("checkpoint=c1");
  const auto event = [&](EventType type, const char* before, const char* after) {
    ChangeEvent change;
    change.type = type;
    change.resource = backups;
    change.object = labelled(after);
    if (before) change.previous = labelled(before);
    return select_event(watch, change);
  };
  EXPECT_EQ(event(EventType::added, nullptr, R"({"checkpoint":"c1"})"), EventType::added);
  EXPECT_EQ(event(EventType::added, nullptr, R"({})"), std::nullopt);
  EXPECT_EQ(event(EventType::modified, R"({"checkpoint":"c1"})", R"({"checkpoint":"c1","x":"y"})"),
            EventType::modified);
  EXPECT_EQ(event(EventType::modified, R"({})", R"({"checkpoint":"c1"})"), EventType::added);
  EXPECT_EQ(event(EventType::modified, R"({"checkpoint":"c1"})", R"({"checkpoint":"c2"})"),
            EventType::deleted);
  EXPECT_EQ(event(EventType::modified, R"({})", R"({"x":"y"})"), std::nullopt);
  EXPECT_EQ(event(EventType::deleted, R"({"checkpoint":"c1"})", R"({"checkpoint":"c1"})"),
            EventType::deleted);

  watch.namespace_name = "payments";
  EXPECT_EQ(event(EventType::added, nullptr, R"({"checkpoint":"c1"})"), std::nullopt);
}

}  // namespace
}  // namespace ckpt::kubeapi
