// Label values are valid Kubernetes label values whatever the migration id, and an
// object counts as ours only with checkpointd's labels for the same checkpoint.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "cnpg/labels.hpp"
#include "cnpg/ownership.hpp"

namespace ckpt::cnpg {
namespace {

bool is_valid_label_value(const std::string& value) {
  static const std::regex kLabelValue{"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"};
  return value.size() <= 63 && std::regex_match(value, kLabelValue);
}

TEST(LabelValue, KeepsValidValues) {
  EXPECT_EQ(sanitize_label_value("2026_01_15_add_orders_index"), "2026_01_15_add_orders_index");
  EXPECT_EQ(sanitize_label_value("v1.2-rc.3"), "v1.2-rc.3");
  EXPECT_EQ(sanitize_label_value(""), "");
}

TEST(LabelValue, ReplacesForbiddenCharactersAndTrimsTheEnds) {
  EXPECT_EQ(sanitize_label_value("feature/add index!"), "feature-add-index");
  EXPECT_EQ(sanitize_label_value("__init__"), "init");
  EXPECT_EQ(sanitize_label_value("-.-"), "");
  EXPECT_EQ(sanitize_label_value("añadir índice"), "a--adir---ndice");
}

TEST(LabelValue, CutsTo63CharactersAndStillEndsAlphanumeric) {
  const std::string long_id = std::string(62, 'a') + "-b";
  EXPECT_EQ(sanitize_label_value(long_id), std::string(62, 'a'));
  EXPECT_EQ(sanitize_label_value(std::string(100, 'x')), std::string(63, 'x'));
}

TEST(LabelValue, IsAlwaysAValidKubernetesLabelValue) {
  for (const auto* text : {"feature/orders: add index (v2)", "  spaces  ", "ünïcödé", "a", "...a...", "0123",
                           "x_y.z-w", "!!!", "migration#42@prod"}) {
    const auto value = sanitize_label_value(text);
    EXPECT_TRUE(is_valid_label_value(value)) << text << " -> " << value;
  }
}

boost::json::object labelled(boost::json::object labels) {
  return {{"metadata", {{"name", "orders-db-ckpt-a1b2c3d4"}, {"labels", std::move(labels)}}}};
}

TEST(Ownership, RecognisesOnlyItsOwnCheckpointsObjects) {
  const auto ours =
      labelled({{"checkpointd.io/managed-by", "checkpointd"}, {"checkpointd.io/checkpoint-id", "a1b2c3d4"}});
  EXPECT_TRUE(is_ours(ours, "a1b2c3d4"));
  EXPECT_FALSE(is_ours(ours, "b2c3d4e5")) << "another checkpoint's object";
  EXPECT_FALSE(is_ours(ours, ""));
  EXPECT_FALSE(is_ours(labelled({{"checkpointd.io/checkpoint-id", "a1b2c3d4"}}), "a1b2c3d4")) << "no managed-by";
  EXPECT_FALSE(is_ours(labelled({{"checkpointd.io/managed-by", "someone-else"},
                                 {"checkpointd.io/checkpoint-id", "a1b2c3d4"}}),
                       "a1b2c3d4"));
  EXPECT_FALSE(is_ours(boost::json::object{{"metadata", {{"name", "orders-db-ckpt-a1b2c3d4"}}}}, "a1b2c3d4"));
  EXPECT_FALSE(is_ours(boost::json::object{}, "a1b2c3d4"));
}

}  // namespace
}  // namespace ckpt::cnpg
