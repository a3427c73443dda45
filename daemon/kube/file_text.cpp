#include "kube/file_text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

namespace ckpt::kube {

Result<std::string> read_file_text(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status)) {
    return make_error(ErrorCode::bad_request, "it is a directory");
  }
  // A FIFO, /dev/zero or /dev/stdin would block or never end.
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    return make_error(ErrorCode::bad_request, "it is not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::bad_request, std::strerror(errno));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return make_error(ErrorCode::bad_request, std::strerror(errno));
  return text;
}

std::string trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace ckpt::kube
