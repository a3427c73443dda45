#include "kubeapi/server/protobuf_body.hpp"

#include <boost/json/array.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/base64.hpp"

namespace ckpt::kubeapi {
namespace {

namespace json = boost::json;

constexpr std::string_view kMagic{"k8s\0", 4};

enum class WireType : std::uint8_t { varint = 0, fixed64 = 1, bytes = 2, fixed32 = 5 };

struct Field {
  std::uint32_t number = 0;
  WireType type = WireType::varint;
  std::uint64_t integer = 0;  // varint and fixed values
  std::string_view bytes;     // length-delimited values
};

Error malformed(std::string_view what) {
  return api_error(reason::kBadRequest, "the protobuf request body is malformed: " + std::string(what));
}

// Reads one protobuf message's fields in order.
class MessageReader {
 public:
  explicit MessageReader(std::string_view message) : rest_(message) {}

  // The next field, nullopt at the end; an error for bytes that are not protobuf.
  Result<std::optional<Field>> next() {
    if (rest_.empty()) return std::optional<Field>();
    auto key = varint();
    if (!key) return std::move(key).error();
    Field field;
    field.number = static_cast<std::uint32_t>(*key >> 3);
    field.type = static_cast<WireType>(*key & 7);
    switch (field.type) {
      case WireType::varint: {
        auto value = varint();
        if (!value) return std::move(value).error();
        field.integer = *value;
        break;
      }
      case WireType::fixed64:
      case WireType::fixed32: {
        const std::size_t size = field.type == WireType::fixed64 ? 8 : 4;
        if (rest_.size() < size) return malformed("a fixed-size value is cut short");
        rest_.remove_prefix(size);
        break;
      }
      case WireType::bytes: {
        auto size = varint();
        if (!size) return std::move(size).error();
        if (*size > rest_.size()) return malformed("a length-delimited value is cut short");
        field.bytes = rest_.substr(0, static_cast<std::size_t>(*size));
        rest_.remove_prefix(static_cast<std::size_t>(*size));
        break;
      }
      default:
        return malformed("unsupported wire type " + std::to_string(*key & 7));
    }
    return std::optional<Field>(field);
  }

 private:
  Result<std::uint64_t> varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) return malformed("a varint is cut short");
      const auto byte = static_cast<std::uint8_t>(rest_.front());
      rest_.remove_prefix(1);
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    return malformed("a varint is too long");
  }

  std::string_view rest_;
};

using FieldHandler = std::function<Result<void>(const Field&)>;

Result<void> read_message(std::string_view message, const FieldHandler& handle) {
  MessageReader reader(message);
  for (;;) {
    auto field = reader.next();
    if (!field) return std::move(field).error();
    if (!*field) return {};
    if (auto handled = handle(**field); !handled) return handled;
  }
}

// A map<string, string|bytes> entry (key 1, value 2) into `map`.
Result<void> read_map_entry(const Field& entry, json::object& map, bool bytes_values) {
  std::string key;
  std::string value;
  auto read = read_message(entry.bytes, [&](const Field& field) -> Result<void> {
    if (field.number == 1) key = field.bytes;
    if (field.number == 2) value = field.bytes;
    return {};
  });
  if (!read) return read;
  map[key] = bytes_values ? base64_encode(value) : value;
  return {};
}

// The fields of ObjectMeta a client sets (Go's protobuf encoding writes empty strings too).
Result<json::object> object_meta(std::string_view message) {
  static constexpr std::pair<std::uint32_t, std::string_view> kTextFields[] = {
      {1, "name"}, {2, "generateName"}, {3, "namespace"}, {6, "resourceVersion"}};
  json::object metadata;
  json::object labels;
  json::object annotations;
  json::array finalizers;
  auto read = read_message(message, [&](const Field& field) -> Result<void> {
    for (const auto& [number, name] : kTextFields) {
      if (field.number == number && !field.bytes.empty()) metadata[name] = field.bytes;
    }
    if (field.number == 11) return read_map_entry(field, labels, false);
    if (field.number == 12) return read_map_entry(field, annotations, false);
    if (field.number == 14) finalizers.emplace_back(field.bytes);
    return {};
  });
  if (!read) return std::move(read).error();
  if (!labels.empty()) metadata["labels"] = std::move(labels);
  if (!annotations.empty()) metadata["annotations"] = std::move(annotations);
  if (!finalizers.empty()) metadata["finalizers"] = std::move(finalizers);
  return metadata;
}

Result<json::object> config_map(std::string_view message) {
  json::object object{{"apiVersion", "v1"}, {"kind", "ConfigMap"}};
  json::object data;
  json::object binary_data;
  auto read = read_message(message, [&](const Field& field) -> Result<void> {
    switch (field.number) {
      case 1: {
        auto metadata = object_meta(field.bytes);
        if (!metadata) return std::move(metadata).error();
        object["metadata"] = std::move(*metadata);
        return {};
      }
      case 2:
        return read_map_entry(field, data, false);
      case 3:
        return read_map_entry(field, binary_data, true);
      case 4:
        object["immutable"] = field.integer != 0;
        return {};
      default:
        return {};
    }
  });
  if (!read) return std::move(read).error();
  if (!data.empty()) object["data"] = std::move(data);
  if (!binary_data.empty()) object["binaryData"] = std::move(binary_data);
  return object;
}

}  // namespace

Result<json::object> object_from_protobuf(std::string_view body) {
  if (!body.starts_with(kMagic)) return malformed("it does not start with the \"k8s\\0\" prefix");
  std::string api_version;
  std::string kind;
  std::string_view raw;
  auto envelope = read_message(body.substr(kMagic.size()), [&](const Field& field) -> Result<void> {
    if (field.number == 2) raw = field.bytes;
    if (field.number != 1) return {};
    return read_message(field.bytes, [&](const Field& type_meta) -> Result<void> {
      if (type_meta.number == 1) api_version = type_meta.bytes;
      if (type_meta.number == 2) kind = type_meta.bytes;
      return {};
    });
  });
  if (!envelope) return std::move(envelope).error();
  if (api_version == "v1" && kind == "ConfigMap") return config_map(raw);
  return api_error(reason::kUnsupportedMediaType,
                   "the checkpointd test API server reads protobuf bodies of v1 ConfigMaps only, not of " +
                       api_version + " " + kind + ": send application/json");
}

}  // namespace ckpt::kubeapi
