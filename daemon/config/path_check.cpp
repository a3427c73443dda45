#include "config/path_check.hpp"

#include <filesystem>
#include <system_error>

namespace ckpt::config {
namespace {

void check_directory(const std::string& key, const std::filesystem::path& path, std::vector<std::string>& problems) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) {
    problems.push_back(key + ": " + path.string() + " does not exist");
  } else if (!std::filesystem::is_directory(status)) {
    problems.push_back(key + ": " + path.string() + " is not a directory");
  }
}

}  // namespace

std::vector<std::string> missing_directories(const Config& config) {
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < config.clusters.size(); ++i) {
    const auto& cluster = config.clusters[i];
    if (!cluster.local) continue;
    const std::string prefix = "clusters[" + std::to_string(i) + "].local.";
    check_directory(prefix + "data_directory", cluster.local->data_directory, problems);
    check_directory(prefix + "bin_directory", cluster.local->bin_directory, problems);
    check_directory(prefix + "archive_directory", cluster.local->archive_directory, problems);
  }
  return problems;
}

}  // namespace ckpt::config
