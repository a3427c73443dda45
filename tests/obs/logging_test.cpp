// Log lines as an operator or a log pipeline sees them on stderr: text lines with the
// context in front of the message, JSON lines that parse, with escaped messages and the
// context as separate fields; named component loggers with the configured level.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <boost/json/parse.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "obs/logging.hpp"

namespace ckpt::obs {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// Runs `write` with stderr captured and logging set to `format` at level debug.
template <typename Write>
std::string captured(const std::string& format, Write write) {
  setup_logging(config::Logging{"debug", format});
  ::testing::internal::CaptureStderr();
  write();
  return ::testing::internal::GetCapturedStderr();
}

TEST(Logging, ComponentLoggersAreNamedAndShared) {
  const auto api = logger("api");
  EXPECT_EQ(api->name(), "api");
  EXPECT_EQ(logger("api"), api);
  EXPECT_NE(logger("engine.local"), api);
  EXPECT_EQ(logger("engine.local")->name(), "engine.local");
}

TEST(Logging, TextLineHasUtcTimeLevelLoggerContextAndMessage) {
  const std::string out = captured("text", [] {
    ContextLogger(logger("service"), {{"checkpoint", "ab12cd34"}, {"cluster", "app"}}).info("backup {} of {}", 1, 2);
  });
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 1U) << out;
  const std::regex expected(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z info \[service\] checkpoint=ab12cd34 cluster=app backup 1 of 2)");
  EXPECT_TRUE(std::regex_match(lines[0], expected)) << lines[0];
}

TEST(Logging, TextLineQuotesFieldValuesThatWouldBeAmbiguous) {
  const std::string out = captured("text", [] {
    ContextLogger(logger("service"), {{"purpose", "add index"}, {"owner", ""}}).warn("slow");
  });
  EXPECT_THAT(out, HasSubstr(R"(warning [service] purpose="add index" owner="" slow)")) << out;
}

TEST(Logging, PlainLoggerLinesHaveNoContext) {
  const std::string out = captured("text", [] { logger("http")->error("listen failed: {}", "address in use"); });
  EXPECT_THAT(out, HasSubstr(" error [http] listen failed: address in use\n")) << out;
}

TEST(Logging, JsonLineParsesAndCarriesContextFields) {
  const std::string out = captured("json", [] {
    ContextLogger(logger("api"), {{"checkpoint", "ab12cd34"}}).with("cluster", "app").info("ready after {}s", 3.5);
  });
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 1U) << out;
  const auto line = boost::json::parse(lines[0]).as_object();
  EXPECT_EQ(line.at("level").as_string(), "info");
  EXPECT_EQ(line.at("logger").as_string(), "api");
  EXPECT_EQ(line.at("msg").as_string(), "ready after 3.5s");
  EXPECT_EQ(line.at("checkpoint").as_string(), "ab12cd34");
  EXPECT_EQ(line.at("cluster").as_string(), "app");
  EXPECT_TRUE(std::regex_match(std::string(line.at("ts").as_string()),
                               std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)")))
      << line.at("ts");
  EXPECT_EQ(line.size(), 6U);
}

TEST(Logging, JsonLineEscapesQuotesNewlinesAndControlCharacters) {
  const std::string message = "statement \"DROP TABLE t\" failed:\nERROR:  lock timeout\t\x01 \\ done";
  const std::string out = captured("json", [&] {
    ContextLogger(logger("engine.local"), {{"sql", "SELECT \"a\"\n"}}).error("{}", message);
  });
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 1U) << "a newline in a message must not split the JSON line:\n" << out;
  const auto line = boost::json::parse(lines[0]).as_object();
  EXPECT_EQ(line.at("msg").as_string(), message);
  EXPECT_EQ(line.at("sql").as_string(), "SELECT \"a\"\n");
  EXPECT_EQ(line.at("level").as_string(), "error");
}

TEST(Logging, JsonContextFieldsDoNotReplaceTheLineFields) {
  const std::string out = captured("json", [] { ContextLogger(logger("api"), {{"msg", "spoofed"}}).info("real"); });
  const auto line = boost::json::parse(lines_of(out).at(0)).as_object();
  EXPECT_EQ(line.at("msg").as_string(), "real");
}

TEST(Logging, LevelFiltersLinesAndAppliesToExistingLoggers) {
  const auto store = logger("store");
  setup_logging(config::Logging{"warn", "text"});
  ::testing::internal::CaptureStderr();
  ContextLogger context(store, {{"cluster", "app"}});
  context.info("hidden {}", 1);
  context.debug("hidden too");
  context.warn("shown");
  const std::string out = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(out, Not(HasSubstr("hidden")));
  EXPECT_THAT(out, HasSubstr("warning [store] cluster=app shown"));
  EXPECT_EQ(store->level(), spdlog::level::warn);
  EXPECT_EQ(logger("created-later")->level(), spdlog::level::warn);
}

TEST(ContextLogger, WithAddsOrReplacesAFieldAndLeavesTheOriginal) {
  const ContextLogger base(logger("api"), {{"cluster", "app"}});
  const ContextLogger more = base.with("checkpoint", "ab12cd34");
  const ContextLogger replaced = more.with("cluster", "billing");
  EXPECT_EQ(base.fields(), (LogFields{{"cluster", "app"}}));
  EXPECT_EQ(more.fields(), (LogFields{{"cluster", "app"}, {"checkpoint", "ab12cd34"}}));
  EXPECT_EQ(replaced.fields(), (LogFields{{"cluster", "billing"}, {"checkpoint", "ab12cd34"}}));
}

}  // namespace
}  // namespace ckpt::obs
