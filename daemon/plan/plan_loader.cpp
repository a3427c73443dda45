#include "plan/plan_loader.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "config/yaml_reader.hpp"
#include "core/begin_validation.hpp"
#include "codec/content_hash.hpp"
#include "plan/slo_section.hpp"

namespace ckpt {
namespace {

using config::DurationRule;
using config::Field;
using config::YamlReader;

// The layout of a plan file, section by section, on top of the generic YamlReader.
class PlanSchema {
 public:
  PlanSchema(YamlReader& reader, const StepFileReader& read_step_file) : r_(reader), read_step_file_(read_step_file) {}

  void read(const YAML::Node& root, MigrationPlan& plan) {
    bool steps_given = false;
    YAML::Node command_node;
    bool command_given = false;
    r_.read_map(
        root, "",
        {
            Field{"migration",
                  [&](const YAML::Node& node, const std::string& path) { read_migration(node, path, plan); }}
                .required(),
            Field{"cluster",
                  [&](const YAML::Node& node, const std::string& path) { read_cluster(node, path, plan.cluster); }}
                .required(),
            Field{"phase",
                  [&](const YAML::Node& node, const std::string& path) {
                    std::string phase;
                    if (r_.read_choice(node, path, {"expand", "contract"}, phase)) {
                      plan.phase = migration_phase_from(phase).value_or(MigrationPhase::expand);
                    }
                  }}
                .required(),
            Field{"rollback_window",
                  [&](const YAML::Node& node, const std::string& path) { read_window(node, path, plan.window); }},
            Field{"session",
                  [&](const YAML::Node& node, const std::string& path) { read_session(node, path, plan.session); }},
            Field{"steps",
                  [&](const YAML::Node& node, const std::string& path) {
                    steps_given = true;
                    read_steps(node, path, plan.steps);
                  }},
            Field{"command",
                  [&](const YAML::Node& node, const std::string& path) {
                    command_node = node;
                    command_given = true;
                    read_command(node, path, plan.command);
                  }},
            Field{"commit",
                  [&](const YAML::Node& node, const std::string& path) {
                    std::string commit;
                    if (r_.read_choice(node, path, {"automatic", "manual"}, commit)) {
                      plan.commit = commit_policy_from(commit).value_or(CommitPolicy::automatic);
                    }
                  }},
            Field{"break_glass", [&](const YAML::Node& node,
                                     const std::string& path) { read_break_glass(node, path, plan.break_glass); }},
            Field{"slo", [&](const YAML::Node& node,
                             const std::string& path) { read_slo_section(r_, node, path, plan.slo.emplace()); }},
            Field{"flag", [&](const YAML::Node& node,
                              const std::string& path) { read_flag_section(r_, node, path, plan.flag.emplace()); }},
            Field{"ladder", [&](const YAML::Node& node,
                                const std::string& path) { read_ladder_section(r_, node, path, plan.ladder); }},
        });
    if (steps_given && command_given) {
      r_.error_at(command_node,
                  "'command' and 'steps' are both given; a plan either lists SQL files that checkpointd runs "
                  "or wraps one command: remove one of them");
    }
  }

 private:
  void read_migration(const YAML::Node& node, const std::string& path, MigrationPlan& plan) {
    r_.read_map(node, path,
                {
                    r_.string("id", plan.migration_id).required(),
                    r_.text("purpose", plan.purpose),
                    r_.string("expand_migration_id", plan.expand_migration_id),
                });
  }

  void read_cluster(const YAML::Node& node, const std::string& path, std::string& out) {
    std::string name;
    if (!r_.read_string(node, path, name)) return;
    if (!is_valid_cluster_name(name)) {
      r_.type_error(node, path,
                    "the name of a cluster in checkpointd's configuration (lowercase letters, digits and '-', "
                    "starting with a letter, not ending with '-', at most 40 characters)");
      return;
    }
    out = std::move(name);
  }

  // The window's parts may be missing or empty: that is a refusal (core/plan_rules.hpp),
  // not a decoding problem. A value of the wrong kind is one.
  void read_window(const YAML::Node& node, const std::string& path, RollbackWindow& out) {
    if (node.IsNull()) return;
    r_.read_map(node, path,
                {
                    Field{"duration",
                          [&](const YAML::Node& value, const std::string& value_path) {
                            if (value.IsNull()) return;
                            read_duration(value, value_path, "a duration such as 24h", DurationRule::zero_allowed,
                                          out.duration);
                          }},
                    person("owner", out.owner),
                    person("approver", out.approver),
                });
  }

  Field person(std::string_view key, std::string& out) {
    return Field{key, [this, &out](const YAML::Node& value, const std::string& path) {
                   if (value.IsNull()) return;
                   if (!value.IsScalar()) {
                     r_.type_error(value, path, "a person's name");
                     return;
                   }
                   out = value.Scalar();
                 }};
  }

  void read_session(const YAML::Node& node, const std::string& path, SessionSettings& out) {
    r_.read_map(node, path,
                {
                    Field{"lock_timeout",
                          [&](const YAML::Node& value, const std::string& value_path) {
                            read_duration(value, value_path, "a duration longer than zero such as 5s",
                                          DurationRule::positive, out.lock_timeout);
                          }},
                    Field{"statement_timeout",
                          [&](const YAML::Node& value, const std::string& value_path) {
                            read_duration(value, value_path, "a duration longer than zero such as 15m",
                                          DurationRule::positive, out.statement_timeout);
                          }},
                });
  }

  void read_duration(const YAML::Node& node, const std::string& path, std::string_view expectation, DurationRule rule,
                     Millis& out) {
    const auto parsed = node.IsScalar() ? parse_duration(node.Scalar()) : std::nullopt;
    if (!parsed || (rule == DurationRule::positive && parsed->count() == 0)) {
      r_.type_error(node, path, expectation);
      return;
    }
    out = *parsed;
  }

  void read_steps(const YAML::Node& node, const std::string& path, std::vector<SqlStep>& out) {
    if (!node.IsSequence()) {
      r_.type_error(node, path, "a list of SQL files, each item a map such as {sql: migrations/001.sql}");
      return;
    }
    if (node.size() == 0) {
      r_.error_at(node, YamlReader::quote(path) +
                            " must list at least one SQL file; to wrap a command instead, remove 'steps' and "
                            "give 'command'");
      return;
    }
    for (std::size_t index = 0; index < node.size(); ++index) {
      SqlStep step;
      if (read_step(node[index], YamlReader::item_path(path, index), step)) out.push_back(std::move(step));
    }
  }

  bool read_step(const YAML::Node& node, const std::string& path, SqlStep& step) {
    bool file_read = false;
    const bool is_map = r_.read_map(
        node, path,
        {
            Field{"sql", [&](const YAML::Node& value,
                             const std::string& sql_path) { file_read = read_step_file(value, sql_path, step); }}
                .required(),
            r_.boolean("transaction", step.transaction),
            r_.boolean("reviewed", step.reviewed),
        });
    return is_map && file_read;
  }

  bool read_step_file(const YAML::Node& node, const std::string& path, SqlStep& step) {
    std::string file;
    if (!r_.read_string(node, path, file)) return false;
    if (file.front() == '/') {
      r_.type_error(node, path, "a path relative to the plan's directory (such as migrations/001.sql)");
      return false;
    }
    if (!is_contained_relative_path(file)) {
      r_.error_at(node, YamlReader::quote(path) + " leads out of the plan's directory ('" + file +
                            "'); keep the SQL files in the plan's directory or below it");
      return false;
    }
    auto contents = read_step_file_(file);
    if (!contents) {
      r_.error_at(node, YamlReader::quote(path) + ": cannot read '" + file + "': " + contents.error().message);
      return false;
    }
    step.file = std::move(file);
    step.sql = std::move(contents).value();
    step.sha256 = sha256_hex(step.sql);
    return true;
  }

  void read_command(const YAML::Node& node, const std::string& path, std::vector<std::string>& out) {
    if (!node.IsSequence() || node.size() == 0) {
      r_.type_error(node, path, "a command as a non-empty list of arguments, such as [flyway, migrate]");
      return;
    }
    std::vector<std::string> command;
    for (std::size_t index = 0; index < node.size(); ++index) {
      std::string argument;
      if (r_.read_string(node[index], YamlReader::item_path(path, index), argument)) {
        command.push_back(std::move(argument));
      }
    }
    if (command.size() == node.size()) out = std::move(command);
  }

  void read_break_glass(const YAML::Node& node, const std::string& path, std::optional<BreakGlass>& out) {
    BreakGlass glass;
    if (r_.read_map(node, path,
                    {
                        r_.string("by", glass.by).required(),
                        r_.string("reason", glass.reason).required(),
                    })) {
      out = std::move(glass);
    }
  }

  YamlReader& r_;
  const StepFileReader& read_step_file_;
};

Error plan_error(const std::vector<std::string>& lines) {
  std::string message;
  for (const auto& line : lines) {
    if (!message.empty()) message += '\n';
    message += line;
  }
  return make_error(ErrorCode::bad_request, std::move(message));
}

Result<std::string> read_whole_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return make_error(ErrorCode::bad_request, "it is a directory");
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error(ErrorCode::bad_request, std::strerror(errno));
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return make_error(ErrorCode::bad_request, std::strerror(errno));
  return text.str();
}

}  // namespace

bool is_contained_relative_path(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  int depth = 0;
  while (!path.empty()) {
    const auto slash = path.find('/');
    const std::string_view part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (--depth < 0) return false;
    } else {
      ++depth;
    }
  }
  return true;
}

Result<MigrationPlan> parse_plan(std::string_view yaml_text, std::string_view source_name,
                                 const StepFileReader& read_step_file) {
  YamlReader reader{std::string(source_name)};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    return plan_error({std::string(source_name) + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML at column " +
                       std::to_string(e.mark.column + 1) + ": " + e.msg});
  }
  if (root.IsNull()) {
    reader.error("holds no plan; it needs at least 'migration.id', 'cluster' and 'phase' (see docs/plan.md)");
  } else if (!root.IsMap()) {
    reader.error_at(root,
                    "the top level must be a map of keys (migration, cluster, phase, rollback_window, "
                    "session, steps, command, commit, break_glass, slo, flag, ladder), got " +
                        YamlReader::describe(root));
  } else {
    MigrationPlan plan;
    PlanSchema{reader, read_step_file}.read(root, plan);
    if (reader.errors().empty()) return plan;
  }
  return plan_error(reader.errors());
}

Result<MigrationPlan> load_plan_file(const std::filesystem::path& file) {
  auto text = read_whole_file(file);
  if (!text) {
    return make_error(ErrorCode::bad_request, "cannot read plan file '" + file.string() + "': " + text.error().message);
  }
  const std::filesystem::path directory = file.has_parent_path() ? file.parent_path() : std::filesystem::path{"."};
  return parse_plan(*text, file.string(), [&directory](const std::string& relative_path) -> Result<std::string> {
    const std::filesystem::path step_file = directory / relative_path;
    auto contents = read_whole_file(step_file);
    if (!contents) return make_error(ErrorCode::bad_request, step_file.string() + ": " + contents.error().message);
    return contents;
  });
}

}  // namespace ckpt
