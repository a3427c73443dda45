// What checkpointd's /metrics exports, taken from the daemon's own obs::Metrics (not from a
// list kept by hand), for the tests of the alert rules and the dashboard.
#pragma once

#include <set>
#include <string>

namespace ckpt::test {

// Every series name /metrics can hold: each counter and gauge family's name, and
// <name>_bucket, <name>_sum and <name>_count of each histogram.
std::set<std::string> exported_series_names();

// The /metrics text of a daemon with one cluster "app" (and a flag scope "web") after one
// call of every method of obs::Metrics: a series of every family.
std::string metrics_of_a_busy_daemon();

}  // namespace ckpt::test
