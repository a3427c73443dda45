// Fuzzes the SLO condition language (core/condition.hpp): any bytes as a condition.
// parse_condition must return a condition or a bad_request naming a line/column, never
// crash, hang or recurse without bound; a condition that parses must evaluate against a
// few fixed results (numbers, NaN, infinities, lists, the empty list) to true/false or to
// a bad_request naming a column, within the step limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>
#include <vector>

#include "core/condition.hpp"

namespace {

bool names_position(const ckpt::Error& error) {
  return error.code == ckpt::ErrorCode::bad_request &&
         (error.message.starts_with("column ") || error.message.starts_with("line "));
}

const std::vector<ckpt::ResultValue>& results() {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  static const std::vector<ckpt::ResultValue> values = {
      ckpt::ResultValue::number(0.5),     ckpt::ResultValue::number(kNaN),
      ckpt::ResultValue::number(-kInf),   ckpt::ResultValue::list({}),
      ckpt::ResultValue::list({1, 2, 3}), ckpt::ResultValue::list({kNaN, kInf, -0.0, 1e308}),
  };
  return values;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto condition = ckpt::parse_condition(text);
  if (!condition.ok()) {
    if (!names_position(condition.error())) std::abort();
    return 0;
  }
  if (size > ckpt::kMaxConditionLength || condition->text() != text) std::abort();
  for (const auto& result : results()) {
    const auto verdict = ckpt::evaluate(*condition, result);
    if (!verdict.ok() && !names_position(verdict.error())) std::abort();
  }
  return 0;
}
