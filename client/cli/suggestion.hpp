// "did you mean": the known word closest to a mistyped one, by edit distance (insert,
// delete, replace, or swap two neighbouring characters), offered only when it is close
// enough to be the likely intent rather than a guess. Pure.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ckpt::cli {

// Edits that turn `from` into `to`; a swap of two neighbouring characters counts as one.
std::size_t edit_distance(std::string_view from, std::string_view to);

// The first of `known` at the smallest distance from `typed`, when that distance is at
// most a third of the typed word's length (at least one edit); nullopt otherwise.
std::optional<std::string> closest_match(std::string_view typed, std::span<const std::string> known);

// "; did you mean 'status'?" for a close match, else "".
std::string did_you_mean(std::string_view typed, std::span<const std::string> known);

}  // namespace ckpt::cli
