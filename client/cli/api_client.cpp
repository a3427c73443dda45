#include "cli/api_client.hpp"

#include <boost/json/serialize.hpp>

#include "codec/gate_json.hpp"
#include "codec/restore_plan_json.hpp"
#include "codec/error_json.hpp"
#include "codec/evidence_json.hpp"
#include "codec/model_json.hpp"
#include "codec/strict_json.hpp"

namespace ckpt::cli {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxQuotedBody = 200;

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    }
  }
  return out;
}

// The table's first code for an HTTP status; 500 and unknown statuses are internal.
ErrorCode code_for_status(int status) {
  if (status != 500) {
    for (const auto& spec : proto::error_table()) {
      if (spec.http_status == status) return spec.code;
    }
  }
  return ErrorCode::internal;
}

bool is_success(int status) { return status >= 200 && status < 300; }

// The daemon's error body, or (from a proxy, or a daemon of another kind) a description
// of the raw answer.
ErrorBody error_of(const net::HttpResponse& response) {
  auto decoded = error_from_body(response.body);
  if (decoded) return std::move(decoded).value();
  std::string message = "the daemon answered HTTP " + std::to_string(response.status) + " without an error body";
  if (!response.body.empty()) message += ": " + response.body.substr(0, kMaxQuotedBody);
  return ErrorBody{make_error(code_for_status(response.status), std::move(message)), {}};
}

// The JSON of a successful answer, or the error the answer stands for.
Result<json::value> json_of(Result<net::HttpResponse> response) {
  if (!response) return std::move(response).error();
  if (!is_success(response->status)) return error_of(*response).error;
  auto value = codec::parse_strict_json(response->body, ErrorCode::internal);
  if (!value) return make_error(ErrorCode::internal, "the daemon's answer " + value.error().message);
  return value;
}

Error malformed(const char* what, const Error& error) {
  return make_error(ErrorCode::internal,
                    std::string{"the daemon sent "} + what + " this checkpointctl cannot read (" + error.message +
                        "); is checkpointctl older than checkpointd?");
}

Result<Checkpoint> checkpoint_of(Result<json::value> body) {
  if (!body) return std::move(body).error();
  auto checkpoint = checkpoint_from_json(*body);
  if (!checkpoint) return malformed("a checkpoint", checkpoint.error());
  return checkpoint;
}

// The items of {"<key>":[...]}, each decoded by `decode`.
template <typename T>
Result<std::vector<T>> list_of(Result<json::value> body, const char* key, Result<T> (*decode)(const json::value&)) {
  if (!body) return std::move(body).error();
  const auto* object = body->if_object();
  const auto* items = object == nullptr ? nullptr : object->if_contains(key);
  if (items == nullptr || !items->is_array()) {
    return malformed("a list", make_error(ErrorCode::internal, std::string{"missing array '"} + key + "'"));
  }
  std::vector<T> decoded;
  for (const auto& item : items->get_array()) {
    auto one = decode(item);
    if (!one) return malformed("a list", one.error());
    decoded.push_back(std::move(one).value());
  }
  return decoded;
}

Result<MigrationStarted> migration_started_of(Result<json::value> body) {
  if (!body) return std::move(body).error();
  auto started = migration_started_from_json(*body);
  if (!started) return malformed("a migration start answer", started.error());
  return started;
}

}  // namespace

std::string checkpoint_path(const std::string& id) { return "/v1/checkpoints/" + percent_encode(id); }

ApiClient::ApiClient(Transport transport, std::string bearer_token)
    : transport_(std::move(transport)), bearer_token_(std::move(bearer_token)) {}

Result<net::HttpResponse> ApiClient::send(std::string method, std::string target, const json::object* body) const {
  net::HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  request.headers.emplace_back("Accept", "application/json");
  if (!bearer_token_.empty()) request.headers.emplace_back("Authorization", "Bearer " + bearer_token_);
  if (body != nullptr) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = json::serialize(*body);
  }
  return transport_(std::move(request));
}

Result<BeginOutcome> ApiClient::begin(const BeginRequest& request) const {
  return post_begin("/v1/checkpoints", to_json(request));
}

Result<BeginOutcome> ApiClient::drill(const DrillRequest& request) const {
  return post_begin("/v1/drills", to_json(request));
}

Result<BeginOutcome> ApiClient::post_begin(const std::string& target, const json::object& body) const {
  auto response = send("POST", target, &body);
  if (!response) return std::move(response).error();
  if (response->status == proto::spec_of(ErrorCode::refused).http_status) {
    auto refusal = error_of(*response);
    if (refusal.checkpoint_id.empty()) return std::move(refusal.error);
    auto refused = get(refusal.checkpoint_id);
    if (!refused) return std::move(refusal.error);
    return BeginOutcome{std::move(refused).value(), false};
  }
  const bool existing = response->status == 200;
  auto checkpoint = checkpoint_of(json_of(std::move(response)));
  if (!checkpoint) return std::move(checkpoint).error();
  return BeginOutcome{std::move(checkpoint).value(), existing};
}

Result<Checkpoint> ApiClient::get(const std::string& id) const {
  return checkpoint_of(json_of(send("GET", checkpoint_path(id), nullptr)));
}

Result<std::vector<Checkpoint>> ApiClient::list(const ListFilter& filter) const {
  std::string query;
  if (!filter.cluster.empty()) query += "cluster=" + percent_encode(filter.cluster);
  if (filter.state) query += (query.empty() ? "" : "&") + std::string{"state="} + std::string{to_string(*filter.state)};
  const std::string target = query.empty() ? "/v1/checkpoints" : "/v1/checkpoints?" + query;
  return list_of<Checkpoint>(json_of(send("GET", target, nullptr)), "checkpoints", &checkpoint_from_json);
}

Result<Checkpoint> ApiClient::commit(const std::string& id) const {
  const json::object body;
  return checkpoint_of(json_of(send("POST", checkpoint_path(id) + "/commit", &body)));
}

Result<Checkpoint> ApiClient::fail(const std::string& id, const FailRequest& request) const {
  const auto body = to_json(request);
  return checkpoint_of(json_of(send("POST", checkpoint_path(id) + "/fail", &body)));
}

Result<Checkpoint> ApiClient::promote(const std::string& id, const PromoteRequest& request) const {
  const auto body = to_json(request);
  return checkpoint_of(json_of(send("POST", checkpoint_path(id) + "/promote", &body)));
}

Result<Checkpoint> ApiClient::approve(const std::string& id, const ApproveRequest& request) const {
  const auto body = to_json(request);
  return checkpoint_of(json_of(send("POST", checkpoint_path(id) + "/approve", &body)));
}

Result<GateVerdict> ApiClient::go_no_go(const std::string& cluster, const std::string& migration_id) const {
  const std::string target =
      "/v1/go-no-go?cluster=" + percent_encode(cluster) + "&migration_id=" + percent_encode(migration_id);
  auto answer = json_of(send("GET", target, nullptr));
  if (!answer) return std::move(answer).error();
  return gate_verdict_from_json(*answer);
}

Result<EvidenceAnswer> ApiClient::evidence(const std::string& id) const {
  auto answer = json_of(send("GET", checkpoint_path(id) + "/evidence", nullptr));
  if (!answer) return std::move(answer).error();
  auto decoded = evidence_from_json(*answer);
  if (!decoded) return malformed("an evidence package", decoded.error());
  return EvidenceAnswer{std::move(answer->get_object()), std::move(decoded).value()};
}

Result<Checkpoint> ApiClient::change_flag(const std::string& id, const FlagChangeRequest& request) const {
  const auto body = to_json(request);
  return checkpoint_of(json_of(send("POST", checkpoint_path(id) + "/flag", &body)));
}

Result<Checkpoint> ApiClient::abort(const std::string& id, const AbortRequest& request) const {
  const auto body = to_json(request);
  return checkpoint_of(json_of(send("POST", checkpoint_path(id) + "/abort", &body)));
}

Result<RestorePlan> ApiClient::plan_restore(const std::string& id, bool cutover) const {
  const auto body = to_json(RestoreRequest{.dry_run = true, .cutover = cutover});
  auto answer = json_of(send("POST", checkpoint_path(id) + "/restore", &body));
  if (!answer) return std::move(answer).error();
  return restore_plan_from_json(*answer);
}

Result<Checkpoint> ApiClient::restore(const std::string& id, bool cutover) const {
  const auto body = to_json(RestoreRequest{.dry_run = false, .cutover = cutover});
  return checkpoint_of(json_of(send("POST", checkpoint_path(id) + "/restore", &body)));
}

Result<std::vector<Event>> ApiClient::events(const std::string& id) const {
  return list_of<Event>(json_of(send("GET", checkpoint_path(id) + "/events", nullptr)), "events", &event_from_json);
}

Result<MigrationStarted> ApiClient::start_migration(const std::string& id, const MigrationStartRequest& request) const {
  const auto body = to_json(request);
  return migration_started_of(json_of(send("POST", checkpoint_path(id) + "/migration", &body)));
}

Result<Checkpoint> ApiClient::report_command_result(const std::string& id, const CommandResult& result) const {
  const auto body = to_json(result);
  return checkpoint_of(json_of(send("POST", checkpoint_path(id) + "/migration/result", &body)));
}

}  // namespace ckpt::cli
