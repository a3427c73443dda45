// The tail of a byte stream of unknown length (a wrapped command's output) in bounded
// memory: append as much as comes, keep what the last `limit` bytes need. text() is at
// most `limit` bytes, starts at a line boundary when the cut fell inside a line that
// is not the only one, and is valid UTF-8 (bytes that are not become '?'), so it can
// travel in JSON.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ckpt::cli {

class OutputTail {
 public:
  explicit OutputTail(std::size_t limit);

  void append(std::string_view bytes);
  std::string text() const;
  // Bytes appended in all.
  std::size_t total() const { return total_; }

 private:
  std::size_t limit_;
  std::size_t total_ = 0;
  std::string kept_;  // the last limit_ + 1 bytes at least (one more tells where a cut falls)
};

}  // namespace ckpt::cli
