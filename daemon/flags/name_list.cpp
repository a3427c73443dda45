#include "flags/name_list.hpp"

#include "codec/echoed_text.hpp"

namespace ckpt::flags {

std::string name_list(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string listed;
  for (std::size_t i = 0; i < names.size() && i < kMaxListedNames; ++i) {
    if (i > 0) listed += ", ";
    listed += codec::echoed(names[i]);
  }
  if (names.size() > kMaxListedNames) listed += ", ... (" + std::to_string(names.size()) + " in all)";
  return listed;
}

}  // namespace ckpt::flags
