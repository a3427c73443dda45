// The objects a kustomization renders: `kubectl kustomize <dir>` run once per directory
// (cached for the test process) and parsed with yaml-cpp, with lookups by kind and name.
// Generated ConfigMaps carry a content-hash suffix, so a name also matches "<name>-<hash>".
// KustomizeTest is the fixture for tests on one kustomization (and optionally a second one
// to compare it with): skipped without kubectl, failed when a kustomization does not build.
#pragma once

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ckpt::test {

class RenderedManifests {
 public:
  // nullopt when kubectl is not installed (the caller skips); a build failure is an
  // error() with kubectl's output.
  static std::optional<RenderedManifests> render(const std::filesystem::path& kustomization_dir);

  const std::string& error() const { return error_; }
  const std::vector<YAML::Node>& objects() const { return objects_; }

  std::vector<YAML::Node> all_of_kind(std::string_view kind) const;
  // The one object of this kind and name (or generated name); an undefined node if there
  // is none.
  YAML::Node find(std::string_view kind, std::string_view name) const;

 private:
  std::vector<YAML::Node> objects_;
  std::string error_;
};

class KustomizeTest : public ::testing::Test {
 protected:
  // Call from SetUp(): renders manifests/<relative>, skips or fails the test as above.
  void render(const std::filesystem::path& relative);
  // Call from SetUp(): renders manifests/<reference> (reference(), what the test compares
  // with) and then manifests/<relative> (manifests()), each as above.
  void render(const std::filesystem::path& relative, const std::filesystem::path& reference);
  const RenderedManifests& manifests() const { return *manifests_; }
  const RenderedManifests& reference() const { return *reference_; }

 private:
  std::optional<RenderedManifests> manifests_;
  std::optional<RenderedManifests> reference_;
};

// The objects of this kind, in their order.
std::vector<YAML::Node> objects_of_kind(const std::vector<YAML::Node>& objects, std::string_view kind);

// The manifests directory of the source tree joined with `relative`.
std::filesystem::path manifests_dir(const std::filesystem::path& relative = {});

// checkpointd's config.yaml from the rendered ConfigMap checkpointd-config, parsed; an
// undefined node when there is none.
YAML::Node daemon_config(const RenderedManifests& manifests);

// node[path[0]][path[1]]...; an undefined node as soon as a key is missing (plain
// chained operator[] throws once it passes a missing key).
YAML::Node lookup(const YAML::Node& node, std::initializer_list<std::string_view> path);

// Every string of a YAML sequence (an undefined node gives none).
std::vector<std::string> strings_of(const YAML::Node& sequence);

}  // namespace ckpt::test
