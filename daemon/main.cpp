// checkpointd: the daemon. Everything lives in the libraries; see app/daemon_app.hpp.
#include "app/daemon_app.hpp"

int main(int argc, char** argv) { return ckpt::app::run_daemon(argc, argv); }
