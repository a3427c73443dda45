#include "engine/local/recovery_checkpoint.hpp"

#include <charconv>

namespace ckpt::engine::local {
namespace {

constexpr std::string_view kStarting = "checkpoint starting: end-of-recovery";
constexpr std::string_view kComplete = "checkpoint complete: ";
constexpr std::string_view kTotal = "total=";

std::string_view line_at(std::string_view text, std::size_t position) {
  const auto end = text.find('\n', position);
  return text.substr(position, end == std::string_view::npos ? std::string_view::npos : end - position);
}

}  // namespace

std::optional<EndOfRecoveryCheckpoint> find_end_of_recovery_checkpoint(std::string_view log) {
  const auto starting = log.find(kStarting);
  if (starting == std::string_view::npos) return std::nullopt;
  const auto complete = log.find(kComplete, starting);
  if (complete == std::string_view::npos) return std::nullopt;
  const auto details = line_at(log, complete + kComplete.size());
  const auto total = details.find(kTotal);
  if (total == std::string_view::npos) return std::nullopt;
  const auto number = details.substr(total + kTotal.size());
  EndOfRecoveryCheckpoint checkpoint;
  const auto [end, failure] = std::from_chars(number.data(), number.data() + number.size(), checkpoint.total_seconds);
  if (failure != std::errc{} || end == number.data()) return std::nullopt;
  if (details.starts_with("wrote ")) checkpoint.written = std::string{details.substr(0, details.find(';'))};
  return checkpoint;
}

}  // namespace ckpt::engine::local
