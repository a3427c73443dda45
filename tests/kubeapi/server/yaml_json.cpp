#include "kubeapi/server/yaml_json.hpp"

#include <yaml-cpp/yaml.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <charconv>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace ckpt::kubeapi {
namespace {

bool is_plain(const YAML::Node& node) { return node.Tag() == "?"; }

boost::json::value plain_scalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  static const std::regex integer(R"([-+]?[0-9]+)");
  static const std::regex floating(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(text, integer)) {
    const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
    if (error == std::errc{} && end == text.data() + text.size()) return value;
  }
  if (std::regex_match(text, floating)) return std::stod(text);
  return boost::json::string(text);
}

boost::json::value to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return is_plain(node) ? plain_scalar(node.Scalar()) : boost::json::value(node.Scalar());
    case YAML::NodeType::Sequence: {
      boost::json::array array;
      for (const auto& item : node) array.push_back(to_json(item));
      return array;
    }
    case YAML::NodeType::Map: {
      boost::json::object object;
      for (const auto& entry : node) object[entry.first.Scalar()] = to_json(entry.second);
      return object;
    }
    default: return nullptr;
  }
}

}  // namespace

Result<std::vector<boost::json::value>> parse_yaml_documents(std::string_view text) {
  try {
    std::vector<boost::json::value> documents;
    for (const auto& node : YAML::LoadAll(std::string(text))) {
      if (node.IsNull() || !node.IsDefined()) continue;
      documents.push_back(to_json(node));
    }
    return documents;
  } catch (const YAML::Exception& failure) {
    return make_error(ErrorCode::bad_request, std::string("invalid YAML: ") + failure.what());
  }
}

Result<boost::json::value> read_yaml_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return make_error(ErrorCode::not_found, "cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  auto documents = parse_yaml_documents(text.str());
  if (!documents) return make_error(ErrorCode::bad_request, path.string() + ": " + documents.error().message);
  if (documents->empty())
    return make_error(ErrorCode::bad_request, path.string() + " holds no YAML document");
  return std::move(documents->front());
}

}  // namespace ckpt::kubeapi
