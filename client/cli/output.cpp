#include "cli/output.hpp"

#include <boost/json/array.hpp>

#include "codec/gate_json.hpp"
#include "codec/restore_plan_json.hpp"
#include "cli/structured_text.hpp"
#include "cli/table_views.hpp"
#include "cli/text_table.hpp"
#include "codec/model_json.hpp"

namespace ckpt::cli {
namespace {

namespace json = boost::json;

std::string structured(const json::value& value, OutputFormat format) {
  return format == OutputFormat::yaml ? yaml_from_json(value) : pretty_json(value);
}

template <typename T>
json::object envelope(const char* key, const std::vector<T>& items) {
  json::array array;
  for (const auto& item : items) array.emplace_back(to_json(item));
  return json::object{{key, std::move(array)}};
}

}  // namespace

std::string render_checkpoint(const Checkpoint& checkpoint, OutputFormat format) {
  if (format == OutputFormat::table) return checkpoint_summary(checkpoint);
  if (format == OutputFormat::name) return checkpoint.id + "\n";
  return structured(to_json(checkpoint), format);
}

std::string render_checkpoint_list(const std::vector<Checkpoint>& checkpoints, OutputFormat format, TimePoint now) {
  if (format == OutputFormat::table) return checkpoint_list_table(checkpoints, now);
  if (format == OutputFormat::name) {
    std::string ids;
    for (const auto& checkpoint : checkpoints) ids += checkpoint.id + "\n";
    return ids;
  }
  return structured(envelope("checkpoints", checkpoints), format);
}

std::string render_events(const std::vector<Event>& events, OutputFormat format) {
  if (format == OutputFormat::table) return event_table(events);
  return structured(envelope("events", events), format);
}

std::string render_go_no_go(const GateVerdict& verdict, OutputFormat format) {
  if (format != OutputFormat::table) return structured(to_json(verdict), format);
  std::vector<TextRow> rows;
  for (const auto& item : verdict.items) rows.push_back({item.passed ? "yes" : "NO", item.name, item.detail});
  return std::string(verdict.go ? "GO" : "NO-GO") + "\n" + format_columns(rows);
}

std::string render_restore_plan(const RestorePlan& plan, OutputFormat format) {
  if (format == OutputFormat::table) return restore_plan_text(plan);
  return structured(restore_plan_to_json(plan), format);
}

}  // namespace ckpt::cli
