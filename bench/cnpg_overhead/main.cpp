// cnpg_overhead: the cnpg engine's orchestration overhead (overhead_run.hpp), with its
// baselines measured in the same run, medians, p90s, ratios and PASS/MISS against the
// targets: (a) fail -> recovery Cluster accepted, median < 50 ms; (b) Ready=True ->
// restore verified, median < 100 ms.
//
//   cnpg_overhead [--iterations N] [--delay-ms MS]
//
// Needs CHECKPOINTD_BUILD_DIR (the checkpointd binary is <dir>/daemon/checkpointd) and
// CHECKPOINTD_SOURCE_DIR (the CNPG CRDs are <dir>/../shared/cnpg-crds); run it as an
// unprivileged user (PostgreSQL refuses root). Exit status 0 when the run completed (PASS
// or MISS), 1 when it failed, 2 on bad arguments.
#include <spdlog/fmt/fmt.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "latency_summary.hpp"
#include "overhead_run.hpp"

namespace {

using ckpt::bench::LatencySummary;
using ckpt::bench::OverheadOptions;
using ckpt::bench::OverheadSample;

constexpr double kFailTargetMs = 50;
constexpr double kReadyTargetMs = 100;
constexpr const char* kUsage = "usage: cnpg_overhead [--iterations N (default 15)] [--delay-ms MS (default 300)]\n";

std::optional<int> positive_number(std::string_view text) {
  try {
    std::size_t used = 0;
    const int value = std::stoi(std::string{text}, &used);
    if (used == text.size() && value > 0) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

std::optional<OverheadOptions> parse_options(int argc, char** argv) {
  OverheadOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag{argv[i]};
    if (i + 1 >= argc) return std::nullopt;
    const auto value = positive_number(argv[++i]);
    if (!value) return std::nullopt;
    if (flag == "--iterations") {
      options.iterations = *value;
    } else if (flag == "--delay-ms") {
      options.scripted_delay = std::chrono::milliseconds{*value};
    } else {
      return std::nullopt;
    }
  }
  return options;
}

LatencySummary summary_of(const std::vector<OverheadSample>& samples, double OverheadSample::*field) {
  std::vector<double> values;
  for (const auto& sample : samples) values.push_back(sample.*field);
  return ckpt::bench::summarize(std::move(values));
}

void print_row(std::string_view label, const LatencySummary& summary) {
  std::cout << fmt::format("{:<52} {:>8.1f} {:>8.1f} {:>8.1f} {:>8.1f}\n", label, summary.median_ms, summary.p90_ms,
                           summary.min_ms, summary.max_ms);
}

void print_verdict(std::string_view what, double median_ms, double target_ms) {
  std::cout << fmt::format("{} median {:.1f} ms: {} (target < {:.0f} ms)\n", what, median_ms,
                           median_ms < target_ms ? "PASS" : "MISS", target_ms);
}

void print_report(const OverheadOptions& options, const std::vector<OverheadSample>& samples) {
  const auto fail = summary_of(samples, &OverheadSample::fail_to_admitted);
  const auto create = summary_of(samples, &OverheadSample::bare_create);
  const auto ready = summary_of(samples, &OverheadSample::ready_to_verified);
  const auto watch = summary_of(samples, &OverheadSample::bare_watch);
  std::cout << fmt::format("\n== results: {} iterations, scripted restore delay {} ms (milliseconds)\n",
                           samples.size(), options.scripted_delay.count());
  std::cout << fmt::format("{:<52} {:>8} {:>8} {:>8} {:>8}\n", "", "median", "p90", "min", "max");
  print_row("(a)  fail -> recovery Cluster accepted", fail);
  print_row("(a0) baseline: bare create -> accepted", create);
  print_row("(b)  Ready=True -> restore verified", ready);
  print_row("(b0) baseline: Ready=True patch -> bare watch event", watch);
  print_row("     fail -> daemon's 'applied' mark", summary_of(samples, &OverheadSample::fail_to_applied_mark));
  print_row("     Ready=True -> daemon's 'ready' mark", summary_of(samples, &OverheadSample::ready_to_ready_mark));
  std::cout << fmt::format("ratio a/a0 = {:.2f}\nratio b/b0 = {:.2f}\n", fail.median_ms / create.median_ms,
                           ready.median_ms / watch.median_ms);
  print_verdict("(a)", fail.median_ms, kFailTargetMs);
  print_verdict("(b)", ready.median_ms, kReadyTargetMs);
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = parse_options(argc, argv);
  if (!options) {
    std::cerr << kUsage;
    return 2;
  }
  try {
    std::cout << fmt::format("== cnpg orchestration overhead: {} iterations, scripted restore delay {} ms\n",
                             options->iterations, options->scripted_delay.count());
    const auto samples = ckpt::bench::run_overhead_benchmark(*options, std::cout);
    print_report(*options, samples);
    return EXIT_SUCCESS;
  } catch (const std::exception& failure) {
    std::cerr << "cnpg_overhead failed: " << failure.what() << "\n";
    return EXIT_FAILURE;
  }
}
