#include "kubeapi/server/label_selector.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/json_fields.hpp"

namespace ckpt::kubeapi {
namespace {

bool is_delimiter(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '(' || c == ')' || c == '=' ||
         c == '!' || c == '<' || c == '>';
}

// Splits a selector into identifiers and the operator tokens "!", "=", "==", "!=", "<",
// ">", "(", ")" and ",".
std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::size_t at = 0;
  while (at < text.size()) {
    const char c = text[at];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++at;
    } else if ((c == '=' || c == '!') && at + 1 < text.size() && text[at + 1] == '=') {
      tokens.emplace_back(text.substr(at, 2));
      at += 2;
    } else if (is_delimiter(c)) {
      tokens.emplace_back(1, c);
      ++at;
    } else {
      const std::size_t start = at;
      while (at < text.size() && !is_delimiter(text[at])) ++at;
      tokens.emplace_back(text.substr(start, at - start));
    }
  }
  return tokens;
}

bool is_operator_token(const std::string& token) {
  return token.size() <= 2 && !token.empty() && is_delimiter(token.front());
}

std::optional<long long> integer_of(std::string_view text) {
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

  Result<std::vector<LabelSelector::Requirement>> requirements() {
    std::vector<LabelSelector::Requirement> parsed;
    while (at_ < tokens_.size()) {
      auto requirement = next_requirement();
      if (!requirement) return std::move(requirement).error();
      parsed.push_back(std::move(*requirement));
      if (at_ < tokens_.size()) {
        if (tokens_[at_] != ",")
          return fail("expected ',' after a requirement, found '" + tokens_[at_] + "'");
        ++at_;
        if (at_ == tokens_.size()) return fail("expected a requirement after ','");
      }
    }
    return parsed;
  }

 private:
  Error fail(const std::string& why) const {
    return api_error(reason::kBadRequest,
                     "unable to parse requirement: label selector \"" + std::string(text_) + "\": " + why);
  }

  const std::string* peek() const { return at_ < tokens_.size() ? &tokens_[at_] : nullptr; }

  Result<std::string> identifier(std::string_view what) {
    const std::string* token = peek();
    if (!token || is_operator_token(*token)) return fail("expected " + std::string(what));
    ++at_;
    return *token;
  }

  Result<LabelSelector::Requirement> next_requirement() {
    using Op = LabelSelector::Operator;
    LabelSelector::Requirement requirement;
    if (*peek() == "!") {
      ++at_;
      auto key = identifier("a label key after '!'");
      if (!key) return std::move(key).error();
      return LabelSelector::Requirement{std::move(*key), Op::does_not_exist, {}};
    }
    auto key = identifier("a label key");
    if (!key) return std::move(key).error();
    requirement.key = std::move(*key);
    const std::string* op = peek();
    if (!op || *op == ",") {
      requirement.op = Op::exists;
      return requirement;
    }
    ++at_;
    if (*op == "=" || *op == "==" || *op == "!=") {
      requirement.op = *op == "!=" ? Op::not_equals : Op::equals;
      const std::string* value = peek();
      if (value && !is_operator_token(*value)) {
        requirement.values.push_back(*value);
        ++at_;
      } else {
        requirement.values.emplace_back();
      }
    } else if (*op == "in" || *op == "notin") {
      requirement.op = *op == "in" ? Op::in : Op::not_in;
      auto values = value_set(*op);
      if (!values) return std::move(values).error();
      requirement.values = std::move(*values);
    } else if (*op == ">" || *op == "<") {
      requirement.op = *op == ">" ? Op::greater_than : Op::less_than;
      auto value = identifier("an integer after '" + *op + "'");
      if (!value) return std::move(value).error();
      if (!integer_of(*value)) return fail("'" + *value + "' is not an integer");
      requirement.values.push_back(std::move(*value));
    } else {
      return fail("found '" + *op + "', expected one of '=', '==', '!=', 'in', 'notin', '<', '>' or ','");
    }
    return requirement;
  }

  Result<std::vector<std::string>> value_set(const std::string& op) {
    if (!peek() || *peek() != "(") return fail("expected '(' after '" + op + "'");
    ++at_;
    std::vector<std::string> values;
    while (peek() && *peek() != ")") {
      if (!values.empty()) {
        if (*peek() != ",") return fail("expected ',' or ')' in the values of '" + op + "'");
        ++at_;
      }
      auto value = identifier("a value in the set of '" + op + "'");
      if (!value) return std::move(value).error();
      values.push_back(std::move(*value));
    }
    if (!peek()) return fail("missing ')' after the values of '" + op + "'");
    ++at_;
    if (values.empty()) return fail("for 'in', 'notin' operators, values set can't be empty");
    return values;
  }

  std::string_view text_;
  std::vector<std::string> tokens_;
  std::size_t at_ = 0;
};

const boost::json::object* labels_of(const boost::json::object& object) {
  const auto* metadata = object_field(object, "metadata");
  return metadata ? object_field(*metadata, "labels") : nullptr;
}

bool holds(const LabelSelector::Requirement& requirement, const boost::json::object* labels) {
  using Op = LabelSelector::Operator;
  const boost::json::value* label = labels ? labels->if_contains(requirement.key) : nullptr;
  const std::string value = label && label->is_string() ? std::string(label->get_string()) : std::string();
  const bool listed = label && std::find(requirement.values.begin(), requirement.values.end(), value) !=
                                   requirement.values.end();
  switch (requirement.op) {
    case Op::equals:
    case Op::in: return listed;
    case Op::not_equals:
    case Op::not_in: return !listed;
    case Op::exists: return label != nullptr;
    case Op::does_not_exist: return label == nullptr;
    case Op::greater_than:
    case Op::less_than: {
      const auto actual = label ? integer_of(value) : std::nullopt;
      const auto bound = integer_of(requirement.values.front());
      if (!actual || !bound) return false;
      return requirement.op == Op::greater_than ? *actual > *bound : *actual < *bound;
    }
  }
  return false;
}

}  // namespace

Result<LabelSelector> LabelSelector::parse(std::string_view text) {
  Parser parser(text);
  auto requirements = parser.requirements();
  if (!requirements) return std::move(requirements).error();
  LabelSelector selector;
  selector.requirements_ = std::move(*requirements);
  return selector;
}

bool LabelSelector::matches(const boost::json::object& object) const {
  const auto* labels = labels_of(object);
  return std::all_of(requirements_.begin(), requirements_.end(),
                     [&](const Requirement& requirement) { return holds(requirement, labels); });
}

}  // namespace ckpt::kubeapi
