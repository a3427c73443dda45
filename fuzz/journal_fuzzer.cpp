// Fuzzes the journal's reading side: the file format (journal/journal_format.hpp
// scan_journal_image) and the store's records (state/store_records.hpp
// decode_store_record). The first byte picks how the rest is used:
//   0  as a whole journal file image, as found on disk;
//   1  as record payloads, one per line, framed with valid CRCs: scanning must give back
//      exactly those payloads;
//   2  the same with the last record torn off part-way (a crash mid-write): scanning must
//      give back all the others and end where the torn one starts.
// Every record found is decoded as a store record, which must give a value or an
// internal error with a message. Nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "journal/journal_format.hpp"
#include "state/store_records.hpp"

namespace {

void decode(std::string_view record) {
  const auto decoded = ckpt::decode_store_record(record);
  if (!decoded.ok() && (decoded.error().code != ckpt::ErrorCode::internal || decoded.error().message.empty())) {
    std::abort();
  }
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    if (!line.empty()) lines.emplace_back(line);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0] % 3;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (mode == 0) {
    const auto scan = ckpt::scan_journal_image(rest, "fuzz.journal");
    if (!scan.ok()) {
      if (scan.error().message.empty()) std::abort();
      return 0;
    }
    if (scan->valid_end > rest.size()) std::abort();
    for (const auto& record : scan->records) {
      if (record.empty()) std::abort();
      decode(record);
    }
    return 0;
  }

  const auto payloads = lines_of(rest);
  std::string image(ckpt::kJournalMagic);
  std::size_t last_start = image.size();
  for (const auto& payload : payloads) {
    last_start = image.size();
    ckpt::encode_journal_record(image, payload);
  }
  std::vector<std::string> expected = payloads;
  std::uint64_t expected_end = image.size();
  if (mode == 2 && !payloads.empty()) {
    const std::size_t last_size = image.size() - last_start;
    image.resize(last_start + 1 + (size % (last_size - 1)));  // strictly inside the last record
    expected.pop_back();
    expected_end = last_start;
  }
  const auto scan = ckpt::scan_journal_image(image, "fuzz.journal");
  if (!scan.ok() || scan->records != expected || scan->valid_end != expected_end) std::abort();
  for (const auto& record : scan->records) decode(record);
  return 0;
}
