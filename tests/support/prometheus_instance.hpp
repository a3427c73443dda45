// Test fixture: a real Prometheus (Debian's package) on a free loopback port, scraping
// one target every second (with a bearer token when a token file is given), with a
// helper to run instant queries. The destructor stops it (SIGTERM) and waits for it.
#pragma once

#include <sys/types.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ckpt::test {

class PrometheusInstance {
 public:
  // Returns false (and why) when the prometheus binary is not installed.
  static bool available(std::string& why);

  // `target` is "host:port" serving /metrics; `token_file` empty: scraped without a token.
  PrometheusInstance(std::filesystem::path directory, std::string target, std::filesystem::path token_file = {});
  ~PrometheusInstance();
  PrometheusInstance(const PrometheusInstance&) = delete;
  PrometheusInstance& operator=(const PrometheusInstance&) = delete;

  // Runs an instant PromQL query; the `data.result` array of the answer.
  boost::json::array query(const std::string& promql);
  // Polls `promql` until it returns at least one sample or the deadline passes.
  std::optional<boost::json::array> wait_for(const std::string& promql, std::chrono::seconds deadline);
  std::uint16_t port() const { return port_; }

 private:
  std::filesystem::path directory_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace ckpt::test
