#include "pg/process.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "support/temp_dir.hpp"

namespace ckpt::pg {
namespace {

using namespace std::chrono_literals;

ProcessSpec shell(std::string script, std::chrono::milliseconds timeout = 10s) {
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", std::move(script)};
  spec.timeout = timeout;
  return spec;
}

TEST(RunProcess, CapturesStdoutAndStderrTogetherWithTheExitCode) {
  auto output = run_process(shell("echo out; echo err >&2; exit 3"));
  ASSERT_TRUE(output) << output.error().message;
  EXPECT_EQ(output->exit_code, 3);
  EXPECT_EQ(output->output, "out\nerr\n");
}

TEST(RunProcess, PassesEnvironmentAndWorkingDirectory) {
  test::TempDir directory{"ckpt-proc"};
  auto spec = shell("echo \"$CKPT_TEST_VALUE\"; pwd");
  spec.env = {{"CKPT_TEST_VALUE", "from env"}};
  spec.cwd = directory.path();
  auto output = run_process(spec);
  ASSERT_TRUE(output) << output.error().message;
  EXPECT_EQ(output->output, "from env\n" + directory.path().string() + "\n");
}

TEST(RunProcess, KeepsOnlyTheLast64KiBOfOutput) {
  auto output = run_process(shell("head -c 200000 /dev/zero | tr '\\0' a; echo; echo last"));
  ASSERT_TRUE(output) << output.error().message;
  EXPECT_EQ(output->output.size(), 64U * 1024U);
  EXPECT_TRUE(output->output.ends_with("a\nlast\n"));
}

TEST(RunProcess, StopsTheWholeProcessGroupAtTheDeadline) {
  const auto started = std::chrono::steady_clock::now();
  auto output = run_process(shell("echo started; sleep 30 & sleep 30", 300ms));
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(output);
  EXPECT_EQ(output.error().code, ErrorCode::deadline_exceeded);
  EXPECT_NE(output.error().message.find("/bin/sh -c"), std::string::npos) << output.error().message;
  EXPECT_NE(output.error().message.find("started"), std::string::npos) << output.error().message;
  EXPECT_LT(took, 3s) << "the background sleep holding the pipe was killed too";
}

TEST(RunProcess, ReportsAProgramThatCannotBeStarted) {
  ProcessSpec spec;
  spec.argv = {"/nonexistent/pg_basebackup", "-D", "x"};
  auto output = run_process(spec);
  ASSERT_FALSE(output);
  EXPECT_NE(output.error().message.find("cannot run /nonexistent/pg_basebackup"), std::string::npos)
      << output.error().message;
}

TEST(RunProcess, ReportsTheSignalThatKilledTheChild) {
  auto output = run_process(shell("kill -KILL $$"));
  ASSERT_TRUE(output) << output.error().message;
  EXPECT_EQ(output->exit_code, 128 + 9);
}

TEST(DescribeCommand, QuotesArgumentsThatNeedIt) {
  EXPECT_EQ(describe_command({"pg_ctl", "-D", "/data dir", "it's"}), "pg_ctl -D '/data dir' 'it'\\''s'");
}

TEST(RunProcess, RedactsCredentialsInTheOutputAndInTheDeadlineMessage) {
  auto output =
      run_process(shell("echo 'connecting to postgresql://app:s3cretpw@db/app'; "
                        "echo 'conninfo host=db password=s3cretpw' >&2; exit 1"));
  ASSERT_TRUE(output) << output.error().message;
  EXPECT_EQ(output->output, "connecting to postgresql://app:[redacted]@db/app\nconninfo host=db password=[redacted]\n");

  auto late = run_process(shell("echo 'PGPASSWORD=s3cretpw'; sleep 5", 300ms));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().message.find("s3cretpw"), std::string::npos) << late.error().message;
  EXPECT_NE(late.error().message.find("PGPASSWORD=[redacted]"), std::string::npos) << late.error().message;
}

TEST(DescribeCommand, RedactsEachArgument) {
  EXPECT_EQ(describe_command({"psql", "postgresql://app:s3cretpw@db/app", "host=db password=s3cretpw"}),
            "psql postgresql://app:[redacted]@db/app 'host=db password=[redacted]'");
}

TEST(LastLinesOf, JoinsTheLastNonEmptyLinesTrimmed) {
  EXPECT_EQ(last_line_of("first\n  second line \n\n"), "second line");
  EXPECT_EQ(last_lines_of("a\n\n b \nc\n", 2), "b; c");
  EXPECT_EQ(last_lines_of("only\n", 3), "only");
  EXPECT_EQ(last_line_of(""), "");
}

}  // namespace
}  // namespace ckpt::pg
