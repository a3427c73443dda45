#include "engine/local/local_context.hpp"

namespace ckpt::engine::local {

pg::ConnParams LocalContext::source_connection(std::chrono::milliseconds timeout) const {
  pg::ConnParams params;
  params.host = local.host;
  params.port = local.port;
  params.user = local.user;
  params.dbname = local.database;
  params.passfile = local.password_file;
  params.connect_timeout = timeout;
  params.statement_timeout = timeout;
  return params;
}

pg::ConnParams LocalContext::restored_connection(int port, std::chrono::milliseconds timeout) const {
  auto params = source_connection(timeout);
  params.host = local.restore_directory.string();
  params.port = static_cast<std::uint16_t>(port);
  return params;
}

}  // namespace ckpt::engine::local
