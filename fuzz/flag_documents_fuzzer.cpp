// Fuzzes what the flag backends read and write (daemon/flags) and the URL a webhook is
// given (net/http_url.hpp). The first line names the flag, optionally followed by a space
// and a container name ("FEATURE_X web"); the rest is read as a flagd flag file, as a
// Deployment and a ConfigMap (when it is a JSON object), and the first line as a URL.
// Nothing may crash or hang, and:
//   - switching a flagd flag gives valid JSON in which the flag reads back as switched and
//     every other flag is unchanged; "nothing to write" only when it reads so already;
//   - setting a Deployment's env var reads back, and setting it again changes nothing;
//   - a ConfigMap value reads back from the patch that sets it;
//   - a URL that parses prints (endpoint and target) to a URL that parses the same, with
//     a target that starts with '/' and a display without the query;
//   - errors carry their documented codes.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "codec/strict_json.hpp"
#include "core/utf8.hpp"
#include "flags/config_map_data.hpp"
#include "flags/deployment_env.hpp"
#include "flags/flagd_document.hpp"
#include "net/http_url.hpp"

namespace {

namespace json = boost::json;
using ckpt::ErrorCode;
using ckpt::flags::OnOffValues;

constexpr OnOffValues kVariantPairs[] = {{"on", "off"}, {"true", "false"}};

void require(bool condition) {
  if (!condition) std::abort();
}

bool is_reading_error(const ckpt::Error& error) {
  return error.code == ErrorCode::engine_error || error.code == ErrorCode::not_found;
}

// The "flags" object of a flagd document that parses.
std::optional<json::object> flags_of(std::string_view text) {
  const auto document = ckpt::codec::parse_strict_json(text, ErrorCode::engine_error);
  if (!document.ok() || !document->is_object()) return std::nullopt;
  const auto* flags = document->get_object().if_contains("flags");
  if (flags == nullptr || !flags->is_object()) return std::nullopt;
  return flags->get_object();
}

// Every flag but `flag` is the same in both documents, and `flag` differs at most in its
// defaultVariant.
void require_only_default_variant_changed(const json::object& before, const json::object& after,
                                          std::string_view flag) {
  require(before.size() == after.size());
  for (const auto& [name, definition] : before) {
    const auto* changed = after.if_contains(name);
    require(changed != nullptr);
    if (name != flag) {
      require(*changed == definition);
      continue;
    }
    json::object expected = definition.as_object();
    json::object actual = changed->as_object();
    expected.erase("defaultVariant");
    actual.erase("defaultVariant");
    require(expected == actual);
  }
}

void check_flagd(std::string_view flag, std::string_view text, OnOffValues variants) {
  const auto state = ckpt::flags::flagd_flag_state(text, flag, variants);
  if (!state.ok()) require(is_reading_error(state.error()));
  for (const bool on : {true, false}) {
    const auto switched = ckpt::flags::with_flagd_flag_state(text, flag, on, variants);
    if (!switched.ok()) {
      require(is_reading_error(switched.error()));
      continue;
    }
    if (!switched->has_value()) {
      require(state.ok() && *state == on);
      continue;
    }
    const std::string after = **switched;
    const auto read_back = ckpt::flags::flagd_flag_state(after, flag, variants);
    require(read_back.ok() && *read_back == on);
    const auto before_flags = flags_of(text);
    const auto after_flags = flags_of(after);
    require(before_flags.has_value() && after_flags.has_value());
    require_only_default_variant_changed(*before_flags, *after_flags, flag);
  }
}

void check_deployment(json::object deployment, std::string_view container, std::string_view variable,
                      std::string_view value) {
  const auto before = ckpt::flags::container_env_value(deployment, container, variable);
  if (!before.ok()) require(is_reading_error(before.error()));
  const auto set = ckpt::flags::set_container_env(deployment, container, variable, value);
  if (!set.ok()) {
    require(is_reading_error(set.error()));
    return;
  }
  if (before.ok() && *before == value) require(!*set);
  const auto after = ckpt::flags::container_env_value(deployment, container, variable);
  require(after.ok() && *after == value);
  const auto again = ckpt::flags::set_container_env(deployment, container, variable, value);
  require(again.ok() && !*again);
}

void check_config_map(const json::object& config_map, std::string_view key) {
  const auto value = ckpt::flags::config_map_value(config_map, key);
  if (!value.ok()) {
    require(is_reading_error(value.error()));
    return;
  }
  const auto patched = ckpt::flags::config_map_value(ckpt::flags::config_map_value_patch(key, *value), key);
  require(patched.ok() && *patched == *value);
}

void check_url(std::string_view text) {
  const auto url = ckpt::net::parse_http_url(text);
  if (!url.ok()) {
    require(url.error().code == ErrorCode::bad_request && url.error().message.starts_with("URL "));
    if (!ckpt::first_invalid_utf8(text)) require(!ckpt::first_invalid_utf8(url.error().message));
    return;
  }
  require(url->target.starts_with('/'));
  require(url->display.starts_with(url->endpoint.to_string()));
  require(url->display.find('?') == std::string::npos);
  require(url->endpoint.tls == text.starts_with("https://"));
  const auto again = ckpt::net::parse_http_url(url->endpoint.to_string() + url->target);
  require(again.ok() && again->endpoint.to_string() == url->endpoint.to_string() &&
          again->endpoint.host == url->endpoint.host && again->target == url->target);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto line_end = input.find('\n');
  const std::string_view first_line = input.substr(0, line_end);
  const std::string_view text = line_end == std::string_view::npos ? "" : input.substr(line_end + 1);
  const auto space = first_line.find(' ');
  const std::string_view name = first_line.substr(0, space);
  const std::string_view container = space == std::string_view::npos ? "app" : first_line.substr(space + 1);

  for (const auto& variants : kVariantPairs) check_flagd(name, text, variants);
  const auto parsed = ckpt::codec::parse_strict_json(text, ErrorCode::engine_error);
  if (parsed.ok() && parsed->is_object()) {
    for (const auto& variants : kVariantPairs) check_deployment(parsed->get_object(), container, name, variants.on);
    check_config_map(parsed->get_object(), name);
  }
  check_url(first_line);
  return 0;
}
