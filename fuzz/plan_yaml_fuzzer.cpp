// Fuzzes the migration plan loader (plan/plan_loader.hpp): any bytes as plan YAML, step
// files answered with a small fixed SQL text (or an error for a path ending in
// "missing.sql"). The loader must return a plan or an error, never crash or hang, and a
// loaded plan must hold only contained relative step paths with their SHA-256.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "plan/plan_loader.hpp"

namespace {

constexpr const char* kStepSql =
    "ALTER TABLE users ADD COLUMN phone text;\nCREATE INDEX CONCURRENTLY i ON users (phone);\n";

ckpt::Result<std::string> read_step(const std::string& relative_path) {
  if (relative_path.ends_with("missing.sql")) {
    return ckpt::make_error(ckpt::ErrorCode::bad_request, "No such file or directory");
  }
  return std::string(kStepSql);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto plan = ckpt::parse_plan(text, "plan.yaml", &read_step);
  if (plan.ok()) {
    for (const auto& step : plan->steps) {
      if (!ckpt::is_contained_relative_path(step.file) || step.sql != kStepSql || step.sha256.size() != 64) {
        std::abort();
      }
    }
  } else if (plan.error().code != ckpt::ErrorCode::bad_request || plan.error().message.empty()) {
    std::abort();
  }
  return 0;
}
