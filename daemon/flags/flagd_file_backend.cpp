#include "flags/flagd_file_backend.hpp"

#include <fcntl.h>

#include "flags/flagd_document.hpp"
#include "flags/replace_file.hpp"
#include "journal/posix_file.hpp"
#include "net/blocking.hpp"

namespace ckpt::flags {
namespace {

Result<std::string> read_text(const std::filesystem::path& file) {
  auto fd = posix::open_file(file, O_RDONLY);
  if (!fd) return std::move(fd).error();
  return posix::read_all(*fd, file);
}

}  // namespace

FlagdFileBackend::FlagdFileBackend(boost::asio::thread_pool& blocking, config::FlagdFileBackend settings)
    : blocking_(blocking), settings_(std::move(settings)) {}

boost::asio::awaitable<Result<void>> FlagdFileBackend::set(std::string /*scope*/, std::string flag, bool on,
                                                           FlagChangeContext /*context*/) {
  // By reference: this frame waits for the call. (GCC 12 destroys a coroutine lambda's
  // non-trivial captures twice.)
  co_return co_await net::run_blocking(blocking_, [this, &flag, on] { return set_in_file(flag, on); });
}

boost::asio::awaitable<Result<std::optional<bool>>> FlagdFileBackend::read(std::string flag) {
  co_return co_await net::run_blocking(blocking_, [this, &flag] { return read_from_file(flag); });
}

Result<void> FlagdFileBackend::set_in_file(const std::string& flag, bool on) {
  const std::lock_guard lock(changing_);
  auto text = read_text(settings_.file);
  if (!text) return std::move(text).error();
  auto edited = with_flagd_flag_state(*text, flag, on, {settings_.on_variant, settings_.off_variant});
  if (!edited) return std::move(edited).error();
  if (!*edited) return {};
  auto replaced = replace_file_content(settings_.file, **edited);
  if (!replaced) {
    auto error = std::move(replaced).error();
    error.message = "cannot replace the file: " + error.message;
    return error;
  }
  return {};
}

Result<std::optional<bool>> FlagdFileBackend::read_from_file(const std::string& flag) const {
  auto text = read_text(settings_.file);
  if (!text) return std::move(text).error();
  auto state = flagd_flag_state(*text, flag, {settings_.on_variant, settings_.off_variant});
  if (!state) return std::move(state).error();
  return std::optional<bool>(*state);
}

}  // namespace ckpt::flags
