#include "kubeapi/server/resource_endpoint.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

#include "kubeapi/server/admission.hpp"
#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/field_error.hpp"
#include "kubeapi/server/json_fields.hpp"
#include "kubeapi/server/media_type.hpp"
#include "kubeapi/server/protobuf_body.hpp"
#include "kubeapi/server/responses.hpp"
#include "kubeapi/server/table.hpp"

namespace ckpt::kubeapi {
namespace {

using boost::json::object;

// timeoutSeconds beyond this are cut to it (a week; the API server uses minutes).
constexpr std::chrono::seconds kLongestWatch{7 * 24 * 3600};

// Everything about one request that the handlers below share.
struct Call {
  ResourceStore& store;
  const ResourceTarget& target;
  const ResourceType& type;
  const net::HttpRequest& request;
  const EndpointOptions& options;

  std::string param(std::string_view name) const { return request.query_param(name).value_or(""); }

  object details() const {
    object details{{"group", type.group}, {"kind", type.plural}};
    if (!target.name.empty()) details["name"] = target.name;
    return details;
  }
  net::HttpResponse fail(const Error& error) const { return status_response(error, details_of(error)); }
  // An Invalid error's details name the object and give the causes, which kubectl prints.
  object details_of(const Error& error) const {
    const auto invalid =
        error.reason == reason::kInvalid ? parse_invalid_message(type.group_kind(), error.message) : std::nullopt;
    if (!invalid) return details();
    boost::json::array causes;
    for (const auto& field : invalid->errors) {
      causes.push_back(object{{"reason", cause_reason(field)}, {"message", field.message}, {"field", field.path}});
    }
    return {{"name", invalid->name}, {"group", type.group}, {"kind", type.kind}, {"causes", std::move(causes)}};
  }
  ObjectRef ref() const { return {type.qualified_name(), target.namespace_name, target.name}; }
};

net::HttpResponse not_found_path() {
  return status_response(api_error(reason::kNotFound, "the server could not find the requested resource"));
}

net::HttpResponse method_not_allowed() {
  return status_response(api_error(reason::kMethodNotAllowed,
                                   "the server does not allow this method on the requested resource"));
}

std::optional<std::uint64_t> parse_number(std::string_view text) {
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool truthy(std::string_view text) { return text == "1" || text == "true" || text == "True"; }

Result<ListFilter> filter_of(const Call& call) {
  auto labels = LabelSelector::parse(call.param("labelSelector"));
  if (!labels) return std::move(labels).error();
  auto fields = FieldSelector::parse(call.param("fieldSelector"));
  if (!fields) return std::move(fields).error();
  return ListFilter{std::move(*labels), std::move(*fields)};
}

Result<TableObjects> table_objects(const Call& call) {
  const std::string include = call.param("includeObject");
  if (include.empty() || include == "Metadata") return TableObjects::metadata;
  if (include == "Object") return TableObjects::object;
  if (include == "None") return TableObjects::none;
  return api_error(reason::kBadRequest, "includeObject: Unsupported value: \"" + include +
                                            "\": supported values: \"None\", \"Metadata\", \"Object\"");
}

Result<object> parse_body(const Call& call) {
  boost::system::error_code error;
  auto parsed = boost::json::parse(call.request.body, error);
  if (error)
    return api_error(reason::kBadRequest, "error decoding the request body as JSON: " + error.message());
  if (!parsed.is_object()) return api_error(reason::kBadRequest, "the request body must be a JSON object");
  return std::move(parsed.get_object());
}

// A create or update body: JSON, or protobuf for the kinds protobuf_body.hpp reads. The
// API server also reads YAML; this one answers 415 to it, as the API server does to a
// media type it cannot read.
Result<object> parse_object_body(const Call& call) {
  const std::string content_type = call.request.header("Content-Type");
  if (content_type.empty() || content_type.starts_with("application/json")) return parse_body(call);
  if (content_type.starts_with(kProtobufMediaType)) return object_from_protobuf(call.request.body);
  return api_error(reason::kUnsupportedMediaType,
                   "the body of the request was in an unknown format - accepted media types include: "
                   "application/json, " +
                       std::string(kProtobufMediaType));
}

// The body must be this endpoint's kind; its namespace, when given, the URL's.
Result<void> check_body_matches_target(const Call& call, object& body) {
  const std::string kind = string_field(body, "kind");
  const std::string api_version = string_field(body, "apiVersion");
  if (kind.empty()) return api_error(reason::kBadRequest, "Object 'Kind' is missing in the request body");
  if (api_version != call.type.api_version()) {
    return api_error(reason::kBadRequest, "the API version in the data (" + api_version +
                                              ") does not match the expected API version (" +
                                              call.type.api_version() + ")");
  }
  if (kind != call.type.kind) {
    return api_error(reason::kBadRequest, "the kind in the data (" + kind +
                                              ") does not match the expected kind (" + call.type.kind + ")");
  }
  auto& metadata = body["metadata"];
  if (metadata.is_null()) metadata = object{};
  if (!metadata.is_object() || !call.type.namespaced) return {};
  const std::string sent = string_field(metadata.get_object(), "namespace");
  if (sent.empty()) {
    metadata.get_object()["namespace"] = call.target.namespace_name;
  } else if (sent != call.target.namespace_name) {
    return api_error(reason::kBadRequest,
                     "the namespace of the provided object does not match the namespace sent on the request");
  }
  return {};
}

// ?fieldValidation=, or the server's default.
Result<FieldValidation> field_validation_of(const Call& call) {
  const std::string mode = call.param("fieldValidation");
  if (mode.empty()) return call.options.default_field_validation;
  if (mode == "Strict") return FieldValidation::strict;
  if (mode == "Warn") return FieldValidation::warn;
  if (mode == "Ignore") return FieldValidation::ignore;
  return api_error(reason::kBadRequest, "fieldValidation: Unsupported value: \"" + mode +
                                            "\": supported values: \"Ignore\", \"Warn\", \"Strict\"");
}

// Applies ?fieldValidation=: prunes unknown fields for Warn and Ignore (Warn also reports
// them as Warning headers); Strict leaves them for the store to reject.
Result<std::vector<std::string>> apply_field_validation(const Call& call, object& body) {
  auto validation = field_validation_of(call);
  if (!validation) return std::move(validation).error();
  std::vector<std::string> warnings;
  if (*validation == FieldValidation::strict) return warnings;
  if (*validation == FieldValidation::warn) {
    for (const auto& path : undeclared_fields(call.type, body))
      warnings.push_back("unknown field \"" + path + "\"");
  }
  prune_undeclared_fields(call.type, body);
  return warnings;
}

// The stored object, with one "Warning: 299 - \"...\"" header per warning.
net::HttpResponse respond_with(const Call& call, int status, Result<object> outcome,
                               const std::vector<std::string>& warnings = {}) {
  if (!outcome) return call.fail(outcome.error());
  net::HttpResponse response = json_response(status, *outcome);
  for (const auto& warning : warnings) {
    std::string escaped;
    for (char c : warning) escaped += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    response.headers.emplace_back("Warning", "299 - \"" + escaped + "\"");
  }
  return response;
}

EndpointResult get_object(const Call& call, Representation representation) {
  auto stored = call.store.get(call.ref());
  if (!stored) return call.fail(stored.error());
  if (representation == Representation::object) return json_response(200, *stored);
  auto include = table_objects(call);
  if (!include) return call.fail(include.error());
  TableOptions options;
  options.include = *include;
  return json_response(
      200, render_table(call.type, {*stored}, metadata_field(*stored, "resourceVersion"), options));
}

EndpointResult list_objects(const Call& call, Representation representation) {
  auto filter = filter_of(call);
  if (!filter) return call.fail(filter.error());
  auto listed = call.store.list(call.type.qualified_name(), call.target.namespace_name, *filter);
  if (!listed) return call.fail(listed.error());
  const std::string version = std::to_string(listed->resource_version);
  if (representation == Representation::table) {
    auto include = table_objects(call);
    if (!include) return call.fail(include.error());
    TableOptions options;
    options.include = *include;
    return json_response(200, render_table(call.type, listed->items, version, options));
  }
  boost::json::array items;
  for (auto& item : listed->items) items.push_back(std::move(item));
  return json_response(200, object{{"apiVersion", call.type.api_version()},
                                   {"kind", call.type.list_kind},
                                   {"metadata", {{"resourceVersion", version}}},
                                   {"items", std::move(items)}});
}

EndpointResult start_watch(const Call& call, Representation representation) {
  auto filter = filter_of(call);
  if (!filter) return call.fail(filter.error());
  WatchRequest watch;
  watch.type = &call.type;
  watch.namespace_name = call.target.namespace_name;
  watch.filter = std::move(*filter);
  watch.bookmarks = truthy(call.param("allowWatchBookmarks"));
  watch.timeout = call.options.default_watch_timeout;
  if (const std::string timeout = call.param("timeoutSeconds"); !timeout.empty()) {
    const auto seconds = parse_number(timeout);
    if (!seconds)
      return call.fail(api_error(reason::kBadRequest, "timeoutSeconds: invalid value \"" + timeout + "\""));
    const auto longest = static_cast<std::uint64_t>(kLongestWatch.count());
    watch.timeout = std::chrono::seconds(static_cast<std::int64_t>(std::min(*seconds, longest)));
  }
  if (representation == Representation::table) {
    auto include = table_objects(call);
    if (!include) return call.fail(include.error());
    watch.table = *include;
  }
  std::optional<std::uint64_t> after;
  if (const std::string version = call.param("resourceVersion"); !version.empty()) {
    after = parse_number(version);
    if (!after)
      return call.fail(api_error(reason::kBadRequest, "resourceVersion: invalid value \"" + version + "\""));
  }
  auto start = call.store.start_watch(call.type, call.target.namespace_name, watch.filter, after);
  if (!start) return call.fail(start.error());
  watch.start = std::move(*start);
  return watch;
}

EndpointResult create_object(const Call& call) {
  auto body = parse_object_body(call);
  if (!body) return call.fail(body.error());
  if (auto matches = check_body_matches_target(call, *body); !matches) return call.fail(matches.error());
  auto warnings = apply_field_validation(call, *body);
  if (!warnings) return call.fail(warnings.error());
  return respond_with(call, 201, call.store.create(std::move(*body)), *warnings);
}

EndpointResult update_object(const Call& call) {
  auto body = parse_object_body(call);
  if (!body) return call.fail(body.error());
  if (auto matches = check_body_matches_target(call, *body); !matches) return call.fail(matches.error());
  const std::string name = metadata_field(*body, "name");
  if (name != call.target.name) {
    return call.fail(api_error(reason::kBadRequest, "the name of the object (" + name +
                                                        ") does not match the name on the URL (" +
                                                        call.target.name + ")"));
  }
  auto warnings = apply_field_validation(call, *body);
  if (!warnings) return call.fail(warnings.error());
  auto updated = call.target.subresource == "status" ? call.store.update_status(std::move(*body))
                                                     : call.store.replace(std::move(*body));
  return respond_with(call, 200, std::move(updated), *warnings);
}

// The patch type of the Content-Type, among those the type accepts.
Result<PatchType> patch_type_of(const Call& call) {
  const std::string content_type = call.request.header("Content-Type");
  if (content_type.starts_with("application/merge-patch+json")) return PatchType::merge;
  const bool strategic = call.type.strategic_merge_patch;
  if (strategic && content_type.starts_with("application/strategic-merge-patch+json")) {
    return PatchType::strategic_merge;
  }
  return api_error(reason::kUnsupportedMediaType,
                   std::string("the body of the request was in an unknown format - accepted media types "
                               "include: application/merge-patch+json") +
                       (strategic ? ", application/strategic-merge-patch+json" : "") +
                       " (the test server implements no other patch types)");
}

EndpointResult patch_object(const Call& call) {
  auto patch_type = patch_type_of(call);
  if (!patch_type) return call.fail(patch_type.error());
  auto body = parse_body(call);
  if (!body) return call.fail(body.error());
  // Pruning unknown fields would take a strategic merge patch's directives for them.
  if (*patch_type == PatchType::strategic_merge) {
    auto validation = field_validation_of(call);
    if (!validation) return call.fail(validation.error());
    if (*validation != FieldValidation::strict) {
      return call.fail(api_error(reason::kBadRequest,
                                 "the checkpointd test API server takes strategic merge patches with "
                                 "fieldValidation=Strict only"));
    }
  }
  auto warnings = apply_field_validation(call, *body);
  if (!warnings) return call.fail(warnings.error());
  const Subresource target = call.target.subresource == "status" ? Subresource::status : Subresource::main;
  return respond_with(call, 200, call.store.patch(call.ref(), *body, target, *patch_type), *warnings);
}

EndpointResult delete_object(const Call& call) {
  std::optional<std::string> expected_version;
  if (!call.request.body.empty()) {
    auto options = parse_body(call);
    if (!options) return call.fail(options.error());
    if (const auto* preconditions = options->if_contains("preconditions");
        preconditions && preconditions->is_object()) {
      const std::string version = string_field(preconditions->get_object(), "resourceVersion");
      if (!version.empty()) expected_version = version;
    }
  }
  return respond_with(call, 200, call.store.remove(call.ref(), expected_version));
}

}  // namespace

std::string_view request_verb(const net::HttpRequest& request, const ResourceTarget& target) {
  const std::string& method = request.method;
  if (method == "GET") {
    if (!target.is_collection()) return "get";
    return truthy(request.query_param("watch").value_or("")) ? "watch" : "list";
  }
  if (target.is_collection()) return method == "POST" && target.subresource.empty() ? "create" : "";
  if (method == "PUT") return "update";
  if (method == "PATCH") return "patch";
  if (method == "DELETE" && target.subresource.empty()) return "delete";
  return "";
}

EndpointResult serve_resource(ResourceStore& store, const ResourceTarget& target,
                              const net::HttpRequest& request, const EndpointOptions& options) {
  const ResourceType& type = *target.type;
  const Call call{store, target, type, request, options};
  const std::string_view verb = request_verb(request, target);
  if (verb.empty() || !type.serves(verb)) return method_not_allowed();
  const bool needs_namespace = type.namespaced && target.namespace_name.empty();
  if (needs_namespace && !target.is_collection()) return not_found_path();
  if (needs_namespace && verb == "create") return method_not_allowed();
  if (!call.param("dryRun").empty()) {
    return call.fail(
        api_error(reason::kBadRequest, "dryRun is not supported by the checkpointd test API server"));
  }
  const auto representation = negotiate_representation(request.header("Accept"));
  if (!representation) {
    return status_response(api_error(reason::kNotAcceptable,
                                     "only the following media types are accepted: application/json, "
                                     "application/json;as=Table;v=v1;g=meta.k8s.io"));
  }
  if (verb == "get") return get_object(call, *representation);
  if (verb == "list") return list_objects(call, *representation);
  if (verb == "watch") return start_watch(call, *representation);
  if (verb == "create") return create_object(call);
  if (verb == "update") return update_object(call);
  if (verb == "patch") return patch_object(call);
  return delete_object(call);
}

}  // namespace ckpt::kubeapi
