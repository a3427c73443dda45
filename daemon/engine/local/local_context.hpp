// What every part of the local engine shares about one cluster: its configuration,
// deadlines, the blocking thread pool, the logger, and the connection settings for the
// source server and for a restored instance (reached through its socket in
// restore_directory).
#pragma once

#include <spdlog/logger.h>

#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "engine/local/pg_tools.hpp"
#include "obs/context_logger.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::engine::local {

struct LocalContext {
  std::string cluster;
  config::LocalCluster local;
  config::Deadlines deadlines;
  boost::asio::thread_pool* pool = nullptr;
  std::shared_ptr<spdlog::logger> logger;

  // The logger with the context fields checkpoint (when given) and cluster; nullopt
  // without a logger.
  std::optional<obs::ContextLogger> log(std::string_view checkpoint_id = {}) const;
  // Connections and tools log the SQL issued and the commands run at debug level
  // through log(checkpoint_id).
  pg::ConnParams source_connection(std::chrono::milliseconds timeout, std::string_view checkpoint_id = {}) const;
  pg::ConnParams restored_connection(int port, std::chrono::milliseconds timeout,
                                     std::string_view checkpoint_id = {}) const;
  PgTools tools(std::string_view checkpoint_id = {}) const {
    return PgTools{local.bin_directory, local.password_file, log(checkpoint_id)};
  }
};

}  // namespace ckpt::engine::local
