#include "plan/slo_section.hpp"

#include <charconv>
#include <limits>
#include <utility>

namespace ckpt {
namespace {

using config::DurationRule;
using config::Field;
using config::YamlReader;

constexpr int kMaxLimit = 1'000'000;

class SloSchema {
 public:
  explicit SloSchema(YamlReader& reader) : r_(reader) {}

  void slo(const YAML::Node& node, const std::string& path, SloSpec& out) {
    r_.read_map(
        node, path,
        {
            r_.duration("window", DurationRule::positive, out.window).required(),
            Field{"metrics", [&](const YAML::Node& value,
                                 const std::string& value_path) { metrics(value, value_path, out.metrics); }}
                .required(),
            Field{"data_checks", [&](const YAML::Node& value,
                                     const std::string& value_path) { metrics(value, value_path, out.data_checks); }},
        });
  }

  void flag(const YAML::Node& node, const std::string& path, FlagSpec& out) {
    r_.read_map(node, path,
                {
                    r_.string("name", out.name).required(),
                    Field{"scopes", [&](const YAML::Node& value,
                                        const std::string& value_path) { scopes(value, value_path, out.scopes); }}
                        .required(),
                });
  }

  void ladder(const YAML::Node& node, const std::string& path, LadderPolicy& out) {
    r_.read_map(
        node, path,
        {
            r_.boolean("flag_off_first", out.flag_off_first),
            r_.integer("recheck_count", 1, 1000, out.recheck_count),
            r_.integer("recovered_after", 1, 1000, out.recovered_after),
            Field{"restore",
                  [&](const YAML::Node& value, const std::string& value_path) {
                    std::string rule;
                    if (r_.read_choice(value, value_path, {"data_check_fails", "still_failing", "never"}, rule)) {
                      out.restore = restore_rule_from(rule).value_or(RestoreRule::data_check_fails);
                    }
                  }},
            Field{"on_error",
                  [&](const YAML::Node& value, const std::string& value_path) {
                    std::string rule;
                    if (r_.read_choice(value, value_path, {"pause", "flag_off", "restore"}, rule)) {
                      out.on_error = error_rule_from(rule).value_or(ErrorRule::pause);
                    }
                  }},
        });
  }

 private:
  void metrics(const YAML::Node& node, const std::string& path, std::vector<SloMetric>& out) {
    if (!node.IsSequence()) {
      r_.type_error(node, path, "a list of metrics, each a map such as {name: error-rate, provider: ...}");
      return;
    }
    for (std::size_t index = 0; index < node.size(); ++index) {
      SloMetric metric;
      if (read_metric(node[index], YamlReader::item_path(path, index), metric)) out.push_back(std::move(metric));
    }
  }

  bool read_metric(const YAML::Node& node, const std::string& path, SloMetric& out) {
    MetricSpec& spec = out.analysis;
    bool provider_read = false;
    const bool is_map = r_.read_map(
        node, path,
        {
            r_.string("name", spec.name).required(),
            Field{"interval",
                  [&](const YAML::Node& value, const std::string& value_path) {
                    Millis interval{0};
                    if (r_.read_duration(value, value_path, DurationRule::positive, interval)) spec.interval = interval;
                  }},
            Field{"count",
                  [&](const YAML::Node& value, const std::string& value_path) {
                    int count = 0;
                    if (r_.read_integer(value, value_path, 0, kMaxLimit, count)) spec.count = count;
                  }},
            r_.duration("initialDelay", DurationRule::zero_allowed, spec.initial_delay),
            r_.string("successCondition", spec.success_condition),
            r_.string("failureCondition", spec.failure_condition),
            signed_limit("failureLimit", spec.failure_limit),
            r_.integer("inconclusiveLimit", 0, kMaxLimit, spec.inconclusive_limit),
            r_.integer("consecutiveErrorLimit", 0, kMaxLimit, spec.consecutive_error_limit),
            r_.integer("consecutiveSuccessLimit", 0, kMaxLimit, spec.consecutive_success_limit),
            r_.boolean("dryRun", spec.dry_run),
            r_.duration("timeout", DurationRule::positive, out.timeout),
            Field{"provider", [&](const YAML::Node& value,
                                  const std::string& value_path) { provider_read = provider(value, value_path, out); }}
                .required(),
        });
    return is_map && provider_read;
  }

  // failureLimit: -1 disables it, as in Argo.
  Field signed_limit(std::string_view key, int& out) {
    return Field{key, [this, &out](const YAML::Node& node, const std::string& path) {
                   int value = 0;
                   const std::string text = node.IsScalar() ? node.Scalar() : std::string{};
                   const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
                   if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < -1 ||
                       value > kMaxLimit) {
                     r_.type_error(node, path, "an integer from -1 (disabled) to 1000000");
                     return;
                   }
                   out = value;
                 }};
  }

  bool provider(const YAML::Node& node, const std::string& path, SloMetric& out) {
    if (!node.IsMap()) {
      r_.type_error(node, path, "a map with exactly one of prometheus, http, sql");
      return false;
    }
    if (node.size() != 1) {
      std::string keys;
      for (const auto& entry : node) keys += (keys.empty() ? "" : ", ") + entry.first.Scalar();
      r_.error_at(node, YamlReader::quote(path) + " must hold exactly one of prometheus, http, sql; it holds " +
                            (keys.empty() ? std::string{"none"} : keys));
      return false;
    }
    bool read = false;
    r_.read_map(node, path,
                {
                    Field{"prometheus",
                          [&](const YAML::Node& value, const std::string& value_path) {
                            PrometheusQuery query;
                            read = r_.read_map(
                                value, value_path,
                                {
                                    r_.string("server", query.server),
                                    r_.string("query", query.query).required(),
                                    Field{"range",
                                          [&](const YAML::Node& range, const std::string& range_path) {
                                            Millis span{0};
                                            if (r_.read_duration(range, range_path, DurationRule::positive, span)) {
                                              query.range = span;
                                            }
                                          }},
                                    r_.duration("step", DurationRule::positive, query.step),
                                });
                            out.provider = std::move(query);
                          }},
                    Field{"http",
                          [&](const YAML::Node& value, const std::string& value_path) {
                            HttpProbe probe;
                            read = r_.read_map(value, value_path,
                                               {
                                                   r_.string("url", probe.url).required(),
                                                   r_.string("jsonPointer", probe.json_pointer),
                                                   Field{"expectedStatus",
                                                         [&](const YAML::Node& list, const std::string& list_path) {
                                                           statuses(list, list_path, probe.expected_status);
                                                         }},
                                                   Field{"headers",
                                                         [&](const YAML::Node& map, const std::string& map_path) {
                                                           r_.read_string_map(map, map_path, probe.headers);
                                                         }},
                                               });
                            out.provider = std::move(probe);
                          }},
                    Field{"sql",
                          [&](const YAML::Node& value, const std::string& value_path) {
                            SqlProbe probe;
                            read = r_.read_map(value, value_path, {r_.string("query", probe.query).required()});
                            out.provider = std::move(probe);
                          }},
                });
    return read;
  }

  void statuses(const YAML::Node& node, const std::string& path, std::vector<int>& out) {
    if (!node.IsSequence() || node.size() == 0) {
      r_.type_error(node, path, "a non-empty list of HTTP status codes such as [200, 204]");
      return;
    }
    std::vector<int> codes;
    for (std::size_t index = 0; index < node.size(); ++index) {
      int code = 0;
      if (r_.read_integer(node[index], YamlReader::item_path(path, index), 100, 599, code)) codes.push_back(code);
    }
    if (codes.size() == node.size()) out = std::move(codes);
  }

  void scopes(const YAML::Node& node, const std::string& path, std::vector<std::string>& out) {
    if (!node.IsSequence()) {
      r_.type_error(node, path, "a list of flag scopes (names of the daemon's flag_backends)");
      return;
    }
    if (node.size() == 0) {
      r_.error_at(node, YamlReader::quote(path) + " must name at least one scope (one of the daemon's flag_backends)");
      return;
    }
    for (std::size_t index = 0; index < node.size(); ++index) {
      std::string scope;
      if (r_.read_string(node[index], YamlReader::item_path(path, index), scope)) out.push_back(std::move(scope));
    }
  }

  YamlReader& r_;
};

}  // namespace

void read_slo_section(YamlReader& reader, const YAML::Node& node, const std::string& path, SloSpec& out) {
  SloSchema{reader}.slo(node, path, out);
}

void read_flag_section(YamlReader& reader, const YAML::Node& node, const std::string& path, FlagSpec& out) {
  SloSchema{reader}.flag(node, path, out);
}

void read_ladder_section(YamlReader& reader, const YAML::Node& node, const std::string& path, LadderPolicy& out) {
  SloSchema{reader}.ladder(node, path, out);
}

}  // namespace ckpt
