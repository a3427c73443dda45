// Test support: YAML documents as Boost.JSON values, resolving plain scalars the way a
// YAML 1.1 reader such as kubectl's does (null/~, true/false/yes/no/on/off/y/n in their
// usual capitalisations, decimal/hex/octal/sexagesimal integers, floats, .inf/.nan);
// quoted and block scalars stay strings. Used to load the CRDs and test data and to
// check that manifest_yaml's output reads back with the same types.
#pragma once

#include <filesystem>
#include <string>

#include <boost/json/value.hpp>

namespace ckpt::cnpg::testing {

boost::json::value yaml_to_json(const std::string& text);
boost::json::value yaml_file_to_json(const std::filesystem::path& path);

}  // namespace ckpt::cnpg::testing
