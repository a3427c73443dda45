// A scope whose flags live in a flagd flag file: a flag's state is its defaultVariant
// (flagd_document.hpp); a change replaces the file (replace_file.hpp) and flagd, which
// watches it, picks it up. The file is read afresh on every call (a person or a deploy may
// edit it too) and is not written when the flag is already as asked. File IO runs on the
// blocking pool, one change at a time per backend, so that flags switched at the same
// moment in the same file all stay switched.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <mutex>

#include "config/config.hpp"
#include "flags/flag_backend.hpp"

namespace ckpt::flags {

class FlagdFileBackend final : public FlagBackend {
 public:
  FlagdFileBackend(boost::asio::thread_pool& blocking, config::FlagdFileBackend settings);

  boost::asio::awaitable<Result<void>> set(std::string scope, std::string flag, bool on,
                                           FlagChangeContext context) override;
  boost::asio::awaitable<Result<std::optional<bool>>> read(std::string flag) override;

 private:
  Result<void> set_in_file(const std::string& flag, bool on);
  Result<std::optional<bool>> read_from_file(const std::string& flag) const;

  boost::asio::thread_pool& blocking_;
  config::FlagdFileBackend settings_;
  std::mutex changing_;
};

}  // namespace ckpt::flags
