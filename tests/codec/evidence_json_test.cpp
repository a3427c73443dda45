#include "codec/evidence_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <string>

#include "codec/evidence_seal.hpp"
#include "codec/strict_json.hpp"
#include "support/evidence_samples.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using testing::utc;

EvidencePackage restored_package() {
  return build_evidence(testing::restored_checkpoint(), testing::restored_events(), testing::no_go_verdict(),
                        utc("2026-11-23T09:00:00.000000Z"), "0.1.0");
}

EvidencePackage flagged_off_package() {
  return build_evidence(testing::flagged_off_checkpoint(), testing::plain_events(), std::nullopt,
                        utc("2026-11-23T09:00:00.000000Z"), "");
}

json::value reparsed(const json::object& package) {
  return *codec::parse_strict_json(json::serialize(package), ErrorCode::internal);
}

SealCheck seal_of_text(const std::string& text) {
  const auto parsed = codec::parse_strict_json(text, ErrorCode::bad_request);
  EXPECT_TRUE(parsed) << text;
  const auto check = check_seal(*parsed);
  EXPECT_TRUE(check) << check.error().message;
  return *check;
}

void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

TEST(EvidenceJson, NamesItselfAndEndsWithItsSha256) {
  const json::object out = to_json(restored_package());
  EXPECT_EQ(out.at("kind"), "checkpointd.evidence");
  EXPECT_EQ(out.at("format"), 1);
  EXPECT_EQ(out.at("generated_at"), "2026-11-23T09:00:00.000000Z");
  EXPECT_EQ(out.at("checkpointd_version"), "0.1.0");
  EXPECT_EQ((out.end() - 1)->key(), "sha256");
  EXPECT_EQ(out.at("sha256").as_string().size(), 64U);
  EXPECT_EQ(out.at("sha256").as_string(), evidence_seal(out));
}

TEST(EvidenceJson, WritesEachPartUnderItsDocumentedKey) {
  const json::object out = to_json(restored_package());
  const auto& checkpoint = out.at("checkpoint").as_object();
  EXPECT_EQ(checkpoint.at("id"), "c1a2b3c4");
  EXPECT_EQ(checkpoint.at("state"), "restored");
  EXPECT_EQ(checkpoint.at("backup").at("begin_lsn"), "0/2000028");
  EXPECT_EQ(checkpoint.at("recovery_point").at("target_lsn"), "0/3000148");
  EXPECT_EQ(checkpoint.at("archived_before_ready").at("proven"), true);
  EXPECT_EQ(out.at("migration").at("rollback_window").at("approver"), "bob");
  EXPECT_EQ(out.at("plan").at("steps").at(0).at("statements").at(1).at("rule"), "update_with_where");
  EXPECT_EQ(out.at("execution").at("failure").at("sqlstate"), "23502");
  const auto& restore = out.at("rollback").at("restore").as_object();
  EXPECT_EQ(restore.at("phases").at(1).at("offset_seconds"), 0.85);
  EXPECT_EQ(restore.at("duration_seconds"), 4.912345);
  EXPECT_EQ(restore.at("verified"), true);
  EXPECT_EQ(out.at("go_no_go").at("expand_migration_id"), "2026_11_21_add_phone");
  EXPECT_EQ(out.at("go_no_go").at("go"), false);
  EXPECT_EQ(out.at("go_no_go").at("items").at(1).at("name"), "window_elapsed");
  EXPECT_EQ(out.at("events").as_array().size(), 8U);
  EXPECT_FALSE(out.contains("analysis"));

  const json::object watched = to_json(flagged_off_package());
  EXPECT_FALSE(watched.contains("checkpointd_version"));
  const auto& metric = watched.at("analysis").at("runs").at(0).at("metrics").at(0).as_object();
  EXPECT_EQ(metric.at("name"), "error-rate");
  EXPECT_EQ(metric.at("phase"), "Failed");
  EXPECT_EQ(metric.at("measurements").at(1).at("value"), "[0.31]");
  EXPECT_EQ(watched.at("rollback").at("failure_signal").at("metric"), "error-rate");
  EXPECT_EQ(watched.at("rollback").at("recovery_seconds"), 32.5);
  EXPECT_EQ(watched.at("flag_changes").at(1).at("checks").at(0).at("name"), "error-rate");
}

TEST(EvidenceJson, ReadsBackWhatItWrites) {
  for (const auto& package : {restored_package(), flagged_off_package()}) {
    const json::object written = to_json(package);
    const auto read = evidence_from_json(reparsed(written));
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->sha256, written.at("sha256").as_string());
    EXPECT_EQ(to_json(read->package), written);
  }
}

TEST(EvidenceJson, DecodingNamesTheFirstBadField) {
  json::object written = to_json(restored_package());
  written["rollback"].as_object()["restore"].as_object()["phases"].as_array()[1].as_object().erase("at");
  const auto read = evidence_from_json(written);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::internal);
  EXPECT_EQ(read.error().message, "missing field 'rollback.restore.phases[1].at'");

  EXPECT_EQ(evidence_from_json(json::value(1)).error().message,
            "an evidence package must be a JSON object, got number");
  EXPECT_EQ(evidence_from_json(json::object{{"kind", "other"}}).error().message,
            "field 'kind' must be \"checkpointd.evidence\"");
}

// The canonical form of a fixed package: a change of the package's shape or of the
// canonical form changes this hash, and every package ever verified with it.
TEST(EvidenceJson, TheSha256OfAFixedPackageIsStable) {
  EXPECT_EQ(to_json(restored_package()).at("sha256"),
            "60624c69a5b25c8204d78dd6e54f04587f5fc6ae9f6b33eb8a5760277a2e6151");
}

TEST(EvidenceSeal, AnUneditedPackageIsIntactHoweverItIsIndentedOrOrdered) {
  const json::object written = to_json(restored_package());
  const SealCheck compact = seal_of_text(json::serialize(written));
  EXPECT_TRUE(compact.intact());
  EXPECT_EQ(compact.recorded, written.at("sha256").as_string());

  json::object reordered;
  for (auto it = written.end(); it != written.begin();) {
    --it;
    reordered[it->key()] = it->value();
  }
  std::string spaced = json::serialize(reordered);
  replace_once(spaced, "{", "{\n  ");
  EXPECT_TRUE(seal_of_text(spaced).intact());
}

TEST(EvidenceSeal, AOneCharacterEditBreaksTheSeal) {
  const std::string text = json::serialize(to_json(restored_package()));
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"\"verified\":true", "\"verified\":1   "},
           {"checkpointd-c1a2b3c4", "checkpointd-c1a2b3c5"},
           {"\"go\":false", "\"go\":true"},
           {"4.912345", "4.912346"},
           {"\"23502\"", "\"23503\""},
           {"approver\":\"bob\"", "approver\":\"bib\""},
       }) {
    std::string edited = text;
    replace_once(edited, from, to);
    const auto check = check_seal(*codec::parse_strict_json(edited, ErrorCode::bad_request));
    ASSERT_TRUE(check);
    EXPECT_FALSE(check->intact()) << from << " -> " << to;
    EXPECT_NE(check->computed, check->recorded);
  }
}

TEST(EvidenceSeal, SomethingElseIsNotAPackage) {
  for (const auto& text : {R"([1, 2])", R"({"sha256": "ab"})", R"({"kind": "checkpointd.evidence"})",
                           R"({"kind": "checkpointd.evidence", "sha256": 5})"}) {
    const auto check = check_seal(*codec::parse_strict_json(text, ErrorCode::bad_request));
    ASSERT_FALSE(check) << text;
    EXPECT_EQ(check.error().code, ErrorCode::bad_request);
  }
  EXPECT_EQ(check_seal(json::object{}).error().message,
            "is not an evidence package: it has no \"kind\": \"checkpointd.evidence\"");
  EXPECT_EQ(check_seal(json::object{{"kind", "checkpointd.evidence"}}).error().message,
            "is not a sealed evidence package: it has no \"sha256\" string");
}

}  // namespace
}  // namespace ckpt
