// The journal records of the checkpoint store, one JSON object each:
//   {"kind":"checkpoint","checkpoint":{...}}   a full snapshot; the latest one wins
//   {"kind":"event","event":{...}}             one line of a checkpoint's timeline
// Encoding checks that the record reads back to the exact value the store will keep in
// memory (times at microsecond precision), so a record that would stop the daemon from
// starting is never written.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt {

using StoreRecord = std::variant<Checkpoint, Event>;

// The record text and the value as it will read back.
template <typename T>
struct EncodedRecord {
  std::string text;
  T stored;
};

Result<EncodedRecord<Checkpoint>> encode_checkpoint_record(const Checkpoint& checkpoint);
Result<EncodedRecord<Event>> encode_event_record(const Event& event);
// ErrorCode::internal naming the problem when the text is not a store record.
Result<StoreRecord> decode_store_record(std::string_view text);

}  // namespace ckpt
