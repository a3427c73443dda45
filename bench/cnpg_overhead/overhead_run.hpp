// The orchestration-overhead benchmark of the cnpg engine, measured in one run against
// the Kubernetes API test server (see bench/cnpg_overhead/run.sh and docs/performance.md):
//
//   warm-up   one checkpoint and `fail` with a real emulated PITR; the restored recovery
//             Cluster's server then stands in for every later restore (ScriptedRestore:
//             wait `scripted_delay`, link the rw Service to it, report Ready), so the
//             daemon verifies a real promoted server on timeline 2 each time.
//   each iteration, interleaved with its baselines:
//     a0  bare create of an equivalent recovery Cluster manifest (another name) through
//         kube::KubeClient: call -> ADDED delivered by the server's change feed
//     a   `fail` sent to the daemon -> the recovery Cluster's ADDED (the same clock)
//     b   the emulation's Ready=True (stamped just before the write) -> the daemon's
//         restore phase mark "verified"
//     b0  a Ready=True status patch through the store -> a bare kube::Watcher in this
//         process delivers it
//   plus the daemon's own marks: "applied" after the fail, "ready" after Ready=True.
// Throws std::runtime_error when a step fails (a refused checkpoint, a failed restore, an
// object that never arrives).
#pragma once

#include <chrono>
#include <ostream>
#include <vector>

namespace ckpt::bench {

struct OverheadOptions {
  int iterations = 15;
  std::chrono::milliseconds scripted_delay{300};
};

// One iteration's figures, in milliseconds.
struct OverheadSample {
  double fail_to_admitted = 0;   // a
  double bare_create = 0;        // a0
  double ready_to_verified = 0;  // b
  double bare_watch = 0;         // b0
  double fail_to_applied_mark = 0;
  double ready_to_ready_mark = 0;
};

// Sets everything up, runs the warm-up and the iterations (one line each on `progress`)
// and tears everything down.
std::vector<OverheadSample> run_overhead_benchmark(const OverheadOptions& options, std::ostream& progress);

}  // namespace ckpt::bench
