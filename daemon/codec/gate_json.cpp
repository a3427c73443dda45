#include "codec/gate_json.hpp"

#include <boost/json/array.hpp>
#include <utility>

#include "codec/field_reader.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using codec::FieldReader;
using codec::Presence;

Result<GateItem> decode_item(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), ErrorCode::internal};
  GateItem item;
  item.name = in.required_string("name");
  item.passed = in.required_bool("passed");
  item.detail = in.required_string("detail");
  return in.finish(std::move(item));
}

}  // namespace

json::object to_json(const GateVerdict& verdict) {
  json::array items;
  for (const auto& item : verdict.items) {
    items.emplace_back(json::object{{"name", item.name}, {"passed", item.passed}, {"detail", item.detail}});
  }
  return json::object{{"go", verdict.go}, {"items", std::move(items)}};
}

Result<GateVerdict> gate_verdict_from_json(const json::value& value) {
  if (!value.is_object()) return make_error(ErrorCode::internal, "a go/no-go answer must be a JSON object");
  FieldReader in{value.get_object(), "", ErrorCode::internal};
  GateVerdict verdict;
  verdict.go = in.required_bool("go");
  verdict.items = in.object_items<GateItem>("items", Presence::required, &decode_item);
  return in.finish(std::move(verdict));
}

}  // namespace ckpt
