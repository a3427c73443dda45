// The end-of-recovery checkpoint read from a restored instance's server log, as
// PostgreSQL 15 writes it with log_checkpoints on.
#include "engine/local/recovery_checkpoint.hpp"

#include <gtest/gtest.h>

namespace ckpt::engine::local {
namespace {

constexpr std::string_view kLog =
    "2026-12-06 21:41:10.001 UTC [812] LOG:  redo done at 0/5C000028 system usage: CPU: user: 1.91 s\n"
    "2026-12-06 21:41:10.002 UTC [812] LOG:  last completed transaction was at log time 2026-12-06 21:40:01+00\n"
    "2026-12-06 21:41:10.120 UTC [810] LOG:  checkpoint starting: end-of-recovery immediate wait\n"
    "2026-12-06 21:41:10.740 UTC [810] LOG:  checkpoint complete: wrote 16384 buffers (100.0%); 0 WAL file(s) "
    "added, 0 removed, 37 recycled; write=0.402 s, sync=0.201 s, total=0.620 s; sync files=57, longest=0.051 s, "
    "average=0.004 s; distance=607873 kB, estimate=607873 kB\n"
    "2026-12-06 21:41:10.744 UTC [808] LOG:  database system is ready to accept connections\n";

TEST(EndOfRecoveryCheckpoint, ReadsItsTotalAndWhatItWrote) {
  const auto checkpoint = find_end_of_recovery_checkpoint(kLog);
  ASSERT_TRUE(checkpoint);
  EXPECT_DOUBLE_EQ(checkpoint->total_seconds, 0.620);
  EXPECT_EQ(checkpoint->written, "wrote 16384 buffers (100.0%)");
}

TEST(EndOfRecoveryCheckpoint, IgnoresOtherCheckpoints) {
  const std::string log =
      "LOG:  checkpoint starting: time\nLOG:  checkpoint complete: wrote 3 buffers (0.0%); total=9.000 s\n";
  EXPECT_FALSE(find_end_of_recovery_checkpoint(log)) << "a timed checkpoint is not the end-of-recovery one";
  EXPECT_EQ(find_end_of_recovery_checkpoint(log + std::string{kLog})->total_seconds, 0.620);
}

TEST(EndOfRecoveryCheckpoint, NoneWhenItDidNotCompleteOrIsNotLogged) {
  EXPECT_FALSE(find_end_of_recovery_checkpoint("LOG:  database system is ready to accept connections\n"));
  EXPECT_FALSE(find_end_of_recovery_checkpoint("LOG:  checkpoint starting: end-of-recovery immediate wait\n"));
  EXPECT_FALSE(find_end_of_recovery_checkpoint(
      "LOG:  checkpoint starting: end-of-recovery immediate wait\nLOG:  checkpoint complete: wrote 1 buffers; "
      "total=soon\n"));
}

}  // namespace
}  // namespace ckpt::engine::local
