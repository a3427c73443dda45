#include "core/begin_validation.hpp"

#include <gtest/gtest.h>

namespace ckpt {
namespace {

BeginRequest valid_request() {
  BeginRequest request;
  request.cluster = "app";
  request.migration_id = "2026_11_add_phone";
  request.window = RollbackWindow{Millis{std::chrono::hours{24}}, "alice", "bob"};
  return request;
}

TEST(BeginValidation, AcceptsACompleteRequest) { EXPECT_TRUE(validate_begin(valid_request())); }

TEST(BeginValidation, NoRollbackWindowIsAHardStop) {
  auto request = valid_request();
  request.window.duration = Millis{0};
  auto result = validate_begin(request);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::refused);
  EXPECT_EQ(result.error().reason, "missing_rollback_window");
  EXPECT_EQ(result.error().message,
            "no approved rollback window: 'rollback_window.duration' is missing or zero; give the window (e.g. "
            "24h), its owner and its approver");
}

TEST(BeginValidation, MissingOwnerAndApproverAreRefusedWithTheirReasons) {
  auto no_owner = valid_request();
  no_owner.window.owner = "  ";
  EXPECT_EQ(validate_begin(no_owner).error().reason, "missing_owner");
  auto no_approver = valid_request();
  no_approver.window.approver.clear();
  EXPECT_EQ(validate_begin(no_approver).error().reason, "missing_approver");
  EXPECT_EQ(validate_begin(no_approver).error().message,
            "no approved rollback window: 'rollback_window.approver' is missing; name the person who approved "
            "the window");
}

TEST(BeginValidation, TheApproverMustNotBeTheOwner) {
  auto request = valid_request();
  request.window.approver = "alice";
  const auto result = validate_begin(request);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::refused);
  EXPECT_EQ(result.error().reason, "approver_is_owner");
  EXPECT_EQ(result.error().message,
            "no approved rollback window: 'rollback_window.approver' is the owner 'alice'; the approval path needs "
            "a second person: name someone other than the owner as the approver");
}

TEST(BeginValidation, OwnerAndApproverAreComparedTrimmedAndIgnoringCase) {
  auto request = valid_request();
  request.window.owner = "Alice@Example.com";
  request.window.approver = "  alice@example.COM ";
  EXPECT_EQ(validate_begin(request).error().reason, "approver_is_owner");
  request.window.approver = "alice@example.org";
  EXPECT_TRUE(validate_begin(request));
}

TEST(BeginValidation, BlankOwnerAndApproverAreMissingNotTheSamePerson) {
  auto request = valid_request();
  request.window.owner = " ";
  request.window.approver = " ";
  EXPECT_EQ(validate_begin(request).error().reason, "missing_owner");
}

TEST(BeginValidation, MalformedIdentifiersAreBadRequests) {
  auto no_migration = valid_request();
  no_migration.migration_id = "";
  EXPECT_EQ(validate_begin(no_migration).error().code, ErrorCode::bad_request);
  EXPECT_EQ(validate_begin(no_migration).error().message, "field 'migration_id' must not be empty");
  auto bad_cluster = valid_request();
  bad_cluster.cluster = "App_DB";
  EXPECT_EQ(validate_begin(bad_cluster).error().code, ErrorCode::bad_request);
}

TEST(ClusterName, FollowsKubernetesNameRules) {
  EXPECT_TRUE(is_valid_cluster_name("orders-db"));
  EXPECT_TRUE(is_valid_cluster_name("a1"));
  for (const char* bad : {"", "1db", "-db", "db-", "Db", "db_1", "db.1", "a234567890123456789012345678901234567890x"}) {
    EXPECT_FALSE(is_valid_cluster_name(bad)) << bad;
  }
}

}  // namespace
}  // namespace ckpt
