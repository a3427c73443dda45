// Renders manifests/helm/checkpointd as `helm template` does: with Helm where it is
// installed, else with tests/helmengine's helm-engine (Helm's template engine from
// Debian's Go packages; Helm itself is not packaged in Debian 12). HelmChartTest skips a
// test when neither exists, saying so.
#pragma once

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/temp_dir.hpp"

namespace ckpt::test {

struct RenderedChart {
  int status = -1;                  // the renderer's exit status
  std::string output;               // what it printed (the error when status != 0)
  std::vector<YAML::Node> objects;  // the rendered objects when status == 0

  std::vector<YAML::Node> all_of_kind(std::string_view kind) const;
  // The one object of this kind and name; an undefined node if there is none.
  YAML::Node find(std::string_view kind, std::string_view name) const;
};

// The command that renders the chart ("helm template" or helm-engine's), or nullopt when
// neither is available.
std::optional<std::string> helm_template_command();

class HelmChartTest : public ::testing::Test {
 protected:
  void SetUp() override;
  // Renders the chart for this release and namespace with these values files (the chart's
  // values.yaml first, as Helm does).
  RenderedChart render(std::string_view release, std::string_view ns,
                       const std::vector<std::filesystem::path>& values_files = {}) const;
  // The same for a chart at another place (a modified copy).
  RenderedChart render_chart(const std::filesystem::path& chart, std::string_view release, std::string_view ns,
                             const std::vector<std::filesystem::path>& values_files = {}) const;
  // A values file in the test's temporary directory holding `content`.
  std::filesystem::path values_file(std::string_view name, std::string_view content) const;
  // The test's temporary directory.
  const std::filesystem::path& scratch() const { return directory_->path(); }

 private:
  std::string command_;
  std::unique_ptr<TempDir> directory_;
};

// manifests/helm/checkpointd.
std::filesystem::path chart_dir();

}  // namespace ckpt::test
