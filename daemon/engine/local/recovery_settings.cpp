#include "engine/local/recovery_settings.hpp"

namespace ckpt::engine::local {
namespace {

constexpr std::string_view kBeginMarker = "# BEGIN checkpointd";
constexpr std::string_view kEndMarker = "# END checkpointd";

std::string shell_quote(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  quoted += '\'';
  return quoted;
}

// restore_command replaces %f, %p, %r and %%: a literal % in a path must be doubled.
std::string escape_percent(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    escaped += c;
    if (c == '%') escaped += '%';
  }
  return escaped;
}

std::string setting(std::string_view name, std::string_view value) {
  return std::string{name} + " = " + std::string{value} + "\n";
}

struct BlockBounds {
  std::size_t begin = std::string_view::npos;  // first character of the BEGIN line
  std::size_t end = std::string_view::npos;    // one past the END line's newline
};

std::size_t line_starting_with(std::string_view conf, std::string_view marker, std::size_t from) {
  for (auto position = conf.find(marker, from); position != std::string_view::npos;
       position = conf.find(marker, position + 1)) {
    if (position == 0 || conf[position - 1] == '\n') return position;
  }
  return std::string_view::npos;
}

BlockBounds find_block(std::string_view conf) {
  BlockBounds bounds;
  bounds.begin = line_starting_with(conf, kBeginMarker, 0);
  if (bounds.begin == std::string_view::npos) return bounds;
  const auto end_line = line_starting_with(conf, kEndMarker, bounds.begin);
  if (end_line == std::string_view::npos) {
    bounds.end = conf.size();
  } else {
    const auto newline = conf.find('\n', end_line);
    bounds.end = newline == std::string_view::npos ? conf.size() : newline + 1;
  }
  return bounds;
}

}  // namespace

std::string quote_setting(std::string_view value) {
  std::string quoted = "'";
  for (const char c : value) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  quoted += '\'';
  return quoted;
}

std::string prefetching_restore_command(const std::filesystem::path& spool_directory,
                                        const std::filesystem::path& archive_directory) {
  const auto spooled = shell_quote(escape_percent(spool_directory.string()) + "/%f");
  const auto archived = shell_quote(escape_percent(archive_directory.string()) + "/%f");
  return "mv -f " + spooled + " '%p' 2>/dev/null || cp " + archived + " '%p'";
}

std::string render_recovery_block(const RecoverySettings& settings) {
  std::string block = std::string{kBeginMarker} + ": restore " + settings.cluster_name +
                      " (managed by checkpointd, rewritten at cut-over)\n";
  block += settings.port ? setting("port", std::to_string(*settings.port))
                         : std::string{"# port = a free TCP port, chosen when the restore starts\n"};
  block += setting("unix_socket_directories", quote_setting(settings.socket_directory.string()));
  block += setting("logging_collector", "off");
  block += setting("archive_mode", "off");
  block += setting("restore_command",
                   quote_setting(prefetching_restore_command(settings.spool_directory, settings.archive_directory)));
  block += setting("recovery_target_lsn", quote_setting(format_lsn(settings.target_lsn)));
  block += setting("recovery_target_inclusive", "off");
  block += setting("recovery_target_timeline", quote_setting(std::to_string(settings.timeline)));
  // Paused at the target, the restore promotes with `pg_ctl promote`: PostgreSQL then ends
  // recovery without the synchronous end-of-recovery checkpoint that 'promote' waits for.
  block += setting("recovery_target_action", quote_setting("pause"));
  block += setting("hot_standby", "on");
  // A copied data directory starts "interrupted": PostgreSQL would fsync every file one
  // by one before recovery (seconds even for a small cluster); one syncfs() does the same.
  block += setting("recovery_init_sync_method", "syncfs");
  block += setting("cluster_name", quote_setting(settings.cluster_name));
  block += std::string{kEndMarker} + "\n";
  return block;
}

std::string render_cutover_block(int port, std::string_view checkpoint_id) {
  std::string block = std::string{kBeginMarker} + ": cut over to the restore of checkpoint " +
                      std::string{checkpoint_id} + " (managed by checkpointd)\n";
  block += setting("port", std::to_string(port));
  block += std::string{kEndMarker} + "\n";
  return block;
}

bool has_managed_block(std::string_view conf) { return find_block(conf).begin != std::string_view::npos; }

std::string with_managed_block(std::string_view conf, std::string_view block) {
  const auto bounds = find_block(conf);
  if (bounds.begin == std::string_view::npos) {
    std::string appended{conf};
    if (!appended.empty() && appended.back() != '\n') appended += '\n';
    return appended + std::string{block};
  }
  return std::string{conf.substr(0, bounds.begin)} + std::string{block} + std::string{conf.substr(bounds.end)};
}

}  // namespace ckpt::engine::local
