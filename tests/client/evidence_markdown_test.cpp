#include "cli/evidence_markdown.hpp"

#include <gtest/gtest.h>

#include <string>

#include "cli/markdown_text.hpp"
#include "cli/text_table.hpp"
#include "support/evidence_samples.hpp"

namespace ckpt::cli {
namespace {

namespace samples = ckpt::testing;

constexpr const char* kSha256 = "60624c69a5b25c8204d78dd6e54f04587f5fc6ae9f6b33eb8a5760277a2e6151";

std::string markdown_of(const Checkpoint& checkpoint, const std::vector<Event>& events,
                        std::optional<GateVerdict> verdict = std::nullopt) {
  const auto package =
      build_evidence(checkpoint, events, verdict, samples::utc("2026-11-23T09:00:00.000000Z"), "0.1.0");
  return evidence_markdown(package, kSha256);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(HumanDuration, UsesTheUnitAPersonWouldSay) {
  EXPECT_EQ(format_human_duration(0), "0 ms");
  EXPECT_EQ(format_human_duration(-3), "0 ms");
  EXPECT_EQ(format_human_duration(0.012), "12 ms");
  EXPECT_EQ(format_human_duration(0.85), "850 ms");
  EXPECT_EQ(format_human_duration(0.9996), "1 s");
  EXPECT_EQ(format_human_duration(4.912345), "4.9 s");
  EXPECT_EQ(format_human_duration(12), "12 s");
  EXPECT_EQ(format_human_duration(59.97), "1 min");
  EXPECT_EQ(format_human_duration(72.4), "1 min 12 s");
  EXPECT_EQ(format_human_duration(3600), "1 h");
  EXPECT_EQ(format_human_duration(7205), "2 h 5 s");
  EXPECT_EQ(format_human_duration(90061), "1 d 1 h 1 min 1 s");
}

TEST(MarkdownText, TableCellsStayOnOneLine) {
  EXPECT_EQ(markdown_table({"A", "B"}, {{"x | y", "one\ntwo"}, {"only"}}),
            "| A | B |\n|---|---|\n| x \\| y | one<br>two |\n| only |  |\n\n");
  EXPECT_EQ(markdown_code("a`b"), "``a`b``");
  EXPECT_EQ(markdown_code("`x"), "`` `x ``");
  EXPECT_EQ(markdown_code(""), "");
  EXPECT_EQ(utc_time(samples::utc("2026-11-21T07:01:30.400000Z")), "2026-11-21 07:01:30 UTC");
}

TEST(EvidenceMarkdown, HasAHeadingPerPartAndEndsWithTheSha256) {
  const std::string md = markdown_of(samples::plain_checkpoint(), samples::plain_events(), samples::no_go_verdict());
  EXPECT_EQ(md.rfind("# Evidence: `2026_11_21_add_phone` (expand), checkpoint `c1a2b3c4`\n\n", 0), 0U) << md;
  std::size_t previous = 0;
  for (const char* heading : {"\n## Go/no-go\n", "\n## Plan\n", "\n### SQL files\n", "\n### Statements\n",
                              "\n## Checkpoint\n", "\n## Execution\n", "\n## Flag and health checks\n",
                              "\n## Analysis\n", "\n## Rollback timeline\n", "\n## Approvals\n", "\n## Timeline\n"}) {
    const auto found = md.find(heading);
    ASSERT_NE(found, std::string::npos) << heading << "\n" << md;
    EXPECT_GT(found, previous) << heading;
    previous = found;
  }
  EXPECT_TRUE(md.ends_with("---\n\nsha256 `" + std::string{kSha256} +
                           "`: the SHA-256 of this package's canonical JSON (`checkpointctl evidence ID -o json` saves "
                           "it, `checkpointctl evidence verify FILE` checks it).\n"))
      << md;
}

TEST(EvidenceMarkdown, TheGoNoGoIsAChecklistWithEachItemsProofOrReason) {
  const std::string md = markdown_of(samples::plain_checkpoint(), samples::plain_events(), samples::no_go_verdict());
  EXPECT_TRUE(contains(md,
                       "**NO-GO** for the contract step after `2026_11_21_add_phone`:\n\n"
                       "- ✅ **expand_committed**: checkpoint c1a2b3c4 committed at 2026-11-21T07:01:01.500000Z\n"
                       "- ❌ **window_elapsed**: the rollback window (24h) ends at 2026-11-22T07:01:01.500000Z\n"
                       "- ✅ **approval_recorded**: approved by bob at 2026-11-22T08:00:00.000000Z\n"))
      << md;
  EXPECT_FALSE(contains(markdown_of(samples::plain_checkpoint(), samples::plain_events()), "## Go/no-go"));
}

TEST(EvidenceMarkdown, ThePlanShowsEveryStatementsClassAndEveryFilesSha256) {
  const std::string md = markdown_of(samples::plain_checkpoint(), samples::plain_events());
  EXPECT_TRUE(contains(md, "| Rollback window | 24h, owner alice, approver bob |\n")) << md;
  EXPECT_TRUE(contains(md, "| Session | lock_timeout 5s, statement_timeout 15m |\n")) << md;
  EXPECT_TRUE(contains(md,
                       "| `001_add_phone.sql` | `5d41402abc4b2a76b9719d911017c592ae1e5b8f0d1e7b1cc4ef1f1d2c6d8e3a` "
                       "| yes | no |\n"))
      << md;
  EXPECT_TRUE(contains(md,
                       "| `001_add_phone.sql:2` | UPDATE | additive | `update_with_where` | updates only the rows "
                       "of users its WHERE selects |\n"))
      << md;
}

TEST(EvidenceMarkdown, TheCheckpointShowsTheBackupTheTargetAndTheArchiveProofInUtc) {
  const std::string md = markdown_of(samples::plain_checkpoint(), samples::plain_events());
  EXPECT_TRUE(contains(md, "| WAL range | 0/2000028 to 0/2000100 on timeline 1 |\n")) << md;
  EXPECT_TRUE(contains(md, "| Backup taken | 2026-11-21 07:00:00 UTC to 2026-11-21 07:00:02 UTC (1.8 s) |\n")) << md;
  EXPECT_TRUE(contains(md, "| Recovery target | LSN 0/3000148 on timeline 1, restore point `checkpointd-c1a2b3c4` |\n"))
      << md;
  EXPECT_TRUE(contains(md, "| Archived before ready | ✅ segment 000000010000000000000003 holding the target")) << md;
}

TEST(EvidenceMarkdown, TheExecutionListsEachStatementWithRowsAndHumanDurations) {
  const std::string md = markdown_of(samples::plain_checkpoint(), samples::plain_events());
  EXPECT_TRUE(contains(md, "### `001_add_phone.sql` (applied)\n")) << md;
  EXPECT_TRUE(contains(md, "| 1 | ALTER TABLE | — | 12 ms | — |\n")) << md;
  EXPECT_TRUE(contains(md, "| 2 | UPDATE | 1200 | 850 ms | NOTICE:  1200 rows updated |\n")) << md;

  const std::string failed = markdown_of(samples::restored_checkpoint(), samples::restored_events());
  EXPECT_TRUE(contains(
      failed, "**Failed** at `001_add_phone.sql:2`: SQLSTATE 23502, null value in column \"phone\" (position 8)"))
      << failed;
}

TEST(EvidenceMarkdown, AFlagOffShowsTheHealthChecksTheAnalysisAndTheRecoveryTime) {
  const std::string md = markdown_of(samples::flagged_off_checkpoint(), samples::plain_events());
  EXPECT_TRUE(contains(md,
                       "| 2026-11-21 07:01:30 UTC | develop | off | checkpointd (rollback ladder) | error-rate failed "
                       "| error-rate: Successful, value `[0.04]` |\n"))
      << md;
  EXPECT_TRUE(contains(md, "Stage **recovered**: the flag off brought the SLOs back.\n")) << md;
  EXPECT_TRUE(contains(md, "### Watch: Failed\n")) << md;
  EXPECT_TRUE(contains(md, "| error-rate | success: `result[0] < 0.05` | Failed | failed (1) > failureLimit (0) |\n"))
      << md;
  EXPECT_TRUE(contains(md, "| error-rate | 2026-11-21 07:01:30 UTC | Failed | `[0.31]` | — |\n")) << md;
  EXPECT_TRUE(contains(md, "### Recheck after the flag off: Successful\n")) << md;
  EXPECT_TRUE(contains(md, "| Time | After | Step | Detail |\n")) << md;
  EXPECT_TRUE(contains(md, "| 2026-11-21 07:01:30 UTC | +0 ms | failure signal | error-rate: Failed, value [0.31] |\n"))
      << md;
  EXPECT_TRUE(contains(md, "| 2026-11-21 07:02:02 UTC | +32.5 s | recovered | the SLOs are met again |\n")) << md;
  EXPECT_TRUE(contains(md, "**Recovery time:** 32.5 s (from the first failing measurement to the SLOs met again)\n"))
      << md;
}

TEST(EvidenceMarkdown, ARestoreStandsNextToItsPrediction) {
  auto checkpoint = samples::restored_checkpoint();
  checkpoint.predicted_restore = RestorePrediction{6.5, 40'000'000, 16'000'000, RestoreRates{200e6, 120e6, 3.0, 0}};
  const std::string md = markdown_of(checkpoint, samples::restored_events());
  EXPECT_TRUE(contains(md, "| Predicted | 6.5 s (when the checkpoint became ready) |\n")) << md;
}

TEST(EvidenceMarkdown, ARestoreShowsItsPhasesOffsetsDurationAndVerification) {
  const std::string md = markdown_of(samples::restored_checkpoint(), samples::restored_events());
  EXPECT_TRUE(contains(md,
                       "| 2026-11-21 07:01:01 UTC | +0 ms | checkpoint failed | 001_add_phone.sql:2: null value in "
                       "column \"phone\" |\n"))
      << md;
  EXPECT_TRUE(contains(md, "### Restore\n")) << md;
  EXPECT_TRUE(contains(md, "| Duration | 4.9 s (trigger to verified) |\n")) << md;
  EXPECT_TRUE(contains(md, "| Predicted | — (no prediction recorded) |\n")) << md;
  EXPECT_TRUE(contains(md, "| Verified | ✅ on timeline 2 |\n")) << md;
  EXPECT_TRUE(contains(md, "| base_copied | 2026-11-21 07:01:02 UTC | +850 ms |\n")) << md;
  EXPECT_TRUE(contains(md, "| verified | 2026-11-21 07:01:06 UTC | +4.9 s |\n")) << md;
  EXPECT_TRUE(contains(md, "- copied the base backup into the target: 1021 files")) << md;
}

TEST(EvidenceMarkdown, SaysWhatIsAbsentRatherThanLeavingItOut) {
  const std::string md = markdown_of(samples::plain_checkpoint(), samples::plain_events());
  EXPECT_TRUE(contains(md, "No flag change was recorded.\n")) << md;
  EXPECT_TRUE(contains(md, "No SLO watch: the plan has no `slo` section.\n")) << md;
  EXPECT_TRUE(contains(md, "Nothing was rolled back: no failure, rung of the ladder or restore was recorded.\n")) << md;
  EXPECT_TRUE(contains(md, "| bob | 2026-11-22 08:00:00 UTC | reviewed the expand output |\n")) << md;
  EXPECT_TRUE(contains(md, "| 3 | 2026-11-21 07:00:04 UTC | `state` | backing_up -> ready: recovery point")) << md;

  Checkpoint no_plan = samples::plain_checkpoint();
  no_plan.request.plan.reset();
  no_plan.approvals.clear();
  const std::string bare = markdown_of(no_plan, samples::plain_events());
  EXPECT_TRUE(contains(bare, "No plan was sent: the migration job ran its own steps between `begin` and `commit`.\n"))
      << bare;
  EXPECT_TRUE(contains(bare, "No approval was recorded.\n")) << bare;
}

}  // namespace
}  // namespace ckpt::cli
