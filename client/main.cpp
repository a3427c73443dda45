// checkpointctl: the command-line client of checkpointd. Everything lives in ckpt_cli.
#include "cli/run.hpp"

int main(int argc, char** argv) { return ckpt::cli::run_checkpointctl(argc, argv); }
