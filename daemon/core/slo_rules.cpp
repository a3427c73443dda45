#include "core/slo_rules.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

namespace ckpt {
namespace {

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// A flag key that is also a valid ConfigMap key and environment variable name.
bool is_flag_name(std::string_view name) {
  if (name.empty() || name.size() > 253 || std::isdigit(static_cast<unsigned char>(name.front())) != 0) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; });
}

class SloCheck {
 public:
  explicit SloCheck(const MigrationPlan& plan) : plan_(plan) {}

  std::vector<std::string> run() {
    if (plan_.slo) check_slo(*plan_.slo);
    if (plan_.flag) check_flag(*plan_.flag);
    check_ladder(plan_.ladder);
    return std::move(problems_);
  }

 private:
  void check_slo(const SloSpec& slo) {
    if (slo.window <= Millis{0}) add("'slo.window' must be longer than zero; use e.g. 30m");
    if (slo.metrics.empty()) add("'slo.metrics' must list at least one metric");
    check_metrics("slo.metrics", slo.metrics);
    check_metrics("slo.data_checks", slo.data_checks);
    for (std::size_t i = 0; i < slo.data_checks.size(); ++i) {
      const MetricSpec& spec = slo.data_checks[i].analysis;
      if (spec.interval || spec.count.value_or(0) > 1) {
        add("'" + item("slo.data_checks", i) +
            "': a data check is measured once when the ladder asks; remove its "
            "interval and count");
      }
    }
  }

  void check_metrics(const std::string& path, const std::vector<SloMetric>& metrics) {
    std::set<std::string> names;
    for (std::size_t i = 0; i < metrics.size(); ++i) {
      const SloMetric& metric = metrics[i];
      const std::string where = item(path, i);
      if (auto valid = validate_metric(metric.analysis); !valid) add("'" + where + "': " + valid.error().message);
      if (!names.insert(metric.analysis.name).second) {
        add("'" + where + "': metric \"" + metric.analysis.name + "\" is defined twice");
      }
      if (metric.timeout <= Millis{0}) add("'" + where + ".timeout' must be longer than zero");
      check_provider(where + ".provider", metric.provider);
    }
  }

  void check_provider(const std::string& path, const ProviderSpec& provider) {
    if (const auto* query = std::get_if<PrometheusQuery>(&provider)) {
      if (is_blank(query->query)) add("'" + path + ".prometheus.query' must not be empty");
      if (query->step <= Millis{0}) add("'" + path + ".prometheus.step' must be longer than zero");
    } else if (const auto* probe = std::get_if<HttpProbe>(&provider)) {
      if (!starts_with(probe->url, "http://") && !starts_with(probe->url, "https://")) {
        add("'" + path + ".http.url' must start with http:// or https://, got '" + probe->url + "'");
      }
      if (!probe->json_pointer.empty() && probe->json_pointer.front() != '/') {
        add("'" + path + ".http.jsonPointer' must be a JSON pointer starting with '/' (such as /status/ratio), got '" +
            probe->json_pointer + "'");
      }
      if (probe->expected_status.empty()) add("'" + path + ".http.expectedStatus' must list at least one status");
    } else if (const auto* sql = std::get_if<SqlProbe>(&provider)) {
      if (is_blank(sql->query)) add("'" + path + ".sql.query' must not be empty");
    }
  }

  void check_flag(const FlagSpec& flag) {
    if (!is_flag_name(flag.name)) {
      add("'flag.name' must be a flag key usable as an environment variable (letters, digits and '_', not "
          "starting with a digit), got '" +
          flag.name + "'");
    }
    if (flag.scopes.empty()) add("'flag.scopes' must name at least one scope (one of the daemon's flag_backends)");
    std::set<std::string> scopes;
    for (const auto& scope : flag.scopes) {
      if (!scopes.insert(scope).second) add("'flag.scopes' names '" + scope + "' twice");
    }
  }

  void check_ladder(const LadderPolicy& ladder) {
    if (ladder.recovered_after > ladder.recheck_count) {
      add("'ladder.recovered_after' (" + std::to_string(ladder.recovered_after) +
          ") must not exceed 'ladder.recheck_count' (" + std::to_string(ladder.recheck_count) + ")");
    }
  }

  static std::string item(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
  }
  void add(std::string problem) { problems_.push_back(std::move(problem)); }

  const MigrationPlan& plan_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> slo_problems(const MigrationPlan& plan) {
  return SloCheck{plan}.run();
}

}  // namespace ckpt
