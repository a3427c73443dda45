// The schema fingerprint: one catalog query over every non-system schema (pg_catalog,
// information_schema, pg_toast and temporary schemas excluded) that renders tables
// (schema, name, kind), columns (name, type, not null, default), constraints and
// indexes as sorted lines (byte order) and hashes them on the server with SHA-256.
// Data does not count, only structure. An empty schema hashes the empty string (a
// stable value, never NULL). Two servers of the same major version agree on the hash
// exactly when the listed structure is equal.
#pragma once

#include <pqxx/connection>
#include <string>

#include "core/result.hpp"

namespace ckpt::pg {

// 64 lowercase hex digits.
Result<std::string> schema_fingerprint(pqxx::connection& connection);

}  // namespace ckpt::pg
