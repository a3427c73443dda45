// ListFilter: the selectors of a list or watch request; an object passes when it matches
// both (an empty selector matches everything).
#pragma once

#include <boost/json/object.hpp>

#include "kubeapi/server/field_selector.hpp"
#include "kubeapi/server/label_selector.hpp"

namespace ckpt::kubeapi {

struct ListFilter {
  LabelSelector labels;
  FieldSelector fields;

  bool matches(const boost::json::object& object) const {
    return labels.matches(object) && fields.matches(object);
  }
};

}  // namespace ckpt::kubeapi
