#include "kube/resource_ref.hpp"

#include <gtest/gtest.h>

namespace ckpt::kube {
namespace {

const ResourceRef kBackup{"postgresql.cnpg.io", "v1", "backups", "develop", "b1"};

TEST(ResourceRefTest, PathsOfNamedGroupsAndTheCoreGroup) {
  EXPECT_EQ(kBackup.path(), "/apis/postgresql.cnpg.io/v1/namespaces/develop/backups/b1");
  EXPECT_EQ(kBackup.collection_path(), "/apis/postgresql.cnpg.io/v1/namespaces/develop/backups");
  EXPECT_EQ(kBackup.named({}).path(), "/apis/postgresql.cnpg.io/v1/namespaces/develop/backups");
  const ResourceRef secret{"", "v1", "secrets", "develop", "s"};
  EXPECT_EQ(secret.path(), "/api/v1/namespaces/develop/secrets/s");
  const ResourceRef crd{"apiextensions.k8s.io", "v1", "customresourcedefinitions", "", "backups.postgresql.cnpg.io"};
  EXPECT_EQ(crd.path(), "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/backups.postgresql.cnpg.io");
}

TEST(ResourceRefTest, DescriptionsForMessagesAndRbac) {
  EXPECT_EQ(kBackup.resource(), "backups.postgresql.cnpg.io");
  EXPECT_EQ(kBackup.describe(), "backups.postgresql.cnpg.io \"b1\" in namespace \"develop\"");
  EXPECT_EQ(kBackup.named({}).describe(), "backups.postgresql.cnpg.io in namespace \"develop\"");
  EXPECT_EQ((ResourceRef{"", "v1", "namespaces", "", "develop"}.describe()), "namespaces \"develop\"");
}

TEST(ResourceRefTest, SegmentsThatWouldChangeThePathAreRejected) {
  EXPECT_TRUE(kBackup.check());
  EXPECT_TRUE(kBackup.named({}).check());
  for (const char* name : {"a/b", "..", "b1?watch=1", "b%2F1", "b 1"}) {
    auto checked = kBackup.named(name).check();
    ASSERT_FALSE(checked) << name;
    EXPECT_EQ(checked.error().code, ErrorCode::bad_request);
    EXPECT_EQ(checked.error().message, "Kubernetes resource name \"" + std::string(name) +
                                           "\" is not valid; use letters, digits, '-', '.' and '_' only");
  }
  ResourceRef no_plural = kBackup;
  no_plural.plural.clear();
  EXPECT_FALSE(no_plural.check());
  ResourceRef bad_namespace = kBackup;
  bad_namespace.namespace_name = "dev/../kube-system";
  EXPECT_FALSE(bad_namespace.check());
}

TEST(ResourceRefTest, QueriesAreEscapedAndEmptyValuesLeftOut) {
  EXPECT_EQ(query_escape("app=db,tier!=cache"), "app%3Ddb%2Ctier%21%3Dcache");
  EXPECT_EQ(query_escape("a b~c"), "a%20b~c");
  EXPECT_EQ(with_query("/x", {{"a", "1"}, {"b", ""}, {"c", "x=y"}}), "/x?a=1&c=x%3Dy");
  EXPECT_EQ(with_query("/x", selector_params({})), "/x");
  EXPECT_EQ(with_query("/x", selector_params({"app=db", ""})), "/x?labelSelector=app%3Ddb");
}

TEST(ResourceRefTest, NarrowingToOneObjectAddsAFieldSelector) {
  EXPECT_EQ(narrowed_to(kBackup, {}).field_selector, "metadata.name=b1");
  EXPECT_EQ(narrowed_to(kBackup, {"app=db", "status.phase=x"}).field_selector, "status.phase=x,metadata.name=b1");
  EXPECT_EQ(narrowed_to(kBackup.named({}), {"app=db", ""}).field_selector, "");
}

}  // namespace
}  // namespace ckpt::kube
