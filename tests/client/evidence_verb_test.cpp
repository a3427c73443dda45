// checkpointctl evidence ID [-o md|json|yaml] and evidence verify FILE.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "client/temp_directory.hpp"
#include "client/verb_fixture.hpp"
#include "codec/evidence_json.hpp"
#include "support/evidence_samples.hpp"

namespace ckpt::cli {
namespace {

namespace samples = ckpt::testing;
using testing::TempDirectory;

constexpr const char* kEvidencePath = "/v1/checkpoints/c1a2b3c4/evidence";

boost::json::object sealed_package() {
  return to_json(build_evidence(samples::restored_checkpoint(), samples::restored_events(), samples::no_go_verdict(),
                                samples::utc("2026-11-23T09:00:00.000000Z"), "0.1.0"));
}

class EvidenceVerb : public testing::VerbFixture {
 protected:
  void SetUp() override { daemon.answer("GET", kEvidencePath, {testing::json_response(200, sealed_package())}); }

  // Saves what `evidence -o json` prints, then runs `evidence verify` on it.
  std::string saved_json() {
    EXPECT_EQ(run({"evidence", "c1a2b3c4", "-o", "json"}), 0) << err.str();
    const std::string text = out.str();
    out.str("");
    return text;
  }

  TempDirectory directory;
};

TEST_F(EvidenceVerb, PrintsMarkdownForPeopleByDefault) {
  EXPECT_EQ(run({"evidence", "c1a2b3c4"}), 0) << err.str();
  EXPECT_EQ(out.str().rfind("# Evidence: `2026_11_21_add_phone` (expand), checkpoint `c1a2b3c4`", 0), 0U) << out.str();
  EXPECT_NE(out.str().find("sha256 `" + std::string{sealed_package().at("sha256").as_string()} + "`"),
            std::string::npos);
  EXPECT_EQ(daemon.requests().at(0).method, "GET");
  EXPECT_EQ(daemon.requests().at(0).target, kEvidencePath);

  const std::string markdown = out.str();
  out.str("");
  EXPECT_EQ(run({"evidence", "c1a2b3c4", "-o", "md"}), 0);
  EXPECT_EQ(out.str(), markdown);
}

TEST_F(EvidenceVerb, PrintsTheSealedPackageAsTheDaemonWroteIt) {
  const auto printed = boost::json::parse(saved_json());
  EXPECT_EQ(printed, sealed_package());

  EXPECT_EQ(run({"evidence", "c1a2b3c4", "-o", "yaml"}), 0);
  EXPECT_EQ(out.str().rfind("kind: checkpointd.evidence\n", 0), 0U) << out.str();
}

TEST_F(EvidenceVerb, AnUnknownCheckpointIsNotFound) {
  daemon.answer("GET", "/v1/checkpoints/c0000000/evidence",
                {testing::error_response(make_error(ErrorCode::not_found, "checkpoint 'c0000000' not found"))});
  EXPECT_EQ(run({"evidence", "c0000000"}), 5);
  EXPECT_EQ(err.str(), "checkpointctl: checkpoint 'c0000000' not found\n");
}

TEST_F(EvidenceVerb, VerifyAcceptsTheSavedPackage) {
  const std::string file = directory.write("evidence.json", saved_json());
  EXPECT_EQ(run({"evidence", "verify", file}), 0) << err.str();
  EXPECT_EQ(out.str(), "verified: sha256 " + std::string{sealed_package().at("sha256").as_string()} +
                           " (checkpoint c1a2b3c4, generated 2026-11-23T09:00:00.000000Z)\n");
  EXPECT_TRUE(daemon.requests().size() == 1U) << "verify asks the daemon nothing";
}

TEST_F(EvidenceVerb, VerifySaysAnEditedPackageWasEditedAndExitsFour) {
  std::string text = saved_json();
  const auto at = text.find("\"approver\": \"bob\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 17, "\"approver\": \"bot\"");
  const std::string file = directory.write("edited.json", text);
  EXPECT_EQ(run({"evidence", "verify", file}), 4);
  EXPECT_EQ(out.str(), "");
  EXPECT_NE(err.str().find("checkpointctl: " + file + " was edited after checkpointd wrote it: it records sha256 " +
                           std::string{sealed_package().at("sha256").as_string()} + " but its content hashes to "),
            std::string::npos)
      << err.str();
}

TEST_F(EvidenceVerb, VerifyRefusesWhatIsNotAPackageWithExitTwo) {
  const std::string other = directory.write("other.json", R"({"id": "c1a2b3c4"})");
  EXPECT_EQ(run({"evidence", "verify", other}), 2);
  EXPECT_EQ(err.str(),
            "checkpointctl: " + other + " is not an evidence package: it has no \"kind\": \"checkpointd.evidence\"\n");

  err.str("");
  const std::string text = directory.write("notes.md", "# Evidence\n");
  EXPECT_EQ(run({"evidence", "verify", text}), 2);
  EXPECT_NE(err.str().find(text + " is not valid JSON"), std::string::npos) << err.str();

  err.str("");
  EXPECT_EQ(run({"evidence", "verify", (directory.path() / "missing.json").string()}), 2);
  EXPECT_NE(err.str().find("cannot read"), std::string::npos) << err.str();
}

Result<ParsedCommandLine> parsed(const std::vector<std::string>& args) {
  return parse_command_line(args, [](const std::string&) { return std::nullopt; });
}

TEST(EvidenceCommandLine, EvidenceTakesAnIdAndVerifyAFile) {
  const auto evidence = parsed({"evidence", "c1a2b3c4", "-o", "md"});
  ASSERT_TRUE(evidence);
  EXPECT_EQ(std::get<Command>(*evidence).verb, Verb::evidence);
  EXPECT_EQ(std::get<Command>(*evidence).checkpoint_id, "c1a2b3c4");
  EXPECT_EQ(std::get<Command>(*evidence).output, OutputFormat::markdown);

  const auto verify = parsed({"evidence", "verify", "pkg.json", "--addr", "https://h:1"});
  ASSERT_TRUE(verify) << verify.error().message;
  EXPECT_EQ(std::get<Command>(*verify).verb, Verb::evidence_verify);
  EXPECT_EQ(std::get<Command>(*verify).evidence_file, "pkg.json");
  EXPECT_FALSE(needs_daemon(std::get<Command>(*verify)));

  EXPECT_EQ(parsed({"evidence", "verify"}).error().message,
            "evidence verify needs a package FILE (see 'checkpointctl evidence verify --help')");
  EXPECT_EQ(parsed({"status", "c1a2b3c4", "-o", "md"}).error().message,
            "-o md: only evidence writes Markdown; use table, json, yaml or name (see 'checkpointctl status --help')");
}

}  // namespace
}  // namespace ckpt::cli
