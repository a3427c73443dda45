#include "engine/local/restored_instance.hpp"

#include <algorithm>
#include <charconv>

#include "engine/local/durable_fs.hpp"
#include "engine/local/history_file.hpp"
#include "pg/instance_state.hpp"
#include "pg/schema_fingerprint.hpp"
#include "pg/session.hpp"

namespace ckpt::engine::local {
namespace {

constexpr std::string_view kHistorySuffix = ".history";

std::optional<std::uint32_t> history_timeline(std::string_view file_name) {
  if (file_name.size() != 8 + kHistorySuffix.size() || !file_name.ends_with(kHistorySuffix)) return std::nullopt;
  if (!std::all_of(file_name.begin(), file_name.begin() + 8,
                   [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); })) {
    return std::nullopt;
  }
  std::uint32_t timeline = 0;
  std::from_chars(file_name.data(), file_name.data() + 8, timeline, 16);
  return timeline;
}

Error verification_failed(const std::filesystem::path& data_directory, const std::string& what) {
  return make_error(ErrorCode::failed,
                    "verification of the restored instance in " + data_directory.string() + " failed: " + what);
}

Result<void> check_stop_point(const Checkpoint& checkpoint, const std::filesystem::path& data_directory,
                              std::uint32_t timeline) {
  const auto& point = *checkpoint.recovery_point;
  const auto history_file = data_directory / "pg_wal" / history_file_name(timeline);
  auto text = read_text_file(history_file);
  if (!text) return std::move(text).error();
  const auto entries = parse_timeline_history(text.value());
  if (!entries) return verification_failed(data_directory, history_file.string() + " is malformed");
  const auto branch = std::find_if(entries->begin(), entries->end(),
                                   [&](const auto& entry) { return entry.parent_timeline == point.timeline; });
  if (branch == entries->end()) {
    return verification_failed(
        data_directory, history_file.string() + " has no switch from timeline " + std::to_string(point.timeline));
  }
  if (branch->switch_lsn != point.target_lsn || !branch->reason.starts_with("before")) {
    return verification_failed(data_directory, "recovery stopped at " + format_lsn(branch->switch_lsn) + " (" +
                                                   branch->reason + "), not right before the target " +
                                                   format_lsn(point.target_lsn));
  }
  return {};
}

}  // namespace

std::optional<std::uint32_t> newest_history_timeline(const std::filesystem::path& wal_directory) {
  std::optional<std::uint32_t> newest;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(wal_directory, error)) {
    const auto timeline = history_timeline(entry.path().filename().string());
    if (timeline && (!newest || *timeline > *newest)) newest = timeline;
  }
  return newest;
}

Result<VerifiedRestore> verify_restored_instance(const LocalContext& context, const Checkpoint& checkpoint,
                                                 const std::filesystem::path& data_directory, int port) {
  const auto& point = *checkpoint.recovery_point;
  auto session = pg::open_session(context.restored_connection(port, std::chrono::seconds{10}));
  if (!session) return std::move(session).error();
  auto recovering = pg::is_in_recovery(**session);
  if (!recovering) return std::move(recovering).error();
  if (*recovering) return verification_failed(data_directory, "the instance is still in recovery");
  auto timeline = pg::current_timeline(**session);
  if (!timeline) return std::move(timeline).error();
  if (timeline.value() <= point.timeline) {
    return verification_failed(data_directory, "it writes on timeline " + std::to_string(timeline.value()) +
                                                   ", not on a new timeline after " + std::to_string(point.timeline));
  }
  if (auto stopped = check_stop_point(checkpoint, data_directory, timeline.value()); !stopped) return stopped.error();

  VerifiedRestore verified{timeline.value(), !checkpoint.schema_fingerprint.empty()};
  if (!verified.fingerprint_compared) return verified;
  auto fingerprint = pg::schema_fingerprint(**session);
  if (!fingerprint) return std::move(fingerprint).error();
  if (fingerprint.value() != checkpoint.schema_fingerprint) {
    return verification_failed(data_directory, "the schema differs from the checkpoint's: fingerprint " +
                                                   checkpoint.schema_fingerprint + " at the checkpoint, " +
                                                   fingerprint.value() + " restored");
  }
  return verified;
}

}  // namespace ckpt::engine::local
