#include "cnpgemu/base_backup.hpp"

#include <boost/json/parse.hpp>
#include <fstream>
#include <pqxx/nontransaction>
#include <sstream>

#include "pg/process.hpp"
#include "pg/session.hpp"

namespace ckpt::cnpgemu {
namespace {

namespace fs = std::filesystem;

pg::ConnParams connection_to(const ServerAccess& server, std::string application_name) {
  pg::ConnParams params;
  params.host = server.socket_directory.string();
  params.port = server.port;
  params.user = server.user;
  params.dbname = "postgres";
  params.connect_timeout = std::chrono::seconds(5);
  params.application_name = std::move(application_name);
  return params;
}

Result<std::uint64_t> wal_segment_size(const ServerAccess& server) {
  auto session = pg::open_session(connection_to(server, "cnpg-emulation"));
  if (!session) return std::move(session).error();
  return pg::guarded_sql("reading wal_segment_size", [&] {
    pqxx::nontransaction transaction{**session};
    return transaction.exec1("SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size'")[0]
        .as<std::uint64_t>();
  });
}

Error bad_manifest(const fs::path& manifest, const std::string& problem) {
  return make_error(ErrorCode::engine_error, "backup manifest " + manifest.string() + ": " + problem);
}

}  // namespace

Result<BaseBackup> take_base_backup(const ServerAccess& server, const fs::path& directory, const std::string& label,
                                    const std::string& application_name, std::chrono::milliseconds timeout) {
  auto segment_size = wal_segment_size(server);
  if (!segment_size) return std::move(segment_size).error();
  pg::ProcessSpec spec;
  spec.argv = {(server.bin_directory / "pg_basebackup").string(),
               "--pgdata=" + directory.string(),
               "--wal-method=none",
               "--checkpoint=fast",
               "--no-sync",
               "--label=" + label,
               "--dbname=" + pg::build_conninfo(connection_to(server, application_name))};
  spec.env = {{"LC_ALL", "C"}};
  spec.timeout = timeout;
  auto output = pg::run_process(spec);
  if (!output) return std::move(output).error();
  if (output->exit_code != 0) {
    const auto last_line = pg::last_line_of(output->output);
    return make_error(
        ErrorCode::engine_error,
        last_line.empty() ? "pg_basebackup failed with exit code " + std::to_string(output->exit_code) : last_line);
  }
  auto range = read_manifest_wal_range(directory / "backup_manifest");
  if (!range) return std::move(range).error();
  BaseBackup backup;
  backup.range = *range;
  backup.begin_wal = wal_file_name_for(range->timeline, range->begin_lsn, *segment_size);
  backup.end_wal = wal_file_name_for(range->timeline, range->end_lsn, *segment_size);
  return backup;
}

void cancel_base_backup(const ServerAccess& server, std::string_view application_name) {
  auto session = pg::open_session(connection_to(server, "cnpg-emulation"));
  if (!session) return;  // a server that is gone ends the backup by itself
  (void)pg::guarded_sql("cancelling a base backup", [&] {
    pqxx::nontransaction transaction{**session};
    transaction.exec_params(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE backend_type = 'walsender' AND application_name = $1",
        std::string{application_name});
  });
}

Result<WalRange> read_manifest_wal_range(const fs::path& manifest) {
  std::ifstream file{manifest};
  if (!file) return bad_manifest(manifest, "cannot be read");
  std::stringstream text;
  text << file.rdbuf();
  boost::system::error_code parse_error;
  const auto document = boost::json::parse(text.str(), parse_error);
  if (parse_error || !document.is_object()) return bad_manifest(manifest, "is not a JSON object");
  const auto* ranges = document.as_object().if_contains("WAL-Ranges");
  if (ranges == nullptr || !ranges->is_array() || ranges->as_array().empty()) {
    return bad_manifest(manifest, "has no WAL-Ranges");
  }
  const auto lsn_of = [](const boost::json::value& range, std::string_view key) -> std::optional<Lsn> {
    const auto* text_value = range.is_object() ? range.as_object().if_contains(key) : nullptr;
    return text_value != nullptr && text_value->is_string() ? parse_lsn(text_value->as_string()) : std::nullopt;
  };
  const auto& last = ranges->as_array().back();
  const auto begin = lsn_of(ranges->as_array().front(), "Start-LSN");
  const auto end = lsn_of(last, "End-LSN");
  const auto* timeline = last.is_object() ? last.as_object().if_contains("Timeline") : nullptr;
  if (!begin || !end || timeline == nullptr || !timeline->is_int64() || timeline->as_int64() < 1) {
    return bad_manifest(manifest, "WAL-Ranges lacks a valid Start-LSN, End-LSN or Timeline");
  }
  return WalRange{*begin, *end, static_cast<std::uint32_t>(timeline->as_int64())};
}

}  // namespace ckpt::cnpgemu
