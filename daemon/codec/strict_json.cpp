#include "codec/strict_json.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "codec/echoed_text.hpp"
#include "core/utf8.hpp"

namespace ckpt::codec {
namespace {

namespace json = boost::json;

// Boost.JSON's own value-building handler (detail::handler) plus a record of the keys of
// every open object, to refuse the second use of a key while parsing (once the value is
// built, the first use is gone), and a check of every number: Boost.JSON 1.81 reads
// "1e999" as infinity and "0e999" as NaN, which it then writes as the non-JSON words
// Infinity and NaN. A number with a fraction or an exponent is read again with
// std::from_chars, correctly rounded: Boost.JSON 1.81's own reading can be a unit in the
// last place off, so a value would not read back as it was written.
class StrictHandler {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  json::value_stack stack;

  // Why parsing stopped when the handler stopped it ("has a duplicate field 'a.b'").
  const std::optional<std::string>& problem() const { return problem_; }

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) {
    open_.emplace_back().is_object = true;
    return true;
  }
  bool on_object_end(std::size_t n, json::error_code&) {
    open_.pop_back();
    stack.push_object(n);
    return value_done();
  }
  bool on_array_begin(json::error_code&) {
    open_.emplace_back().is_object = false;
    return true;
  }
  bool on_array_end(std::size_t n, json::error_code&) {
    open_.pop_back();
    stack.push_array(n);
    return value_done();
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    key_.append(s.data(), s.size());
    stack.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
    key_.append(s.data(), s.size());
    auto& object = open_.back();
    if (!object.keys.insert(key_).second) {
      problem_ = "has a duplicate field '" + echoed(path_of(open_.size() - 1, &key_)) + "'";
      ec = json::error::syntax;  // the parser stops; problem() says why
      return false;
    }
    object.key = std::move(key_);
    key_.clear();
    stack.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    stack.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    stack.push_string(s);
    return value_done();
  }
  bool on_number_part(json::string_view s, json::error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    number_.clear();
    stack.push_int64(i);
    return value_done();
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    number_.clear();
    stack.push_uint64(u);
    return value_done();
  }
  bool on_double(double d, json::string_view s, json::error_code& ec) {
    number_.append(s.data(), s.size());
    const double exact = correctly_rounded(number_, d);
    number_.clear();
    if (!std::isfinite(d)) {
      const std::string path = path_of(open_.size(), nullptr);
      problem_ = "has a number out of range" + (path.empty() ? std::string() : " in field '" + echoed(path) + "'");
      ec = json::error::exponent_overflow;
      return false;
    }
    stack.push_double(exact);
    return value_done();
  }
  bool on_bool(bool b, json::error_code&) {
    stack.push_bool(b);
    return value_done();
  }
  bool on_null(json::error_code&) {
    stack.push_null();
    return value_done();
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  struct Container {
    bool is_object = true;
    std::unordered_set<std::string> keys;  // objects: the keys so far
    std::string key;                       // objects: the key of the value being read
    std::size_t index = 0;                 // arrays: the index of the value being read
  };

  // The number `text` correctly rounded, or Boost.JSON's reading `fallback` where
  // from_chars cannot tell (a value too small for a double).
  static double correctly_rounded(const std::string& text, double fallback) {
    double value = 0;
    const auto read = std::from_chars(text.data(), text.data() + text.size(), value);
    return read.ec == std::errc{} && read.ptr == text.data() + text.size() ? value : fallback;
  }

  // A value ended: in an array, the next one has the next index.
  bool value_done() {
    if (!open_.empty() && !open_.back().is_object) ++open_.back().index;
    return true;
  }

  // "a.b[2].c": the path through the outermost `depth` open containers, then `key`.
  std::string path_of(std::size_t depth, const std::string* key) const {
    std::string path;
    const auto add_key = [&path](const std::string& name) {
      if (!path.empty()) path += '.';
      path += name;
    };
    for (std::size_t i = 0; i < depth; ++i) {
      const auto& container = open_[i];
      if (container.is_object) {
        add_key(container.key);
      } else {
        path += '[' + std::to_string(container.index) + ']';
      }
    }
    if (key != nullptr) add_key(*key);
    return path;
  }

  std::vector<Container> open_;
  std::string key_;
  std::string number_;  // the text of the number being read
  std::optional<std::string> problem_;
};

std::string hex_byte(char byte) {
  char text[5];
  std::snprintf(text, sizeof text, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(byte)));
  return text;
}

}  // namespace

Result<json::value> parse_strict_json(std::string_view text, ErrorCode code) {
  if (const auto bad = first_invalid_utf8(text)) {
    return make_error(code, "is not valid UTF-8 (byte " + hex_byte(text[*bad]) + " at offset " + std::to_string(*bad) +
                                "); send UTF-8 text");
  }
  json::basic_parser<StrictHandler> parser{json::parse_options{}};
  parser.handler().stack.reset();
  json::error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (const auto& problem = parser.handler().problem()) return make_error(code, *problem);
  if (!ec && used < text.size()) ec = json::error::extra_data;
  if (ec) return make_error(code, "is not valid JSON: " + ec.message());
  return parser.handler().stack.release();
}

}  // namespace ckpt::codec
