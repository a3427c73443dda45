#include "deploy/rendered_manifests.hpp"

#include <map>

#include "deploy/deploy_tools.hpp"

namespace ckpt::test {
namespace {

bool is_generated_name(std::string_view candidate, std::string_view name) {
  // kustomize appends "-" and a 10-character hash to generated names.
  return candidate.size() == name.size() + 11 && candidate.starts_with(name) && candidate[name.size()] == '-';
}

}  // namespace

std::optional<RenderedManifests> RenderedManifests::render(const std::filesystem::path& kustomization_dir) {
  static std::map<std::filesystem::path, RenderedManifests> cache;
  if (!installed("kubectl")) return std::nullopt;
  if (const auto cached = cache.find(kustomization_dir); cached != cache.end()) return cached->second;
  RenderedManifests rendered;
  const auto built = run_command("kubectl kustomize '" + kustomization_dir.string() + "'");
  if (built.status != 0) {
    rendered.error_ = "kubectl kustomize " + kustomization_dir.string() + " failed:\n" + built.output;
  } else {
    try {
      for (const auto& document : YAML::LoadAll(built.output)) {
        if (document.IsMap()) rendered.objects_.push_back(document);
      }
    } catch (const YAML::Exception& e) {
      rendered.error_ = "kubectl kustomize " + kustomization_dir.string() + " printed invalid YAML: " + e.what();
    }
  }
  cache.emplace(kustomization_dir, rendered);
  return rendered;
}

std::vector<YAML::Node> RenderedManifests::all_of_kind(std::string_view kind) const {
  return objects_of_kind(objects_, kind);
}

YAML::Node RenderedManifests::find(std::string_view kind, std::string_view name) const {
  for (const auto& object : all_of_kind(kind)) {
    const auto object_name = object["metadata"]["name"].as<std::string>("");
    if (object_name == name || is_generated_name(object_name, name)) return object;
  }
  return YAML::Node{YAML::NodeType::Undefined};
}

void KustomizeTest::render(const std::filesystem::path& relative) {
  manifests_ = RenderedManifests::render(manifests_dir(relative));
  if (!manifests_) GTEST_SKIP() << "kubectl is not installed: cannot build manifests/" << relative.string();
  ASSERT_TRUE(manifests_->error().empty()) << manifests_->error();
}

void KustomizeTest::render(const std::filesystem::path& relative, const std::filesystem::path& reference) {
  render(reference);
  if (IsSkipped() || HasFatalFailure()) return;
  reference_ = std::move(manifests_);
  render(relative);
}

std::vector<YAML::Node> objects_of_kind(const std::vector<YAML::Node>& objects, std::string_view kind) {
  std::vector<YAML::Node> matching;
  for (const auto& object : objects) {
    if (object["kind"].as<std::string>("") == kind) matching.push_back(object);
  }
  return matching;
}

std::filesystem::path manifests_dir(const std::filesystem::path& relative) {
  return relative.empty() ? source_dir() / "manifests" : source_dir() / "manifests" / relative;
}

YAML::Node daemon_config(const RenderedManifests& manifests) {
  const auto text =
      lookup(manifests.find("ConfigMap", "checkpointd-config"), {"data", "config.yaml"}).as<std::string>("");
  return text.empty() ? YAML::Node{YAML::NodeType::Undefined} : YAML::Load(text);
}

YAML::Node lookup(const YAML::Node& node, std::initializer_list<std::string_view> path) {
  YAML::Node current{YAML::NodeType::Undefined};
  if (!node.IsDefined()) return current;
  current.reset(node);
  for (const auto key : path) {
    if (!current.IsDefined() || !current.IsMap()) return YAML::Node{YAML::NodeType::Undefined};
    const YAML::Node& parent = current;
    const YAML::Node child = parent[std::string{key}];
    if (!child.IsDefined()) return YAML::Node{YAML::NodeType::Undefined};
    current.reset(child);
  }
  return current;
}

std::vector<std::string> strings_of(const YAML::Node& sequence) {
  std::vector<std::string> values;
  if (!sequence.IsDefined() || !sequence.IsSequence()) return values;
  for (const auto& item : sequence) values.push_back(item.as<std::string>());
  return values;
}

}  // namespace ckpt::test
