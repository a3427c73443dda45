// The RBAC of manifests/base grants what checkpointd does and nothing more: create and
// read CNPG Clusters and Backups in its namespace, optionally `get` on the two CNPG CRDs,
// never update/patch/delete, never Secrets, never a wildcard. The opt-in drill-cleanup
// component adds exactly one right: delete on CNPG Clusters, in a Role of its own.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "deploy/rendered_manifests.hpp"

namespace ckpt::test {
namespace {

using Strings = std::set<std::string>;

class BaseRbac : public KustomizeTest {
 protected:
  void SetUp() override { render("base"); }
};

Strings set_of(const YAML::Node& sequence) {
  const auto values = strings_of(sequence);
  return {values.begin(), values.end()};
}

// resource -> verbs, over all rules of a Role or ClusterRole, per API group.
std::map<std::string, Strings> grants_by_resource(const YAML::Node& role) {
  std::map<std::string, Strings> grants;
  for (const auto& rule : role["rules"]) {
    for (const auto& group : strings_of(rule["apiGroups"])) {
      for (const auto& resource : strings_of(rule["resources"])) {
        auto& verbs = grants[group + "/" + resource];
        for (const auto& verb : strings_of(rule["verbs"])) verbs.insert(verb);
      }
    }
  }
  return grants;
}

TEST_F(BaseRbac, RoleGrantsExactlyCreateAndReadOnCnpgClustersAndBackups) {
  const auto& base = manifests();
  const auto roles = base.all_of_kind("Role");
  ASSERT_EQ(roles.size(), 1U);
  const Strings create_and_read{"get", "list", "watch", "create"};
  const std::map<std::string, Strings> expected{{"postgresql.cnpg.io/clusters", create_and_read},
                                                {"postgresql.cnpg.io/backups", create_and_read}};
  EXPECT_EQ(grants_by_resource(roles.front()), expected);
  for (const auto& rule : roles.front()["rules"]) {
    EXPECT_FALSE(rule["resourceNames"].IsDefined()) << "the Role must cover every recovery Cluster and Backup name";
    EXPECT_FALSE(rule["nonResourceURLs"].IsDefined());
  }
}

TEST_F(BaseRbac, NoRuleUsesWildcardsSecretsOrWritesBeyondCreate) {
  const auto& base = manifests();
  auto roles = base.all_of_kind("Role");
  const auto cluster_roles = base.all_of_kind("ClusterRole");
  roles.insert(roles.end(), cluster_roles.begin(), cluster_roles.end());
  ASSERT_FALSE(roles.empty());
  const Strings forbidden_verbs{"update", "patch", "delete", "deletecollection", "escalate", "bind", "impersonate"};
  for (const auto& role : roles) {
    const auto name = role["metadata"]["name"].as<std::string>();
    for (const auto& rule : role["rules"]) {
      for (const auto& field : {"apiGroups", "resources", "verbs", "resourceNames"}) {
        const auto values = set_of(rule[field]);
        EXPECT_EQ(values.count("*"), 0U) << name << " has a wildcard in " << field;
      }
      const auto resources = set_of(rule["resources"]);
      EXPECT_EQ(resources.count("secrets"), 0U) << name << " grants access to Secrets";
      for (const auto& verb : set_of(rule["verbs"])) {
        EXPECT_EQ(forbidden_verbs.count(verb), 0U) << name << " grants " << verb;
      }
    }
  }
}

class DrillCleanupRbac : public KustomizeTest {
 protected:
  void SetUp() override { render("examples/scheduled-drills"); }
};

TEST_F(DrillCleanupRbac, AddsOnlyDeleteOnCnpgClustersInARoleOfItsOwn) {
  const auto& rendered = manifests();
  const auto cleanup = rendered.find("Role", "checkpointd-drill-cleanup");
  ASSERT_TRUE(cleanup.IsDefined());
  const std::map<std::string, Strings> expected{{"postgresql.cnpg.io/clusters", Strings{"delete"}}};
  EXPECT_EQ(grants_by_resource(cleanup), expected);
  const auto base_role = rendered.find("Role", "checkpointd");
  ASSERT_TRUE(base_role.IsDefined());
  for (const auto& [resource, verbs] : grants_by_resource(base_role)) {
    EXPECT_EQ(verbs.count("delete"), 0U) << "the base Role stays create-and-read only: " << resource;
  }
  const auto binding = rendered.find("RoleBinding", "checkpointd-drill-cleanup");
  ASSERT_TRUE(binding.IsDefined());
  EXPECT_EQ(binding["roleRef"]["name"].as<std::string>(""), "checkpointd-drill-cleanup");
  EXPECT_EQ(binding["subjects"][0]["name"].as<std::string>(""), "checkpointd");
  EXPECT_EQ(binding["metadata"]["namespace"].as<std::string>(""), "payments");
}

TEST_F(BaseRbac, TheOnlyClusterWideGrantIsGetOnTheTwoCnpgCrds) {
  const auto& base = manifests();
  const auto cluster_roles = base.all_of_kind("ClusterRole");
  ASSERT_EQ(cluster_roles.size(), 1U);
  const auto& rules = cluster_roles.front()["rules"];
  ASSERT_EQ(rules.size(), 1U);
  EXPECT_EQ(set_of(rules[0]["apiGroups"]), Strings{"apiextensions.k8s.io"});
  EXPECT_EQ(set_of(rules[0]["resources"]), Strings{"customresourcedefinitions"});
  EXPECT_EQ(set_of(rules[0]["verbs"]), Strings{"get"});
  EXPECT_EQ(set_of(rules[0]["resourceNames"]), (Strings{"clusters.postgresql.cnpg.io", "backups.postgresql.cnpg.io"}));
}

TEST_F(BaseRbac, BindingsGiveTheRolesToTheDaemonsServiceAccountOnly) {
  const auto& base = manifests();
  const auto deployment = base.find("Deployment", "checkpointd");
  ASSERT_TRUE(deployment.IsDefined());
  const auto account = deployment["spec"]["template"]["spec"]["serviceAccountName"].as<std::string>("");
  ASSERT_TRUE(base.find("ServiceAccount", account).IsDefined()) << "no ServiceAccount " << account;
  const std::map<std::string, std::string> binding_to_role_kind{{"RoleBinding", "Role"},
                                                                {"ClusterRoleBinding", "ClusterRole"}};
  for (const auto& [binding_kind, role_kind] : binding_to_role_kind) {
    const auto bindings = base.all_of_kind(binding_kind);
    ASSERT_EQ(bindings.size(), 1U) << binding_kind;
    const auto& binding = bindings.front();
    EXPECT_EQ(binding["roleRef"]["kind"].as<std::string>(), role_kind);
    EXPECT_TRUE(base.find(role_kind, binding["roleRef"]["name"].as<std::string>()).IsDefined());
    ASSERT_EQ(binding["subjects"].size(), 1U) << binding_kind;
    EXPECT_EQ(binding["subjects"][0]["kind"].as<std::string>(), "ServiceAccount");
    EXPECT_EQ(binding["subjects"][0]["name"].as<std::string>(), account);
  }
}

}  // namespace
}  // namespace ckpt::test
