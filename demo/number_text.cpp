#include "number_text.hpp"

#include <array>
#include <charconv>

namespace ckpt::demo {

std::string number_text(double value) {
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return ec == std::errc{} ? std::string(buffer.data(), end) : std::string{"NaN"};
}

}  // namespace ckpt::demo
