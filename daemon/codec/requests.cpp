#include "codec/requests.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "codec/enum_names.hpp"
#include "codec/field_reader.hpp"
#include "codec/json_writing.hpp"
#include "codec/model_json.hpp"
#include "codec/plan_json.hpp"
#include "codec/strict_json.hpp"
#include "core/duration.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using codec::put_if_not_empty;
using codec::FieldReader;
using codec::Presence;

enum class EmptyBody { refused, allowed };

constexpr std::uint64_t kMaxExitStatus = 255;
constexpr std::uint64_t kMaxPort = 65535;

Error bad_request(std::string message) { return make_error(ErrorCode::bad_request, std::move(message)); }

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

// The body as a JSON object; an empty (or all-whitespace) body is `{}` when allowed.
Result<json::object> parse_body(std::string_view body, EmptyBody empty) {
  if (is_blank(body)) {
    if (empty == EmptyBody::allowed) return json::object{};
    return bad_request("request body is empty; expected a JSON object");
  }
  auto parsed = codec::parse_strict_json(body, ErrorCode::bad_request);
  if (!parsed) return bad_request("request body " + parsed.error().message);
  if (!parsed->is_object()) return bad_request("request body must be a JSON object");
  return std::move(parsed->get_object());
}

// Code points in UTF-8 `text` (parse_strict_json has already checked it is valid UTF-8).
std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

RollbackWindow read_window(const json::object& object, const std::string& path, FieldReader& outer) {
  FieldReader in{object, path, ErrorCode::bad_request};
  in.reject_unknown({"duration", "owner", "approver"});
  RollbackWindow window;
  window.duration = in.optional_duration("duration").value_or(Millis{0});
  window.owner = in.optional_string("owner");
  window.approver = in.optional_string("approver");
  return outer.take(in.finish(std::move(window))).value_or(RollbackWindow{});
}


}  // namespace

Result<BeginRequest> decode_begin_request(std::string_view body) {
  auto object = parse_body(body, EmptyBody::refused);
  if (!object) return std::move(object).error();
  FieldReader in{*object, "", ErrorCode::bad_request};
  in.reject_unknown({"cluster", "migration_id", "purpose", "phase", "rollback_window", "idempotency_key", "plan"});
  BeginRequest request;
  request.cluster = in.required_string("cluster");
  request.migration_id = in.required_string("migration_id");
  request.purpose = in.optional_string("purpose");
  request.phase = in.enum_field<MigrationPhase>("phase", Presence::optional, &migration_phase_from,
                                                codec::migration_phase_names())
                      .value_or(MigrationPhase::expand);
  if (const json::object* window = in.object_field("rollback_window", Presence::optional)) {
    request.window = read_window(*window, in.path_of("rollback_window"), in);
  }
  request.idempotency_key = in.optional_string("idempotency_key");
  if (const auto length = utf8_length(request.idempotency_key); length > kMaxIdempotencyKeyLength) {
    in.fail_field("idempotency_key", "must be at most " + std::to_string(kMaxIdempotencyKeyLength) +
                                         " characters, got " + std::to_string(length));
  }
  if (const json::object* plan = in.object_field("plan", Presence::optional)) {
    request.plan = in.take(plan_from_json(*plan, ErrorCode::bad_request));
  }
  return in.finish(std::move(request));
}

Result<FailRequest> decode_fail_request(std::string_view body) {
  auto object = parse_body(body, EmptyBody::refused);
  if (!object) return std::move(object).error();
  FieldReader in{*object, "", ErrorCode::bad_request};
  in.reject_unknown({"reason"});
  FailRequest request;
  request.reason = in.required_string("reason");
  if (in.ok() && is_blank(request.reason)) {
    in.fail_field("reason", "must not be empty; say why the migration failed");
  }
  return in.finish(std::move(request));
}

Result<AbortRequest> decode_abort_request(std::string_view body) {
  auto object = parse_body(body, EmptyBody::allowed);
  if (!object) return std::move(object).error();
  FieldReader in{*object, "", ErrorCode::bad_request};
  in.reject_unknown({"reason"});
  AbortRequest request;
  request.reason = in.optional_string("reason");
  return in.finish(std::move(request));
}

Result<RestoreRequest> decode_restore_request(std::string_view body) {
  auto object = parse_body(body, EmptyBody::allowed);
  if (!object) return std::move(object).error();
  FieldReader in{*object, "", ErrorCode::bad_request};
  in.reject_unknown({"dry_run", "cutover"});
  RestoreRequest request;
  request.dry_run = in.optional_bool("dry_run", false);
  request.cutover = in.optional_bool("cutover", false);
  return in.finish(request);
}

Result<CommitRequest> decode_commit_request(std::string_view body) {
  auto object = parse_body(body, EmptyBody::allowed);
  if (!object) return std::move(object).error();
  FieldReader in{*object, "", ErrorCode::bad_request};
  in.reject_unknown({});
  return in.finish(CommitRequest{});
}

json::object to_json(const BeginRequest& request) {
  json::object out{
      {"cluster", request.cluster},
      {"migration_id", request.migration_id},
  };
  put_if_not_empty(out, "purpose", request.purpose);
  out["phase"] = to_string(request.phase);
  json::object window;
  if (request.window.duration != Millis{0}) window["duration"] = format_duration(request.window.duration);
  put_if_not_empty(window, "owner", request.window.owner);
  put_if_not_empty(window, "approver", request.window.approver);
  if (!window.empty()) out["rollback_window"] = std::move(window);
  put_if_not_empty(out, "idempotency_key", request.idempotency_key);
  if (request.plan) out["plan"] = to_json(*request.plan);
  return out;
}

json::object to_json(const FailRequest& request) { return json::object{{"reason", request.reason}}; }

json::object to_json(const PromoteRequest& request) { return json::object{{"by", request.by}}; }

json::object to_json(const ApproveRequest& request) {
  json::object out{{"by", request.by}};
  put_if_not_empty(out, "note", request.note);
  return out;
}

json::object to_json(const FlagChangeRequest& request) {
  json::object out{{"on", request.on}, {"by", request.by}};
  put_if_not_empty(out, "scope", request.scope);
  put_if_not_empty(out, "note", request.note);
  return out;
}

json::object to_json(const AbortRequest& request) {
  json::object out;
  put_if_not_empty(out, "reason", request.reason);
  return out;
}

json::object to_json(const RestoreRequest& request) {
  return json::object{{"dry_run", request.dry_run}, {"cutover", request.cutover}};
}

Result<MigrationStartRequest> decode_migration_start_request(std::string_view body) {
  auto object = parse_body(body, EmptyBody::allowed);
  if (!object) return std::move(object).error();
  FieldReader in{*object, "", ErrorCode::bad_request};
  in.reject_unknown({"command"});
  MigrationStartRequest request;
  request.command = in.string_items("command", Presence::optional);
  if (in.ok() && !request.command.empty() && is_blank(request.command.front())) {
    in.fail_field("command", "must start with the program to run, got an empty string");
  }
  return in.finish(std::move(request));
}

Result<CommandResult> decode_command_result(std::string_view body) {
  auto object = parse_body(body, EmptyBody::refused);
  if (!object) return std::move(object).error();
  FieldReader in{*object, "", ErrorCode::bad_request};
  in.reject_unknown({"exit_code", "signal", "output", "duration_seconds"});
  CommandResult result;
  result.exit_code = static_cast<int>(in.required_unsigned("exit_code", kMaxExitStatus));
  result.signal = in.optional_string("signal");
  result.output = in.optional_string("output");
  if (result.output.size() > kMaxCommandOutputBytes) {
    in.fail_field("output", "must be at most " + std::to_string(kMaxCommandOutputBytes) + " bytes (send its tail), got " +
                                std::to_string(result.output.size()));
  }
  const auto duration = in.optional_number("duration_seconds").value_or(0);
  if (duration < 0) in.fail_field("duration_seconds", "must not be negative");
  result.duration_seconds = duration;
  return in.finish(std::move(result));
}

Result<PromoteRequest> decode_promote_request(std::string_view body) {
  auto object = parse_body(body, EmptyBody::refused);
  if (!object) return std::move(object).error();
  FieldReader in{*object, "", ErrorCode::bad_request};
  in.reject_unknown({"by"});
  PromoteRequest request;
  request.by = in.required_string("by");
  if (in.ok() && is_blank(request.by)) in.fail_field("by", "must name the person who promotes the watch");
  return in.finish(std::move(request));
}

Result<ApproveRequest> decode_approve_request(std::string_view body) {
  auto object = parse_body(body, EmptyBody::refused);
  if (!object) return std::move(object).error();
  FieldReader in{*object, "", ErrorCode::bad_request};
  in.reject_unknown({"by", "note"});
  ApproveRequest request;
  request.by = in.required_string("by");
  request.note = in.optional_string("note");
  if (in.ok() && is_blank(request.by)) in.fail_field("by", "must name the approver");
  return in.finish(std::move(request));
}

Result<DrillRequest> decode_drill_request(std::string_view body) {
  auto object = parse_body(body, EmptyBody::refused);
  if (!object) return std::move(object).error();
  FieldReader in{*object, "", ErrorCode::bad_request};
  in.reject_unknown({"cluster", "keep", "by"});
  DrillRequest request;
  request.cluster = in.required_string("cluster");
  request.keep = in.optional_bool("keep", false);
  request.by = in.required_string("by");
  if (in.ok() && is_blank(request.by)) in.fail_field("by", "must name who asks for the drill");
  return in.finish(std::move(request));
}

Result<FlagChangeRequest> decode_flag_change_request(std::string_view body) {
  auto object = parse_body(body, EmptyBody::refused);
  if (!object) return std::move(object).error();
  FieldReader in{*object, "", ErrorCode::bad_request};
  in.reject_unknown({"on", "scope", "by", "note"});
  FlagChangeRequest request;
  request.on = in.required_bool("on");
  request.scope = in.optional_string("scope");
  request.by = in.required_string("by");
  request.note = in.optional_string("note");
  if (in.ok() && is_blank(request.by)) in.fail_field("by", "must name the person who changes the flag");
  return in.finish(std::move(request));
}

Result<MigrationStarted> migration_started_from_json(const json::value& value) {
  if (!value.is_object()) return make_error(ErrorCode::internal, "the migration start answer must be a JSON object");
  FieldReader in{value.get_object(), "", ErrorCode::internal};
  MigrationStarted started;
  if (const json::value* checkpoint = value.get_object().if_contains("checkpoint")) {
    if (auto decoded = in.take(checkpoint_from_json(*checkpoint))) started.checkpoint = std::move(*decoded);
  } else {
    in.fail_missing("checkpoint");
  }
  if (const json::object* database = in.object_field("database", Presence::required)) {
    FieldReader db{*database, "database", ErrorCode::internal};
    started.database.host = db.optional_string("host");
    started.database.port = static_cast<int>(db.required_unsigned("port", kMaxPort));
    started.database.dbname = db.optional_string("dbname");
    started.database.user = db.optional_string("user");
    if (auto error = db.finish(0); !error) in.fail(std::move(error).error());
  }
  return in.finish(std::move(started));
}

json::object to_json(const MigrationStartRequest& request) {
  json::object out;
  if (!request.command.empty()) out["command"] = codec::strings_to_json(request.command);
  return out;
}

json::object to_json(const CommandResult& result) {
  json::object out{{"exit_code", result.exit_code}};
  put_if_not_empty(out, "signal", result.signal);
  put_if_not_empty(out, "output", result.output);
  out["duration_seconds"] = result.duration_seconds;
  return out;
}

json::object to_json(const MigrationStarted& started) {
  return json::object{
      {"checkpoint", to_json(started.checkpoint)},
      {"database", json::object{{"host", started.database.host},
                                {"port", started.database.port},
                                {"dbname", started.database.dbname},
                                {"user", started.database.user}}},
  };
}

json::object to_json(const DrillRequest& request) {
  json::object out{{"cluster", request.cluster}, {"by", request.by}};
  if (request.keep) out["keep"] = true;
  return out;
}

}  // namespace ckpt
