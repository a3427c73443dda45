#include "engine/local/backup_metadata.hpp"

#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "engine/local/durable_fs.hpp"

namespace ckpt::engine::local {
namespace {

namespace json = boost::json;

class FieldReader {
 public:
  FieldReader(const json::object& object, std::string_view source) : object_(object), source_(source) {}

  std::string text(std::string_view key) {
    const auto* value = object_.if_contains(key);
    if (value == nullptr || !value->is_string() || value->as_string().empty()) {
      fail(key, "a non-empty string");
      return {};
    }
    return std::string{value->as_string()};
  }

  std::uint64_t number(std::string_view key) {
    const auto* value = object_.if_contains(key);
    if (value != nullptr && value->is_uint64()) return value->as_uint64();
    if (value != nullptr && value->is_int64() && value->as_int64() > 0)
      return static_cast<std::uint64_t>(value->as_int64());
    fail(key, "a positive integer");
    return 0;
  }

  Lsn lsn(std::string_view key) {
    const auto value = text(key);
    if (error_) return {};
    const auto parsed = parse_lsn(value);
    if (!parsed) fail(key, "an LSN like \"0/3000148\"");
    return parsed.value_or(Lsn{});
  }

  TimePoint time(std::string_view key) {
    const auto value = text(key);
    if (error_) return {};
    const auto parsed = parse_rfc3339(value);
    if (!parsed) fail(key, "an RFC 3339 time");
    return parsed.value_or(TimePoint{});
  }

  const std::optional<Error>& error() const { return error_; }

 private:
  void fail(std::string_view key, std::string_view expected) {
    if (error_) return;
    error_ = make_error(ErrorCode::engine_error, std::string{source_} + ": field \"" + std::string{key} +
                                                     "\" must be " + std::string{expected} +
                                                     "; the backup directory is damaged, "
                                                     "remove it so that a new backup is taken");
  }

  const json::object& object_;
  std::string_view source_;
  std::optional<Error> error_;
};

}  // namespace

std::string render_backup_metadata(const BackupMetadata& metadata) {
  json::object object;
  object["format"] = 1;
  object["cluster"] = metadata.cluster;
  object["checkpoint_id"] = metadata.checkpoint_id;
  object["backup_id"] = metadata.backup_id;
  object["begin_lsn"] = format_lsn(metadata.begin_lsn);
  object["end_lsn"] = format_lsn(metadata.end_lsn);
  object["timeline"] = metadata.timeline;
  object["wal_segment_size"] = metadata.wal_segment_size;
  object["started_at"] = format_rfc3339(metadata.started_at);
  object["stopped_at"] = format_rfc3339(metadata.stopped_at);
  return json::serialize(object) + "\n";
}

Result<BackupMetadata> parse_backup_metadata(std::string_view text, std::string_view source) {
  std::error_code parse_error;
  const auto document = json::parse(text, parse_error);
  if (parse_error || !document.is_object()) {
    return make_error(ErrorCode::engine_error, std::string{source} + " is not a JSON object" +
                                                   (parse_error ? ": " + parse_error.message() : std::string{}));
  }
  FieldReader fields{document.as_object(), source};
  BackupMetadata metadata;
  metadata.cluster = fields.text("cluster");
  metadata.checkpoint_id = fields.text("checkpoint_id");
  metadata.backup_id = fields.text("backup_id");
  metadata.begin_lsn = fields.lsn("begin_lsn");
  metadata.end_lsn = fields.lsn("end_lsn");
  metadata.timeline = static_cast<std::uint32_t>(fields.number("timeline"));
  metadata.wal_segment_size = fields.number("wal_segment_size");
  metadata.started_at = fields.time("started_at");
  metadata.stopped_at = fields.time("stopped_at");
  if (fields.error()) return *fields.error();
  return metadata;
}

Result<BackupMetadata> read_backup_metadata(const std::filesystem::path& backup_directory) {
  const auto file = backup_directory / kBackupMetadataFile;
  auto text = read_text_file(file);
  if (!text) return std::move(text).error();
  return parse_backup_metadata(text.value(), file.string());
}

BackupInfo to_backup_info(const BackupMetadata& metadata, const std::filesystem::path& backup_directory, bool reused) {
  BackupInfo info;
  info.backup_id = metadata.backup_id;
  info.name = backup_directory.string();
  info.begin_lsn = metadata.begin_lsn;
  info.end_lsn = metadata.end_lsn;
  info.timeline = metadata.timeline;
  info.started_at = metadata.started_at;
  info.stopped_at = metadata.stopped_at;
  info.reused = reused;
  return info;
}

}  // namespace ckpt::engine::local
