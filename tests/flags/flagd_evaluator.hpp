// flagd's own evaluator for the tests: @openfeature/flagd-core, pinned in
// tests/flags/flagd_eval/package-lock.json, run by Node.js as `node eval.js <file> <flag>`.
// It is installed with `npm ci` once per build directory (test processes starting at the
// same time wait for the one that installs). Where Node.js or npm is missing, or the
// install fails (no network), unavailable() says why, for the test to skip.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace ckpt::flags::testing {

class FlagdEvaluator {
 public:
  // The one evaluator of this process, installed on first use.
  static const FlagdEvaluator& shared();

  const std::optional<std::string>& unavailable() const { return unavailable_; }

  // The flag's value for an empty evaluation context; an error with what flagd said when it
  // refuses the file or cannot resolve the flag.
  Result<bool> evaluate(const std::filesystem::path& file, const std::string& flag) const;

 private:
  FlagdEvaluator();

  std::filesystem::path directory_;
  std::filesystem::path node_;
  std::optional<std::string> unavailable_;
};

}  // namespace ckpt::flags::testing
