// What one checkpointctl invocation asks for, after the command line and the
// environment were read: the verb, its arguments, how to reach the daemon and how to
// print. Plain data; command_line.hpp builds it, the verbs execute it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/checkpoint.hpp"
#include "core/duration.hpp"

namespace ckpt::cli {

enum class Verb {
  begin,
  commit,
  fail,
  abort,
  restore,
  status,
  list,
  events,
  plan_check,
  run,
  promote,
  flag,
  approve,
  go_no_go,
  evidence,
  evidence_verify,
  drill,
  completion,
  man
};

// markdown: `evidence` only (its default for people is Markdown, not a table).
// name: the ids of the checkpoints a verb returns, one per line.
enum class OutputFormat { table, json, yaml, markdown, name };

// The shells `completion` writes a script for.
enum class Shell { bash, zsh };

inline constexpr const char* kDefaultSocketPath = "/run/checkpointd/checkpointd.sock";
inline constexpr Millis kDefaultRequestTimeout = std::chrono::seconds{30};
inline constexpr Millis kDefaultBeginWaitTimeout = std::chrono::minutes{35};
inline constexpr Millis kDefaultRestoreWaitTimeout = std::chrono::hours{2};
// run: the deadline of each of its waits (ready, the daemon's SQL steps, a restore).
inline constexpr Millis kDefaultRunWaitTimeout = std::chrono::hours{2};

// How to reach the daemon. `address` (when set) wins over `socket_path`.
struct ConnectionOptions {
  std::string socket_path = kDefaultSocketPath;
  std::string address;     // e.g. https://host:9187; empty: use the socket
  std::string token_file;  // required with `address`
  std::string ca_file;
  bool insecure_skip_tls_verify = false;
  Millis request_timeout = kDefaultRequestTimeout;
};

struct ListFilter {
  std::string cluster;                   // empty: all clusters
  std::optional<CheckpointState> state;  // none: all states
};

struct Command {
  Verb verb = Verb::status;
  ConnectionOptions connection;
  OutputFormat output = OutputFormat::table;
  std::string checkpoint_id;  // commit, fail, abort, restore, status, events
  // begin: a missing window, owner or approver stays empty/zero: the request goes out
  // without them and the daemon, the authority on what a migration needs, refuses.
  BeginRequest begin;
  bool no_wait = false;  // begin
  ListFilter list;
  std::string reason;  // fail (required), abort (optional)
  bool wait = false;   // fail, restore
  // Deadline of begin's wait for ready, and of fail/restore --wait for the restore.
  Millis wait_timeout = kDefaultBeginWaitTimeout;
  bool dry_run = false;  // restore, run
  bool cutover = false;
  bool watch = false;         // status
  std::string plan_file;      // plan check FILE, run --plan FILE
  std::string evidence_file;  // evidence verify FILE
  // run: the command after `--` (argv), empty when none was given.
  std::vector<std::string> migration_command;
  // promote, flag: who acts (--by, else the login name from $USER).
  std::string by;
  bool flag_on = false;  // flag ID on|off
  std::string scope;     // flag --scope; empty: every scope of the plan's flag
  std::string note;      // flag, approve --note
  // go-no-go: the cluster (list.cluster is list's) and the expand migration.
  std::string gate_cluster;
  std::string gate_migration_id;
  // drill: the cluster to drill and whether its scratch target is kept.
  std::string drill_cluster;
  bool keep = false;
  Shell shell = Shell::bash;  // completion
};

std::string_view to_string(Verb verb);
std::string_view to_string(OutputFormat format);
std::string_view to_string(Shell shell);

// Whether the command talks to the daemon at all: `plan check`, `run --dry-run` and
// `evidence verify` read a file and nothing else; `completion` and `man` print text.
bool needs_daemon(const Command& command);

}  // namespace ckpt::cli
