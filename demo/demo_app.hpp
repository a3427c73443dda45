// The demo service's process: reads the command line (demo_options.hpp), serves
// DemoService on its address, prints "listening on <host>:<port>" (flushed) once it
// accepts connections, ticks the traffic every 100 ms, and exits 0 on SIGTERM or SIGINT.
// Exit codes: 0 done, 1 cannot listen, 2 bad command line.
#pragma once

namespace ckpt::demo {

int run_demo_service(int argc, const char* const* argv);

}  // namespace ckpt::demo
