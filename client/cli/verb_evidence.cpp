// evidence and evidence verify: the checkpoint's evidence package for people (Markdown,
// the default) or as sealed JSON to save; and the check of a saved JSON package's sha256,
// offline: exit 0 intact, 4 edited, 2 for a file that is not a package.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/evidence_markdown.hpp"
#include "cli/outcome.hpp"
#include "cli/structured_text.hpp"
#include "cli/verb_parts.hpp"
#include "codec/evidence_seal.hpp"
#include "codec/strict_json.hpp"
#include "core/time_format.hpp"

namespace ckpt::cli {
namespace {

Result<std::string> read_package_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error(ErrorCode::bad_request, "cannot read '" + path + "': " + std::strerror(errno));
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

// "(checkpoint c1a2b3c4, generated 2026-11-23T09:00:00.000000Z)" when the package reads.
std::string what_was_sealed(const boost::json::value& json) {
  auto sealed = evidence_from_json(json);
  if (!sealed) return {};
  return " (checkpoint " + sealed->package.checkpoint_id + ", generated " +
         format_rfc3339(sealed->package.generated_at) + ")";
}

}  // namespace

int run_evidence(const Command& command, const VerbContext& context) {
  auto answer = context.api.evidence(command.checkpoint_id);
  if (!answer) return report_error(answer.error(), context.console);
  // table and md: Markdown, the package for people.
  if (command.output == OutputFormat::json) {
    context.console.out << pretty_json(answer->json);
  } else if (command.output == OutputFormat::yaml) {
    context.console.out << yaml_from_json(answer->json);
  } else {
    context.console.out << evidence_markdown(answer->decoded.package, answer->decoded.sha256);
  }
  return proto::kExitOk;
}

int run_evidence_verify(const Command& command, const VerbContext& context) {
  const std::string& path = command.evidence_file;
  auto text = read_package_file(path);
  if (!text) return report_error(text.error(), context.console);
  auto json = codec::parse_strict_json(*text, ErrorCode::bad_request);
  if (!json)
    return report_error(make_error(ErrorCode::bad_request, path + " " + json.error().message), context.console);
  auto seal = check_seal(*json);
  if (!seal)
    return report_error(make_error(ErrorCode::bad_request, path + " " + seal.error().message), context.console);
  if (!seal->intact()) {
    return report_error(
        make_error(ErrorCode::failed, path + " was edited after checkpointd wrote it: it records sha256 " +
                                          seal->recorded + " but its content hashes to " + seal->computed),
        context.console);
  }
  context.console.out << "verified: sha256 " << seal->computed << what_was_sealed(*json) << '\n';
  return proto::kExitOk;
}

}  // namespace ckpt::cli
