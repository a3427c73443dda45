#include "engine/local/pg_tools.hpp"

#include <algorithm>
#include <charconv>

namespace ckpt::engine::local {
namespace {

std::string whole_seconds(std::chrono::milliseconds timeout) {
  return std::to_string(std::max<long long>(1, std::chrono::ceil<std::chrono::seconds>(timeout).count()));
}

// pg_ctl's own timeout stays below ours, so that it reports its failure itself.
std::chrono::milliseconds inner_timeout(std::chrono::milliseconds timeout) {
  return std::max(std::chrono::milliseconds{1000}, timeout - std::chrono::milliseconds{1000});
}

}  // namespace

Result<pg::ProcessOutput> PgTools::run(std::string_view step, pg::ProcessSpec spec) const {
  if (!password_file.empty()) spec.env.emplace_back("PGPASSFILE", password_file.string());
  spec.env.emplace_back("PGAPPNAME", "checkpointd");
  spec.env.emplace_back("LC_MESSAGES", "C");
  spec.log = log;
  auto output = pg::run_process(spec);
  if (!output) {
    auto error = std::move(output).error();
    error.message = std::string{step} + ": " + error.message;
    return error;
  }
  if (output->exit_code != 0) {
    auto reason = pg::last_lines_of(output->output, 3);
    return make_error(ErrorCode::engine_error, std::string{step} + ": `" + pg::describe_command(spec.argv) +
                                                   "` failed with exit code " + std::to_string(output->exit_code) +
                                                   (reason.empty() ? std::string{} : ": " + reason));
  }
  return output;
}

Result<void> PgTools::base_backup(const config::LocalCluster& source, const std::filesystem::path& target,
                                  const std::string& label, std::chrono::milliseconds timeout) const {
  pg::ProcessSpec spec;
  spec.argv = {(bin_directory / "pg_basebackup").string(),
               "-D",
               target.string(),
               "-Fp",
               "-Xs",
               "-c",
               "fast",
               "-l",
               label,
               "-h",
               source.host,
               "-p",
               std::to_string(source.port),
               "-U",
               source.user,
               "-w",
               "--no-sync"};
  spec.env = {{"PGCONNECT_TIMEOUT", "10"}};
  spec.timeout = timeout;
  auto output = run("base backup", std::move(spec));
  if (!output) return std::move(output).error();
  return {};
}

Result<void> PgTools::start(const std::filesystem::path& data_directory, const std::filesystem::path& log_file,
                            bool wait, std::chrono::milliseconds timeout) const {
  pg::ProcessSpec spec;
  spec.argv = {(bin_directory / "pg_ctl").string(), "-D", data_directory.string(), "-l", log_file.string()};
  if (wait) {
    spec.argv.insert(spec.argv.end(), {"-w", "-t", whole_seconds(inner_timeout(timeout))});
  } else {
    spec.argv.emplace_back("-W");
  }
  spec.argv.emplace_back("start");
  spec.timeout = timeout;
  auto output = run("starting PostgreSQL in " + data_directory.string(), std::move(spec));
  if (!output) return std::move(output).error();
  return {};
}

Result<void> PgTools::promote(const std::filesystem::path& data_directory, std::chrono::milliseconds timeout) const {
  pg::ProcessSpec spec;
  spec.argv = {(bin_directory / "pg_ctl").string(), "-D", data_directory.string(), "-W", "promote"};
  spec.timeout = timeout;
  auto output = run("promoting PostgreSQL in " + data_directory.string(), std::move(spec));
  if (!output) return std::move(output).error();
  return {};
}

Result<void> PgTools::stop(const std::filesystem::path& data_directory, std::chrono::milliseconds timeout) const {
  pg::ProcessSpec spec;
  spec.argv = {(bin_directory / "pg_ctl").string(),   "-D",  data_directory.string(), "-m", "fast", "-w", "-t",
               whole_seconds(inner_timeout(timeout)), "stop"};
  spec.timeout = timeout;
  auto output = run("stopping PostgreSQL in " + data_directory.string(), std::move(spec));
  if (!output) return std::move(output).error();
  return {};
}

Result<std::uint64_t> PgTools::wal_segment_size(const std::filesystem::path& data_directory,
                                                std::chrono::milliseconds timeout) const {
  pg::ProcessSpec spec;
  spec.argv = {(bin_directory / "pg_controldata").string(), "-D", data_directory.string()};
  spec.timeout = timeout;
  auto output = run("reading pg_control", std::move(spec));
  if (!output) return std::move(output).error();
  constexpr std::string_view kKey = "Bytes per WAL segment:";
  const auto& text = output->output;
  const auto at = text.find(kKey);
  if (at != std::string::npos) {
    const auto digits = text.find_first_not_of(' ', at + kKey.size());
    std::uint64_t size = 0;
    const auto* begin = text.data() + std::min(digits, text.size());
    const auto [end, failure] = std::from_chars(begin, text.data() + text.size(), size);
    if (failure == std::errc{} && end != begin && size > 0) return size;
  }
  return make_error(ErrorCode::engine_error, "reading pg_control: pg_controldata printed no \"" + std::string{kKey} +
                                                 "\" for " + data_directory.string());
}

}  // namespace ckpt::engine::local
