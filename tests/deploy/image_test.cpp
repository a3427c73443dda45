// The container image (Dockerfile): its runtime stage installs the Debian package of every
// shared library the built checkpointd and checkpointctl link, runs as a non-root user
// with the daemon as its entrypoint, and the manifests name it by the project's version,
// never by `latest`.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "deploy/deploy_tools.hpp"
#include "deploy/pod_spec.hpp"
#include "deploy/rendered_manifests.hpp"

namespace ckpt::test {
namespace {

std::string dockerfile() {
  return read_text(source_dir() / "Dockerfile");
}

// The text of the last stage: from its FROM line to the end.
std::string runtime_stage(const std::string& text) {
  const auto from = text.rfind("\nFROM ");
  return from == std::string::npos ? "" : text.substr(from + 1);
}

// The packages of the stage's `apt-get install`: its words after `install` that are not
// options, up to the next `&&`.
std::set<std::string> installed_packages(const std::string& stage) {
  std::set<std::string> packages;
  const auto install = stage.find("apt-get install");
  if (install == std::string::npos) return packages;
  const auto end = stage.find("&&", install);
  std::istringstream words(stage.substr(install, end - install));
  std::string word;
  words >> word >> word;  // "apt-get", "install"
  while (words >> word) {
    if (!word.starts_with("-") && word != "\\") packages.insert(word);
  }
  return packages;
}

// soname -> the file it resolves to, for the libraries a binary needs directly (NEEDED).
std::map<std::string, std::string> needed_libraries(const std::string& binary) {
  std::map<std::string, std::string> libraries;
  const auto needed = run_command("readelf -d '" + binary + "'");
  const auto resolved = run_command("ldd '" + binary + "'");
  static const std::regex needed_line{R"(\(NEEDED\)\s+Shared library: \[([^\]]+)\])"};
  for (auto it = std::sregex_iterator(needed.output.begin(), needed.output.end(), needed_line);
       it != std::sregex_iterator(); ++it) {
    const std::string soname = (*it)[1];
    std::smatch path;
    const std::regex ldd_line{std::regex_replace(soname, std::regex{R"([.+])"}, R"(\$&)") + R"( => (\S+))"};
    libraries[soname] = std::regex_search(resolved.output, path, ldd_line) ? path[1].str() : "";
  }
  return libraries;
}

// The Debian package that holds `file` ("libssl3" for /lib/x86_64-linux-gnu/libssl.so.3).
std::string package_of(const std::string& file) {
  auto owner = run_command("dpkg -S \"$(readlink -f '" + file + "')\"");
  if (owner.status != 0) owner = run_command("dpkg -S '" + file + "'");
  if (owner.status != 0) return "";
  return owner.output.substr(0, owner.output.find_first_of(":,"));
}

TEST(Dockerfile, ItsRuntimePackagesHoldEveryLibraryTheBinariesLink) {
  if (!installed("dpkg") || !installed("readelf") || !installed("ldd")) {
    GTEST_SKIP() << "dpkg, readelf (binutils) and ldd are needed to map libraries to packages";
  }
  const auto packages = installed_packages(runtime_stage(dockerfile()));
  ASSERT_FALSE(packages.empty()) << "no apt-get install in the Dockerfile's last stage";
  for (const auto* binary : {"daemon/checkpointd", "client/checkpointctl"}) {
    const auto path = (build_dir() / binary).string();
    const auto libraries = needed_libraries(path);
    ASSERT_FALSE(libraries.empty()) << path << " links no shared library (not built?)";
    for (const auto& [soname, file] : libraries) {
      ASSERT_FALSE(file.empty()) << path << ": ldd does not resolve " << soname;
      const auto package = package_of(file);
      ASSERT_FALSE(package.empty()) << file << " belongs to no Debian package";
      EXPECT_TRUE(packages.contains(package)) << binary << " links " << soname << " of the package " << package
                                              << ", which the Dockerfile does not install";
    }
  }
}

TEST(Dockerfile, RunsTheDaemonAsItsEntrypointAsANonRootUser) {
  const auto stage = runtime_stage(dockerfile());
  std::smatch user;
  ASSERT_TRUE(std::regex_search(stage, user, std::regex{R"(\nUSER (\S+))"})) << "the image runs as root";
  EXPECT_NE(user[1].str().substr(0, user[1].str().find(':')), "0");
  EXPECT_NE(user[1].str().substr(0, user[1].str().find(':')), "root");
  EXPECT_NE(stage.find("ENTRYPOINT [\"/usr/bin/checkpointd\"]"), std::string::npos)
      << "the Deployment gives the daemon only args: checkpointd must be the exec-form entrypoint";
  for (const auto* binary : {"/build/daemon/checkpointd", "/build/client/checkpointctl"}) {
    EXPECT_NE(stage.find(binary), std::string::npos) << binary << " is not copied into the image";
  }
  EXPECT_NE(stage.find("postgresql-client-15"), std::string::npos) << "the migration Jobs run psql from this image";
}

// The base runs as the Dockerfile's user, so the image's files and the pod's agree.
TEST(Dockerfile, UserIsTheDeploymentsRunAsUser) {
  const auto rendered = RenderedManifests::render(manifests_dir("base"));
  if (!rendered) GTEST_SKIP() << "kubectl is not installed";
  ASSERT_TRUE(rendered->error().empty()) << rendered->error();
  const auto pod = rendered->find("Deployment", "checkpointd")["spec"]["template"]["spec"];
  std::smatch user;
  const auto stage = runtime_stage(dockerfile());
  ASSERT_TRUE(std::regex_search(stage, user, std::regex{R"(\nUSER (\d+):(\d+))"})) << "USER is not numeric uid:gid";
  EXPECT_EQ(pod["securityContext"]["runAsUser"].as<std::string>(""), user[1].str());
  EXPECT_EQ(pod["securityContext"]["runAsGroup"].as<std::string>(""), user[2].str());
}

class ImageReference : public KustomizeTest {
 protected:
  void SetUp() override { render("."); }
};

TEST_F(ImageReference, IsTheProjectsVersionNeverLatest) {
  std::smatch version;
  const auto cmake = read_text(source_dir() / "CMakeLists.txt");
  ASSERT_TRUE(std::regex_search(cmake, version, std::regex{R"(project\(checkpointd VERSION ([0-9.]+))"}));
  bool found = false;
  for (const auto& deployment : manifests().all_of_kind("Deployment")) {
    for (const auto& container : all_containers(deployment["spec"]["template"]["spec"])) {
      const auto image = container["image"].as<std::string>("");
      EXPECT_FALSE(image.ends_with(":latest") || image.find(':') == std::string::npos)
          << image << ": name the image by a version";
      if (container["name"].as<std::string>("") == "checkpointd") {
        found = true;
        EXPECT_TRUE(image.ends_with(":" + version[1].str())) << image << " is not version " << version[1];
      }
    }
  }
  EXPECT_TRUE(found) << "no checkpointd container";
}

}  // namespace
}  // namespace ckpt::test
