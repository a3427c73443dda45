#include "watched_daemon_fixture.hpp"

#include <fstream>
#include <sstream>
#include <thread>

#include "cluster_yaml.hpp"
#include "migration_plan.hpp"
#include "support/free_port.hpp"

namespace ckpt::test {

namespace json = boost::json;

void WatchedDaemonTest::SetUp() {
  std::string why;
  if (!PostgresInstance::can_run(why)) GTEST_SKIP() << why;
  if (!PrometheusInstance::available(why)) GTEST_SKIP() << why;
  postgres_ = std::make_unique<PostgresInstance>();
  postgres_->exec(
      "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);"
      "INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 100) g;");
  flag_file_ = postgres_->root() / "flags" / "develop.json";
  std::filesystem::create_directories(flag_file_.parent_path());
  std::ofstream(flag_file_) << R"({
  "$schema": "https://flagd.dev/schema/v0/flags.json",
  "flags": {
    "FEATURE_LOGIN_V2": {
      "state": "ENABLED",
      "variants": {"on": true, "off": false},
      "defaultVariant": "on"
    }
  }
}
)";
}

void WatchedDaemonTest::start(bool gated) {
  std::vector<std::string> arguments{"--rps", "200"};
  if (gated) arguments.insert(arguments.end(), {"--flag-file", flag_file_.string(), "--flag", kFlagName});
  demo_ = std::make_unique<DemoServiceProcess>(postgres_->root() / "demo", arguments);
  prometheus_ = std::make_unique<PrometheusInstance>(postgres_->root() / "prometheus", demo_->authority());
  ASSERT_TRUE(prometheus_->wait_for(kErrorRatioQuery, std::chrono::seconds{60})) << "Prometheus has no data";
  DaemonOptions options(local_cluster_yaml(*postgres_));
  options.extra_yaml =
      "prometheus:\n  - name: main\n    url: http://127.0.0.1:" + std::to_string(prometheus_->port()) +
      "\n    timeout: 3s\n  - name: down\n    url: http://127.0.0.1:" + std::to_string(free_tcp_port()) +
      "\n    timeout: 2s\nflag_backends:\n  - name: develop\n    flagd_file: {file: " + flag_file_.string() + "}\n";
  daemon_ = std::make_unique<DaemonProcess>(postgres_->root() / "daemon", options);
  daemon_->start();
}

std::string WatchedDaemonTest::error_rate_metric(const std::string& extra) {
  return "    - name: error-rate\n      interval: 1s\n      failureLimit: 1\n"
         "      successCondition: len(result) == 0 || result[0] < 0.1\n" +
         extra + "      provider:\n        prometheus:\n          server: main\n          query: " + kErrorRatioQuery +
         "\n";
}

std::string WatchedDaemonTest::watch_yaml(const std::string& metrics_yaml, const std::string& window,
                                          const std::string& more_slo, int recheck_count) {
  return "commit: automatic\nslo:\n  window: " + window + "\n  metrics:\n" + metrics_yaml + more_slo +
         "flag:\n  name: FEATURE_LOGIN_V2\n  scopes: [develop]\nladder:\n  recheck_count: " +
         std::to_string(recheck_count) + "\n  recovered_after: 2\n";
}

std::string WatchedDaemonTest::begin_and_migrate(const std::string& migration_id, const std::string& more_yaml) {
  const auto plan = write_plan(postgres_->root() / ("plan-" + migration_id), migration_id,
                               {{"001_add_phone.sql", "ALTER TABLE users ADD COLUMN phone text;\n", ""}}, more_yaml);
  const auto begun = daemon_->call_json("POST", "/v1/checkpoints", begin_body_for_plan(plan), 202);
  const std::string id = std::string(begun.at("id").as_string());
  daemon_->wait_for_state(id, "ready");
  daemon_->call_json("POST", "/v1/checkpoints/" + id + "/migration", "{}", 202);
  return id;
}

json::object WatchedDaemonTest::wait_for(const std::string& id,
                                         const std::function<bool(const json::object&)>& predicate,
                                         const std::string& what, std::chrono::seconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  json::object checkpoint;
  while (std::chrono::steady_clock::now() < until) {
    checkpoint = daemon_->call_json("GET", "/v1/checkpoints/" + id).as_object();
    if (predicate(checkpoint)) return checkpoint;
    std::this_thread::sleep_for(std::chrono::milliseconds{200});
  }
  ADD_FAILURE() << "checkpoint " << id << " never reached: " << what << "; last seen:\n"
                << json::serialize(checkpoint) << "\ndaemon log:\n"
                << daemon_->log_text();
  return checkpoint;
}

json::object WatchedDaemonTest::wait_for_stage(const std::string& id, const std::string& stage,
                                               std::chrono::seconds deadline) {
  return wait_for(
      id,
      [&](const json::object& checkpoint) {
        return watch_of(checkpoint).contains("stage") && watch_of(checkpoint).at("stage") == stage.c_str();
      },
      "watch stage " + stage, deadline);
}

std::string WatchedDaemonTest::flag_variant() const {
  std::ifstream in(flag_file_);
  std::stringstream text;
  text << in.rdbuf();
  return std::string(json::parse(text.str()).at("flags").at(kFlagName).at("defaultVariant").as_string());
}

std::string WatchedDaemonTest::metrics_text() {
  return daemon_->call("GET", "/metrics").body;
}

ProgramRun WatchedDaemonTest::checkpointctl(const std::vector<std::string>& args) const {
  std::vector<std::string> full{checkpointctl_binary().string(), "--socket", daemon_->socket().string()};
  full.insert(full.end(), args.begin(), args.end());
  return run_program(full);
}

json::object watch_of(const json::object& checkpoint) {
  const auto* watch = checkpoint.if_contains("watch");
  return watch != nullptr ? watch->as_object() : json::object{};
}

}  // namespace ckpt::test
