// What every part of the local engine shares about one cluster: its configuration,
// deadlines, the blocking thread pool, the logger, and the connection settings for the
// source server and for a restored instance (reached through its socket in
// restore_directory).
#pragma once

#include <spdlog/logger.h>

#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "config/config.hpp"
#include "engine/local/pg_tools.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::engine::local {

struct LocalContext {
  std::string cluster;
  config::LocalCluster local;
  config::Deadlines deadlines;
  boost::asio::thread_pool* pool = nullptr;
  std::shared_ptr<spdlog::logger> logger;

  pg::ConnParams source_connection(std::chrono::milliseconds timeout) const;
  pg::ConnParams restored_connection(int port, std::chrono::milliseconds timeout) const;
  PgTools tools() const { return PgTools{local.bin_directory, local.password_file}; }
};

}  // namespace ckpt::engine::local
