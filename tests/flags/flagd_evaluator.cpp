#include "flagd_evaluator.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "kubeapi/command.hpp"

namespace ckpt::flags::testing {
namespace {

using kubeapi::testing::read_file;
using kubeapi::testing::run_command;

constexpr auto kInstallDeadline = std::chrono::minutes(5);

// The program's path on $PATH; empty when it is not there.
std::filesystem::path find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream directories(path ? path : "/usr/bin");
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    const auto candidate = std::filesystem::path(directory) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

// Holds an exclusive flock on a file for as long as it lives.
class InstallLock {
 public:
  explicit InstallLock(const std::filesystem::path& file) : fd_(::open(file.c_str(), O_RDWR | O_CREAT, 0644)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~InstallLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  InstallLock(const InstallLock&) = delete;
  InstallLock& operator=(const InstallLock&) = delete;

 private:
  int fd_;
};

// What npm says went wrong: its first few "npm error" lines, stack traces left out.
std::string npm_reason(const std::string& err) {
  constexpr std::string_view kPrefix = "npm error ";
  std::string reason;
  std::stringstream lines(err);
  int kept = 0;
  for (std::string line; kept < 4 && std::getline(lines, line);) {
    if (!line.starts_with(kPrefix) || line.size() == kPrefix.size() || line[kPrefix.size()] == ' ') continue;
    reason += (reason.empty() ? "" : "; ") + line.substr(kPrefix.size());
    ++kept;
  }
  return reason.empty() ? err : reason;
}

}  // namespace

const FlagdEvaluator& FlagdEvaluator::shared() {
  static const FlagdEvaluator evaluator;
  return evaluator;
}

FlagdEvaluator::FlagdEvaluator() : directory_(FLAGD_EVAL_CACHE_DIR), node_(find_program("node")) {
  const auto npm = find_program("npm");
  if (node_.empty() || npm.empty()) {
    unavailable_ =
        "Node.js (node) and npm are needed to run flagd's evaluator (@openfeature/flagd-core); not found "
        "on $PATH (Debian packages nodejs and npm)";
    return;
  }
  const std::filesystem::path sources(FLAGD_EVAL_SOURCE_DIR);
  std::error_code error;
  std::filesystem::create_directories(directory_ / "home", error);
  const InstallLock lock(directory_ / "install.lock");
  const std::string lock_file = read_file(sources / "package-lock.json");
  if (read_file(directory_ / "installed-package-lock.json") == lock_file &&
      std::filesystem::exists(directory_ / "node_modules" / "@openfeature" / "flagd-core", error)) {
    return;
  }
  for (const char* file : {"package.json", "package-lock.json", "eval.js"}) {
    std::filesystem::copy_file(sources / file, directory_ / file, std::filesystem::copy_options::overwrite_existing,
                               error);
  }
  const auto installed = run_command({npm.string(), "ci", "--prefix", directory_.string(), "--no-audit", "--no-fund",
                                      "--fetch-timeout=60000", "--fetch-retries=1"},
                                     {{"HOME", (directory_ / "home").string()},
                                      {"npm_config_cache", (directory_ / "npm-cache").string()},
                                      {"npm_config_update_notifier", "false"}},
                                     directory_, kInstallDeadline);
  if (installed.exit_code != 0) {
    unavailable_ = "`npm ci` of @openfeature/flagd-core into " + directory_.string() + " failed (exit " +
                   std::to_string(installed.exit_code) + "): " + npm_reason(installed.err);
    return;
  }
  std::filesystem::copy_file(sources / "package-lock.json", directory_ / "installed-package-lock.json",
                             std::filesystem::copy_options::overwrite_existing, error);
}

Result<bool> FlagdEvaluator::evaluate(const std::filesystem::path& file, const std::string& flag) const {
  const auto scratch = directory_ / ("run-" + std::to_string(::getpid()));
  std::error_code error;
  std::filesystem::create_directories(scratch, error);
  const auto result = run_command({node_.string(), (directory_ / "eval.js").string(), file.string(), flag}, {}, scratch,
                                  std::chrono::seconds(30));
  std::filesystem::remove_all(scratch, error);
  if (result.exit_code == 0 && result.out == "true\n") return true;
  if (result.exit_code == 0 && result.out == "false\n") return false;
  return make_error(ErrorCode::failed,
                    "flagd's evaluator (exit " + std::to_string(result.exit_code) + "): " + result.out + result.err);
}

}  // namespace ckpt::flags::testing
