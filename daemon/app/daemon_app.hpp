// checkpointd's composition root: reads the command line and the config, opens the
// durable store, builds the engines, the service and the HTTP API, resumes in-flight
// work, serves until SIGTERM/SIGINT, then drains within limits.shutdown_grace.
#pragma once

namespace ckpt::app {

// Exit codes: 0 clean stop, 2 bad command line or config, 1 any other startup failure.
int run_daemon(int argc, char** argv);

}  // namespace ckpt::app
