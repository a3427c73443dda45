// checkpointd-demo-service: a small HTTP service with a tunable error ratio, for trying
// out and testing checkpointd's SLO watch. Everything lives in demo_app.hpp.
#include "demo_app.hpp"

int main(int argc, char** argv) {
  return ckpt::demo::run_demo_service(argc, argv);
}
