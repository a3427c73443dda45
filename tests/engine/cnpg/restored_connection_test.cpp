// The connection to a recovery Cluster keeps the configured TLS verification when the
// Cluster shares the source's server CA, and is lowered to `require` (with the reason)
// only when CNPG issued the Cluster a CA of its own.
#include <gtest/gtest.h>

#include "engine/cnpg/cnpg_context.hpp"

namespace ckpt::engine::cnpg {
namespace {

using namespace std::chrono_literals;

CnpgContext context_with(const std::string& sslmode) {
  CnpgContext context;
  context.cluster = "orders";
  context.cnpg.namespace_name = "payments";
  context.cnpg.cluster_name = "orders-db";
  context.cnpg.sslmode = sslmode;
  context.cnpg.sslrootcert = "/etc/checkpointd/db-ca.crt";
  return context;
}

TEST(RestoredConnection, SharingTheSourcesCaKeepsVerifyFull) {
  const auto context = context_with("verify-full");
  const auto params = context.restored_connection("orders-db-pitr-a1", RestoredCa::source, 5s);
  EXPECT_EQ(params.host, "orders-db-pitr-a1-rw.payments.svc");
  EXPECT_EQ(params.sslmode, "verify-full");
  EXPECT_EQ(params.sslrootcert, "/etc/checkpointd/db-ca.crt");
  EXPECT_FALSE(context.unverified_tls("orders-db-pitr-a1", RestoredCa::source));
}

TEST(RestoredConnection, ACaOfItsOwnIsOnlyEncryptedAndSaysWhy) {
  for (const auto* mode : {"verify-full", "verify-ca"}) {
    const auto context = context_with(mode);
    const auto params = context.restored_connection("orders-db-pitr-a1", RestoredCa::own, 5s);
    EXPECT_EQ(params.sslmode, "require") << mode;
    EXPECT_TRUE(params.sslrootcert.empty()) << mode;
    const auto why = context.unverified_tls("orders-db-pitr-a1", RestoredCa::own);
    ASSERT_TRUE(why) << mode;
    EXPECT_EQ(*why,
              "the connection to Cluster payments/orders-db-pitr-a1 is encrypted but its server is not "
              "verified (sslmode require instead of " +
                  std::string{mode} +
                  "): the source Cluster payments/orders-db uses a user-provided server certificate "
                  "(spec.certificates.serverTLSSecret), whose CA Secret cannot sign one for the new Cluster, "
                  "so CNPG issued the new Cluster a CA of its own, which checkpointd cannot read");
  }
}

TEST(RestoredConnection, ASslmodeThatDoesNotVerifyIsKeptAsIs) {
  const auto context = context_with("require");
  EXPECT_EQ(context.restored_connection("orders-db-pitr-a1", RestoredCa::own, 5s).sslmode, "require");
  EXPECT_FALSE(context.unverified_tls("orders-db-pitr-a1", RestoredCa::own));
}

TEST(RestoredConnection, TheCaIsReadFromTheRecoveryClustersSpec) {
  const boost::json::object shared{{"spec", {{"certificates", {{"serverCASecret", "orders-db-ca"}}}}}};
  EXPECT_EQ(restored_ca_of(shared), RestoredCa::source);
  EXPECT_EQ(restored_ca_of(boost::json::object{{"spec", boost::json::object{}}}), RestoredCa::own);
}

}  // namespace
}  // namespace ckpt::engine::cnpg
