// KubeClient against the Kubernetes API test server: CRUD, the Status-to-Error mapping of
// real answers, authentication and RBAC failures, retries under injected faults (and
// which requests are not retried), deadlines and token rotation.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kube/watch_event.hpp"
#include "kube_server_fixture.hpp"
#include "obs/logging.hpp"

namespace ckpt::kube {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using testing::kReaderToken;
using testing::kWriterToken;

class KubeClientTest : public testing::KubeServerTest {};

std::string phase_of(const boost::json::object& object) {
  return std::string(object.at("status").at("phase").as_string());
}

TEST_F(KubeClientTest, CrudRoundTrip) {
  auto created = run(client->create(backups(), backup_manifest("b1")));
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(metadata_field(*created, "name"), "b1");
  EXPECT_FALSE(metadata_field(*created, "resourceVersion").empty());
  EXPECT_FALSE(metadata_field(*created, "uid").empty());

  auto got = run(client->get(backups("b1")));
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(metadata_field(*got, "uid"), metadata_field(*created, "uid"));

  auto listed = run(client->list(backups()));
  ASSERT_TRUE(listed) << listed.error().message;
  EXPECT_EQ(listed->at("items").as_array().size(), 1u);
  EXPECT_FALSE(metadata_field(*listed, "resourceVersion").empty());

  auto labelled = run(client->merge_patch(backups("b1"), {{"metadata", {{"labels", {{"checkpoint", "c1"}}}}}}));
  ASSERT_TRUE(labelled) << labelled.error().message;
  EXPECT_EQ(labelled->at("metadata").at("labels").at("checkpoint"), "c1");
  auto selected = run(client->list(backups(), {"checkpoint=c1", ""}));
  ASSERT_TRUE(selected) << selected.error().message;
  EXPECT_EQ(selected->at("items").as_array().size(), 1u);
  auto unselected = run(client->list(backups(), {"checkpoint=other", ""}));
  ASSERT_TRUE(unselected) << unselected.error().message;
  EXPECT_TRUE(unselected->at("items").as_array().empty());

  auto status = run(client->patch_status(backups("b1"), {{"status", {{"phase", "completed"}}}}));
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(phase_of(*status), "completed");

  auto removed = run(client->remove(backups("b1")));
  ASSERT_TRUE(removed) << removed.error().message;
  auto gone = run(client->get(backups("b1")));
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::not_found);
  EXPECT_EQ(gone.error().reason, "NotFound");
  EXPECT_TRUE(gone.error().message.starts_with("get backups.postgresql.cnpg.io \"b1\" in namespace \"develop\" at " +
                                               server->url() + ":"))
      << gone.error().message;
}

TEST_F(KubeClientTest, ReplaceNeedsTheCurrentResourceVersion) {
  auto created = run(client->create(clusters(), cluster_manifest("c1")));
  ASSERT_TRUE(created) << created.error().message;
  boost::json::object stale = *created;
  boost::json::object changed = *created;
  changed["spec"].as_object()["instances"] = 3;
  auto replaced = run(client->replace(clusters("c1"), changed));
  ASSERT_TRUE(replaced) << replaced.error().message;
  EXPECT_EQ(replaced->at("spec").at("instances"), 3);

  stale["spec"].as_object()["instances"] = 2;
  auto conflict = run(client->replace(clusters("c1"), stale));
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::conflict);
  EXPECT_EQ(conflict.error().reason, "Conflict");
  EXPECT_TRUE(conflict.error().message.ends_with("; it changed since it was read: read it again and retry"))
      << conflict.error().message;
}

TEST_F(KubeClientTest, CreatingTwiceIsAlreadyExistsNotConflict) {
  ASSERT_TRUE(run(client->create(backups(), backup_manifest("b1"))));
  auto again = run(client->create(backups(), backup_manifest("b1")));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().reason, "AlreadyExists");
  EXPECT_NE(again.error().message.find("already exists"), std::string::npos) << again.error().message;
}

TEST_F(KubeClientTest, AnInvalidObjectIsABadRequestNamingTheField) {
  if (!kubeapi::shared_crd_dir())
    GTEST_SKIP() << "the CNPG CRDs are not at $CHECKPOINTD_SOURCE_DIR/../shared/cnpg-crds";
  auto backup = backup_manifest("b1");
  backup["spec"].as_object()["method"] = "tape";
  auto created = run(client->create(backups(), backup));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::bad_request);
  EXPECT_EQ(created.error().reason, "Invalid");
  EXPECT_NE(created.error().message.find("Backup.postgresql.cnpg.io \"b1\" is invalid: spec.method: "),
            std::string::npos)
      << created.error().message;
}

TEST_F(KubeClientTest, UnknownFieldsAreRejectedNotDropped) {
  if (!kubeapi::shared_crd_dir())
    GTEST_SKIP() << "the CNPG CRDs are not at $CHECKPOINTD_SOURCE_DIR/../shared/cnpg-crds";
  auto backup = backup_manifest("b1");
  backup["spec"].as_object()["retention"] = "7d";
  auto created = run(client->create(backups(), backup));
  ASSERT_FALSE(created) << "fieldValidation=Strict";
  EXPECT_EQ(created.error().code, ErrorCode::bad_request);
  EXPECT_NE(created.error().message.find("unknown field \"spec.retention\""), std::string::npos)
      << created.error().message;
}

TEST_F(KubeClientTest, AWrongTokenIsUnauthorizedAndNamesTheCredentialsNotTheToken) {
  KubeClient stranger(io.get_executor(), connection_for("wrong-token-1234"), fast_options());
  auto got = run(stranger.get(backups("b1")));
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(got.error().reason, "Unauthorized");
  EXPECT_NE(got.error().message.find("the API server rejected the credentials (bearer token of user "
                                     "\"checkpointd-test\" in kubeconfig "),
            std::string::npos)
      << got.error().message;
  EXPECT_EQ(got.error().message.find("wrong-token-1234"), std::string::npos);
}

TEST_F(KubeClientTest, AReadOnlyTokenIsForbiddenToCreateAndTheMessageNamesTheVerb) {
  KubeClient reader(io.get_executor(), connection_for(kReaderToken), fast_options());
  auto listed = run(reader.list(backups()));
  EXPECT_TRUE(listed) << listed.error().message;
  auto created = run(reader.create(backups(), backup_manifest("b1")));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(created.error().reason, "Forbidden");
  EXPECT_NE(created.error().message.find("may be missing the verb \"create\" on backups.postgresql.cnpg.io"),
            std::string::npos)
      << created.error().message;
}

TEST_F(KubeClientTest, InjectedServerErrorsAreRetriedUntilTheyPass) {
  ASSERT_TRUE(run(client->create(backups(), backup_manifest("b1"))));
  ASSERT_TRUE(server->faults().fail_next({500, 3, "GET", ""}));
  auto got = run(client->get(backups("b1")));
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(metadata_field(*got, "name"), "b1");
}

TEST_F(KubeClientTest, RetriesStopAtMaxAttempts) {
  KubeClientOptions options = fast_options();
  options.max_attempts = 2;
  KubeClient impatient(io.get_executor(), connection_for(), options);
  ASSERT_TRUE(server->faults().fail_next({500, 3, "GET", ""}));
  auto got = run(impatient.list(backups()));
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::engine_error);
  EXPECT_EQ(got.error().reason, "InternalError");
  EXPECT_TRUE(got.error().message.ends_with("(gave up after 2 attempts)")) << got.error().message;
  auto third = run(impatient.list(backups()));
  EXPECT_TRUE(third) << "exactly two of the three injected failures were used";
  auto fourth = run(impatient.list(backups()));
  EXPECT_TRUE(fourth);
}

TEST_F(KubeClientTest, ACreateThatMayHaveBeenProcessedIsNotRetried) {
  ASSERT_TRUE(server->faults().fail_next({500, 1, "POST", ""}));
  auto created = run(client->create(backups(), backup_manifest("b1")));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::engine_error);
  EXPECT_EQ(created.error().message.find("gave up after"), std::string::npos) << "one attempt only";
  auto again = run(client->create(backups(), backup_manifest("b1")));
  EXPECT_TRUE(again) << again.error().message;
}

TEST_F(KubeClientTest, TooManyRequestsIsRetriedAfterRetryAfterEvenForCreate) {
  ASSERT_TRUE(server->faults().fail_next({429, 1, "POST", ""}));
  const auto started = Clock::now();
  auto created = run(client->create(backups(), backup_manifest("b1")));
  const auto took = Clock::now() - started;
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_GE(took, 1s) << "Retry-After: 1 is honoured although the backoff is 20 ms";
  EXPECT_LT(took, 5s);
}

TEST_F(KubeClientTest, RetriesNeverRunPastTheCallsDeadline) {
  KubeClientOptions options = fast_options();
  options.call_timeout = 500ms;
  KubeClient hurried(io.get_executor(), connection_for(), options);
  ASSERT_TRUE(server->faults().fail_next({429, 5, "GET", ""}));
  const auto started = Clock::now();
  auto got = run(hurried.get(backups("b1")));
  const auto took = Clock::now() - started;
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().reason, "TooManyRequests");
  EXPECT_LT(took, 1s) << "it did not wait out the 1 s Retry-After";
  EXPECT_TRUE(got.error().message.ends_with(
      " (gave up after 1 attempt: waiting 1000 ms more would pass the call's deadline of 500 ms)"))
      << got.error().message;
}

TEST_F(KubeClientTest, ASlowServerHitsTheAttemptDeadline) {
  KubeClientOptions options = fast_options();
  options.request_timeout = 200ms;
  options.call_timeout = 2s;
  options.max_attempts = 2;
  KubeClient hurried(io.get_executor(), connection_for(), options);
  server->faults().set_delay(1s);
  auto got = run(hurried.get(backups("b1")));
  server->faults().clear();
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::deadline_exceeded);
  EXPECT_NE(got.error().message.find("no response from the Kubernetes API at " + server->url()), std::string::npos)
      << got.error().message;
  EXPECT_TRUE(got.error().message.ends_with("(gave up after 2 attempts)")) << got.error().message;
}

TEST_F(KubeClientTest, AnUnreachableServerIsRetriedThenReported) {
  KubeConnection connection = connection_for();
  {
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    connection.endpoint.port = probe.local_endpoint().port();
  }
  KubeClientOptions options = fast_options();
  options.max_attempts = 3;
  KubeClient lost(io.get_executor(), connection, options);
  auto created = run(lost.create(backups(), backup_manifest("b1")));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::unreachable);
  EXPECT_TRUE(created.error().message.starts_with("cannot reach the Kubernetes API at https://127.0.0.1:"))
      << created.error().message;
  EXPECT_TRUE(created.error().message.ends_with("(gave up after 3 attempts)"))
      << "a create that never left is retried: " << created.error().message;
}

TEST_F(KubeClientTest, ATokenFileIsReadAgainWhenItRotates) {
  KubeConnection connection = connection_for();
  connection.token.clear();
  connection.token_file = dir.path() / "token";
  std::ofstream(connection.token_file) << kWriterToken << "\n";
  KubeClient rotating(io.get_executor(), connection, fast_options());
  auto before = run(rotating.list(backups()));
  EXPECT_TRUE(before) << before.error().message;

  std::ofstream(connection.token_file) << "rotated-but-revoked\n";
  std::filesystem::last_write_time(connection.token_file, std::filesystem::last_write_time(connection.token_file) + 5s);
  auto after = run(rotating.list(backups()));
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::unauthorized);
}

TEST_F(KubeClientTest, ReadsACustomResourceDefinition) {
  if (!kubeapi::shared_crd_dir())
    GTEST_SKIP() << "the CNPG CRDs are not at $CHECKPOINTD_SOURCE_DIR/../shared/cnpg-crds";
  auto crd = run(client->get_crd("backups.postgresql.cnpg.io"));
  ASSERT_TRUE(crd) << crd.error().message;
  EXPECT_EQ(crd->at("spec").at("group"), "postgresql.cnpg.io");
  auto missing = run(client->get_crd("nothings.example.com"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

TEST_F(KubeClientTest, TlsVerificationOffWorksAndIsLoggedLoudlyEachTimeButNeverTheToken) {
  std::ostringstream captured;
  auto logger = obs::logger("kube");
  logger->sinks().push_back(std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  KubeConnection connection = connection_for();
  connection.endpoint.ca_pem.clear();
  connection.endpoint.insecure_skip_verify = true;
  KubeClient first(io.get_executor(), connection, fast_options());
  KubeClient second(io.get_executor(), connection, fast_options());
  ASSERT_TRUE(server->faults().fail_next({500, 1, "GET", ""}));
  auto listed = run(first.list(backups()));
  logger->sinks().pop_back();

  EXPECT_TRUE(listed) << listed.error().message;
  const std::string log = captured.str();
  EXPECT_EQ(count_of(log, "[warning] TLS verification of the Kubernetes API at " + server->url() +
                              " is OFF (insecure-skip-tls-verify)"),
            2u)
      << log;
  EXPECT_NE(
      log.find("list backups.postgresql.cnpg.io in namespace \"develop\" at " + server->url() + ": injected fault"),
      std::string::npos)
      << log;
  EXPECT_NE(log.find("(attempt 1 of 5); retrying in "), std::string::npos) << log;
  EXPECT_EQ(log.find(kWriterToken), std::string::npos) << "the token is never logged";
}

TEST_F(KubeClientTest, AnUnusableNameIsRefusedBeforeAnyRequest) {
  auto got = run(client->get(backups("../../secrets/x")));
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::bad_request);
}

}  // namespace
}  // namespace ckpt::kube
