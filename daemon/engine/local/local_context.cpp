#include "engine/local/local_context.hpp"

namespace ckpt::engine::local {

std::optional<obs::ContextLogger> LocalContext::log(std::string_view checkpoint_id) const {
  if (!logger) return std::nullopt;
  obs::LogFields fields;
  if (!checkpoint_id.empty()) fields.emplace_back("checkpoint", std::string{checkpoint_id});
  fields.emplace_back("cluster", cluster);
  return obs::ContextLogger{logger, std::move(fields)};
}

pg::ConnParams LocalContext::source_connection(std::chrono::milliseconds timeout,
                                               std::string_view checkpoint_id) const {
  pg::ConnParams params;
  params.host = local.host;
  params.port = local.port;
  params.user = local.user;
  params.dbname = local.database;
  params.passfile = local.password_file;
  params.connect_timeout = timeout;
  params.statement_timeout = timeout;
  params.statement_log = log(checkpoint_id);
  return params;
}

pg::ConnParams LocalContext::restored_connection(int port, std::chrono::milliseconds timeout,
                                                 std::string_view checkpoint_id) const {
  auto params = source_connection(timeout, checkpoint_id);
  params.host = local.restore_directory.string();
  params.port = static_cast<std::uint16_t>(port);
  return params;
}

}  // namespace ckpt::engine::local
