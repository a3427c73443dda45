// Test fixture: the checkpointd-demo-service binary of the build under test as a child
// process on 127.0.0.1 and a port it picks itself (read from the "listening on ..." line
// it prints), with helpers to call it. The destructor stops it (SIGTERM) and reaps it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "net/http_message.hpp"

namespace ckpt::test {

class DemoServiceProcess {
 public:
  static std::filesystem::path binary();

  // Starts the binary with `arguments` (besides --listen 127.0.0.1:0); its stdout and
  // stderr go to files in `directory`. Throws when it exits or does not print its port
  // within 10 s.
  DemoServiceProcess(const std::filesystem::path& directory, const std::vector<std::string>& arguments);
  ~DemoServiceProcess();
  DemoServiceProcess(const DemoServiceProcess&) = delete;
  DemoServiceProcess& operator=(const DemoServiceProcess&) = delete;

  std::uint16_t port() const { return port_; }
  std::string authority() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string url(const std::string& path) const { return "http://" + authority() + path; }

  // One request; throws when the service cannot be reached.
  net::HttpResponse call(const std::string& method, const std::string& target, const std::string& body = {}) const;
  void set_error_ratio(double ratio) const;

  // Sends `signal`, waits, and returns the exit status (128 + signal when a signal ended it).
  int stop(int signal);

 private:
  std::filesystem::path output_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace ckpt::test
