#include "cli/output_tail.hpp"

#include "core/utf8.hpp"

namespace ckpt::cli {
namespace {

// Bytes that are not UTF-8 become one '?' each: the tail keeps its length in bytes.
std::string valid_text(std::string_view bytes) { return ckpt::valid_utf8(bytes, "?"); }

}  // namespace

OutputTail::OutputTail(std::size_t limit) : limit_(limit) {}

void OutputTail::append(std::string_view bytes) {
  total_ += bytes.size();
  kept_.append(bytes);
  // Trim only once twice the needed size piled up, so appending stays linear.
  const std::size_t needed = limit_ + 1;
  if (kept_.size() > 2 * needed) kept_.erase(0, kept_.size() - needed);
}

std::string OutputTail::text() const {
  if (kept_.size() <= limit_) return valid_text(kept_);
  std::string_view tail{kept_};
  tail.remove_prefix(kept_.size() - limit_);
  const bool cut_inside_a_line = kept_[kept_.size() - limit_ - 1] != '\n';
  if (cut_inside_a_line) {
    const auto newline = tail.find('\n');
    if (newline != std::string_view::npos && newline + 1 < tail.size()) tail.remove_prefix(newline + 1);
  }
  return valid_text(tail);
}

}  // namespace ckpt::cli
