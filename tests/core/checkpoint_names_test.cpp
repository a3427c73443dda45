#include "core/checkpoint.hpp"

#include <gtest/gtest.h>

namespace ckpt {
namespace {

TEST(CheckpointNames, AreDeterministicFromTheCheckpointId) {
  EXPECT_EQ(backup_object_name("orders-db", "a1b2c3d4"), "orders-db-ckpt-a1b2c3d4");
  EXPECT_EQ(restore_object_name("orders-db", "a1b2c3d4", 1), "orders-db-pitr-a1b2c3d4");
  EXPECT_EQ(restore_object_name("orders-db", "a1b2c3d4", 2), "orders-db-pitr-a1b2c3d4-2");
  EXPECT_EQ(restore_point_name("a1b2c3d4"), "checkpointd-a1b2c3d4");
}

TEST(MigrationPhase, ParsesOnlyKnownPhases) {
  EXPECT_EQ(migration_phase_from("expand"), MigrationPhase::expand);
  EXPECT_EQ(migration_phase_from("contract"), MigrationPhase::contract);
  EXPECT_FALSE(migration_phase_from("Expand"));
  EXPECT_EQ(to_string(MigrationPhase::contract), "contract");
}

}  // namespace
}  // namespace ckpt
