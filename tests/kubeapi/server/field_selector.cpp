#include "kubeapi/server/field_selector.hpp"

#include <algorithm>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/json_fields.hpp"

namespace ckpt::kubeapi {

Result<FieldSelector> FieldSelector::parse(std::string_view text) {
  FieldSelector selector;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view term = text.substr(start, end - start);
    start = end + 1;
    if (term.empty()) continue;
    Term parsed;
    std::size_t op = term.find("!=");
    std::size_t op_length = 2;
    if (op != std::string_view::npos) {
      parsed.negated = true;
    } else if ((op = term.find("==")) == std::string_view::npos) {
      op = term.find('=');
      op_length = 1;
    }
    if (op == std::string_view::npos) {
      return api_error(reason::kBadRequest, "invalid field selector \"" + std::string(text) + "\": \"" +
                                                std::string(term) + "\" has no '=', '==' or '!='");
    }
    parsed.field = std::string(term.substr(0, op));
    parsed.value = std::string(term.substr(op + op_length));
    if (parsed.field != "metadata.name" && parsed.field != "metadata.namespace") {
      return api_error(reason::kBadRequest, "\"" + parsed.field +
                                                "\" is not a known field selector: only \"metadata.name\", "
                                                "\"metadata.namespace\"");
    }
    selector.terms_.push_back(std::move(parsed));
  }
  return selector;
}

bool FieldSelector::matches(const boost::json::object& object) const {
  return std::all_of(terms_.begin(), terms_.end(), [&](const Term& term) {
    const std::string actual =
        metadata_field(object, term.field.substr(std::string_view("metadata.").size()));
    return (actual == term.value) != term.negated;
  });
}

}  // namespace ckpt::kubeapi
