#include "state/store_records.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "codec/model_json.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;

template <typename T>
Result<EncodedRecord<T>> encode(const T& value, std::string_view kind, Result<T> (*decode)(const json::value&)) {
  const json::object payload = to_json(value);
  auto stored = decode(payload);
  if (!stored) {
    return make_error(ErrorCode::internal, "refusing to journal a " + std::string{kind} +
                                               " that would not read back: " + stored.error().message);
  }
  return EncodedRecord<T>{json::serialize(json::object{{"kind", kind}, {kind, payload}}), std::move(*stored)};
}

}  // namespace

Result<EncodedRecord<Checkpoint>> encode_checkpoint_record(const Checkpoint& checkpoint) {
  return encode<Checkpoint>(checkpoint, "checkpoint", &checkpoint_from_json);
}

Result<EncodedRecord<Event>> encode_event_record(const Event& event) {
  return encode<Event>(event, "event", &event_from_json);
}

Result<StoreRecord> decode_store_record(std::string_view text) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  if (ec) return make_error(ErrorCode::internal, "record is not valid JSON: " + ec.message());
  const json::object* record = parsed.if_object();
  const json::value* kind = record == nullptr ? nullptr : record->if_contains("kind");
  if (kind == nullptr || !kind->is_string()) {
    return make_error(ErrorCode::internal, "record is not an object with a string field 'kind'");
  }
  const std::string_view name = kind->get_string();
  const json::value* payload = record->if_contains(name);
  if (payload == nullptr) {
    return make_error(ErrorCode::internal, "record of kind '" + std::string{name} + "' has no field '" +
                                               std::string{name} + "'");
  }
  if (name == "checkpoint") {
    auto checkpoint = checkpoint_from_json(*payload);
    if (!checkpoint) return std::move(checkpoint).error();
    return StoreRecord{std::move(*checkpoint)};
  }
  if (name == "event") {
    auto event = event_from_json(*payload);
    if (!event) return std::move(event).error();
    return StoreRecord{std::move(*event)};
  }
  return make_error(ErrorCode::internal, "record has unknown kind '" + std::string{name} + "'");
}

}  // namespace ckpt
