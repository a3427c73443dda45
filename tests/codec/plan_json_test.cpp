// The migration plan as JSON: decoding is the exact inverse of encoding (statements
// included), and a request body with an unknown field, a wrong type or a missing field
// is rejected naming the field's full path under 'plan'.
#include "codec/plan_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <functional>
#include <string>

namespace ckpt {
namespace {

namespace json = boost::json;

MigrationPlan full_plan() {
  MigrationPlan plan;
  plan.migration_id = "2026_12_05_drop_legacy_phone";
  plan.purpose = "drop users.legacy_phone — replaced by users.phone";
  plan.cluster = "app";
  plan.phase = MigrationPhase::contract;
  plan.expand_migration_id = "2026_11_21_add_phone";
  plan.window = RollbackWindow{std::chrono::hours{24} + std::chrono::minutes{30}, "alice", "bob"};
  plan.session = SessionSettings{std::chrono::milliseconds{2500}, std::chrono::minutes{20}};
  SqlStep first;
  first.file = "migrations/001_drop.sql";
  first.sql = "ALTER TABLE users DROP COLUMN legacy_phone;\nDO $$ BEGIN PERFORM 1; END $$;\n";
  first.sha256 = std::string(64, 'a');
  first.transaction = true;
  first.reviewed = true;
  ClassifiedStatement drop;
  drop.text = "ALTER TABLE users DROP COLUMN legacy_phone";
  drop.line = 1;
  drop.column = 1;
  drop.command = "ALTER TABLE";
  drop.verdict = StatementVerdict{StatementClass::destructive, "drop_column", "the column and its data are gone"};
  ClassifiedStatement block;
  block.text = "DO $$ BEGIN PERFORM 1; END $$";
  block.line = 2;
  block.column = 3;
  block.command = "DO";
  block.verdict = StatementVerdict{StatementClass::unknown, "do_block", "the parser cannot see into it"};
  first.statements = {drop, block};
  SqlStep second;
  second.file = "migrations/002_index.sql";
  second.sql = "CREATE INDEX CONCURRENTLY i ON users (phone);";
  second.sha256 = std::string(64, 'b');
  second.transaction = false;
  ClassifiedStatement index;
  index.text = "CREATE INDEX CONCURRENTLY i ON users (phone)";
  index.line = 1;
  index.column = 1;
  index.command = "CREATE INDEX";
  index.needs_own_transaction = true;
  index.verdict = StatementVerdict{StatementClass::lock_risky, "some_rule", "a reason"};
  second.statements = {index};
  plan.steps = {first, second};
  plan.commit = CommitPolicy::manual;
  plan.break_glass = BreakGlass{"carol", "incident 4711, approved in the change board"};
  return plan;
}

void expect_same_statement(const ClassifiedStatement& a, const ClassifiedStatement& b) {
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.line, b.line);
  EXPECT_EQ(a.column, b.column);
  EXPECT_EQ(a.command, b.command);
  EXPECT_EQ(a.needs_own_transaction, b.needs_own_transaction);
  EXPECT_EQ(a.verdict.statement_class, b.verdict.statement_class);
  EXPECT_EQ(a.verdict.rule, b.verdict.rule);
  EXPECT_EQ(a.verdict.reason, b.verdict.reason);
}

void expect_same_plan(const MigrationPlan& a, const MigrationPlan& b) {
  EXPECT_EQ(a.migration_id, b.migration_id);
  EXPECT_EQ(a.purpose, b.purpose);
  EXPECT_EQ(a.cluster, b.cluster);
  EXPECT_EQ(a.phase, b.phase);
  EXPECT_EQ(a.expand_migration_id, b.expand_migration_id);
  EXPECT_EQ(a.window.duration, b.window.duration);
  EXPECT_EQ(a.window.owner, b.window.owner);
  EXPECT_EQ(a.window.approver, b.window.approver);
  EXPECT_EQ(a.session.lock_timeout, b.session.lock_timeout);
  EXPECT_EQ(a.session.statement_timeout, b.session.statement_timeout);
  ASSERT_EQ(a.steps.size(), b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    SCOPED_TRACE("step " + std::to_string(i));
    EXPECT_EQ(a.steps[i].file, b.steps[i].file);
    EXPECT_EQ(a.steps[i].sql, b.steps[i].sql);
    EXPECT_EQ(a.steps[i].sha256, b.steps[i].sha256);
    EXPECT_EQ(a.steps[i].transaction, b.steps[i].transaction);
    EXPECT_EQ(a.steps[i].reviewed, b.steps[i].reviewed);
    ASSERT_EQ(a.steps[i].statements.size(), b.steps[i].statements.size());
    for (std::size_t j = 0; j < a.steps[i].statements.size(); ++j) {
      expect_same_statement(a.steps[i].statements[j], b.steps[i].statements[j]);
    }
  }
  EXPECT_EQ(a.command, b.command);
  EXPECT_EQ(a.commit, b.commit);
  ASSERT_EQ(a.break_glass.has_value(), b.break_glass.has_value());
  if (a.break_glass) {
    EXPECT_EQ(a.break_glass->by, b.break_glass->by);
    EXPECT_EQ(a.break_glass->reason, b.break_glass->reason);
  }
}

// Encodes, serializes and parses back (as a request body would travel), then decodes.
Result<MigrationPlan> round_trip(const MigrationPlan& plan, ErrorCode code) {
  const json::value parsed = json::parse(json::serialize(to_json(plan)));
  return plan_from_json(parsed, code);
}

std::string error_of(std::string_view text, ErrorCode code = ErrorCode::bad_request) {
  const auto result = plan_from_json(json::parse(text), code);
  if (result.ok()) return "<decoded>";
  EXPECT_EQ(result.error().code, code);
  return result.error().message;
}

// The full plan's JSON with `change` applied, as text.
std::string changed(const std::function<void(json::object&)>& change) {
  json::object object = to_json(full_plan());
  change(object);
  return json::serialize(object);
}

TEST(PlanJson, RoundTripsEveryField) {
  for (const ErrorCode code : {ErrorCode::bad_request, ErrorCode::internal}) {
    const auto decoded = round_trip(full_plan(), code);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    expect_same_plan(*decoded, full_plan());
  }
}

TEST(PlanJson, RoundTripsAMinimalCommandPlan) {
  MigrationPlan plan;
  plan.migration_id = "m";
  plan.cluster = "app";
  plan.command = {"flyway", "migrate", "-url=jdbc:postgresql://db/app"};
  const auto decoded = round_trip(plan, ErrorCode::bad_request);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  expect_same_plan(*decoded, plan);
}

TEST(PlanJson, EncodesDurationsAsTextAndOmitsEmptyOptionalParts) {
  MigrationPlan plan;
  plan.migration_id = "m";
  plan.cluster = "app";
  const json::object out = to_json(plan);
  EXPECT_EQ(out.at("migration"), (json::object{{"id", "m"}}));
  EXPECT_EQ(out.at("session"), (json::object{{"lock_timeout", "5s"}, {"statement_timeout", "15m"}}));
  EXPECT_EQ(out.at("rollback_window"), (json::object{{"duration", "0s"}, {"owner", ""}, {"approver", ""}}));
  EXPECT_EQ(out.at("commit"), "automatic");
  EXPECT_EQ(out.at("phase"), "expand");
  EXPECT_FALSE(out.contains("break_glass"));
}

TEST(PlanJson, EncodesAStatementWithItsVerdict) {
  const json::object out = to_json(full_plan().steps[1].statements[0]);
  EXPECT_EQ(out, (json::object{{"text", "CREATE INDEX CONCURRENTLY i ON users (phone)"},
                               {"line", 1},
                               {"column", 1},
                               {"command", "CREATE INDEX"},
                               {"needs_own_transaction", true},
                               {"class", "lock_risky"},
                               {"rule", "some_rule"},
                               {"reason", "a reason"}}));
}

TEST(PlanJson, UnknownFieldsAreRejectedInARequestAndIgnoredInStoredData) {
  const std::string text = changed([](json::object& plan) {
    plan["steps"].as_array()[1].as_object()["statements"].as_array()[0].as_object()["severity"] = "high";
  });
  EXPECT_EQ(error_of(text), "unknown field 'plan.steps[1].statements[0].severity' in request body");
  EXPECT_EQ(error_of(text, ErrorCode::internal), "<decoded>");
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan["analysis"] = json::object{}; })),
            "unknown field 'plan.analysis' in request body");
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan["rollback_window"].as_object()["ownr"] = "x"; })),
            "unknown field 'plan.rollback_window.ownr' in request body");
}

TEST(PlanJson, WrongTypesNameTheFieldsPath) {
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan["steps"].as_array()[1].as_object()["sql"] = 7; })),
            "field 'plan.steps[1].sql' must be a string, got number");
  EXPECT_EQ(
      error_of(changed([](json::object& plan) { plan["steps"].as_array()[0].as_object()["transaction"] = "no"; })),
      "field 'plan.steps[0].transaction' must be a boolean, got string");
  EXPECT_EQ(error_of(changed([](json::object& plan) {
              plan["command"] = json::array{"flyway", 1};
            })),
            "field 'plan.command[1]' must be a string, got number");
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan["session"].as_object()["lock_timeout"] = "soon"; })),
            "field 'plan.session.lock_timeout' must be a duration such as 24h or 90m, got 'soon'");
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan["phase"] = "shrink"; })),
            "field 'plan.phase' must be one of: expand, contract");
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan["commit"] = "later"; })),
            "field 'plan.commit' must be one of: automatic, manual");
  EXPECT_EQ(error_of(changed([](json::object& plan) {
              plan["steps"].as_array()[0].as_object()["statements"].as_array()[1].as_object()["class"] = "harmless";
            })),
            "field 'plan.steps[0].statements[1].class' must be one of: additive, lock_risky, unknown, destructive");
  EXPECT_EQ(error_of(changed([](json::object& plan) {
              plan["steps"].as_array()[0].as_object()["statements"].as_array()[0].as_object()["line"] = -1;
            })),
            "field 'plan.steps[0].statements[0].line' must be an integer from 0 to 2147483647");
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan["steps"].as_array()[0] = "a.sql"; })),
            "field 'plan.steps[0]' must be an object, got string");
  EXPECT_EQ(error_of("[]"), "field 'plan' must be an object, got array");
}

TEST(PlanJson, MissingRequiredFieldsAreNamed) {
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan.erase("cluster"); })), "missing field 'plan.cluster'");
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan["migration"].as_object().erase("id"); })),
            "missing field 'plan.migration.id'");
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan["steps"].as_array()[1].as_object().erase("sha256"); })),
            "missing field 'plan.steps[1].sha256'");
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan["break_glass"].as_object().erase("reason"); })),
            "missing field 'plan.break_glass.reason'");
  EXPECT_EQ(error_of(changed([](json::object& plan) { plan.erase("session"); })), "missing field 'plan.session'");
}

}  // namespace
}  // namespace ckpt
