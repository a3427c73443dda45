// A test fixture with a real PostgreSQL holding a `users` table of 100 rows and the real
// checkpointd managing it as the local cluster `app`; skips, saying why, where
// PostgreSQL cannot run (as root, or without its binaries). checkpointctl() runs the real
// client against that daemon.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "cluster_yaml.hpp"
#include "daemon_process.hpp"
#include "support/postgres_instance.hpp"

namespace ckpt::test {

class UsersDaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (!PostgresInstance::can_run(why)) GTEST_SKIP() << why;
    postgres_ = std::make_unique<PostgresInstance>();
    postgres_->exec("CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);"
                    "INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 100) g;");
    daemon_ = std::make_unique<DaemonProcess>(postgres_->root() / "daemon", DaemonOptions(local_cluster_yaml(*postgres_)));
    daemon_->start();
  }

  ProgramRun checkpointctl(const std::vector<std::string>& args) const {
    std::vector<std::string> full{checkpointctl_binary().string(), "--socket", daemon_->socket().string()};
    full.insert(full.end(), args.begin(), args.end());
    return run_program(full);
  }

  // Restarts the daemon with `extra` lines in the cluster's entry (a state directory of
  // its own: what the first daemon recorded stays with it).
  void restart_with(const std::string& extra) {
    daemon_->stop();
    daemon_ = std::make_unique<DaemonProcess>(postgres_->root() / "daemon-2",
                                              DaemonOptions(local_cluster_yaml(*postgres_, "app", extra)));
    daemon_->start();
  }

  // The checkpoint id checkpointctl printed first on stdout.
  static std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

  std::unique_ptr<PostgresInstance> postgres_;
  std::unique_ptr<DaemonProcess> daemon_;
};

}  // namespace ckpt::test
