// Fault injection, in process and through the admin-only /_test/ endpoints: injected 500s,
// 429s (with Retry-After) and 409s, matching by method and path, delays, dropped watches and
// forced 410s.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <future>
#include <thread>

#include "kubeapi_fixture.hpp"
#include "raw_watch.hpp"

namespace ckpt::kubeapi {
namespace {

using namespace std::chrono_literals;
using testing::backup_manifest;
using testing::cnpg_path;
using testing::kAdminToken;

class FaultsTest : public testing::KubeApiTest {};

TEST_F(FaultsTest, TheNextRequestsFailWith500) {
  ASSERT_TRUE(server->faults().fail_next({500, 2}));
  for (int i = 0; i < 2; ++i) {
    const auto reply = call("GET", cnpg_path("backups"));
    EXPECT_EQ(reply.status, 500);
    EXPECT_EQ(reply.text("reason"), "InternalError");
    EXPECT_NE(reply.text("message").find("injected fault"), std::string::npos);
  }
  EXPECT_EQ(call("GET", cnpg_path("backups")).status, 200);
}

TEST_F(FaultsTest, Injected429sCarryRetryAfter) {
  ASSERT_TRUE(server->faults().fail_next({429}));
  const auto reply = call("POST", cnpg_path("backups"), backup_manifest("b1", "orders-db"));
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(reply.raw.header("Retry-After"), "1");
  EXPECT_EQ(reply.text("reason"), "TooManyRequests");
  EXPECT_EQ(reply.object().at("details").at("retryAfterSeconds"), 1);
  EXPECT_FALSE(server->store().get({"backups.postgresql.cnpg.io", "develop", "b1"}))
      << "the store was not touched";
  EXPECT_EQ(call("POST", cnpg_path("backups"), backup_manifest("b1", "orders-db")).status, 201);
}

TEST_F(FaultsTest, FailuresCanTargetAMethodAndAPathPrefix) {
  ASSERT_TRUE(server->faults().fail_next({500, 1, "POST", cnpg_path("backups")}));
  EXPECT_EQ(call("GET", cnpg_path("backups")).status, 200);
  EXPECT_EQ(call("POST", cnpg_path("clusters"), testing::cluster_manifest("c1")).status, 201);
  EXPECT_EQ(call("POST", cnpg_path("backups"), backup_manifest("b1", "orders-db")).status, 500);
  EXPECT_EQ(call("POST", cnpg_path("backups"), backup_manifest("b1", "orders-db")).status, 201);
}

TEST_F(FaultsTest, Injected409sAreConflicts) {
  ASSERT_TRUE(server->faults().fail_next({409}));
  const auto reply = call("GET", cnpg_path("backups"));
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.text("reason"), "Conflict");
}

TEST_F(FaultsTest, OnlyFailuresOf500_429And409CanBeOrdered) {
  EXPECT_FALSE(server->faults().fail_next({503}));
  EXPECT_FALSE(server->faults().fail_next({500, 0}));
}

TEST_F(FaultsTest, DelaysSlowEveryResponseButTheControlApi) {
  server->faults().set_delay(300ms);
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(call("GET", cnpg_path("backups")).status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 300ms);
  started = std::chrono::steady_clock::now();
  EXPECT_EQ(call("GET", "/_test/state", std::string(), kAdminToken).status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 300ms);
  server->faults().clear();
  started = std::chrono::steady_clock::now();
  EXPECT_EQ(call("GET", cnpg_path("backups")).status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 300ms);
}

TEST_F(FaultsTest, AWatchCanLoseItsConnectionAfterSomeEvents) {
  server->faults().drop_watches_after(2);
  for (const char* name : {"b1", "b2", "b3"})
    ASSERT_TRUE(server->store().create(backup_manifest(name, "orders-db")));
  const auto dropped =
      testing::read_raw_watch(server->port(), server->ca_file().string(),
                              cnpg_path("backups") + "?watch=1&timeoutSeconds=5", testing::kWriterToken, 5s);
  EXPECT_EQ(dropped.events.size(), 2u);
  EXPECT_FALSE(dropped.complete) << "no final chunk: the connection was cut";

  const auto next =
      testing::read_raw_watch(server->port(), server->ca_file().string(),
                              cnpg_path("backups") + "?watch=1&timeoutSeconds=1", testing::kWriterToken, 5s);
  EXPECT_EQ(next.events.size(), 3u);
  EXPECT_TRUE(next.complete) << "the fault applied to one watch only";
}

TEST_F(FaultsTest, TheControlApiNeedsTheAdminToken) {
  const auto refused = call("POST", "/_test/faults/fail", std::string(R"({"status":500})"));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.text("reason"), "Forbidden");
  EXPECT_EQ(call("GET", "/_test/state", std::string(), "").status, 401);
}

TEST_F(FaultsTest, TheControlApiOrdersEveryFault) {
  ASSERT_EQ(
      call("POST", "/_test/faults/fail",
           std::string(R"({"status":429,"count":1,"method":"GET","pathPrefix":"/apis/postgresql.cnpg.io/"})"),
           kAdminToken)
          .status,
      200);
  EXPECT_EQ(call("GET", cnpg_path("backups")).status, 429);
  EXPECT_EQ(call("GET", cnpg_path("backups")).status, 200);

  ASSERT_EQ(call("POST", "/_test/faults/delay", std::string(R"({"milliseconds":250})"), kAdminToken).status,
            200);
  auto started = std::chrono::steady_clock::now();
  call("GET", cnpg_path("backups"));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 250ms);
  ASSERT_EQ(call("DELETE", "/_test/faults", std::string(), kAdminToken).status, 200);
  started = std::chrono::steady_clock::now();
  call("GET", cnpg_path("backups"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 250ms);

  ASSERT_TRUE(server->store().create(backup_manifest("b1", "orders-db")));
  const std::string old = std::to_string(server->store().resource_version() - 1);
  ASSERT_EQ(call("POST", "/_test/faults/compact", std::string("{}"), kAdminToken).status, 200);
  EXPECT_EQ(call("GET", cnpg_path("backups") + "?watch=1&resourceVersion=" + old).status, 410);

  ASSERT_EQ(call("POST", "/_test/faults/drop-watch", std::string(R"({"afterEvents":0})"), kAdminToken).status,
            200);
  const auto dropped = testing::read_raw_watch(server->port(), server->ca_file().string(),
                                               cnpg_path("backups") + "?watch=1", testing::kWriterToken, 5s);
  EXPECT_TRUE(dropped.events.empty());
  EXPECT_FALSE(dropped.complete);

  const auto state = call("GET", "/_test/state", std::string(), kAdminToken);
  EXPECT_EQ(state.text("resourceVersion"), std::to_string(server->store().resource_version()));
}

TEST_F(FaultsTest, MalformedControlRequestsAreBadRequests) {
  EXPECT_EQ(call("POST", "/_test/faults/fail", std::string(R"({"status":"soon"})"), kAdminToken).status, 400);
  EXPECT_EQ(call("POST", "/_test/faults/fail", std::string(R"({"status":503})"), kAdminToken).status, 400);
  EXPECT_EQ(
      call("POST", "/_test/faults/compact", std::string(R"({"expireWatches":"yes"})"), kAdminToken).status,
      400);
  EXPECT_EQ(call("POST", "/_test/faults/nothing", std::string("{}"), kAdminToken).status, 404);
}

}  // namespace
}  // namespace ckpt::kubeapi
