#include "engine/common/restored_server.hpp"

#include "engine/common/history_file.hpp"
#include "pg/instance_state.hpp"
#include "pg/schema_fingerprint.hpp"

namespace ckpt::engine {
namespace {

Error verification_failed(const std::string& subject, const std::string& what) {
  return make_error(ErrorCode::failed, "verification of " + subject + " failed: " + what);
}

}  // namespace

Result<VerifiedRestore> verify_restored_server(pqxx::connection& session, const Checkpoint& checkpoint,
                                               const std::string& subject, const HistoryReader& read_history) {
  const auto& point = *checkpoint.recovery_point;
  auto recovering = pg::is_in_recovery(session);
  if (!recovering) return std::move(recovering).error();
  if (*recovering) return verification_failed(subject, "the server is still in recovery");
  auto timeline = pg::current_timeline(session);
  if (!timeline) return std::move(timeline).error();
  if (timeline.value() <= point.timeline) {
    return verification_failed(subject, "it writes on timeline " + std::to_string(timeline.value()) +
                                            ", not on a new timeline after " + std::to_string(point.timeline));
  }
  VerifiedRestore verified{timeline.value(), false, !checkpoint.schema_fingerprint.empty()};

  auto history = read_history(verified.timeline);
  if (!history) return std::move(history).error();
  if (*history) {
    if (auto mismatch = stop_point_mismatch(**history, history_file_name(verified.timeline), point)) {
      return verification_failed(subject, *mismatch);
    }
    verified.stop_point_checked = true;
  }

  if (!verified.fingerprint_compared) return verified;
  auto fingerprint = pg::schema_fingerprint(session);
  if (!fingerprint) return std::move(fingerprint).error();
  if (fingerprint.value() != checkpoint.schema_fingerprint) {
    return verification_failed(subject, "the schema differs from the checkpoint's: fingerprint " +
                                            checkpoint.schema_fingerprint + " at the checkpoint, " +
                                            fingerprint.value() + " restored");
  }
  return verified;
}

}  // namespace ckpt::engine
