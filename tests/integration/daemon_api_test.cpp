// The daemon's HTTP API as a client sees it: strict decoding with messages that name
// the field, refusals recorded with their reason, routing errors, authentication on
// TCP, readiness, metrics and a bounded shutdown. No PostgreSQL runs here: the
// configured cluster points at a server that is not there.
#include <gtest/gtest.h>

#include <thread>

#include "cluster_yaml.hpp"
#include "daemon_process.hpp"
#include "support/free_port.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {
namespace {

std::string unreachable_cluster_yaml(const std::filesystem::path& root) {
  return "  - name: app\n    engine: local\n    deadlines: {preflight: 2s}\n    local:\n"
         "      data_directory: " + (root / "nodata").string() +
         "\n      port: " + std::to_string(free_tcp_port()) +
         "\n      host: 127.0.0.1\n      archive_directory: " + (root / "archive").string() +
         "\n      backup_directory: " + (root / "backups").string() +
         "\n      restore_directory: " + (root / "restores").string() + "\n";
}

class DaemonApi : public ::testing::Test {
 protected:
  void SetUp() override {
    daemon_ = std::make_unique<DaemonProcess>(dir_.path(), DaemonOptions(unreachable_cluster_yaml(dir_.path()), true));
    daemon_->start();
  }

  std::string error_message(const net::HttpResponse& response) {
    return std::string{boost::json::parse(response.body).at("error").at("message").as_string()};
  }
  std::string error_field(const net::HttpResponse& response, const char* field) {
    return std::string{boost::json::parse(response.body).at("error").at(field).as_string()};
  }

  TempDir dir_;
  std::unique_ptr<DaemonProcess> daemon_;
};

TEST_F(DaemonApi, MalformedBodiesAreRejectedNamingTheField) {
  auto not_json = daemon_->call("POST", "/v1/checkpoints", "{\"cluster\": ");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(error_field(not_json, "code"), "bad_request");
  EXPECT_NE(error_message(not_json).find("not valid JSON"), std::string::npos) << not_json.body;

  auto unknown = daemon_->call("POST", "/v1/checkpoints", R"({"cluster":"app","migration_id":"m1","colour":"red"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(error_message(unknown), "unknown field 'colour' in request body");

  auto missing = daemon_->call("POST", "/v1/checkpoints", R"({"migration_id":"m1"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(error_message(missing), "missing field 'cluster'");

  auto bad_phase = daemon_->call("POST", "/v1/checkpoints", R"({"cluster":"app","migration_id":"m1","phase":"drop"})");
  EXPECT_EQ(bad_phase.status, 400);
  EXPECT_EQ(error_message(bad_phase), "field 'phase' must be one of: expand, contract");

  auto bad_window = daemon_->call("POST", "/v1/checkpoints", begin_body("app", "m1", R"("duration":"soon")"));
  EXPECT_EQ(bad_window.status, 400);
  EXPECT_EQ(error_message(bad_window), "field 'rollback_window.duration' must be a duration such as 24h or 90m, got 'soon'");

  auto fail_without_reason = daemon_->call("POST", "/v1/checkpoints/a0000000/fail", "{}");
  EXPECT_EQ(fail_without_reason.status, 400);
  EXPECT_EQ(error_message(fail_without_reason), "missing field 'reason'");

  // Nothing was recorded by any of these.
  EXPECT_TRUE(daemon_->call_json("GET", "/v1/checkpoints").at("checkpoints").as_array().empty());
}

TEST_F(DaemonApi, NoApprovedRollbackWindowIsARecordedRefusal) {
  auto refused = daemon_->call("POST", "/v1/checkpoints", begin_body("app", "m1", R"("duration":"24h","owner":"alice")"));
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(error_field(refused, "code"), "refused");
  EXPECT_EQ(error_field(refused, "reason"), "missing_approver");
  const auto id = error_field(refused, "checkpoint_id");
  auto checkpoint = daemon_->call_json("GET", "/v1/checkpoints/" + id).as_object();
  EXPECT_EQ(checkpoint.at("state").as_string(), "refused");
  EXPECT_EQ(checkpoint.at("reason").as_string(), "missing_approver");

  auto no_window = daemon_->call("POST", "/v1/checkpoints", R"({"cluster":"app","migration_id":"m2"})");
  EXPECT_EQ(no_window.status, 422);
  EXPECT_EQ(error_field(no_window, "reason"), "missing_rollback_window");
}

TEST_F(DaemonApi, AnUnreachableClusterIsRefusedAtBegin) {
  auto refused = daemon_->call("POST", "/v1/checkpoints", begin_body("app", "m1"));
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(error_field(refused, "reason"), "cluster_unreachable");
  EXPECT_NE(daemon_->call("GET", "/metrics").body.find(
                R"(checkpointd_checkpoint_refusals_total{cluster="app",reason="cluster_unreachable"} 1)"),
            std::string::npos);
}

TEST_F(DaemonApi, TheProbeShowsTheClusterUnreachableWithoutGuessingItsArchiving) {
  std::string text = daemon_->call("GET", "/metrics").body;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (text.find("checkpointd_cluster_reachable{") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
    text = daemon_->call("GET", "/metrics").body;
  }
  EXPECT_NE(text.find(R"(checkpointd_cluster_reachable{cluster="app"} 0)"), std::string::npos) << text;
  EXPECT_EQ(text.find("checkpointd_wal_archiving_healthy{"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(checkpointd_checkpoints_total{cluster="app",outcome="restore_failed"} 0)"), std::string::npos);
}

TEST_F(DaemonApi, UnknownClusterIsABadRequestNamingTheConfiguredOnes) {
  auto unknown = daemon_->call("POST", "/v1/checkpoints", begin_body("billing", "m1"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(error_message(unknown), "unknown cluster 'billing'; configured clusters: app");
}

TEST_F(DaemonApi, RoutingErrors) {
  auto missing = daemon_->call("GET", "/v1/checkpoints/a1234567");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(error_field(missing, "code"), "not_found");
  EXPECT_EQ(daemon_->call("GET", "/v2/things").status, 404);
  auto wrong_method = daemon_->call("DELETE", "/v1/checkpoints");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(error_field(wrong_method, "code"), "method_not_allowed");
  auto bad_filter = daemon_->call("GET", "/v1/checkpoints?state=happy");
  EXPECT_EQ(bad_filter.status, 400);
}

TEST_F(DaemonApi, OversizedBodiesAre413) {
  auto huge = daemon_->call("POST", "/v1/checkpoints", std::string(2 * 1024 * 1024, 'x'));
  EXPECT_EQ(huge.status, 413);
}

TEST_F(DaemonApi, TcpRequiresTheBearerToken) {
  net::Endpoint endpoint;
  endpoint.kind = net::Endpoint::Kind::tcp;
  endpoint.host = "127.0.0.1";
  endpoint.port = daemon_->tcp_port();
  auto anonymous = net::request_blocking(endpoint, net::HttpRequest{"GET", "/v1/checkpoints", {}, {}}, std::chrono::seconds{5});
  ASSERT_TRUE(anonymous) << anonymous.error().message;
  EXPECT_EQ(anonymous->status, 401);
  auto wrong = net::request_blocking(
      endpoint, net::HttpRequest{"GET", "/v1/checkpoints", {{"Authorization", "Bearer nope"}}, {}}, std::chrono::seconds{5});
  EXPECT_EQ(wrong->status, 401);
  auto right = net::request_blocking(
      endpoint, net::HttpRequest{"GET", "/v1/checkpoints", {{"Authorization", "Bearer " + daemon_->token()}}, {}},
      std::chrono::seconds{5});
  EXPECT_EQ(right->status, 200);
  auto metrics_anonymous = net::request_blocking(endpoint, net::HttpRequest{"GET", "/metrics", {}, {}}, std::chrono::seconds{5});
  EXPECT_EQ(metrics_anonymous->status, 401);
  auto health = net::request_blocking(endpoint, net::HttpRequest{"GET", "/healthz", {}, {}}, std::chrono::seconds{5});
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(daemon_->log_text().find(daemon_->token()), std::string::npos) << "the token must never be logged";
}

TEST_F(DaemonApi, ServesMetricsAndReadiness) {
  auto metrics = daemon_->call("GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.content_type, "text/plain; version=0.0.4");
  EXPECT_EQ(daemon_->call("GET", "/readyz").status, 200);
  EXPECT_EQ(daemon_->call("GET", "/healthz").status, 200);
}

TEST_F(DaemonApi, SigtermStopsPromptlyAndStateSurvives) {
  auto refused = daemon_->call("POST", "/v1/checkpoints", begin_body("app", "m1", R"("duration":"24h")"));
  const auto id = error_field(refused, "checkpoint_id");
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(daemon_->stop(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds{5});
  daemon_->start();
  auto checkpoint = daemon_->call_json("GET", "/v1/checkpoints/" + id).as_object();
  EXPECT_EQ(checkpoint.at("reason").as_string(), "missing_owner");
}

// Issue 10: a body naming a field twice was accepted (202) with the last value; invalid
// UTF-8 got Boost.JSON's generic words; a 404 echoed an id of any length.
TEST_F(DaemonApi, DuplicateFieldsInvalidUtf8AndLongIdsAreAnsweredPlainly) {
  auto twice = daemon_->call("POST", "/v1/checkpoints",
                             R"({"cluster":"app","cluster":"billing","migration_id":"m1",)"
                             R"("rollback_window":{"duration":"24h","owner":"alice","approver":"bob"}})");
  EXPECT_EQ(twice.status, 400);
  EXPECT_EQ(error_message(twice), "request body has a duplicate field 'cluster'");
  auto nested = daemon_->call("POST", "/v1/checkpoints",
                              begin_body("app", "m1", R"("duration":"24h","owner":"alice","approver":"bob","owner":"x")"));
  EXPECT_EQ(nested.status, 400);
  EXPECT_EQ(error_message(nested), "request body has a duplicate field 'rollback_window.owner'");

  auto not_utf8 = daemon_->call("POST", "/v1/checkpoints/a0000000/fail", "{\"reason\": \"caf\xe9\"}");
  EXPECT_EQ(not_utf8.status, 400);
  EXPECT_EQ(error_message(not_utf8), "request body is not valid UTF-8 (byte 0xE9 at offset 15); send UTF-8 text");

  auto long_id = daemon_->call("GET", "/v1/checkpoints/" + std::string(4000, 'a'));
  EXPECT_EQ(long_id.status, 404);
  EXPECT_EQ(error_message(long_id), "checkpoint '" + std::string(64, 'a') +
                                        "…(4000 bytes)' not found; `checkpointctl list` shows the known ones");
  EXPECT_TRUE(daemon_->call_json("GET", "/v1/checkpoints").at("checkpoints").as_array().empty());
}

}  // namespace
}  // namespace ckpt::test
