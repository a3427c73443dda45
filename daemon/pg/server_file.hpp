// Reading a file of a server's data directory over a connection, with pg_read_file()
// (superusers and members of pg_read_server_files may call it). Used to read a restored
// server's timeline history when checkpointd has no access to its disk (cnpg).
#pragma once

#include <optional>
#include <pqxx/connection>
#include <string>

#include "core/result.hpp"

namespace ckpt::pg {

// The file's text (`relative_path` below the data directory, e.g. "pg_wal/00000002.history");
// nullopt when the role may not read files (SQLSTATE 42501); an error otherwise, e.g.
// when the file does not exist.
Result<std::optional<std::string>> read_server_file(pqxx::connection& connection, const std::string& relative_path);

}  // namespace ckpt::pg
