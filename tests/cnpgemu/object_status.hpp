// Writing an object's .status the way the CNPG operator does, through the test server's
// in-process store (same semantics as a merge patch of the /status subresource), and the
// status.conditions list it keeps (metav1.Condition): lastTransitionTime moves only when a
// condition's status changes, like apimachinery's SetStatusCondition.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "cnpgemu/time_text.hpp"
#include "core/result.hpp"
#include "kubeapi/server/resource_store.hpp"

namespace ckpt::cnpgemu {

struct Condition {
  std::string type;
  std::string status;  // True | False
  std::string reason;  // CamelCase, as the CRD demands
  std::string message;
};

// Not thread-safe: one writer owns one object's conditions.
class ConditionSet {
 public:
  void set(const Condition& condition, SystemTime now);
  boost::json::array to_json() const;

 private:
  struct Entry {
    Condition condition;
    SystemTime since;
  };
  std::vector<Entry> entries_;
};

// Merge-patches `status` into the object's .status. An error names the object.
Result<void> patch_status(kubeapi::ResourceStore& store, const kubeapi::ObjectRef& ref, boost::json::object status);

}  // namespace ckpt::cnpgemu
