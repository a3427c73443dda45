#include "engine/local/restored_instance.hpp"

#include <algorithm>
#include <charconv>

#include "engine/common/history_file.hpp"
#include "engine/local/durable_fs.hpp"
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
  auto session = pg::open_session(context.restored_connection(port, std::chrono::seconds{10}, checkpoint.id));
  if (!session) return std::move(session).error();
  const HistoryReader read_history = [&](std::uint32_t timeline) -> Result<std::optional<std::string>> {
    auto text = read_text_file(data_directory / "pg_wal" / history_file_name(timeline));
    if (!text) return std::move(text).error();
    return std::optional<std::string>{std::move(text).value()};
  };
  return verify_restored_server(**session, checkpoint, "the restored instance in " + data_directory.string(),
                                read_history);
}

}  // namespace ckpt::engine::local
