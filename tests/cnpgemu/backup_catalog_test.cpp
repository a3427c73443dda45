// CNPG's automatic choice of the base backup (cnpg.md §3.4).
#include "cnpgemu/backup_catalog.hpp"

#include <gtest/gtest.h>

namespace ckpt::cnpgemu {
namespace {

using namespace std::chrono_literals;

const SystemTime kNoon = std::chrono::sys_days{std::chrono::year{2026} / 1 / 15} + 12h;

CatalogBackup backup(const std::string& id, std::uint64_t end_lsn, SystemTime end_time, std::uint32_t timeline = 1) {
  CatalogBackup made;
  made.server_name = "orders";
  made.backup_id = id;
  made.end_lsn = Lsn{end_lsn};
  made.end_time = end_time;
  made.timeline = timeline;
  return made;
}

BackupChoice by_id(const std::string& id) {
  BackupChoice choice;
  choice.backup_id = id;
  return choice;
}

BackupChoice by_lsn(std::uint64_t lsn) {
  BackupChoice choice;
  choice.target_lsn = Lsn{lsn};
  return choice;
}

BackupChoice by_time(SystemTime at, std::optional<std::uint32_t> timeline = std::nullopt) {
  BackupChoice choice;
  choice.target_time = at;
  choice.timeline = timeline;
  return choice;
}

BackupChoice on_timeline(std::uint32_t timeline) {
  BackupChoice choice;
  choice.timeline = timeline;
  return choice;
}

class BackupCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog.add(backup("20260115T100000", 0x1000, kNoon - 2h));
    catalog.add(backup("20260115T110000", 0x2000, kNoon - 1h));
    catalog.add(backup("20260115T120000", 0x3000, kNoon, 2));
  }

  std::string chosen(const BackupChoice& choice, const std::string& server = "orders") const {
    auto found = catalog.choose(server, choice);
    return found ? found->backup_id : found.error().message;
  }

  BackupCatalog catalog;
};

TEST_F(BackupCatalogTest, APinnedBackupIdIsTakenExactly) {
  EXPECT_EQ(chosen(by_id("20260115T100000")), "20260115T100000");
  EXPECT_EQ(chosen(by_id("20260115T090000")),
            "no backup found with ID 20260115T090000 in the archive of server orders");
}

TEST_F(BackupCatalogTest, WithoutATargetTheLatestBackupIsTaken) {
  EXPECT_EQ(chosen({}), "20260115T120000");
  EXPECT_EQ(chosen(on_timeline(1)), "20260115T110000");
  EXPECT_EQ(chosen({}, "billing"), "no target backup found");
}

TEST_F(BackupCatalogTest, ALsnTargetNeedsABackupEndingStrictlyBeforeIt) {
  EXPECT_EQ(chosen(by_lsn(0x2001)), "20260115T110000");
  EXPECT_EQ(chosen(by_lsn(0x2000)), "20260115T100000");
  EXPECT_EQ(chosen(by_lsn(0x1000)), "no target backup found");
}

TEST_F(BackupCatalogTest, ATimeTargetTakesTheLatestBackupEndedAtOrBeforeIt) {
  EXPECT_EQ(chosen(by_time(kNoon - 1h)), "20260115T110000");
  EXPECT_EQ(chosen(by_time(kNoon - 1h - 1s)), "20260115T100000");
  EXPECT_EQ(chosen(by_time(kNoon + 1h, 1)), "20260115T110000");
  EXPECT_EQ(chosen(by_time(kNoon - 3h)), "no target backup found");
}

}  // namespace
}  // namespace ckpt::cnpgemu
