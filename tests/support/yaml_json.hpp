// Test support: YAML documents as Boost.JSON values, resolving plain scalars the way a
// YAML 1.1 reader such as kubectl's does (null/~, true/false/yes/no/on/off/y/n in their
// usual capitalisations, decimal, hexadecimal (0x) and octal (0, 0o) integers, floats);
// quoted and block scalars stay strings. Sexagesimal integers (1:30) and .inf/.nan throw:
// no test expects them. Used to load the CRDs and test data, to check that manifest_yaml's
// output reads back with the same types, and to compare rendered Kubernetes objects.
#pragma once

#include <yaml-cpp/yaml.h>

#include <boost/json/value.hpp>
#include <filesystem>
#include <string>

namespace ckpt::test {

boost::json::value yaml_to_json(const std::string& text);
boost::json::value yaml_to_json(const YAML::Node& node);
boost::json::value yaml_file_to_json(const std::filesystem::path& path);

}  // namespace ckpt::test
