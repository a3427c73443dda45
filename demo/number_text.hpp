// A double as the shortest text that reads back to it ("0.3", "50", "1e-05"), for JSON
// bodies and the Prometheus text format alike. Pure.
#pragma once

#include <string>

namespace ckpt::demo {

std::string number_text(double value);

}  // namespace ckpt::demo
