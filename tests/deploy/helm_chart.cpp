#include "deploy/helm_chart.hpp"

#include <fstream>

#include "deploy/deploy_tools.hpp"
#include "deploy/rendered_manifests.hpp"

namespace ckpt::test {

std::vector<YAML::Node> RenderedChart::all_of_kind(std::string_view kind) const {
  return objects_of_kind(objects, kind);
}

YAML::Node RenderedChart::find(std::string_view kind, std::string_view name) const {
  for (const auto& object : all_of_kind(kind)) {
    if (object["metadata"]["name"].as<std::string>("") == name) return object;
  }
  return YAML::Node{YAML::NodeType::Undefined};
}

std::optional<std::string> helm_template_command() {
  if (installed("helm")) return "helm template";
  const auto engine = build_dir() / "tests" / "helmengine" / "helm-engine";
  if (std::filesystem::exists(engine)) return "'" + engine.string() + "' template";
  return std::nullopt;
}

std::filesystem::path chart_dir() {
  return manifests_dir("helm/checkpointd");
}

void HelmChartTest::SetUp() {
  const auto command = helm_template_command();
  if (!command) {
    GTEST_SKIP() << "neither helm nor helm-engine is available: helm-engine is built where Go is installed "
                    "(golang-go, golang-github-masterminds-sprig-dev, golang-k8s-sigs-yaml-dev, "
                    "golang-github-xeipuuv-gojsonschema-dev)";
  }
  command_ = *command;
  directory_ = std::make_unique<TempDir>("ckpt-helm");
}

RenderedChart HelmChartTest::render(std::string_view release, std::string_view ns,
                                    const std::vector<std::filesystem::path>& values_files) const {
  return render_chart(chart_dir(), release, ns, values_files);
}

RenderedChart HelmChartTest::render_chart(const std::filesystem::path& chart, std::string_view release,
                                          std::string_view ns,
                                          const std::vector<std::filesystem::path>& values_files) const {
  auto command =
      command_ + " '" + std::string{release} + "' '" + chart.string() + "' --namespace '" + std::string{ns} + "'";
  for (const auto& file : values_files) command += " -f '" + file.string() + "'";
  const auto result = run_command(command);
  RenderedChart rendered{.status = result.status, .output = result.output, .objects = {}};
  if (rendered.status != 0) return rendered;
  try {
    for (const auto& document : YAML::LoadAll(result.output)) {
      if (document.IsMap()) rendered.objects.push_back(document);
    }
  } catch (const YAML::Exception& e) {
    rendered.status = -1;
    rendered.output = "the chart rendered invalid YAML: " + std::string{e.what()} + "\n" + result.output;
  }
  return rendered;
}

std::filesystem::path HelmChartTest::values_file(std::string_view name, std::string_view content) const {
  const auto file = directory_->path() / name;
  std::ofstream{file} << content;
  return file;
}

}  // namespace ckpt::test
