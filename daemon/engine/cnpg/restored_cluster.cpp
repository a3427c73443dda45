#include "engine/cnpg/restored_cluster.hpp"

#include "engine/common/history_file.hpp"
#include "pg/instance_state.hpp"
#include "pg/server_file.hpp"
#include "pg/session.hpp"

namespace ckpt::engine::cnpg {
namespace {

constexpr std::chrono::seconds kConnectTimeout{10};

}  // namespace

Result<VerifiedRestore> verify_restored_cluster(const CnpgContext& context, const Checkpoint& checkpoint,
                                                const std::string& recovery_cluster, RestoredCa ca) {
  const auto params = context.restored_connection(recovery_cluster, ca, kConnectTimeout);
  auto session = pg::open_session(params);
  if (!session) return std::move(session).error();
  const HistoryReader read_history = [&](std::uint32_t timeline) {
    return pg::read_server_file(**session, "pg_wal/" + history_file_name(timeline));
  };
  const auto subject = "the restored " + context.label("Cluster", recovery_cluster) + " (" + pg::describe(params) + ")";
  return verify_restored_server(**session, checkpoint, subject, read_history);
}

Result<std::uint32_t> restored_timeline(const CnpgContext& context, const std::string& recovery_cluster,
                                        RestoredCa ca) {
  auto session = pg::open_session(context.restored_connection(recovery_cluster, ca, kConnectTimeout));
  if (!session) return std::move(session).error();
  return pg::current_timeline(**session);
}

}  // namespace ckpt::engine::cnpg
