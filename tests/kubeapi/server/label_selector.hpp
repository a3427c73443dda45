// Kubernetes label selectors as sent in ?labelSelector=: comma-separated requirements, all
// of which must hold: "k=v", "k==v", "k!=v", "k in (a,b)", "k notin (a,b)", "k" (exists),
// "!k" (does not exist), "k>5", "k<5". As in Kubernetes, "!=" and "notin" also match objects
// without the label. Parse errors name the selector and say what was expected.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ckpt::kubeapi {

class LabelSelector {
 public:
  enum class Operator { equals, not_equals, in, not_in, exists, does_not_exist, greater_than, less_than };
  struct Requirement {
    std::string key;
    Operator op = Operator::exists;
    std::vector<std::string> values;
  };

  // "" selects everything. Errors are BadRequest api errors.
  static Result<LabelSelector> parse(std::string_view text);

  // Tests metadata.labels of a Kubernetes object.
  bool matches(const boost::json::object& object) const;
  bool empty() const { return requirements_.empty(); }
  const std::vector<Requirement>& requirements() const { return requirements_; }

 private:
  std::vector<Requirement> requirements_;
};

}  // namespace ckpt::kubeapi
