// The SLO, flag and ladder sections of a migration plan (docs/plan.md), as plain data:
// what to measure while the migration runs and during its watch window, which feature
// flag guards the new code path, and how the rollback ladder acts on a failed analysis.
// Servers and flag backends are named here and defined in the daemon's configuration
// (config.prometheus, config.flag_backends), so a plan never carries credentials or
// chooses which files the daemon writes. No IO.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/analysis.hpp"
#include "core/duration.hpp"

namespace ckpt {

// A PromQL query against a Prometheus server of the configuration. Without `range` an
// instant query; with it a range query over the last `range`, one point every `step`.
struct PrometheusQuery {
  std::string server;  // config.prometheus[].name; empty: the only one configured
  std::string query;
  std::optional<Millis> range;
  Millis step{std::chrono::seconds{15}};
};

// An HTTP GET; the value is the JSON field at `json_pointer` (RFC 6901; a number, or a
// bool as 1/0) of a response whose status is expected, else the response's status code.
struct HttpProbe {
  std::string url;           // http:// or https:// (verified against the system's CAs)
  std::string json_pointer;  // empty: the value is the status code
  std::vector<int> expected_status{200};
  std::map<std::string, std::string> headers;
};

// A query on the migrated cluster returning one number (one row, one column), e.g.
// invalid rows or replication lag. Runs read-only with the measurement's deadline as its
// statement_timeout. NULL is NaN.
struct SqlProbe {
  std::string query;
};

using ProviderSpec = std::variant<PrometheusQuery, HttpProbe, SqlProbe>;

// "prometheus" | "http" | "sql".
std::string_view provider_kind(const ProviderSpec& provider);

// One measured SLO: Argo's metric (limits, conditions) and where its value comes from.
struct SloMetric {
  MetricSpec analysis;
  ProviderSpec provider;
  Millis timeout{std::chrono::seconds{10}};  // each measurement's deadline
};

struct SloSpec {
  // How long the SLOs are watched after the migration finished (they are watched while
  // it runs, too).
  Millis window{0};
  std::vector<SloMetric> metrics;
  // Measured once each, when the ladder must decide whether the data is broken: a
  // Failed or Error judgement means it is.
  std::vector<SloMetric> data_checks;
};

// The feature flag that guards the migration's new code path.
struct FlagSpec {
  std::string name;                 // e.g. FEATURE_LOGIN_V2: the flag key / variable
  std::vector<std::string> scopes;  // config.flag_backends[].name: where the flag lives
};

// When the ladder restores after the flag is off and the SLOs are still failing.
enum class RestoreRule {
  data_check_fails,  // only when a data check fails
  still_failing,     // whenever the re-evaluation fails
  never,             // never by itself: a person decides
};
// What an analysis that ends in Error (the provider could not measure) leads to.
enum class ErrorRule { pause, flag_off, restore };

std::string_view to_string(RestoreRule rule);
std::optional<RestoreRule> restore_rule_from(std::string_view text);
std::string_view to_string(ErrorRule rule);
std::optional<ErrorRule> error_rule_from(std::string_view text);

// The rollback ladder's policy; the defaults follow the release discipline.
struct LadderPolicy {
  bool flag_off_first = true;  // rung 1: the flag off, the schema kept
  int recheck_count = 6;       // measurements per metric after the flag went off
  int recovered_after = 2;     // consecutive successes that count as recovered
  RestoreRule restore = RestoreRule::data_check_fails;
  ErrorRule on_error = ErrorRule::pause;
};

}  // namespace ckpt
