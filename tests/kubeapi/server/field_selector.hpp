// Field selectors as sent in ?fieldSelector=: comma-separated "field=value",
// "field==value" or "field!=value" terms on the fields every resource supports,
// metadata.name and metadata.namespace (client-go watches a single object with
// fieldSelector=metadata.name=<name>). Other fields are a BadRequest naming the field.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ckpt::kubeapi {

class FieldSelector {
 public:
  struct Term {
    std::string field;
    std::string value;
    bool negated = false;
  };

  static Result<FieldSelector> parse(std::string_view text);

  bool matches(const boost::json::object& object) const;
  bool empty() const { return terms_.empty(); }

 private:
  std::vector<Term> terms_;
};

}  // namespace ckpt::kubeapi
