// Timeline history files (<TLI>.history in pg_wal): each line "<parent TLI> <switch
// LSN> <reason>" records where a timeline branched off its parent. A restore stopped at
// its target exactly when its new timeline's history has an entry for the checkpoint's
// timeline that switches at the target LSN, with a reason "before ..." (an exclusive
// stop). Pure parsing: no IO.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/checkpoint.hpp"
#include "core/lsn.hpp"

namespace ckpt::engine {

struct TimelineSwitch {
  std::uint32_t parent_timeline = 0;
  Lsn switch_lsn;
  std::string reason;
};

// Entries in file order; comment and blank lines are skipped; nullopt on a malformed line.
std::optional<std::vector<TimelineSwitch>> parse_timeline_history(std::string_view text);

// "0000000A.history"
std::string history_file_name(std::uint32_t timeline);

// nullopt when `history_text` (the file `file_label`) shows the branch off `point`'s
// timeline exactly before its target LSN; else what differs, e.g. "recovery stopped at
// 0/3000200 (no recovery target specified), not right before the target 0/3000148".
std::optional<std::string> stop_point_mismatch(std::string_view history_text, const std::string& file_label,
                                               const RecoveryPoint& point);

}  // namespace ckpt::engine
