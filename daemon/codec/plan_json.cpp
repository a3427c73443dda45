#include "codec/plan_json.hpp"

#include <boost/json/array.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "codec/enum_names.hpp"
#include "codec/field_reader.hpp"
#include "codec/json_writing.hpp"
#include "codec/slo_json.hpp"
#include "core/duration.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using codec::put_if_not_empty;
using codec::strings_to_json;
using codec::FieldReader;
using codec::Presence;

constexpr std::uint64_t kMaxInt = std::numeric_limits<int>::max();
constexpr const char* kRootPath = "plan";

json::object to_json(const SqlStep& step) {
  json::array statements;
  for (const auto& statement : step.statements) statements.emplace_back(to_json(statement));
  return json::object{
      {"file", step.file},         {"sql", step.sql},
      {"sha256", step.sha256},     {"transaction", step.transaction},
      {"reviewed", step.reviewed}, {"statements", std::move(statements)},
  };
}

// A reader that, for a request body, also refuses fields it does not know.
FieldReader reader(const json::object& object, std::string path, ErrorCode code,
                   std::initializer_list<std::string_view> known) {
  FieldReader in{object, std::move(path), code};
  if (code == ErrorCode::bad_request) in.reject_unknown(known);
  return in;
}

// Decoders of the parts; each takes the code the caller asked for.
struct PlanDecoder {
  ErrorCode code;

  Result<ClassifiedStatement> statement(const json::object& object, std::string path) const {
    auto in = reader(object, std::move(path), code,
                     {"text", "line", "column", "command", "needs_own_transaction", "class", "rule", "reason"});
    ClassifiedStatement out;
    out.text = in.required_string("text");
    out.line = static_cast<int>(in.required_unsigned("line", kMaxInt));
    out.column = static_cast<int>(in.required_unsigned("column", kMaxInt));
    out.command = in.required_string("command");
    out.needs_own_transaction = in.required_bool("needs_own_transaction");
    out.verdict.statement_class =
        in.enum_field<StatementClass>("class", Presence::required, &statement_class_from, codec::statement_class_names())
            .value_or(StatementClass::unknown);
    out.verdict.rule = in.required_string("rule");
    out.verdict.reason = in.required_string("reason");
    return in.finish(std::move(out));
  }

  Result<SqlStep> step(const json::object& object, std::string path) const {
    auto in = reader(object, std::move(path), code, {"file", "sql", "sha256", "transaction", "reviewed", "statements"});
    SqlStep out;
    out.file = in.required_string("file");
    out.sql = in.required_string("sql");
    out.sha256 = in.required_string("sha256");
    out.transaction = in.required_bool("transaction");
    out.reviewed = in.required_bool("reviewed");
    out.statements = in.object_items<ClassifiedStatement>(
        "statements", Presence::required,
        [this](const json::object& item, std::string item_path) { return statement(item, std::move(item_path)); });
    return in.finish(std::move(out));
  }

  Result<MigrationPlan> plan(const json::object& object) const {
    auto in = reader(
        object, kRootPath, code,
        {"migration", "cluster", "phase", "rollback_window", "session", "steps", "command", "commit", "break_glass", "slo",
         "flag", "ladder"});
    MigrationPlan out;
    if (const json::object* migration = in.object_field("migration", Presence::required)) {
      auto part = reader(*migration, in.path_of("migration"), code, {"id", "purpose", "expand_migration_id"});
      out.migration_id = part.required_string("id");
      out.purpose = part.optional_string("purpose");
      out.expand_migration_id = part.optional_string("expand_migration_id");
      in.take(part.finish(true));
    }
    out.cluster = in.required_string("cluster");
    out.phase = in.enum_field<MigrationPhase>("phase", Presence::required, &migration_phase_from,
                                              codec::migration_phase_names())
                    .value_or(MigrationPhase::expand);
    if (const json::object* window = in.object_field("rollback_window", Presence::required)) {
      auto part = reader(*window, in.path_of("rollback_window"), code, {"duration", "owner", "approver"});
      out.window.duration = part.required_duration("duration");
      out.window.owner = part.required_string("owner");
      out.window.approver = part.required_string("approver");
      in.take(part.finish(true));
    }
    if (const json::object* session = in.object_field("session", Presence::required)) {
      auto part = reader(*session, in.path_of("session"), code, {"lock_timeout", "statement_timeout"});
      out.session.lock_timeout = part.required_duration("lock_timeout");
      out.session.statement_timeout = part.required_duration("statement_timeout");
      in.take(part.finish(true));
    }
    out.steps = in.object_items<SqlStep>(
        "steps", Presence::required,
        [this](const json::object& item, std::string item_path) { return step(item, std::move(item_path)); });
    out.command = in.string_items("command", Presence::required);
    out.commit = in.enum_field<CommitPolicy>("commit", Presence::required, &commit_policy_from, codec::commit_policy_names())
                     .value_or(CommitPolicy::automatic);
    if (const json::object* glass = in.object_field("break_glass", Presence::optional)) {
      auto part = reader(*glass, in.path_of("break_glass"), code, {"by", "reason"});
      BreakGlass break_glass;
      break_glass.by = part.required_string("by");
      break_glass.reason = part.required_string("reason");
      out.break_glass = in.take(part.finish(std::move(break_glass)));
    }
    if (const json::object* slo = in.object_field("slo", Presence::optional)) {
      out.slo = in.take(slo_from_json(*slo, in.path_of("slo"), code));
    }
    if (const json::object* flag = in.object_field("flag", Presence::optional)) {
      out.flag = in.take(flag_from_json(*flag, in.path_of("flag"), code));
    }
    if (const json::object* ladder = in.object_field("ladder", Presence::optional)) {
      if (auto decoded = in.take(ladder_from_json(*ladder, in.path_of("ladder"), code))) out.ladder = *decoded;
    }
    return in.finish(std::move(out));
  }
};

}  // namespace

json::object to_json(const ClassifiedStatement& statement) {
  return json::object{
      {"text", statement.text},
      {"line", statement.line},
      {"column", statement.column},
      {"command", statement.command},
      {"needs_own_transaction", statement.needs_own_transaction},
      {"class", to_string(statement.verdict.statement_class)},
      {"rule", statement.verdict.rule},
      {"reason", statement.verdict.reason},
  };
}

json::object to_json(const MigrationPlan& plan) {
  json::object migration{{"id", plan.migration_id}};
  put_if_not_empty(migration, "purpose", plan.purpose);
  put_if_not_empty(migration, "expand_migration_id", plan.expand_migration_id);
  json::array steps;
  for (const auto& step : plan.steps) steps.emplace_back(to_json(step));
  json::object out{
      {"migration", std::move(migration)},
      {"cluster", plan.cluster},
      {"phase", to_string(plan.phase)},
      {"rollback_window", json::object{{"duration", format_duration(plan.window.duration)},
                                       {"owner", plan.window.owner},
                                       {"approver", plan.window.approver}}},
      {"session", json::object{{"lock_timeout", format_duration(plan.session.lock_timeout)},
                               {"statement_timeout", format_duration(plan.session.statement_timeout)}}},
      {"steps", std::move(steps)},
      {"command", strings_to_json(plan.command)},
      {"commit", to_string(plan.commit)},
  };
  if (plan.break_glass) {
    out["break_glass"] = json::object{{"by", plan.break_glass->by}, {"reason", plan.break_glass->reason}};
  }
  if (plan.slo) out["slo"] = to_json(*plan.slo);
  if (plan.flag) out["flag"] = to_json(*plan.flag);
  out["ladder"] = to_json(plan.ladder);
  return out;
}

Result<MigrationPlan> plan_from_json(const json::object& json, ErrorCode code) {
  return PlanDecoder{code}.plan(json);
}

Result<MigrationPlan> plan_from_json(const json::value& json, ErrorCode code) {
  if (!json.is_object()) {
    return make_error(code, std::string("field '") + kRootPath + "' must be an object, got " +
                                std::string{codec::json_kind_name(json)});
  }
  return plan_from_json(json.get_object(), code);
}

}  // namespace ckpt
