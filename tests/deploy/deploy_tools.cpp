#include "deploy/deploy_tools.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ckpt::test {
namespace {

std::filesystem::path directory_from_environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : ".";
}

}  // namespace

std::filesystem::path source_dir() {
  return directory_from_environment("CHECKPOINTD_SOURCE_DIR");
}

std::filesystem::path build_dir() {
  return directory_from_environment("CHECKPOINTD_BUILD_DIR");
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    result.output = "popen failed for: " + command;
    return result;
  }
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.output += buffer.data();
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool installed(const std::string& program) {
  return run_command("command -v " + program).status == 0;
}

}  // namespace ckpt::test
