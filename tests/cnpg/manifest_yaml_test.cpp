// Manifests print as block YAML in insertion order, and read back as the same JSON,
// types included, even for strings a YAML reader would otherwise take for numbers,
// booleans or null.
#include "cnpg/manifest_yaml.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "cnpg/recovery_cluster.hpp"
#include "cnpg_fixtures.hpp"
#include "support/yaml_json.hpp"

namespace ckpt::cnpg {
namespace {

using ckpt::test::yaml_to_json;

TEST(ManifestYaml, PrintsBlockStyleInInsertionOrder) {
  const auto value = boost::json::parse(R"({"kind": "Backup", "apiVersion": "postgresql.cnpg.io/v1",
      "spec": {"method": "plugin", "cluster": {"name": "orders-db"}, "online": true},
      "items": [{"name": "a", "size": 3}, "plain"], "empty": {}, "none": [], "nothing": null})");
  EXPECT_EQ(to_yaml(value),
            "kind: Backup\n"
            "apiVersion: postgresql.cnpg.io/v1\n"
            "spec:\n"
            "  method: plugin\n"
            "  cluster:\n"
            "    name: orders-db\n"
            "  online: true\n"
            "items:\n"
            "  - name: a\n"
            "    size: 3\n"
            "  - plain\n"
            "empty: {}\n"
            "none: []\n"
            "nothing: ~\n");
}

TEST(ManifestYaml, QuotesStringsAReaderWouldMistype) {
  EXPECT_EQ(to_yaml(boost::json::object{{"lsn", "0/3000148"}, {"id", "20260115T103001"}, {"port", "5432"},
                                        {"flag", "true"}, {"switch", "on"}, {"word", "yes"}, {"tilde", "~"},
                                        {"empty", ""}}),
            "lsn: \"0/3000148\"\n"
            "id: \"20260115T103001\"\n"
            "port: \"5432\"\n"
            "flag: \"true\"\n"
            "switch: \"on\"\n"
            "word: \"yes\"\n"
            "tilde: \"~\"\n"
            "empty: \"\"\n");
}

TEST(ManifestYaml, RoundTripsStringsNumbersAndBooleansWithTheirTypes) {
  boost::json::object tricky;
  const char* strings[] = {"0/3000148", "3A/7F0012C8", "20260115T103001", "5432", "1.5", "1e3", "-1", "+1", ".5",
                           "-.5", ".inf", "-.inf", ".nan", "0x1F", "0o17", "017", "1_000", "1:20", "true", "False",
                           "TRUE", "yes", "No", "on", "OFF", "y", "N", "null", "Null", "~", "", " leading space",
                           "trailing space ", "key: value", "- item", "# comment", "&anchor", "*alias", "!tag",
                           "%directive", "@at", "`tick", "{braces}", "[brackets]", "a, b", "quote \" inside",
                           "it's", "multi\nline", "tab\there", "?", "-", "<<", "=", "2026-01-15",
                           "2026-01-15 10:30:12.345678+00", "50Gi", "ghcr.io/cloudnative-pg/postgresql:17.5",
                           "hostssl all all 0.0.0.0/0 scram-sha-256", "ünïcödé"};
  for (const auto* text : strings) tricky[text] = text;
  tricky["int"] = 42;
  tricky["negative"] = -7;
  tricky["big"] = std::int64_t{9007199254740993};
  tricky["unsigned"] = std::uint64_t{18446744073709551615ULL};
  tricky["double"] = 1.0;
  tricky["fraction"] = 0.1;
  tricky["huge"] = 1e300;
  tricky["bool"] = false;
  tricky["nothing"] = nullptr;
  tricky["list"] = boost::json::array{"1", 1, true, "true", boost::json::object{}};
  const auto yaml = to_yaml(tricky);
  boost::json::value read_back;
  ASSERT_NO_THROW(read_back = yaml_to_json(yaml)) << yaml;
  EXPECT_EQ(read_back, boost::json::value(tricky)) << yaml;
  EXPECT_NE(yaml.find("double: 1.0\n"), std::string::npos) << yaml;
}

TEST(ManifestYaml, ARenderedRecoveryClusterReadsBackUnchanged) {
  const auto cnpg = testing::plugin_config();
  const auto cluster =
      render_recovery_cluster(testing::load_testdata("source-plugin.yaml"), cnpg, testing::ready_checkpoint(cnpg), 1);
  ASSERT_TRUE(cluster.ok()) << cluster.error().message;
  EXPECT_EQ(yaml_to_json(to_yaml(cluster.value())), boost::json::value(cluster.value()));
}

}  // namespace
}  // namespace ckpt::cnpg
