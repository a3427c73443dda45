// libpq connection strings for checkpointd's connections. Values are always quoted
// (single quotes, backslash escapes), so paths and names with spaces or quotes are
// safe. No password ever goes into a conninfo: libpq reads it from `passfile`.
// Optional values (passfile, sslmode, sslrootcert) are left out when empty.
// `describe()` is the form for logs and messages: host, port, user, database only.
// `statement_log`, when set, is the logger (with its context fields: checkpoint,
// cluster) that the SQL issued on the session is logged through at debug level
// (pg/statement_log.hpp); it is no part of the connection string.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "obs/context_logger.hpp"

namespace ckpt::pg {

struct ConnParams {
  std::string host;  // socket directory or address
  std::uint16_t port = 5432;
  std::string user;
  std::string dbname;
  std::filesystem::path passfile;                     // optional
  std::string sslmode;                                // optional: disable ... verify-full (libpq's default: prefer)
  std::filesystem::path sslrootcert;                  // optional: CA file for verify-ca / verify-full
  std::chrono::milliseconds connect_timeout{10'000};  // rounded up to whole seconds, at least 2 s
  std::chrono::milliseconds statement_timeout{0};     // 0: server default
  std::string application_name = "checkpointd";
  std::optional<obs::ContextLogger> statement_log;  // optional: debug lines of the SQL issued
};

// `key='value'` with backslash escapes for ' and \.
std::string quote_conninfo_value(std::string_view value);

std::string build_conninfo(const ConnParams& params);

// "host=/run/postgresql port=5432 user=postgres dbname=postgres": safe to log (redacted).
std::string describe(const ConnParams& params);

}  // namespace ckpt::pg
